// `extract <log-file | -> [--max-tokens N] [--green <log-file>] [--json]`: prints the failure block of a log;
// --green names the log of a passing run of the same job, whose lines count as weak evidence.
// Kept free of heavy imports: the command runs once per log in benchmarks, so cold start matters.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { Extraction } from '../types.js'
import {
  extractStream,
  formatExtraction,
  FailureExtractor,
  weakLines,
  type ExtractOptions
} from '../logs/extract.js'
import { defineCommand, parseCommand, positiveInt } from './args.js'

export const extractSpec = defineCommand({
  name: 'extract',
  summary: 'Prints the failure block of a CI log (a file, or - for standard input). Reads nothing else.',
  positionals: { synopsis: '<log-file | ->', min: 1, max: 1 },
  options: {
    'max-tokens': {
      type: 'string',
      value: 'N',
      help: 'keep at most about N tokens (chars / 4) of failure lines'
    },
    green: {
      type: 'string',
      value: 'FILE',
      help: 'the log of a passing run of the same job: lines it also has count as weak evidence'
    },
    json: { type: 'boolean', help: 'print the extraction as JSON (blocks, line numbers, token estimate)' }
  }
})

export async function extractCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(extractSpec, argv)
  if (!parsed) return 0
  const maxTokens = positiveInt('max-tokens', parsed.values['max-tokens'])
  const file = parsed.positionals[0] ?? '-'
  const opts: ExtractOptions = maxTokens === undefined ? {} : { maxTokens }
  const green = parsed.values.green
  if (typeof green === 'string') {
    try {
      opts.weak = weakLines(readHead(green, MAX_GREEN_BYTES))
    } catch (e) {
      throw new Error(`cannot read '${green}': ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  let ex
  try {
    ex =
      file === '-'
        ? await extractStream(process.stdin as AsyncIterable<Buffer>, opts)
        : extractFile(file, opts)
  } catch (e) {
    throw new Error(`cannot read '${file}': ${e instanceof Error ? e.message : String(e)}`)
  }
  const out = parsed.values.json ? JSON.stringify(ex, null, 2) : formatExtraction(ex)
  await new Promise<void>(resolve => process.stdout.write(out.length > 0 ? out + '\n' : '', () => resolve()))
  return 0
}

/** The green log is read whole up to this: weakLines reads a bounded number of lines of it too. */
const MAX_GREEN_BYTES = 64 << 20

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
