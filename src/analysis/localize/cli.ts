// `fixflow context --log FILE [--log FILE ...] --repo DIR [--json] [--max-files N]`: the repository files FixFlow
// would show the model first for these logs, one path a line (with --json: path, reason, evidence line).
import { createReadStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { extractStream } from '../../logs/extract.js'
import { localTree } from '../../local.js'
import { DEFAULT_MAX_FILES, TreeIndex, localize } from './index.js'

const USAGE = 'usage: fixflow context --log FILE [--log FILE ...] --repo DIR [--json] [--max-files N]'
/** The extraction budget `analyze` uses with the default max-prompt-tokens (6000): half of it. */
const EXTRACT_TOKENS = 3000

export async function contextCommand(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        log: { type: 'string', multiple: true },
        repo: { type: 'string' },
        json: { type: 'boolean', default: false },
        'max-files': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true
    }))
  } catch (e) {
    process.stderr.write(`fixflow context: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  const logs = values.log ?? []
  if (!logs.length || !values.repo) {
    process.stderr.write(USAGE + '\n')
    return 2
  }
  let maxFiles = DEFAULT_MAX_FILES
  if (values['max-files'] !== undefined) {
    maxFiles = Number(values['max-files'])
    if (!Number.isInteger(maxFiles) || maxFiles <= 0) {
      process.stderr.write(`fixflow context: --max-files wants a positive integer, got '${values['max-files']}'\n`)
      return 2
    }
  }
  const lines: string[] = []
  for (const file of logs) {
    const ex = await extractStream(createReadStream(file), { maxTokens: EXTRACT_TOKENS })
    for (const b of ex.blocks) for (const l of b.lines) lines.push(l.text)
  }
  const { tree, read } = localTree(values.repo)
  const regular = tree.filter(e => e.mode === '100644' || e.mode === '100755').map(e => e.path)
  const cands = await localize(lines, new TreeIndex(regular), async p => (await read(p))?.content, { maxFiles })
  const out = values.json
    ? JSON.stringify(
        cands.map(c => ({ path: c.path, reason: c.reason, evidence: c.line, lines: c.lines })),
        null,
        2
      )
    : cands.map(c => c.path).join('\n')
  await new Promise<void>(resolve => process.stdout.write(out ? out + '\n' : '', () => resolve()))
  return 0
}
