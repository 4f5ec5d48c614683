// The streaming failure-block extractor: reads a log once, line by line, and keeps only what candidate blocks
// need (a short ring of recent lines for context, and a bounded set of scored candidate blocks).
// At the end it ranks the candidates, mostly by what they say and by whether they sit in the command or
// step that failed, and fits the best ones to the token budget.
import type { Extraction, FailureBlock, LogLine } from '../types.js'
import { cleanLine, dropJunk } from './clean.js'
import { normaliseLine } from './green.js'
import { LineSplitter, MAX_LINE_CHARS } from './lines.js'
import {
  classify,
  commandStart,
  tracedCommand,
  tracesCommands,
  exitHalf,
  exitRest,
  isContinuation,
  isFrame,
  isPassLine,
  type LineInfo
} from './recognisers.js'
import { hasTrigger, scanTriggerBytes, scanTriggers } from './scan.js'

export interface ExtractOptions {
  /** Budget for all block lines together, in tokens (chars / 4). Default 4000. */
  maxTokens?: number
  /**
   * Lines a green run of the same job also printed, normalised (green.ts: weakLines): weak evidence, so they score
   * a fraction of their worth and open no report. Exit lines keep their weight.
   */
  weak?: ReadonlySet<string>
}

export const DEFAULT_MAX_TOKENS = 4000
/** Longest cleaned line kept in a block; a longer line is kept as its prefix (a data dump is not a reason). */
export const MAX_KEPT_CHARS = 3000

const RING = 48 // recent non-empty lines kept for context before a block
const PRE_CONTEXT = 5 // lines shown before an ordinary block
const EXIT_CONTEXT = 12 // lines shown before a failed command's exit line: its last output
const POST_CONTEXT = 4 // lines kept after a block's last hit
const GAP = 4 // non-matching lines after which a block closes
const OPEN_GAP = 60 // the same inside a structured report (traceback, FAILURES section...)
const MAX_CONTINUATION = 40 // indented detail and lists that follow a hit
const MAX_FRAMES = 200 // consecutive stack trace lines that continue a block
const MAX_BLOCK_LINES = 300 // a longer run is split into several candidates
const MAX_CANDIDATES = 400 // candidates kept; beyond this the weakest go
const NEAR_EXIT_BONUS = 8 // for the last candidates before a failed command's exit
const SOFT_TOKENS = 1000 // blocks beyond the best one are added up to this many tokens...
const CLOSE_TOKENS = 3800 // ...or up to this many when they score at least CLOSE_RATIO of the best one
const CLOSE_RATIO = 0.4
const SIZE_W = 2 // rank penalty per doubling of a candidate beyond 2,000 tokens
const MIN_OPEN_SCORE = 2 // weakest line that opens a block on its own
const CASCADE_MIN = 3 // candidates of one recogniser in one segment that make a cascade
const SCAN_WINDOW = 1 << 16 // bytes scanned at once (newline table of 256 KB)
const REMEMBERED = 4096 // classified line texts remembered (a power of two)
const HEAD_LOOKBACK = 16 // how far above a block's first hit its header may sit
const PART_MIN_TOKENS = 100
const MAX_STEPS = 1000 // Actions steps whose Run line is remembered
const MAX_RUN_CHARS = 300 // of a Run line shown above its step's failure
const SEEN_SET_LINES = 24 // lines of a candidate from which repeats are looked up in a set
const WEAK_FACTOR = 0.25 // what a line also printed by a green run is worth // smallest rest of a budget worth showing the start of one more block in

interface Kept {
  n: number
  text: string
  score: number
  /** The fold marker: it names the line before it, so it is never shown without it. */
  mark?: true
}

interface Candidate {
  kind: string
  kindScore: number
  step?: string
  segment: number
  lines: Kept[]
  /** Line number of the last line that scored. */
  lastHit: number
  /** Non-scoring lines since the last hit. */
  idle: number
  opens: boolean
  hasExit: boolean
  /** A failed command's output above the block's context, newest first: what is left of the budget shows it. */
  fill?: Kept[]
  /** Texts of the lines kept, while the block is open. */
  seen?: Set<string>
  /** The last line of an earlier block when this one started: its context and fill stay after it. */
  floor?: number
  /** Lines not kept because the same text already is. */
  folded: number
  /** Consecutive stack trace lines just added. */
  frames: number
  /** A line other than an exit line says something (scores at least MIN_OPEN_SCORE). */
  says: boolean
  sum: number
  max: number
  chars: number
}

