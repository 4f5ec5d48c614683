// Public API of failure-block extraction: the streaming class, two conveniences and the plain-text rendering.
import type { Extraction } from '../types.js'
import { FailureExtractor, type ExtractOptions } from './extractor.js'

export { FailureExtractor, DEFAULT_MAX_TOKENS, type ExtractOptions } from './extractor.js'
export { weakLines, normaliseLine } from './green.js'

/** Extracts the failure blocks of a log held in memory. */
export function extractText(log: string, opts?: ExtractOptions): Extraction {
  const ex = new FailureExtractor(opts)
  // Feed in slices so that a huge string is handled like a stream.
  const step = 1 << 20
  for (let i = 0; i < log.length; i += step) ex.push(log.slice(i, i + step))
  return ex.end()
}

/** Extracts the failure blocks of a streamed log (a job log download, a file stream, stdin). */
export async function extractStream(
  chunks: AsyncIterable<Buffer | string>,
  opts?: ExtractOptions
): Promise<Extraction> {
  const ex = new FailureExtractor(opts)
  for await (const chunk of chunks) ex.push(chunk)
  return ex.end()
}

/** The block lines, in log order, one per line; blocks are separated by nothing (line numbers tell the gaps). */
export function formatExtraction(ex: Extraction): string {
  const out: string[] = []
  for (const b of ex.blocks) for (const l of b.lines) out.push(l.text)
  return out.join('\n')
}
