// The `root-cause` output: one paragraph of plain text for scripts (a step summary, a chat message, a PR title),
// so nothing a shell or another renderer would read as markup: no code-span backticks, no line breaks.
import { splitCodeSpans } from './markdown.js'

/**
 * `text` (a rules root cause with its `code` spans, or a model's raw prose) as one line of plain words: code spans
 * keep their content without backticks, line breaks and runs of whitespace become one space, and control characters
 * and bidi overrides are dropped (scripts print outputs; an escape sequence there reaches a terminal).
 */
export function plainParagraph(text: string): string {
  return splitCodeSpans(text, false)
    .map(part => part.text)
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
}