const NONE: LineInfo = { score: 0, kind: 'score', exit: false, opens: false }
/** The code half of a split exit line: the two halves make one exit line. */
const SPLIT_EXIT: LineInfo = { score: 6, kind: 'exit-code', exit: true, opens: false }
const INF = Number.MAX_SAFE_INTEGER
const tokensOf = (chars: number): number => Math.ceil(chars / 4)
const lineChars = (l: LogLine): number => l.text.length + 1

export class FailureExtractor {
  private readonly maxTokens: number
  private readonly weak: ReadonlySet<string> | undefined
  private readonly splitter: LineSplitter
  private n = 0
  // Recent lines, for context: line number, text, and whether the text is still raw (cleaned only when used).
  private readonly ringN = new Float64Array(RING)
  private readonly ringText: string[] = new Array<string>(RING).fill('')
  /** For a raw line: its span in ringText (a whole chunk) or in ringBuf; cleaned lines have ringEnd -1. */
  private readonly ringBuf: (Buffer | null)[] = new Array<Buffer | null>(RING).fill(null)
  private readonly ringStart = new Int32Array(RING)
  private readonly ringEnd = new Int32Array(RING)
  private ringPos = 0
  private readonly hits: number[] = []
  /** Newline positions of the chunk being read (runBytes), reused. */
  private readonly ends = new Int32Array(SCAN_WINDOW + 1)
  /** Inside a CI system's own setup section (Travis worker and system information). */
  private setup = false
  /** The shell traces the commands it runs (`+ cmd`): each one starts a segment. */
  private xtrace = false
  /** The last line was the first half of a split exit line: the next one takes the full path. */
  private half = false
  /** Ring entries up to this line number hold their own copies. */
  private ringDetached = 0
  private open: Candidate | undefined
  private lastKeptN = 0
  private candidates: Candidate[] = []
  private segment = 0
  /** First line of the current command segment: context never reaches back past it. */
  private segmentStart = 0
  private readonly failedSegments = new Set<number>()
  private step: string | undefined
  private failedStep: string | undefined
  /** The `##[group]Run ...` line of each Actions step, by segment. */
  private readonly runLines = new Map<number, Kept>()
  private ended: Extraction | undefined
  private readonly seenText: string[] = new Array<string>(REMEMBERED).fill('')
  private readonly seenInfo: LineInfo[] = new Array<LineInfo>(REMEMBERED).fill(NONE)

  constructor(opts: ExtractOptions = {}) {
    const max = opts.maxTokens ?? DEFAULT_MAX_TOKENS
    this.maxTokens = Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_MAX_TOKENS
    this.weak = opts.weak
    this.splitter = new LineSplitter(
      raw => {
        const line = flat(raw)
        this.line(line, hasTrigger(line))
      },
      (s, from, to) => this.run(s, from, to),
      (b, from, to) => this.runBytes(b, from, to)
    )
  }

  push(chunk: string | Buffer): void {
    if (this.ended) throw new Error('FailureExtractor: push() after end()')
    this.splitter.push(chunk)
  }

  end(): Extraction {
    if (this.ended) return this.ended
    this.splitter.end()
    this.close()
    this.ended = this.select()
    return this.ended
  }

  /**
   * The lines s[from, to) of one chunk. Most lines of a log say nothing and open no block: for them only the
   * line number and the raw text (cleaned later if it becomes context) are kept. Lines with a trigger (scan.ts:
   * failure words, and also command echoes, Actions markers, travis folds and `gh` step prefixes) and lines inside
   * an open block take the full path.
   */
  private run(s: string, from: number, to: number): void {
    const hits = this.hits
    hits.length = 0
    scanTriggers(s, from, to, hits)
    let h = 0
    let p = from
    while (p < to) {
      const nl = s.indexOf('\n', p)
      const end = nl - p > MAX_LINE_CHARS ? p + MAX_LINE_CHARS : nl
      while (h < hits.length && (hits[h] as number) < p) h++
      const hit = h < hits.length && (hits[h] as number) < nl
      if (hit || this.open !== undefined || this.half) {
        // A copy: a slice would keep the whole chunk alive in whatever keeps the line.
        this.line(flat(s.slice(p, end)), hit)
      } else {
        const n = ++this.n
        if (!blank(s, p, nl)) this.rememberRaw(n, s, p, end)
      }
      p = nl + 1
    }
    this.detachRing()
  }

  /** The same as run(), on the raw bytes of a Buffer chunk: only the lines that take the full path are decoded. */
  private runBytes(b: Buffer, from: number, to: number): void {
    // In windows of whole lines, so that the newline table stays small whatever a caller pushes at once.
    for (let w = from; w < to;) {
      let e = to
      if (to - w > SCAN_WINDOW) {
        const nl = b.lastIndexOf(10, w + SCAN_WINDOW - 1)
        e = nl >= w ? nl + 1 : b.indexOf(10, w + SCAN_WINDOW) + 1
      }
      this.scanWindow(b, w, e)
      w = e
    }
    this.detachRing(b)
  }

