// `--format text`: the comment as a plain terminal shows it. The comment is rendered once, as markdown, and this
// undoes the markup FixFlow's renderer writes (a small, known subset): no HTML, no fences, no escapes.
import { splitCodeSpans } from '../render/markdown.js'

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'"
}

/** Prose outside code spans: links become "text (url)", emphasis and backslash escapes go, entities are decoded. */
function plainInline(text: string): string {
  return splitCodeSpans(text)
    .map(part => {
      if (part.code) return part.text
      return part.text
        .replace(/<\/?(sub|sup|b|i|em|strong)>/g, '')
        .replace(/\[([^\]\n]*)\]\((https?:\/\/[^\s()]+)\)/g, '$1 ($2)')
        .replace(/\*\*/g, '')
        .replace(/\\([\\`*_[\]{}()#+\-.!|~<>])/g, '$1')
        .replace(/&(lt|gt|amp|quot|#39);/g, m => ENTITIES[m] ?? m)
    })
    .join('')
    .replace(/\u200b/g, '')
}

export function toPlainText(markdown: string): string {
  const out: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      // Inside a fenced block (the diff, a command): the text as it is, to copy or to pipe into git apply.
      if (line === fence) fence = undefined
      else out.push(line)
      continue
    }
    const open = /^(`{3,})[\w-]*$/.exec(line)
    if (open?.[1]) {
      fence = open[1]
      continue
    }
    if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*<\/details>\s*$/.test(line)) continue
    const summary = /^<details[^>]*><summary>(.*)<\/summary>$/.exec(line)
    if (summary) {
      out.push(plainInline(summary[1] ?? '') + ':')
      continue
    }
    const heading = /^#{1,6} (.*)$/.exec(line)
    if (heading) {
      const title = plainInline(heading[1] ?? '')
      out.push(title, '='.repeat([...title].length))
      continue
    }
    out.push(plainInline(line.replace(/ {2}$/, '')))
  }
  // Blank lines left by dropped markup collapse to one.
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * What reaches a terminal: control characters (escape sequences could rewrite the screen or the title) and bidi
 * overrides (could reorder what is shown) from logs, files or model text are shown as visible code points.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    c => `<U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? ''}>`
  )
}
