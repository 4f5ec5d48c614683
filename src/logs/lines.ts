// Splits a stream of bytes or strings into lines, in bounded memory.
// Two ways to receive them. Line by line (onLine only): every line decoded, a buffer's split multi-byte character
// carried over to the next buffer, invalid UTF-8 as U+FFFD. In runs (onRun / onBytes): the complete lines that lie
// whole inside one chunk are handed over together, as a span of the decoded string or of the raw bytes, so that the
// caller scans the chunk in one pass and decodes only the lines it keeps; onLine then only gets the lines that span
// chunks. A newline byte never occurs inside a multi-byte character, so byte lines always decode whole.

/** Longest part of one line we keep; the rest of a longer line is dropped (binary junk, minified files). */
export const MAX_LINE_CHARS = 64 * 1024

export type RunHandler = (s: string, from: number, to: number) => void
export type BytesHandler = (b: Buffer, from: number, to: number) => void

export class LineSplitter {
  /** The first bytes of a character split across buffers (line-by-line mode). */
  private carried: Buffer | undefined
  /** The start of the current line, as text... */
  private pending = ''
  /** ...or as bytes (copies: the caller may reuse its buffers). */
  private pendingBytes: Buffer[] = []
  private pendingLen = 0
  /** The current line is longer than MAX_LINE_CHARS: ignore input until its newline. */
  private skipping = false

  /**
   * onLine gets every line that is not handed over in a run. onRun gets runs of complete lines of a string chunk
   * (to is just after a newline; lines there may exceed MAX_LINE_CHARS), onBytes the same for a Buffer chunk;
   * both are optional and go together.
   */
  constructor(
    private readonly onLine: (raw: string) => void,
    private readonly onRun?: RunHandler,
    private readonly onBytes?: BytesHandler
  ) {}

  push(chunk: string | Buffer): void {
    if (typeof chunk !== 'string') {
      if (this.onBytes !== undefined) this.feedBytes(chunk, this.onBytes)
      else this.feed(this.decode(chunk))
      return
    }
    this.bytesToText()
    if (this.onRun !== undefined) this.feedRun(chunk, this.onRun)
    else this.feed(chunk)
  }

  end(): void {
    if (this.carried !== undefined) this.feed(this.carried.toString('utf8'))
    this.carried = undefined
    this.bytesToText()
    if (this.pending.length > 0 || this.skipping)
      this.onLine(this.pending.length > MAX_LINE_CHARS ? this.pending.slice(0, MAX_LINE_CHARS) : this.pending)
    this.pending = ''
    this.skipping = false
  }

  private decode(chunk: Buffer): string {
    let buf = chunk
    if (this.carried !== undefined) {
      buf = Buffer.concat([this.carried, chunk])
      this.carried = undefined
    }
    // Back over continuation bytes to the last lead byte; cut there if its character is incomplete.
    let i = buf.length - 1
    while (i >= 0 && buf.length - i < 4 && ((buf[i] as number) & 0xc0) === 0x80) i--
    if (i >= 0) {
      const b = buf[i] as number
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
      if (need > buf.length - i) {
        this.carried = Buffer.from(buf.subarray(i))
        return buf.toString('utf8', 0, i)
      }
    }
    return buf.toString('utf8')
  }

  /** Pending bytes (and a carried character) become pending text: a string chunk follows. */
  private bytesToText(): void {
    if (this.pendingBytes.length === 0) return
    this.pending = Buffer.concat(this.pendingBytes).toString('utf8')
    this.pendingBytes = []
    this.pendingLen = 0
  }

  private feed(s: string): void {
    if (s.length === 0) return
    let start = 0
    let nl = s.indexOf('\n')
    while (nl !== -1) {
      if (this.skipping) {
        this.onLine(this.pending)
        this.pending = ''
        this.skipping = false
      } else if (this.pending.length > 0) {
        const line = this.pending + s.slice(start, nl)
        this.pending = ''
        this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line)
      } else {
        this.onLine(nl - start > MAX_LINE_CHARS ? s.slice(start, start + MAX_LINE_CHARS) : s.slice(start, nl))
      }
      start = nl + 1
      nl = s.indexOf('\n', start)
    }
    if (start < s.length) this.carry(s, start)
  }

  private feedRun(s: string, onRun: RunHandler): void {
    if (s.length === 0) return
    let start = 0
    if (this.pending.length > 0 || this.skipping) {
      const nl = s.indexOf('\n')
      if (nl === -1) {
        this.carry(s, 0)
        return
      }
      if (this.skipping) this.onLine(this.pending)
      else {
        const line = this.pending + s.slice(0, nl)
        this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line)
      }
      this.pending = ''
      this.skipping = false
      start = nl + 1
    }
    const last = s.lastIndexOf('\n')
    if (last >= start) {
      onRun(s, start, last + 1)
      start = last + 1
    }
    if (start < s.length) this.carry(s, start)
  }

  private carry(s: string, start: number): void {
    if (this.skipping) return
    this.pending += s.slice(start)
    if (this.pending.length > MAX_LINE_CHARS) {
      this.pending = this.pending.slice(0, MAX_LINE_CHARS)
      this.skipping = true
    }
  }

  private feedBytes(b: Buffer, onBytes: BytesHandler): void {
    if (b.length === 0) return
    if (this.pending.length > 0) {
      // Text pending from a string chunk: go on in bytes.
      const head = Buffer.from(this.pending, 'utf8')
      this.pendingBytes.push(head)
      this.pendingLen += head.length
      this.pending = ''
    }
    let start = 0
    if (this.pendingLen > 0 || this.skipping) {
      const nl = b.indexOf(10)
      if (nl === -1) {
        this.carryBytes(b, 0, b.length)
        return
      }
      this.carryBytes(b, 0, nl)
      const line = Buffer.concat(this.pendingBytes).toString('utf8')
      this.pendingBytes = []
      this.pendingLen = 0
      this.skipping = false
      this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line)
      start = nl + 1
    }
    const last = b.lastIndexOf(10)
    if (last >= start) {
      onBytes(b, start, last + 1)
      start = last + 1
    }
    if (start < b.length) this.carryBytes(b, start, b.length)
  }

  private carryBytes(b: Buffer, from: number, to: number): void {
    if (this.skipping) return
    const room = MAX_LINE_CHARS * 3 - this.pendingLen
    const end = to - from > room ? from + room : to
    if (end > from) {
      this.pendingBytes.push(Buffer.from(b.subarray(from, end)))
      this.pendingLen += end - from
    }
    if (end < to) this.skipping = true
  }
}