  /** runBytes on b[from, to), at most SCAN_WINDOW bytes of lines and the one line that crosses its end. */
  private scanWindow(b: Buffer, from: number, to: number): void {
    const hits = this.hits
    hits.length = 0
    const ends = this.ends
    const lines = scanTriggerBytes(b, from, to, hits, ends)
    let h = 0
    let p = from
    for (let k = 0; k < lines; k++) {
      const nl = ends[k] as number
      // A line longer than MAX_LINE_CHARS bytes may still be shorter in characters: decoded now and cut as a string
      // chunk's line is, so that bytes and strings give the same lines.
      const long = nl - p > MAX_LINE_CHARS ? longLine(b, p, nl) : undefined
      while (h < hits.length && (hits[h] as number) < p) h++
      const hit = h < hits.length && (hits[h] as number) < nl
      if (hit || this.open !== undefined || this.half) {
        this.line(long ?? b.toString('utf8', p, nl), hit)
      } else {
        const n = ++this.n
        if (!blankBytes(b, p, nl)) {
          if (long === undefined) this.rememberBytes(n, b, p, nl)
          else this.rememberRaw(n, long, 0, long.length)
        }
      }
      p = nl + 1
    }
  }

  /** Copies the recent lines still pointing into the chunk, so that the chunk itself can be collected young. */
  private detachRing(chunk?: Buffer): void {
    // Raw bytes of this chunk: one copy of the span they cover (the chunk's last lines), not one per line.
    let lo = INF
    let hi = -1
    for (let j = 0; j < RING; j++) {
      if (chunk === undefined || this.ringBuf[j] !== chunk) continue
      lo = Math.min(lo, this.ringStart[j] as number)
      hi = Math.max(hi, this.ringEnd[j] as number)
    }
    const copy = chunk !== undefined && hi >= 0 ? Buffer.from(chunk.subarray(lo, hi)) : undefined
    for (let j = 0; j < RING; j++) {
      const n = this.ringN[j] as number
      if (n <= this.ringDetached) continue
      const rawEnd = this.ringEnd[j] as number
      if (this.ringBuf[j] !== null) {
        if (copy !== undefined && this.ringBuf[j] === chunk) {
          this.ringBuf[j] = copy
          this.ringStart[j] = (this.ringStart[j] as number) - lo
          this.ringEnd[j] = rawEnd - lo
        }
      } else if (rawEnd >= 0) {
        const text = flat((this.ringText[j] as string).slice(this.ringStart[j], rawEnd))
        this.ringText[j] = text
        this.ringStart[j] = 0
        this.ringEnd[j] = text.length
      } else this.ringText[j] = flat(this.ringText[j] as string)
    }
    this.ringDetached = this.n
  }

