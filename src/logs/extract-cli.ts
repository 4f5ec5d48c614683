// `fixflow extract <log-file | -> [--max-tokens N] [--json]`: prints the failure block of a log.
// Kept free of heavy imports: the command runs once per log in benchmarks, so cold start matters.
import { closeSync, openSync, readSync } from 'node:fs'
import type { Extraction } from '../types.js'
import { extractStream, formatExtraction, FailureExtractor, type ExtractOptions } from './extract.js'

const USAGE = 'usage: fixflow extract <log-file | -> [--max-tokens N] [--json]'

export async function extractCommand(argv: string[]): Promise<number> {
  let file: string | undefined
  let maxTokens: number | undefined
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--json') json = true
    else if (a === '--max-tokens' || a?.startsWith('--max-tokens=')) {
      const v = a === '--max-tokens' ? argv[++i] : a.slice('--max-tokens='.length)
      const n = Number(v)
      if (!v || !Number.isInteger(n) || n <= 0) {
        process.stderr.write(
          `fixflow extract: --max-tokens wants a positive integer, got '${v ?? ''}'\n${USAGE}\n`
        )
        return 2
      }
      maxTokens = n
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n')
      return 0
    } else if (file === undefined && a !== undefined && (a === '-' || !a.startsWith('-'))) file = a
    else {
      process.stderr.write(`fixflow extract: unexpected argument '${a ?? ''}'\n${USAGE}\n`)
      return 2
    }
  }
  if (file === undefined) {
    process.stderr.write(USAGE + '\n')
    return 2
  }
  const opts: ExtractOptions = maxTokens === undefined ? {} : { maxTokens }
  let ex
  try {
    ex =
      file === '-'
        ? await extractStream(process.stdin as AsyncIterable<Buffer>, opts)
        : extractFile(file, opts)
  } catch (e) {
    process.stderr.write(
      `fixflow extract: cannot read '${file}': ${e instanceof Error ? e.message : String(e)}\n`
    )
    return 1
  }
  const out = json ? JSON.stringify(ex, null, 2) : formatExtraction(ex)
  await new Promise<void>(resolve => process.stdout.write(out.length > 0 ? out + '\n' : '', () => resolve()))
  return 0
}

/** Reads a file through one reused 64 KB buffer: no allocation per chunk, so memory stays flat on huge logs. */
function extractFile(file: string, opts: ExtractOptions): Extraction {
  const ex = new FailureExtractor(opts)
  const buf = Buffer.allocUnsafe(1 << 16)
  const fd = openSync(file, 'r')
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) ex.push(buf.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return ex.end()
}
