// `fixflow dashboard --table NAME [--repo OWNER/NAME]... --out DIR`: the static web dashboard (index.html) and
// failures.json, read from the DynamoDB table with read-only calls (Query on the repository or status index).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DynamoStore } from '../store/dynamo.js'
import { STATUSES } from '../store/store.js'
import { failureItems, renderDashboardPage } from '../render/dashboard-page.js'
import type { ProposalRecord } from '../types.js'

export const DASHBOARD_HELP = `Usage: node dist/cli/index.js dashboard --table NAME [--repo OWNER/NAME]... --out DIR [--region R] [--limit N]

Writes DIR/index.html (a self-contained page: Pending, Detail, Active PRs, Resolved; filters by repository, status
and risk; no external request) and DIR/failures.json (every proposal, newest first). Without --repo, every
repository in the table is read through the status index. Needs dynamodb:Query on the table and its indexes.
`

const REPO = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/

export async function dashboardCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      repo: { type: 'string', multiple: true },
      out: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(DASHBOARD_HELP)
    return 0
  }
  if (!values.table || !values.out) {
    process.stderr.write(`dashboard needs --table and --out.\n\n${DASHBOARD_HELP}`)
    return 2
  }
  const repos = values.repo ?? []
  const bad = repos.find(r => !REPO.test(r))
  if (bad) {
    process.stderr.write(`--repo "${bad}" is not OWNER/NAME.\n`)
    return 2
  }
  const limit = Number(values.limit ?? 500)
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
    process.stderr.write(`--limit must be a whole number from 1 to 5000, not "${values.limit}".\n`)
    return 2
  }
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  const store = new DynamoStore({ table: values.table, region })
  const lists = repos.length
    ? await Promise.all(repos.map(r => store.listRecent(r, limit)))
    : await Promise.all(STATUSES.map(s => store.listByStatus(s, limit)))
  const byId = new Map<string, ProposalRecord>()
  for (const r of lists.flat()) byId.set(r.failure_id, r)
  const items = failureItems([...byId.values()])
  const out = resolve(values.out)
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'index.html'), renderDashboardPage(items, new Date().toISOString()))
  writeFileSync(join(out, 'failures.json'), JSON.stringify(items, null, 2) + '\n')
  process.stdout.write(`wrote ${join(out, 'index.html')} and failures.json (${items.length} proposals)\n`)
  return 0
}