  private line(raw: string, trigger: boolean): void {
    let hit = trigger
    if (raw.indexOf('travis_fold:') !== -1) {
      const m = SETUP_FOLD.exec(raw)
      if (m) this.setup = m[1] === 'start'
    }
    if (this.setup) hit = false
    const n = ++this.n
    const cl = cleanLine(raw)
    let text = own(cl.text, raw)
    if (cl.ghStep !== undefined && cl.ghStep !== this.step) {
      this.step = flat(cl.ghStep)
      this.newSegment(n)
    }
    if (text.length === 0) return
    // Actions workflow commands that only structure the log are not shown.
    if (text.startsWith('##[')) {
      if (text.startsWith('##[group]')) {
        if (text.startsWith('##[group]Run ') && cl.ghStep === undefined)
          this.step = flat(text.slice(13, 13 + MAX_RUN_CHARS))
        if (commandStart(text)) {
          this.newSegment(n + 1)
          // Each step runs its own shell: traced only if this one turns tracing on.
          this.xtrace = tracesCommands(text)
          // The step's command, shown above the failure when this step fails, as the Actions UI shows it.
          if (this.runLines.size < MAX_STEPS)
            this.runLines.set(this.segment, { n, text: flat(text.slice(9, 9 + MAX_RUN_CHARS)), score: 0 })
        }
        this.close()
        return
      }
      if (text.startsWith('##[endgroup]')) return
    }
    // A copy of the part kept: the line it is cut from may be 64 K characters.
    if (text.length > MAX_KEPT_CHARS) text = flat(text.slice(0, MAX_KEPT_CHARS))
    if (commandStart(text)) {
      this.close()
      this.newSegment(n)
      // A Jenkins build step (`[job] $ /bin/sh -xe ...`) runs a new shell; Travis's `$ cmd` lines share one.
      if (text.charCodeAt(0) === 91 /* [ */) this.xtrace = tracesCommands(text)
      else if (tracesCommands(text)) this.xtrace = true
    } else if (this.xtrace && tracedCommand(text) && this.open?.kind !== 'diff') {
      // With the shell's trace on, each traced command starts a segment as an echo does (not inside a diff,
      // whose added lines may look the same).
      this.close()
      this.newSegment(n)
    }
    let info = hit ? this.classify(text) : NONE
    if (this.half && exitRest(text)) info = SPLIT_EXIT
    else if (info.score > 0 && !info.exit && this.weak?.has(normaliseLine(text)) === true)
      info = { ...info, score: info.score * WEAK_FACTOR, opens: false }
    this.half = hit && exitHalf(text)
    const kept: Kept = { n, text, score: info.score }
    if (info.exit || (info.kind === 'gh-error' && /exit code [1-9]/.test(text))) {
      this.failedSegments.add(this.segment)
      if (this.failedStep === undefined && this.step !== undefined) this.failedStep = this.step
    }
    const open = this.open
    if (open) {
      // Indented detail, stack frames and list items go on with what the block reported.
      // A stack trace goes on as long as its frames follow one another (a JUnit 5 trace has some 80), up to a bound.
      const frame = isFrame(text)
      const detail =
        info.score === 0 &&
        ((open.idle < MAX_CONTINUATION && isContinuation(text)) ||
          (frame && open.frames > 0 && open.frames < MAX_FRAMES)) &&
        !isPassLine(text)
      open.frames = frame ? open.frames + 1 : 0
      const cont = info.score > 0 || detail || open.idle < (open.opens ? OPEN_GAP : GAP)
      if (cont && open.lines.length + open.folded < MAX_BLOCK_LINES) {
        // The exit line of the command whose output this block reports: what the command printed before the block
        // (as far as the recent lines reach) may fill what the budget leaves, as for a block the exit line opens.
        if (info.exit && open.fill === undefined && open.lines[0] !== undefined)
          open.fill = this.fillOf(this.recent(RING, true, open.lines[0].n, open.floor))
        this.add(open, kept, info.kind, info.opens, info.exit)
        if (detail) {
          open.lastHit = n
          if (open.opens) open.idle = 0
        }
        this.remember(kept)
        return
      }
      this.close()
    }
    if (info.score >= MIN_OPEN_SCORE || info.exit) {
      const c = this.start(info.exit || info.summary === true ? EXIT_CONTEXT : PRE_CONTEXT, info.exit)
      this.add(c, kept, info.kind, info.opens, info.exit)
      this.open = c
    }
    this.remember(kept)
  }

