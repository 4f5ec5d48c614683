// Splits a stream of bytes or strings into lines, in bounded memory.
// Buffers may split a multi-byte character: the decoder carries it over; invalid UTF-8 becomes U+FFFD.
import { StringDecoder } from 'node:string_decoder'

/** Longest part of one line we keep; the rest of a longer line is dropped (binary junk, minified files). */
export const MAX_LINE_CHARS = 64 * 1024

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''
  /** The current line is longer than MAX_LINE_CHARS: ignore input until its newline. */
  private skipping = false

  constructor(private readonly onLine: (raw: string) => void) {}

  push(chunk: string | Buffer): void {
    this.feed(typeof chunk === 'string' ? chunk : this.decoder.write(chunk))
  }

  end(): void {
    this.feed(this.decoder.end())
    if (this.pending.length > 0 || this.skipping) this.onLine(this.pending)
    this.pending = ''
    this.skipping = false
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
    if (start < s.length && !this.skipping) {
      this.pending += s.slice(start)
      if (this.pending.length > MAX_LINE_CHARS) {
        this.pending = this.pending.slice(0, MAX_LINE_CHARS)
        this.skipping = true
      }
    }
  }
}
