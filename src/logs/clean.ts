// Line cleaning: what a person reading the log in a terminal or in the Actions UI would see.
// Kept deliberately close to the scorer's normalisation (shared/tools/eval_extract.py) so that a cleaned
// line is still recognisably the log's own line: we remove decoration, never rewrite content.

// CSI sequences, OSC sequences (ended by BEL or ST) and two-byte escapes. An OSC stops at the next ESC: scanning on
// to a BEL that never comes made an unterminated OSC repeated on one line quadratic (16 s per MB).
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g
const TRAVIS = /travis_(?:fold|time):[a-z]+:[^\s\r]*/g
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/
// `gh run view --log` prefixes every line with "job<TAB>step<TAB>" before the timestamp.
const GH_CLI = /^([^\t]*)\t([^\t]*)\t(?=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/
// Control characters that are never text (NUL, bells, backspaces...); tab and ESC are handled elsewhere.
// eslint-disable-next-line no-control-regex
const JUNK = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/g

export interface CleanLine {
  text: string
  /** The step name from a `gh run view --log` prefix, when the line had one. */
  ghStep?: string
}

/** Cleans one raw log line (without its trailing newline). */
export function cleanLine(raw: string): CleanLine {
  let line = raw
  let ghStep: string | undefined
  // The prefix's second tab is followed by the timestamp's first digit (a stack frame's leading tab is not).
  const tab = line.indexOf('\t')
  const tab2 = tab === -1 ? -1 : line.indexOf('\t', tab + 1)
  if (tab2 !== -1 && isDigit(line.charCodeAt(tab2 + 1))) {
    const m = GH_CLI.exec(line)
    if (m) {
      ghStep = m[2]
      line = line.slice(m[0].length)
    }
  }
  if (line.indexOf('\x1b') !== -1) line = line.replace(ANSI, '')
  if (line.indexOf('travis_') !== -1) line = line.replace(TRAVIS, '')
  if (line.indexOf('\r') !== -1) line = lastShownSegment(line)
  // A timestamp prefix only counts at the start of the line (after the gh prefix).
  const c0 = line.charCodeAt(0)
  if (c0 >= 48 && c0 <= 57 && line.length > 20 && line.charCodeAt(10) === 84 /* T */) {
    line = line.replace(STAMP, '')
  }
  return ghStep === undefined ? { text: line.trimEnd() } : { text: line.trimEnd(), ghStep }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** After carriage returns a terminal shows the last rewrite that printed something. */
function lastShownSegment(line: string): string {
  const parts = line.split('\r')
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]
    if (p !== undefined && p.trim() !== '') return p
  }
  return ''
}

/** Drops control characters that are never text; done only on lines that are kept (it costs). */
export function dropJunk(text: string): string {
  return text.replace(JUNK, '')
}

/** Cleaned text of a line, for callers that do not need the gh step. */
export function cleanText(raw: string): string {
  return dropJunk(cleanLine(raw).text)
}