  /**
   * classify(), remembered for recent texts: logs repeat their lines (retries, progress, the same warning), and
   * classifying is most of the cost of a line that has a trigger. A direct-mapped table indexed by a hash of the text
   * (at most MAX_KEPT_CHARS): unlike a Map, it allocates nothing per lookup and does not make V8 grow the young
   * generation (a Map here cost 80 MB of peak RSS on the 350 MB benchmark log).
   */
  private classify(text: string): LineInfo {
    // Hashed on its length and its first and last 32 characters: similar lines may share a slot, equal ones always do.
    const len = text.length
    let h = len
    const head = len < 64 ? len : 32
    for (let i = 0; i < head; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
    for (let i = len < 64 ? len : len - 32; i < len; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
    const slot = (h ^ (h >>> 13)) & (REMEMBERED - 1)
    if (this.seenText[slot] === text) return this.seenInfo[slot] as LineInfo
    const info = classify(text)
    this.seenText[slot] = text
    this.seenInfo[slot] = info
    return info
  }

  private newSegment(first: number): void {
    this.segment++
    this.segmentStart = first
  }

  private remember(k: Kept): void {
    this.ringN[this.ringPos] = k.n
    this.ringText[this.ringPos] = k.text
    this.ringBuf[this.ringPos] = null
    this.ringEnd[this.ringPos] = -1
    this.ringPos = (this.ringPos + 1) % RING
  }

  private rememberBytes(n: number, b: Buffer, start: number, end: number): void {
    const i = this.ringPos
    this.ringN[i] = n
    this.ringBuf[i] = b
    this.ringStart[i] = start
    this.ringEnd[i] = end
    this.ringPos = i + 1 === RING ? 0 : i + 1
  }

  private rememberRaw(n: number, s: string, start: number, end: number): void {
    const i = this.ringPos
    this.ringN[i] = n
    this.ringText[i] = s
    this.ringBuf[i] = null
    this.ringStart[i] = start
    this.ringEnd[i] = end
    this.ringPos = i + 1 === RING ? 0 : i + 1
  }

  /**
   * Up to `max` recent non-empty lines before line `below`, newest first; `free` stops at lines of another block
   * (up to line `floor`) or of another command.
   */
  private recent(max: number, free: boolean, below = INF, floor = this.lastKeptN): Kept[] {
    const pre: Kept[] = []
    for (let i = 1; i <= RING && pre.length < max; i++) {
      const j = (this.ringPos - i + RING) % RING
      const n = this.ringN[j] as number
      if (n >= below) continue
      if (n === 0 || (free && (n <= floor || n < this.segmentStart))) break
      let text = this.ringText[j] as string
      const rawEnd = this.ringEnd[j] as number
      if (rawEnd >= 0) {
        // A raw line: clean it now, as the full path would have.
        const buf = this.ringBuf[j]
        const raw = buf
          ? buf.toString('utf8', this.ringStart[j], rawEnd)
          : flat(text.slice(this.ringStart[j], rawEnd))
        text = own(cleanLine(raw).text, raw)
        if (text.length > MAX_KEPT_CHARS) text = flat(text.slice(0, MAX_KEPT_CHARS))
        if (text.length === 0 || text.startsWith('##[')) continue
      }
      pre.push({ n, text, score: 0 })
    }
    return pre
  }

  /** Nothing recognised: the log's last lines are the best guess (they stay within the budget in fit()). */
  private tail(): Candidate | undefined {
    const lines = this.recent(RING, false).reverse()
    const last = lines[lines.length - 1]
    if (last === undefined) return undefined
    const c = this.empty()
    c.kind = 'tail'
    for (const k of lines) this.add(c, k, 'tail', false, false)
    // fit() keeps what fits before the strongest line: make it the last one.
    last.score = 1
    c.max = 1
    return c
  }

  private empty(): Candidate {
    const c: Candidate = {
      kind: 'score',
      kindScore: 0,
      segment: this.segment,
      lines: [],
      lastHit: 0,
      idle: 0,
      opens: false,
      hasExit: false,
      says: false,
      folded: 0,
      frames: 0,
      sum: 0,
      max: 0,
      chars: 0
    }
    if (this.step !== undefined) c.step = this.step
    return c
  }

  private start(context: number, exit = false): Candidate {
    let pre = this.recent(exit ? RING : HEAD_LOOKBACK, true)
    // Reports start with a header ("N problems:", "Issues:", "... appears to be used:") some lines above the first
    // line that says failure: reach back to the nearest one, else keep the usual context.
    let keep = Math.min(context, pre.length)
    for (let i = context; i < pre.length; i++) {
      if (isHeader((pre[i] as Kept).text)) {
        keep = i + 1
        break
      }
    }
    const c = this.empty()
    c.floor = this.lastKeptN
    // A failed command's earlier output: shown, nearest the exit first, if the budget has room at the end.
    if (exit && keep < pre.length) c.fill = this.fillOf(pre.slice(keep))
    pre = pre.slice(0, keep).reverse()
    for (const k of pre) this.add(c, { n: k.n, text: k.text, score: 0 }, 'score', false, false)
    return c
  }

  /** Earlier output of a failed command, nearest its exit first, without what a green run also printed. */
  private fillOf(pre: Kept[]): Kept[] {
    const weak = this.weak
    const out: Kept[] = []
    for (const k of pre)
      if (weak === undefined || !weak.has(normaliseLine(k.text)))
        out.push({ n: k.n, text: dropJunk(k.text), score: 0 })
    return out
  }

  private add(c: Candidate, k: Kept, kind: string, opens: boolean, exit: boolean): void {
    // Texts reach here as copies or as parts of one decoded line (line(), recent()), never as slices of a chunk.
    k.text = dropJunk(k.text)
    this.lastKeptN = k.n
    // Each line once: fifty failures with the same frames fit (a marker at the end says how many were folded).
    if (this.repeated(c, k.text)) c.folded++
    else {
      c.seen?.add(k.text)
      c.lines.push(k)
      c.chars += k.text.length + 1
    }
    if (k.score > 0) {
      c.lastHit = k.n
      c.idle = 0
      c.sum += k.score
      if (k.score > c.max) c.max = k.score
      // The block is named after its strongest specific recogniser.
      if (kind !== 'score' && kind !== 'exit-code' && k.score > c.kindScore) {
        c.kind = kind
        c.kindScore = k.score
      } else if (c.kindScore === 0 && kind === 'exit-code') c.kind = kind
    } else c.idle++
    if (opens) c.opens = true
    if (exit) c.hasExit = true
    // Exit lines and the build's closing status ("Done. Your build exited with 1", "Finished: FAILURE") say that
    // something failed, not what.
    else if (k.score >= MIN_OPEN_SCORE && kind !== 'exit-code') c.says = true
  }

  /** The candidate already holds this text (a set once it is long enough to be worth one). */
  private repeated(c: Candidate, text: string): boolean {
    if (c.seen !== undefined) return c.seen.has(text)
    const lines = c.lines
    for (let i = 0; i < lines.length; i++) if ((lines[i] as Kept).text === text) return true
    if (lines.length >= SEEN_SET_LINES) c.seen = new Set(lines.map(l => l.text))
    return false
  }

  private close(): void {
    const c = this.open
    if (!c) return
    this.open = undefined
    // Drop trailing lines that only waited for more; keep a few as context.
    let end = c.lines.length
    let after = 0
    for (const l of c.lines) if (l.n > c.lastHit) after++
    while (end > 1 && after > POST_CONTEXT) {
      end--
      after--
    }
    if (end < c.lines.length) {
      c.lines.length = end
      c.chars = c.lines.reduce((s, l) => s + l.text.length + 1, 0)
      // The dropped lines are free again: the next block may take them as its context (often its header).
      this.lastKeptN = c.lines[end - 1]?.n ?? this.lastKeptN
    }
    delete c.seen
    if (c.max === 0) return
    const last = c.lines[c.lines.length - 1]
    if (c.folded > 0 && last !== undefined) {
      const text = foldMark(c.folded)
      c.lines.push({ n: last.n, text, score: 0, mark: true })
      c.chars += text.length + 1
    }
    this.candidates.push(c)
    if (this.candidates.length > MAX_CANDIDATES) {
      // Keep the strongest by what they say, and the most recent (failures tend to be near the end).
      const recent = this.candidates.slice(-MAX_CANDIDATES / 4)
      const rest = this.candidates.slice(0, -MAX_CANDIDATES / 4)
      rest.sort((a, b) => intrinsic(b) - intrinsic(a))
      this.candidates = rest
        .slice(0, MAX_CANDIDATES / 2)
        .concat(recent)
        .sort((a, b) => (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0))
    }
  }

  private select(): Extraction {
    const total = this.n
    if (this.candidates.length === 0) {
      const t = this.tail()
      if (t) this.candidates.push(t)
    }
    const failed = this.failedSegments
    // A failed command that printed nothing but its exit line (a grep over the previous command's report, a script's
    // `+ exit 1` after the command that failed) is explained by the nearest command before it that said something.
    const saying = new Set(this.candidates.filter(c => c.says).map(c => c.segment))
    for (const f of [...failed]) {
      if (saying.has(f) || f <= 1) continue
      let before = -1
      for (const s of saying) if (s < f && s > before) before = s
      failed.add(before >= 0 ? before : f - 1)
    }
    const anyFailed = failed.size > 0
    // Rank of each candidate from the end of its command segment: the last output before a failed
    // command's exit line most often explains it.
    const fromEnd = new Map<Candidate, number>()
    const perSegment = new Map<number, number>()
    for (let i = this.candidates.length - 1; i >= 0; i--) {
      const c = this.candidates[i]
      if (!c) continue
      const r = perSegment.get(c.segment) ?? 0
      fromEnd.set(c, r)
      perSegment.set(c.segment, r + 1)
    }
    const cascade = cascades(this.candidates)
    const scored = this.candidates.map(c => {
      let s = intrinsic(c)
      if (this.failedSegments.has(c.segment)) s += NEAR_EXIT_BONUS * 0.5 ** (fromEnd.get(c) ?? 0)
      if (anyFailed) s *= this.failedSegments.has(c.segment) ? 2 : 0.6
      if (c.hasExit) s += 4
      // A candidate far larger than the budget is mostly not the explanation (a warnings summary, a data dump).
      s -= SIZE_W * Math.max(0, Math.log2(tokensOf(c.chars) / 2000))
      // Later blocks are more often the cause; earlier ones are often warnings the build survived.
      s += 3 * ((c.lines[c.lines.length - 1]?.n ?? 0) / Math.max(1, total))
      return { c, s }
    })
    // The first failure of a cascade stands for all of it: it ranks as its best member, the rest follow as headlines.
    const leadScore = new Map<Candidate, number>()
    for (const { c, s } of scored) {
      const lead = cascade.get(c)
      if (lead !== undefined) leadScore.set(lead, Math.max(leadScore.get(lead) ?? -INF, s))
    }
    for (const x of scored) {
      const b = leadScore.get(x.c)
      if (b !== undefined) x.s = b + 0.01
    }
    scored.sort((a, b) => b.s - a.s)
    // Most failures are explained in far fewer tokens than the hard budget: stop adding blocks at a softer one.
    // How soft depends on how sure the ranking is: candidates that score close to the best one may well be the
    // failure, so they may use more of the budget than the rest.
    const soft = Math.min(this.maxTokens, SOFT_TOKENS)
    const close = Math.min(this.maxTokens, CLOSE_TOKENS)
    const best = scored[0]?.s ?? 0
    const chosen: Candidate[] = []
    let used = 0
    // A retried command prints the same failure again: one copy is enough.
    const seen = new Set<string>()
    let skipped: Candidate | undefined
    for (const { c, s } of scored) {
      const key = c.lines.map(l => l.text).join('\n')
      if (seen.has(key)) continue
      seen.add(key)
      const t = tokensOf(c.chars)
      if (chosen.length === 0) {
        chosen.push(c)
        used += Math.min(t, this.maxTokens)
        continue
      }
      const limit = s >= CLOSE_RATIO * best ? close : soft
      if (used + t > limit) {
        // A later failure of a cascade that does not fit is still named by its headline.
        const lead = cascade.get(c)
        if (lead !== undefined && lead !== c) {
          const line = headline(c)
          if (used + tokensOf(line.chars) <= limit) {
            chosen.push(line)
            used += tokensOf(line.chars)
          }
          continue
        }
        // What is left of the soft budget still shows the start of the next block, where its report begins (a test
        // suite's first failure whose detail runs long). Blocks that score close to the best one may use the larger
        // budget: the best of them that did not fit gets what is left of it, once all others are in.
        const part = limit === soft && limit - used >= PART_MIN_TOKENS ? head(c, limit - used) : undefined
        if (part) {
          chosen.push(part)
          used += tokensOf(part.chars)
        } else if (limit === close && skipped === undefined) skipped = c
        continue
      }
      chosen.push(c)
      used += t
    }
    if (skipped !== undefined && close - used >= PART_MIN_TOKENS) {
      const part = head(skipped, close - used)
      if (part) chosen.push(part)
    }
    // What the soft budget leaves shows more of the failed commands' output, nearest their exit lines first.
    for (let i = 0; i < chosen.length && used < soft; i++) {
      const c = chosen[i] as Candidate
      if (c.fill === undefined || c.fill.length === 0) continue
      const first = c.lines[0]?.n ?? 0
      const more: Kept[] = []
      let chars = 0
      for (const k of c.fill) {
        const t = tokensOf(chars + k.text.length + 1)
        if (k.n >= first || used + t > soft) break
        more.push(k)
        chars += k.text.length + 1
      }
      if (more.length === 0) continue
      chosen[i] = { ...c, lines: [...more.reverse(), ...c.lines], chars: c.chars + chars }
      used += tokensOf(chars)
    }
    chosen.sort((a, b) => (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0))
    // A failed Actions step: its `Run` command heads its first block.
    for (let i = 0; i < chosen.length; i++) {
      const c = chosen[i] as Candidate
      const run = failed.has(c.segment) ? this.runLines.get(c.segment) : undefined
      if (run === undefined || (c.lines[0]?.n ?? 0) <= run.n) continue
      chosen[i] = { ...c, lines: [run, ...c.lines], chars: c.chars + run.text.length + 1 }
      this.runLines.delete(c.segment)
    }
    const blocks = fit(chosen, this.maxTokens)
    const tokens = tokensOf(blocks.reduce((s, b) => s + b.lines.reduce((t, l) => t + lineChars(l), 0), 0))
    const ex: Extraction = { blocks, tokens, totalLines: total }
    if (this.failedStep !== undefined) ex.failedStep = this.failedStep
    return ex
  }
}

// Travis's own sections about the machine (before any command of the build runs): nothing there is a failure,
// though sudo and zip print words like "timeout" and "error messages".
const SETUP_FOLD = /travis_fold:(start|end):(worker_info|system_info)\b/
function blankBytes(b: Buffer, p: number, nl: number): boolean {
  for (let i = p; i < nl; i++) {
    const c = b[i] as number
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 13) return false
  }
  return true
}

/** The line s[p, nl) is empty or only white space. */
function blank(s: string, p: number, nl: number): boolean {
  for (let i = p; i < nl; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12) return false
  }
  return true
}

