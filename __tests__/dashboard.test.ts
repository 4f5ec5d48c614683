import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startDynamo, type LocalDynamo } from './support/dynamo.js'
import { initTable } from '../src/store/init-table.js'
import { DynamoStore } from '../src/store/dynamo.js'
import { renderDashboard } from '../src/render/dashboard.js'
import type { ProposalRecord } from '../src/types.js'

function rec(id: string, repo: string, minute: number, over: Partial<ProposalRecord> = {}): ProposalRecord {
  const ts = `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`
  return {
    failure_id: id,
    repo_name: repo,
    branch: 'main',
    commit_sha: 'a'.repeat(40),
    run_id: 1,
    run_attempt: 1,
    root_cause: `cause of ${id} with [a link](https://evil.example)`,
    proposed_patch: [],
    diff: '',
    risk_score: 'low',
    risk_reasons: [],
    confidence: 0.5,
    status: 'pending',
    commit_message: 'fix',
    file_shas: {},
    proposal_hash: 'h',
    from_fork: false,
    provider: 'rules',
    model_id: 'rules',
    input_tokens: 0,
    output_tokens: 0,
    timestamp: ts,
    updated_at: ts,
    ...over
  }
}

describe('dashboard', () => {
  let dynamo: LocalDynamo
  let store: DynamoStore
  beforeAll(async () => {
    dynamo = await startDynamo()
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKEFAKEFAKE'
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret'
    await initTable({ table: 'dash', region: 'us-east-1' })
    store = new DynamoStore({ table: 'dash', region: 'us-east-1' })
  })
  afterAll(async () => {
    store?.destroy()
    await dynamo?.close()
  })

  it("lists only this repository's proposals, newest first, up to the limit", async () => {
    for (let i = 0; i < 5; i++) await store.save(rec(`10${i}-1`, 'o/app', i))
    await store.save(rec('900-1', 'o/other', 30))
    const recent = await store.listRecent('o/app', 3)
    expect(recent.map(r => r.failure_id)).toEqual(['104-1', '103-1', '102-1'])
  })

  it('renders a table with status, risk, thread and escaped causes', () => {
    const md = renderDashboard('o/app', [
      rec('5-1', 'o/app', 1, { status: 'merged', pr_number: 12, pr_url: 'https://github.com/o/app/pull/13' })
    ])
    expect(md).toContain('| `5-1` | 🚀 merged | low | 50% | #12 |')
    expect(md).toContain('[fix PR](https://github.com/o/app/pull/13)')
    expect(md).not.toContain('[a link](')
    expect(renderDashboard('o/app', [])).toContain('None yet')
  })
})
