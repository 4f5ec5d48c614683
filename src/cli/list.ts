// `list --table NAME --repo OWNER/NAME [--pr N | --commit SHA]`: stored proposals, newest first.
import { DynamoStore } from '../store/dynamo.js'
import { defineCommand, parseCommand, positiveInt, UsageError } from './args.js'
import { regionOf } from './init-table.js'
import { terminalSafe } from './plain-text.js'

export const listSpec = defineCommand({
  name: 'list',
  summary: 'Lists the stored proposals of a repository (or of one pull request or commit), newest first.',
  options: {
    table: { type: 'string', value: 'NAME', help: 'DynamoDB table (required)' },
    repo: { type: 'string', value: 'OWNER/NAME', help: 'repository (required)' },
    pr: { type: 'string', value: 'N', help: 'only this pull request' },
    commit: { type: 'string', value: 'SHA', help: 'only this commit' },
    region: {
      type: 'string',
      value: 'R',
      help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
    }
  },
  notes: [
    'Columns: id, status, risk, time, commit, fix PR. Credentials come from the environment (AWS_PROFILE).'
  ]
})

export async function listCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(listSpec, argv)
  if (!parsed) return 0
  const { table, repo, commit } = parsed.values
  if (!table || !repo) throw new UsageError('list needs --table NAME and --repo OWNER/NAME')
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(`--repo is '${repo}'; expected OWNER/NAME`)
  const pr = positiveInt('pr', parsed.values.pr)
  if (pr !== undefined && commit !== undefined) throw new UsageError('give --pr or --commit, not both')
  if (commit !== undefined && !/^[0-9a-f]{40}$/i.test(commit)) {
    throw new UsageError(`--commit is '${commit}'; expected a full 40-hex commit SHA`)
  }
  const store = new DynamoStore({ table, region: regionOf(parsed.values.region) })
  const records =
    pr !== undefined || commit !== undefined
      ? await store.listForThread(repo, pr !== undefined ? { pr_number: pr } : { commit_sha: commit })
      : await store.listRecent(repo, 50)
  for (const r of records) {
    const row = [r.failure_id, r.status, r.risk_score, r.timestamp, r.commit_sha.slice(0, 7), r.pr_url ?? '']
    process.stdout.write(terminalSafe(row.join('\t')) + '\n')
  }
  if (!records.length) process.stderr.write('no proposals\n')
  return 0
}
