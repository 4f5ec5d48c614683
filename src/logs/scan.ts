// The first, cheapest pass over a log: one table-driven automaton (Aho-Corasick over character classes) run on
// whole decoded chunks, marking the lines that might say something about a failure. Only those lines are cleaned
// and go through the recognisers; on a large log this pass is most of the time spent, so it does a single table
// lookup per character and allocates nothing.
//
// It must accept every line that PREFILTER (recognisers.ts) accepts once cleaned. It runs on the raw text, so it
// sees ANSI codes, timestamps and travis markers too: the words are spelled case-folded (a superset), and the
// patterns that PREFILTER anchors at the start of a line are spelled unanchored or after what may precede them.

/** Words and marks of failure, case-folded. `\n` stands for a line start, `9` for any digit, `●` for any of ●×✗✖❯✘❌. */
// prettier-ignore
const TRIGGERS = [
  'err', 'exce', 'exit', 'expected', 'example', 'fail', 'fatal', 'trace', 'timed', 'timeout', 'time out', 'abort',
  'assert', 'alloc', 'panic', 'problem', 'crash', 'canno', "can't", 'could', 'conflict', 'collect2', 'unable', 'undef',
  'unexpected', 'satisf', 'exceed', 'offense', 'requirements', 'not ', 'non-zero', 'denied', 'dump', 'refused', 'received', 'runs,', 'invalid',
  'incompat', 'missing', 'mismatch', 'maximum', 'memory', 'violat', 'broken', 'wrong', 'what went', 'segment',
  'short test summary', 'kill', 'operation was', 'the command', '##[', '::error', '●', '***', '!!', '[-]', 'file "',
  'sanitizer', 'sigsegv', 'sigabrt', 'sigbus', 'sigill', 'sigfpe', 'signal', 'double free', 'stack smashing',
  'overflow', 'no space', 'enospc', 'quota', 'emfile', 'too many open', 'rate limit', 'completed with', 'returned',
  'job failed', 'rspec ./', 'no such file', '9: c: ', '9: w: ', '9: e: ', '9: f: ', '[pipeline] sh', '[pipeline] bat', '[pipeline] powershell', '[pipeline] pwsh',
  // Not failures, but lines the extractor must read in full: a command echo (also a shell's `+ cmd` trace), an
  // Actions marker, a travis fold, the `job<TAB>step<TAB>timestamp` prefix of `gh run view --log` (a tab then a digit).
  '$ ', 'travis_fold:', '\t9', '\n+ ', '\n++ ', 'z + ', 'z ++ ',
  // Anchored in PREFILTER: a digit list item "1) ", pytest "E   ", section rules, diffs.
  '\ne  ', 'z e  ', '9me  ', '9ke  ', '___', '** ', 'diff ', '@@ ', '--- a/', '--- b/', '+++ a/', '+++ b/'
]

// `^\s*\d+\) ` (mocha, minitest): up to 8 spaces and 3 digits, after a line start, a timestamp or a colour code.
for (const pre of ['\n', 'z ', 'm'])
  for (let sp = 0; sp <= 8; sp++)
    for (const d of ['9', '99', '999']) TRIGGERS.push(pre + ' '.repeat(sp) + d + ') ')

// Character classes: 0 other, 1 newline, 2-27 letters (folded), 28 digit, 29 space, 30 the test-runner marks (as
// UTF-16 code units), then one class per punctuation mark that appears in a trigger, then one per byte of the
// marks' UTF-8 encodings (the same automaton scans decoded strings and raw bytes).
const MARKS = '●×✗✖❯✘❌'
const PUNCT = `#[]:*!-",'/+@_)$\t`
const NL = 1
const DIGIT = 28
const MARK = 30
const CLS = new Uint8Array(65536)
for (let c = 97; c <= 122; c++) CLS[c] = CLS[c - 32] = c - 95
for (let c = 48; c <= 57; c++) CLS[c] = DIGIT
CLS[10] = NL
CLS[32] = 29
for (const m of MARKS) CLS[m.charCodeAt(0)] = MARK
for (let i = 0; i < PUNCT.length; i++) CLS[PUNCT.charCodeAt(i)] = 31 + i
const BCLS = new Uint8Array(256)
BCLS.set(CLS.subarray(0, 128))
let K = 31 + PUNCT.length
const MARK_BYTES: number[][] = []
for (const m of MARKS) {
  const seq: number[] = []
  for (const b of Buffer.from(m, 'utf8')) {
    if (BCLS[b] === 0) BCLS[b] = K++
    seq.push(BCLS[b] as number)
  }
  MARK_BYTES.push(seq)
}

