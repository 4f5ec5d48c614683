// Just enough TOML to add one entry to a dependency list in pyproject.toml without reformatting the file. The file is
// never parsed and re-serialised: lines are inserted where a maintainer would type them.
import { sortedInsertIndex, splitLines } from './text.js'
import { eolOf } from '../../patch/eol.js'

/** Line range [start, end) of a table's body: the lines after `[name]` up to the next table header. */
export function tableRange(lines: string[], name: string): { start: number; end: number } | undefined {
  const header = lines.findIndex(l => l.trim() === `[${name}]` || l.trim().startsWith(`[${name}] `))
  if (header < 0) return undefined
  let end = header + 1
  while (end < lines.length && !/^\s*\[/.test(lines[end] ?? '')) end++
  return { start: header + 1, end }
}

function keyLine(lines: string[], range: { start: number; end: number }, key: string): number {
  const re = new RegExp(`^\\s*"?${key.replace(/[.-]/g, m => `\\${m}`)}"?\\s*=`)
  for (let i = range.start; i < range.end; i++) if (re.test(lines[i] ?? '')) return i
  return -1
}

/** Names of the strings of a TOML array text (`"pandas>=2", 'numpy'` -> ['pandas>=2', 'numpy']). */
function arrayStrings(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map(m => m[1] ?? m[2] ?? '')
}

/** Index just after the `]` closing the array that opens at `open` (quotes and comments respected). */
function closingBracket(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1)
      if (close < 0) return -1
      i = close
    } else if (c === '#') {
      const nl = text.indexOf('\n', i)
      if (nl < 0) return -1
      i = nl
    } else if (c === '[') depth++
    else if (c === ']') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return -1
}

export interface TomlArray {
  /** Strings already in the array. */
  items: string[]
  /** The file with `item` added to the array. */
  add(item: string, requirementName: (s: string) => string): string
}

/**
 * The array `key = [...]` inside table `table`, or undefined when the file has no such key. Adding keeps the array's
 * layout: one item per line stays so (with the same indentation, quote and trailing comma), an inline array stays
 * inline. Items are inserted in order when the array is sorted, appended otherwise.
 */
export function tomlArray(content: string, table: string, key: string): TomlArray | undefined {
  const lines = splitLines(content)
  const range = tableRange(lines, table)
  if (range === undefined) return undefined
  const at = keyLine(lines, range, key)
  if (at < 0) return undefined
  const eol = eolOf(content)
  const lineStarts: number[] = []
  let pos = 0
  for (const l of lines) {
    lineStarts.push(pos)
    pos += l.length + eol.length
  }
  const keyStart = lineStarts[at] ?? 0
  const open = content.indexOf('[', content.indexOf('=', keyStart))
  const close = closingBracket(content, open)
  if (open < 0 || close < 0) return undefined
  const body = content.slice(open + 1, close - 1)
  const items = arrayStrings(body)
  const quote = /^\s*'/.test(body.replace(/#.*$/gm, '').trim()) ? "'" : '"'
  return {
    items,
    add(item: string, requirementName: (s: string) => string): string {
      const literal = `${quote}${item}${quote}`
      if (!body.includes('\n')) {
        // Inline array: `["a", "b"]` -> `["a", "b", "c"]`.
        const trimmed = body.trimEnd()
        const inner = trimmed.trim() === '' ? literal : `${trimmed.replace(/,\s*$/, '')}, ${literal}`
        return content.slice(0, open + 1) + inner + content.slice(close - 1)
      }
      // One item per line: find the lines that hold an item.
      const first = lines.findIndex((_, i) => (lineStarts[i] ?? 0) > open)
      const itemLines: number[] = []
      for (let i = first; i >= 0 && i < lines.length && (lineStarts[i] ?? 0) < close - 1; i++) {
        if (/^\s*["']/.test(lines[i] ?? '')) itemLines.push(i)
      }
      const names = itemLines.map(i => requirementName(arrayStrings(lines[i] ?? '')[0] ?? ''))
      const idx = sortedInsertIndex(names, requirementName(item))
      const out = [...lines]
      if (itemLines.length === 0) {
        out.splice(first, 0, `    ${literal},`)
      } else if (idx < itemLines.length) {
        const before = itemLines[idx] ?? first
        const indent = /^\s*/.exec(lines[before] ?? '')?.[0] ?? '    '
        out.splice(before, 0, `${indent}${literal},`)
      } else {
        const last = itemLines[itemLines.length - 1] ?? first
        const lastText = lines[last] ?? ''
        const indent = /^\s*/.exec(lastText)?.[0] ?? '    '
        const trailing = /,\s*(#.*)?$/.test(lastText)
        if (!trailing) out[last] = lastText.replace(/(["'])(\s*(#.*)?)$/, '$1,$2')
        out.splice(last + 1, 0, `${indent}${literal}${trailing ? ',' : ''}`)
      }
      return out.join(eol) + (content.endsWith('\n') ? eol : '')
    }
  }
}

/** Keys of a table of `name = ...` lines (poetry dependencies), or undefined when there is no such table. */
export function tomlTableKeys(content: string, table: string): string[] | undefined {
  const lines = splitLines(content)
  const range = tableRange(lines, table)
  if (range === undefined) return undefined
  const keys: string[] = []
  for (let i = range.start; i < range.end; i++) {
    const m = /^\s*"?([A-Za-z0-9][A-Za-z0-9._-]*)"?\s*=/.exec(lines[i] ?? '')
    if (m?.[1] !== undefined) keys.push(m[1])
  }
  return keys
}

/** The file with `line` added after the last key line of `table`. */
export function addTableLine(content: string, table: string, line: string): string | undefined {
  const lines = splitLines(content)
  const range = tableRange(lines, table)
  if (range === undefined) return undefined
  let last = range.start - 1
  for (let i = range.start; i < range.end; i++) if (/^\s*[^#\s]/.test(lines[i] ?? '')) last = i
  const eol = eolOf(content)
  const out = [...lines]
  out.splice(last + 1, 0, line)
  return out.join(eol) + (content.endsWith('\n') ? eol : '')
}
