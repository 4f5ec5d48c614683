// `list --table NAME [--repo OWNER/NAME [--pr N | --commit SHA]] [--status S] [--json]`: stored proposals, newest
// first. Without --repo, every repository through the status index, as `fixflow dashboard` reads them.
import { DynamoStore } from '../store/dynamo.js'
import { STATUSES } from '../store/store.js'
import { failureItems, type FailureItem } from '../render/dashboard-page.js'
import type { ProposalRecord, Status } from '../types.js'
import { defineCommand, parseCommand, positiveInt, UsageError } from './args.js'
import { regionOf } from './init-table.js'
import { terminalSafe } from './plain-text.js'

export const listSpec = defineCommand({
  name: 'list',
  summary:
    'Lists stored proposals (of a repository, pull request or commit, or in one status), newest first.',
  options: {
    table: { type: 'string', value: 'NAME', help: 'DynamoDB table (required)' },
    repo: {
      type: 'string',
      value: 'OWNER/NAME',
      help: 'repository (default: every repository, needs --status)'
    },
    pr: { type: 'string', value: 'N', help: 'only this pull request (with --repo)' },
    commit: { type: 'string', value: 'SHA', help: 'only this commit (with --repo)' },
    status: { type: 'string', value: 'S', help: `only this status: ${STATUSES.join(', ')}` },
    limit: { type: 'string', value: 'N', help: 'at most N proposals (default 50)' },
    json: { type: 'boolean', help: "print the items as JSON, as the dashboard's failures.json" },
    region: {
      type: 'string',
      value: 'R',
      help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
    }
  },
  notes: [
    'Columns: id, status, risk, time, commit, fix PR. Credentials come from the environment (AWS_PROFILE).',
    'Reads only (dynamodb:Query on the table and its indexes).'
  ]
})

const REPO = /^[\w.-]+\/[\w.-]+$/

export async function listCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(listSpec, argv)
  if (!parsed) return 0
  const { table, repo, commit } = parsed.values
  if (!table) throw new UsageError('list needs --table NAME')
  const status = statusOf(parsed.values.status)
  // Every repository is read through the status index: one status, so the query stays one index partition.
  if (!repo && !status)
    throw new UsageError('list needs --repo OWNER/NAME, or --status S for every repository')
  if (repo !== undefined && !REPO.test(repo)) throw new UsageError(`--repo is '${repo}'; expected OWNER/NAME`)
  const pr = positiveInt('pr', parsed.values.pr)
  if (pr !== undefined && commit !== undefined) throw new UsageError('give --pr or --commit, not both')
  if ((pr !== undefined || commit !== undefined) && !repo)
    throw new UsageError('--pr and --commit need --repo')
  if (commit !== undefined && !/^[0-9a-f]{40}$/i.test(commit)) {
    throw new UsageError(`--commit is '${commit}'; expected a full 40-hex commit SHA`)
  }
  const limit = positiveInt('limit', parsed.values.limit) ?? 50

  const store = new DynamoStore({ table, region: regionOf(parsed.values.region) })
  try {
    const records = await read(store, { repo, pr, commit, status, limit })
    const items = failureItems(records, status).slice(0, limit)
    if (parsed.values.json) {
      process.stdout.write(JSON.stringify(items, null, 2) + '\n')
      return 0
    }
    for (const line of rows(items)) process.stdout.write(line + '\n')
    if (!items.length) process.stderr.write('no proposals\n')
    return 0
  } finally {
    store.destroy()
  }
}

function statusOf(value: string | undefined): Status | undefined {
  if (value === undefined) return undefined
  const status = STATUSES.find(s => s === value)
  if (!status) throw new UsageError(`--status is '${value}'; expected one of ${STATUSES.join(', ')}`)
  return status
}

async function read(
  store: DynamoStore,
  q: { repo?: string; pr?: number; commit?: string; status?: Status; limit: number }
): Promise<ProposalRecord[]> {
  if (q.repo && (q.pr !== undefined || q.commit !== undefined)) {
    return store.listForThread(q.repo, q.pr !== undefined ? { pr_number: q.pr } : { commit_sha: q.commit })
  }
  if (q.repo) return store.listRecent(q.repo, q.limit, q.status)
  // Checked by the caller: without --repo there is a status.
  return q.status ? store.listByStatus(q.status, q.limit) : []
}

/** Tab-separated rows for a terminal; every value from the table is made inert (terminalSafe). */
export function rows(items: FailureItem[]): string[] {
  return items.map(i =>
    terminalSafe(
      [i.failure_id, i.status, i.risk_score, i.timestamp, i.commit_sha.slice(0, 7), i.pr_url ?? ''].join('\t')
    )
  )
}