/**
 * Cascades: CASCADE_MIN or more candidates of one recogniser in one command segment (a test suite's failures).
 * Maps each member to the first one of its cascade.
 */
function cascades(cands: Candidate[]): Map<Candidate, Candidate> {
  const groups = new Map<string, Candidate[]>()
  for (const c of cands) {
    if (c.kind === 'score' || c.kind === 'exit-code') continue
    const key = `${c.segment}\t${c.kind}\t${c.kindScore}`
    const g = groups.get(key)
    if (g) g.push(c)
    else groups.set(key, [c])
  }
  const lead = new Map<Candidate, Candidate>()
  for (const g of groups.values()) {
    if (g.length < CASCADE_MIN) continue
    for (const c of g) lead.set(c, g[0] as Candidate)
  }
  return lead
}

/** A candidate cut to its strongest line: one failure of a cascade, named. */
function headline(c: Candidate): Candidate {
  const k = c.lines.find(l => l.score === c.max)
  return k === undefined ? c : { ...c, lines: [k], chars: k.text.length + 1, sum: k.score }
}

/** The line that ends a block whose repeated lines were folded. */
export function foldMark(count: number): string {
  return `[fixflow: ${count} repeated line${count === 1 ? '' : 's'} folded]`
}
export const FOLD_MARK = /^\[fixflow: \d+ repeated lines? folded\]$/

