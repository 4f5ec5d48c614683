// Comparison with a green run: lines that a passing run of the same job also prints are weak evidence of the
// failure (a deprecation "error" every run shows, a retried download, a flaky warning). Pure: the caller fetches
// the green log (the same job in the latest successful run of the workflow) and passes weakLines(log) to the
// extractor as its `weak` option.
import { cleanText } from './clean.js'

/** Lines of a green log considered at most; the rest is ignored (bounded memory on huge logs). */
export const MAX_GREEN_LINES = 200_000

// Run-specific parts of a line, replaced before comparing: times, hashes, temporary and absolute paths, numbers.
const STAMP = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?/g
const HEX =
  /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const DIRS = /(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+)+[\\/]/g
const NUMBER = /\d+/g
const SPACE = /\s+/g

/** A cleaned line with its run-specific parts (times, hashes, directories, numbers) replaced. */
export function normaliseLine(text: string): string {
  return text
    .replace(STAMP, 'T')
    .replace(HEX, 'H')
    .replace(DIRS, '/')
    .replace(NUMBER, '0')
    .replace(SPACE, ' ')
    .trim()
}

/** The normalised lines of a green run's log: pass it as the extractor's `weak` option. */
export function weakLines(greenLog: string, maxLines = MAX_GREEN_LINES): Set<string> {
  const out = new Set<string>()
  let start = 0
  for (let i = 0; i < maxLines && start <= greenLog.length; i++) {
    let nl = greenLog.indexOf('\n', start)
    if (nl === -1) nl = greenLog.length
    const line = normaliseLine(cleanText(greenLog.slice(start, Math.min(nl, start + 4096))))
    if (line.length > 0) out.add(line)
    start = nl + 1
  }
  return out
}
