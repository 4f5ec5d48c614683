// `fixflow extract <log-file | -> [--max-tokens N] [--green <log-file>] [--json]`: prints the failure block of a
// log; --green names the log of a passing run of the same job, whose lines count as weak evidence.
// Kept free of heavy imports: the command runs once per log in benchmarks, so cold start matters.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { Extraction } from '../types.js'
import {
  extractStream,
  formatExtraction,
  FailureExtractor,
  weakLines,
  type ExtractOptions
} from './extract.js'

const USAGE = 'usage: fixflow extract <log-file | -> [--max-tokens N] [--green <log-file>] [--json]'

/** The green log is read whole: only its first bytes count (weakLines reads a bounded number of lines too). */
const MAX_GREEN_BYTES = 64 << 20

export async function extractCommand(argv: string[]): Promise<number> {
  let file: string | undefined
  let maxTokens: number | undefined
  let json = false
  let green: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--json') json = true
    else if (a === '--green' || a?.startsWith('--green=')) {
      const v = a === '--green' ? argv[++i] : a.slice('--green='.length)
      if (!v) {
        process.stderr.write(`fixflow extract: --green wants a log file\n${USAGE}\n`)
        return 2
      }
      green = v
    } else if (a === '--max-tokens' || a?.startsWith('--max-tokens=')) {
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
  if (green !== undefined) {
    try {
      opts.weak = weakLines(readHead(green, MAX_GREEN_BYTES))
    } catch (e) {
      process.stderr.write(
        `fixflow extract: cannot read '${green}': ${e instanceof Error ? e.message : String(e)}\n`
      )
      return 1
    }
  }
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

/** The first `max` bytes of a file, as text. */
function readHead(file: string, max: number): string {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(Math.min(max, fstatSync(fd).size))
    const n = readSync(fd, buf, 0, buf.length, 0)
    return buf.toString('utf8', 0, n)
  } finally {
    closeSync(fd)
  }
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