/** A line that introduces what follows: not indented, short, ending in a colon ("Issues:", "3 problems:"). */
function isHeader(text: string): boolean {
  const c = text.charCodeAt(0)
  return text.length < 200 && c !== 32 && c !== 9 && text.endsWith(':') && !text.endsWith('::')
}

/** The first MAX_LINE_CHARS characters of the long line b[p, nl), as its own string. */
function longLine(b: Buffer, p: number, nl: number): string {
  // At most 3 bytes a UTF-16 unit: enough bytes for MAX_LINE_CHARS units, whatever the characters.
  const s = b.toString('utf8', p, Math.min(nl, p + 3 * MAX_LINE_CHARS))
  return s.length > MAX_LINE_CHARS ? flat(s.slice(0, MAX_LINE_CHARS)) : s
}

/**
 * The cleaned text of a raw line, as a copy when it is much shorter: cleaning returns a slice (the last `\r` rewrite
 * of a 60 KB progress bar), which would keep the whole raw line alive in whatever keeps the text.
 */
function own(text: string, raw: string): string {
  return raw.length - text.length > 256 ? flat(text) : text
}

/** A copy of a string that does not share memory with the chunk it was sliced from. */
function flat(s: string): string {
  // Concatenation then slicing makes V8 flatten into a new string of the line's own size.
  return s.length === 0 ? s : (' ' + s).slice(1)
}

