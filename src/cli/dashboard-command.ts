// `fixflow dashboard --table NAME [--repo OWNER/NAME]... --out DIR`: the static web dashboard (index.html) and
// failures.json, read from the DynamoDB table with read-only calls (Query on the repository or status index).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DynamoStore } from '../store/dynamo.js'
import { STATUSES } from '../store/store.js'
import { failureItems, renderDashboardPage } from '../render/dashboard-page.js'
import type { ProposalRecord } from '../types.js'
import { defineCommand, parseCommand, positiveInt, UsageError } from './args.js'
import { regionOf } from './init-table.js'

export const dashboardSpec = defineCommand({
  name: 'dashboard',
  summary:
    'Writes the static dashboard: DIR/index.html (Pending, Detail, Active PRs, Resolved; filters by repository, ' +
    'status and risk; self-contained, no external request) and DIR/failures.json (every proposal, newest first).',
  options: {
    table: { type: 'string', value: 'NAME', help: 'DynamoDB table (required)' },
    out: {
      type: 'string',
      value: 'DIR',
      help: 'directory to write index.html and failures.json to (required)'
    },
    repo: {
      type: 'string',
      multiple: true,
      value: 'OWNER/NAME',
      help: 'only this repository (default: every repository, through the status index)'
    },
    limit: { type: 'string', value: 'N', help: 'at most N proposals per repository or status (default 500)' },
    region: {
      type: 'string',
      value: 'R',
      help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
    }
  },
  notes: [
    'Reads only: needs dynamodb:Query on the table and its indexes. Credentials come from the environment.'
  ]
})

const REPO = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/

export async function dashboardCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(dashboardSpec, argv)
  if (!parsed) return 0
  const { values } = parsed
  if (!values.table || !values.out) throw new UsageError('dashboard needs --table NAME and --out DIR')
  const repos = values.repo
  const bad = repos.find(r => !REPO.test(r))
  if (bad !== undefined) throw new UsageError(`--repo is '${bad}'; expected OWNER/NAME`)
  const limit = positiveInt('limit', values.limit) ?? 500
  if (limit > 5000) throw new UsageError(`--limit is ${limit}; at most 5000`)
  const region = regionOf(values.region)
  const store = new DynamoStore({ table: values.table, region })
  let lists: ProposalRecord[][]
  try {
    lists = repos.length
      ? await Promise.all(repos.map(r => store.listRecent(r, limit)))
      : await Promise.all(STATUSES.map(s => store.listByStatus(s, limit)))
  } finally {
    store.destroy()
  }
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
