// Text helpers shared by the rules: turning "file before / file after" into one anchored edit, and lines.
import type { FileEdit } from '../../types.js'

/** Lines of a file with their ending kept apart, so a file can be rebuilt byte for byte. */
export function splitLines(content: string): string[] {
  if (content === '') return []
  const lines = content.split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

function occurrences(haystack: string, needle: string): number {
  const first = haystack.indexOf(needle)
  if (first < 0) return 0
  return haystack.indexOf(needle, first + 1) < 0 ? 1 : 2
}

/**
 * The smallest edit, in whole lines, that turns `before` into `after`, with an `original` that occurs exactly once
 * in `before` — the validator refuses an edit whose original is missing or ambiguous. An empty `before` means the
 * file is created (original '').
 */
export function editFor(filePath: string, before: string, after: string): FileEdit {
  if (before === '') return { file_path: filePath, original: '', replacement: after }
  let prefix = 0
  const max = Math.min(before.length, after.length)
  while (prefix < max && before[prefix] === after[prefix]) prefix++
  // Back off to the start of the line, so the edit covers whole lines.
  let start = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1
  let suffix = 0
  while (suffix < max - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) {
    suffix++
  }
  let end = before.length - suffix
  // Forward to the start of the next line.
  if (end > 0 && end < before.length && before[end - 1] !== '\n') {
    const nl = before.indexOf('\n', end)
    end = nl < 0 ? before.length : nl + 1
  }
  if (end < start) end = start
  for (;;) {
    const original = before.slice(start, end)
    if (original !== '' && occurrences(before, original) === 1) break
    if (start > 0) start = before.lastIndexOf('\n', start - 2) + 1
    else if (end < before.length) {
      const nl = before.indexOf('\n', end)
      end = nl < 0 ? before.length : nl + 1
    } else break
  }
  const tail = before.length - end
  return {
    file_path: filePath,
    original: before.slice(start, end),
    replacement: after.slice(start, after.length - tail)
  }
}

/**
 * Where a new entry goes in a list of names: before the first name that sorts after it when the list is already
 * sorted (keeping the maintainer's order), otherwise at the end. Returns the index to insert at.
 */
export function sortedInsertIndex(names: string[], name: string): number {
  const cmp = (a: string, b: string): number => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')
  const sorted = names.every((n, i) => i === 0 || cmp(names[i - 1] ?? '', n) <= 0)
  if (!sorted) return names.length
  const i = names.findIndex(n => cmp(n, name) > 0)
  return i < 0 ? names.length : i
}

/** Strips what may still sit in front of a log line: the runner's timestamp and ANSI colours. */
export function cleanLine(text: string): string {
  return (
    text
      .replace(/^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ?/, '')
      // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC.
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
  )
}

/** A log line as inline code in markdown: a longer fence when the line itself holds backticks. */
export function code(text: string): string {
  const t = text.trim()
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``
}