function classOf(ch: string): number {
  if (ch === '9') return DIGIT
  if (ch === '\n') return NL
  return CLS[ch.charCodeAt(0)] ?? 0
}

// Aho-Corasick: a trie over classes, failure links by breadth-first search, then a full transition table.
// Entries hold the next state already multiplied by K, and negated (minus one) when that state accepts, so the
// scan does one lookup, one add and one sign test per character.
const DELTA = build()
/** State (times K) after a newline: where every line starts. */
const AFTER_NL = DELTA[NL] as number

function build(): Int32Array {
  const next: number[][] = [new Array<number>(K).fill(-1)]
  const out: boolean[] = [false]
  const patterns = TRIGGERS.map(t => [...t].map(classOf)).concat(MARK_BYTES)
  for (const t of patterns) {
    let s = 0
    for (const c of t) {
      const row = next[s] as number[]
      if ((row[c] ?? -1) < 0) {
        row[c] = next.length
        next.push(new Array<number>(K).fill(-1))
        out.push(false)
      }
      s = row[c] as number
    }
    out[s] = true
  }
  const n = next.length
  const goto = new Int32Array(n * K)
  const fail = new Int32Array(n)
  const acc = new Uint8Array(n)
  const queue: number[] = []
  const root = next[0] as number[]
  for (let c = 0; c < K; c++) {
    const t = root[c] ?? -1
    goto[c] = t < 0 ? 0 : t
    if (t > 0) queue.push(t)
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi] as number
    acc[s] = out[s] || acc[fail[s] as number] === 1 ? 1 : 0
    const row = next[s] as number[]
    for (let c = 0; c < K; c++) {
      const t = row[c] ?? -1
      const viaFail = goto[(fail[s] as number) * K + c] as number
      if (t < 0) goto[s * K + c] = viaFail
      else {
        goto[s * K + c] = t
        fail[t] = viaFail
        queue.push(t)
      }
    }
  }
  const d = new Int32Array(n * K)
  for (let i = 0; i < d.length; i++) {
    const t = goto[i] as number
    d[i] = acc[t] === 1 ? -(t * K) - 1 : t * K
  }
  return d
}

/**
 * Marks the lines of s[from, to) that contain a trigger: pushes, for each such line, the position of the end of
 * its first trigger. Positions come in increasing order, at most one per line. `from` must be a line start.
 */
export function scanTriggers(s: string, from: number, to: number, hits: number[]): void {
  const d = DELTA
  const cls = CLS
  let st = AFTER_NL
  for (let i = from; i < to; i++) {
    st = d[st + (cls[s.charCodeAt(i)] as number)] as number
    if (st < 0) {
      hits.push(i)
      const nl = s.indexOf('\n', i)
      if (nl === -1 || nl >= to) return
      i = nl
      st = AFTER_NL
    }
  }
}

/**
 * scanTriggers over raw UTF-8 bytes b[from, to), which also writes the position of every newline into `ends` (as
 * long as b[from, to)) and returns how many: the caller then splits lines without a call per line.
 */
export function scanTriggerBytes(
  b: Uint8Array,
  from: number,
  to: number,
  hits: number[],
  ends: Int32Array
): number {
  const d = DELTA
  const cls = BCLS
  let st = AFTER_NL
  let k = 0
  for (let i = from; i < to; i++) {
    const c = cls[b[i] as number] as number
    if (c === NL) ends[k++] = i
    st = d[st + c] as number
    if (st < 0) {
      hits.push(i)
      const nl = b.indexOf(10, i)
      if (nl === -1 || nl >= to) return k
      ends[k++] = nl
      i = nl
      st = AFTER_NL
    }
  }
  return k
}

/** True when a single line contains a trigger. */
export function hasTrigger(line: string): boolean {
  const hits: number[] = []
  scanTriggers(line, 0, line.length, hits)
  return hits.length > 0
}
