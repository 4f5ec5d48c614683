// `fixflow context --log FILE [--log FILE ...] --repo DIR [--json] [--max-files N]`: the repository files FixFlow
// would show the model first for these logs, one path a line (with --json: path, reason, evidence line).
import { createReadStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { extractStream } from '../../logs/extract.js'
import { localTree } from '../../cli/local-tree.js'
import { RepoSnapshot, gatherContext } from '../context.js'
import type { JobFailure } from '../../types.js'
import { DEFAULT_MAX_FILES } from './index.js'

const USAGE =
  'usage: fixflow context --log FILE [--log FILE ...] --repo DIR [--json] [--max-files N] [--max-prompt-tokens N]'
/** The action's default max-prompt-tokens; `analyze` extracts failure lines within half of it, and so does this. */
const DEFAULT_PROMPT_TOKENS = 6000

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
        'max-prompt-tokens': { type: 'string' },
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
      process.stderr.write(
        `fixflow context: --max-files wants a positive integer, got '${values['max-files']}'\n`
      )
      return 2
    }
  }
  const promptTokens = Number(values['max-prompt-tokens'] ?? DEFAULT_PROMPT_TOKENS)
  if (!Number.isInteger(promptTokens) || promptTokens < 500) {
    process.stderr.write(
      `fixflow context: --max-prompt-tokens wants an integer >= 500, got '${values['max-prompt-tokens'] ?? ''}'\n`
    )
    return 2
  }
  const failures: JobFailure[] = []
  for (const [i, file] of logs.entries()) {
    const extraction = await extractStream(createReadStream(file), {
      maxTokens: Math.floor(promptTokens / 2)
    })
    failures.push({ jobId: i + 1, jobName: file, extraction })
  }
  const { tree, read } = localTree(values.repo)
  const { choices } = await gatherContext(new RepoSnapshot(tree, read), failures, maxFiles)
  const cands = choices
  const out = values.json ? JSON.stringify(cands, null, 2) : cands.map(c => c.path).join('\n')
  await new Promise<void>(resolve => process.stdout.write(out ? out + '\n' : '', () => resolve()))
  return 0
}
