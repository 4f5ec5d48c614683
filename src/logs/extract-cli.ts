// `fixflow extract <log-file | -> [--max-tokens N] [--json]`: prints the failure block of a log.
// Kept free of heavy imports: the command runs once per log in benchmarks, so cold start matters.
import { createReadStream } from 'node:fs'
import { extractStream, formatExtraction } from './extract.js'

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
        process.stderr.write(`fixflow extract: --max-tokens wants a positive integer, got '${v ?? ''}'\n${USAGE}\n`)
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
  const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 16 })
  let ex
  try {
    ex = await extractStream(input as AsyncIterable<Buffer>, maxTokens === undefined ? {} : { maxTokens })
  } catch (e) {
    process.stderr.write(`fixflow extract: cannot read '${file}': ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  }
  const out = json ? JSON.stringify(ex, null, 2) : formatExtraction(ex)
  await new Promise<void>((resolve) => process.stdout.write(out.length > 0 ? out + '\n' : '', () => resolve()))
  return 0
}