/** What a candidate says on its own: its strongest line, and (with diminishing returns) how much it says. */
function intrinsic(c: Candidate): number {
  return c.max * 2 + Math.log2(1 + c.sum)
}

/** The first lines of a candidate that fit in `tokens`, as a candidate of its own (undefined when none fit). */
function head(c: Candidate, tokens: number): Candidate | undefined {
  let chars = 0
  let k = 0
  while (k < c.lines.length && tokensOf(chars + lineChars(c.lines[k] as Kept)) <= tokens) {
    chars += lineChars(c.lines[k] as Kept)
    k++
  }
  return k === 0 ? undefined : { ...c, lines: c.lines.slice(0, k), chars }
}

/** Turns candidates into blocks whose lines together stay within the budget. */
function fit(chosen: Candidate[], maxTokens: number): FailureBlock[] {
  const budget = maxTokens * 4
  let used = 0
  const blocks: FailureBlock[] = []
  for (const c of chosen) {
    // A block larger than what is left keeps the part around its strongest line (the first one, when several are
    // as strong), as much as fits before it first: a failed command's exit line after a long run of output that
    // only mentions failure is not cut off.
    let from = 0
    let to = c.lines.length
    if (used + c.chars > budget) {
      let m = 0
      while (m < c.lines.length - 1 && (c.lines[m] as Kept).score < c.max) m++
      let room = budget - used
      from = m + 1
      while (from > 0 && room >= lineChars(c.lines[from - 1] as Kept))
        room -= lineChars(c.lines[--from] as Kept)
      to = m + 1
      while (to < c.lines.length && room >= lineChars(c.lines[to] as Kept))
        room -= lineChars(c.lines[to++] as Kept)
    }
    const lines: LogLine[] = []
    for (let i = from; i < to; i++) {
      const k = c.lines[i] as Kept
      if (k.mark === true && lines.length === 0) continue
      lines.push({ n: k.n, text: k.text })
      used += k.text.length + 1
    }
    if (lines.length === 0) continue
    const b: FailureBlock = { kind: c.kind, lines }
    if (c.step !== undefined) b.step = c.step
    blocks.push(b)
  }
  return blocks
}
