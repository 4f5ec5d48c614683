// The end of a streamed job log, kept while the same chunks go on to the extractor: triage reads the text itself
// (the runner's last messages, the failing step's last lines), the extractor only keeps the failure block.

/** Bytes of a log's end kept for triage (the runner's and the tool's final messages are within the last lines). */
export const TRIAGE_TAIL_BYTES = 256 * 1024

export interface Tail {
  /** The chunks, passed through unchanged. */
  chunks: AsyncIterable<Buffer>
  /** The last `maxBytes` seen so far, as text starting at a line. */
  text(): string
}

export function keepTail(source: AsyncIterable<Buffer>, maxBytes: number): Tail {
  let kept: Buffer[] = []
  let size = 0
  let cut = false
  async function* pass(): AsyncIterable<Buffer> {
    for await (const chunk of source) {
      kept.push(chunk)
      size += chunk.length
      // Drop whole chunks from the front while the rest still holds maxBytes.
      while (kept.length > 1 && size - (kept[0]?.length ?? 0) >= maxBytes) {
        size -= kept[0]?.length ?? 0
        kept = kept.slice(1)
        cut = true
      }
      yield chunk
    }
  }
  return {
    chunks: pass(),
    text: () => {
      let buf = Buffer.concat(kept)
      if (buf.length > maxBytes) {
        buf = buf.subarray(buf.length - maxBytes)
        cut = true
      }
      const s = buf.toString('utf8')
      // A cut start is a partial line (and maybe a partial character): begin at the next line.
      return cut ? s.slice(s.indexOf('\n') + 1) : s
    }
  }
}
