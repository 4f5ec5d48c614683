// Applies a model's search/replace edits to one file's content. Matching ignores line-ending style (a model
// always speaks LF; repositories may hold CRLF), the splice keeps the file's own bytes and style.

import type { FileEdit } from '../types.js'
import { eolOf, toEol } from './eol.js'

export type ApplyResult = { ok: true; after: string } | { ok: false; reason: string }

/**
 * Applies `edits` in order to `before` (undefined = the file does not exist yet). An edit with an empty
 * `original` appends (or creates); otherwise `original` must occur exactly once in the current content.
 * Either every edit applies or none does.
 */
export function applyEdits(before: string | undefined, edits: FileEdit[]): ApplyResult {
  let content = before
  for (const [i, edit] of edits.entries()) {
    const where = `${edit.file_path}${edits.length > 1 ? ` (edit ${i + 1})` : ''}`
    if (typeof edit.original !== 'string' || typeof edit.replacement !== 'string') {
      return { ok: false, reason: `${where}: original and replacement must be strings` }
    }
    if (edit.original === '') {
      content = content === undefined ? edit.replacement : append(content, edit.replacement)
      continue
    }
    if (content === undefined) {
      return { ok: false, reason: `${where}: file does not exist at the commit, so original must be empty` }
    }
    const result = replaceOnce(content, edit.original, edit.replacement)
    if (typeof result === 'number') {
      const found = result === 0 ? 'not found' : `found ${result} times`
      return { ok: false, reason: `${where}: original text ${found}; it must occur exactly once` }
    }
    content = result
  }
  return content === undefined
    ? { ok: false, reason: `${edits[0]?.file_path ?? 'file'}: no edits` }
    : { ok: true, after: content }
}

/** Appends on a line of its own and keeps a final newline when the file had one. */
function append(content: string, addition: string): string {
  if (addition === '') return content
  const eol = eolOf(content)
  let add = toEol(addition, eol)
  const sep = content === '' || content.endsWith('\n') ? '' : eol
  if ((content === '' || content.endsWith('\n')) && !add.endsWith('\n')) add += eol
  return content + sep + add
}

/**
 * Content with CRLF folded to LF, and for each LF-text offset the offset in the original (one extra entry for
 * the end), so a match found in LF space can be spliced into the untouched original.
 */
function normalise(text: string): { lf: string; map: number[] } {
  const map: number[] = []
  let lf = ''
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue
    map.push(text[i] === '\n' && text[i - 1] === '\r' ? i - 1 : i)
    lf += text[i]
  }
  map.push(text.length)
  return { lf, map }
}

/** The new content, or the number of matches when it is not exactly one (overlapping matches count). */
function replaceOnce(content: string, original: string, replacement: string): string | number {
  const { lf, map } = normalise(content)
  const needle = original.replace(/\r\n/g, '\n')
  let count = 0
  let at = -1
  for (let i = lf.indexOf(needle); i !== -1; i = lf.indexOf(needle, i + 1)) {
    count++
    at = i
  }
  if (count !== 1) return count
  const start = map[at] as number
  const end = map[at + needle.length] as number
  return content.slice(0, start) + toEol(replacement, eolOf(content)) + content.slice(end)
}
