// DynamoStore and initTable through the real @aws-sdk/client-dynamodb against dynalite, redirected only by
// AWS_ENDPOINT_URL_DYNAMODB, with faults injected at the HTTP layer by a proxy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand
} from '@aws-sdk/client-dynamodb'
import { DynamoStore, REPO_INDEX, STATUS_INDEX, marshalItem, unmarshalItem } from '../src/store/dynamo.js'
import { initTable } from '../src/store/init-table.js'
import { StoreConfigError, StoreUnavailableError, claimToken, isStalledClaim } from '../src/store/store.js'
import type { ProposalRecord } from '../src/types.js'
import { startDynamo, type LocalDynamo } from './support/dynamo.js'

const TABLE = 'fixflow_test'
const REGION = 'us-east-1'
const saved = { ...process.env }
let dyn: LocalDynamo
const stores: DynamoStore[] = []
let raw: DynamoDBClient
let created: string

function store(opts: { table?: string; maxAttempts?: number } = {}): DynamoStore {
  const s = new DynamoStore({
    table: opts.table ?? TABLE,
    region: REGION,
    retryBaseDelayMs: 5,
    maxAttempts: opts.maxAttempts
  })
  stores.push(s)
  return s
}

let seq = 0
function record(overrides: Partial<ProposalRecord> = {}): ProposalRecord {
  seq++
  return {
    failure_id: `octo-app-900${seq}-1`,
    repo_name: 'octo/app',
    branch: 'feature/x',
    commit_sha: 'c'.repeat(40),
    run_id: 9000 + seq,
    run_attempt: 1,
    workflow_name: 'CI',
    pr_number: 7,
    root_cause: "ModuleNotFoundError: No module named 'pandas'",
    proposed_patch: [
      {
        file_path: 'requirements.txt',
        original: 'numpy==2.1.0\n',
        replacement: 'numpy==2.1.0\npandas==2.2.3\n'
      }
    ],
    diff: '--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1 +1,2 @@\n numpy==2.1.0\n+pandas==2.2.3\n',
    risk_score: 'medium',
    risk_reasons: ['requirements.txt is a dependency manifest'],
    confidence: 0.86,
    status: 'pending',
    commit_message: 'fix(deps): add pandas',
    file_shas: { 'requirements.txt': 'b'.repeat(40), 'new/file.txt': '' },
    proposal_hash: 'h'.repeat(64),
    from_fork: false,
    provider: 'bedrock',
    model_id: 'us.amazon.nova-2-lite-v1:0',
    input_tokens: 1500,
    output_tokens: 210,
    timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    updated_at: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    ...overrides
  }
}

async function countItems(): Promise<number> {
  const out = await raw.send(new ScanCommand({ TableName: TABLE, Select: 'COUNT', ConsistentRead: true }))
  return out.Count ?? 0
}

beforeAll(async () => {
  dyn = await startDynamo()
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFIXFLOWTEST0'
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-loopback-tests-only'
  process.env.AWS_REGION = REGION
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dyn.endpoint
  delete process.env.AWS_PROFILE
  delete process.env.AWS_SESSION_TOKEN
  raw = new DynamoDBClient({ region: REGION, endpoint: dyn.directEndpoint })
  created = await initTable({ table: TABLE, region: REGION, pollMs: 10 })
})

afterEach(() => {
  dyn.reset()
  while (stores.length) stores.pop()?.destroy()
})

afterAll(async () => {
  raw.destroy()
  await dyn.close()
  process.env = saved
})

describe('initTable', () => {
  it('created the table keyed on failure_id with both indexes, and is idempotent', async () => {
    expect(created).toBe('created')
    const { Table } = await raw.send(new DescribeTableCommand({ TableName: TABLE }))
    expect(Table?.TableStatus).toBe('ACTIVE')
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'failure_id', KeyType: 'HASH' }])
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST')
    const idx = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map(i => [i.IndexName, i.KeySchema]))
    expect(idx[STATUS_INDEX]).toEqual([
      { AttributeName: 'status', KeyType: 'HASH' },
      { AttributeName: 'timestamp', KeyType: 'RANGE' }
    ])
    expect(idx[REPO_INDEX]).toEqual([
      { AttributeName: 'repo_name', KeyType: 'HASH' },
      { AttributeName: 'timestamp', KeyType: 'RANGE' }
    ])
    // Went through the proxy, i.e. AWS_ENDPOINT_URL_DYNAMODB was honoured.
    await expect(initTable({ table: TABLE, region: REGION, pollMs: 10 })).resolves.toBe('exists')
    expect(dyn.requests.map(r => r.op)).toContain('CreateTable')
  })

  it('refuses an existing table with another layout', async () => {
    await raw.send(
      new CreateTableCommand({
        TableName: 'not_fixflow',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }]
      })
    )
    const err = await initTable({ table: 'not_fixflow', region: REGION, pollMs: 10 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreConfigError)
    expect((err as Error).message).toMatch(/partition key is id/)
    expect((err as Error).message).toContain(REPO_INDEX)
  })
})

describe('marshalling', () => {
  it('round-trips every shape a record holds', () => {
    const r = record({ pr_url: undefined })
    const back = unmarshalItem(marshalItem(r as unknown as Record<string, unknown>))
    expect(back).toEqual(JSON.parse(JSON.stringify(r)))
    expect(marshalItem({ a: 1.5, b: null, c: [true, 'x'], d: undefined })).toEqual({
      a: { N: '1.5' },
      b: { NULL: true },
      c: { L: [{ BOOL: true }, { S: 'x' }] }
    })
    expect(() => marshalItem({ n: Number.NaN })).toThrow(/NaN/)
  })
})

describe('DynamoStore against dynalite', () => {
  it('saves and reads back every attribute with a consistent read', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    await expect(s.get(r.failure_id)).resolves.toEqual(r)
    await expect(s.get('no-such-id')).resolves.toBeUndefined()
    const get = dyn.requests.find(q => q.op === 'GetItem')
    expect(JSON.parse(get!.body).ConsistentRead).toBe(true)
  })

  it('stores a push failure without pr_number (absent, not null)', async () => {
    const s = store()
    const r = record({ pr_number: undefined })
    await s.save(r)
    const back = await s.get(r.failure_id)
    expect(back).toBeDefined()
    expect('pr_number' in back!).toBe(false)
  })

  it('save is idempotent: a re-save replaces a pending item, never an approved one', async () => {
    const s = store()
    const r = record()
    const before = await countItems()
    await s.save(r)
    await s.save({ ...r, root_cause: 'second attempt at the same run' })
    expect(await countItems()).toBe(before + 1)
    expect((await s.get(r.failure_id))?.root_cause).toBe('second attempt at the same run')

    await expect(s.transition(r.failure_id, 'pending', 'approved', { approved_by: 'alice' })).resolves.toBe(
      true
    )
    await s.save({ ...r, root_cause: 'a re-run must not clobber this' })
    const after = await s.get(r.failure_id)
    expect(after?.status).toBe('approved')
    expect(after?.approved_by).toBe('alice')
    expect(after?.root_cause).toBe('second attempt at the same run')
    expect(await countItems()).toBe(before + 1)
  })

  it('transition is conditional on the previous status and writes the extra fields', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    await expect(s.transition(r.failure_id, 'approved', 'resolved')).resolves.toBe(false)
    await expect(
      s.transition(r.failure_id, ['pending', 'stale'], 'approved', {
        approved_by: 'bob',
        pr_url: 'https://github.com/octo/app/pull/8'
      })
    ).resolves.toBe(true)
    const got = await s.get(r.failure_id)
    expect(got).toMatchObject({
      status: 'approved',
      approved_by: 'bob',
      pr_url: 'https://github.com/octo/app/pull/8'
    })
    expect(got!.updated_at > r.updated_at).toBe(true)
    await expect(s.transition(r.failure_id, 'pending', 'rejected')).resolves.toBe(false)
    await expect(s.transition('missing-id', 'pending', 'approved')).resolves.toBe(false)
    expect((await s.get(r.failure_id))?.status).toBe('approved')
  })

  it('two racing transitions: exactly one wins', async () => {
    const a = store()
    const b = store()
    const r = record()
    await a.save(r)
    const results = await Promise.all([
      a.transition(r.failure_id, 'pending', 'approved', { approved_by: 'alice' }),
      b.transition(r.failure_id, 'pending', 'approved', { approved_by: 'bob' })
    ])
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = results[0] ? 'alice' : 'bob'
    expect((await a.get(r.failure_id))?.approved_by).toBe(winner)
  })

  it('lists the proposals of a PR thread, newest first, and of a commit thread without PR', async () => {
    const s = store()
    const repo = 'octo/listing'
    const t = (sec: number): string => new Date(Date.UTC(2025, 5, 1, 12, 0, sec)).toISOString()
    const pr1 = record({ repo_name: repo, pr_number: 12, timestamp: t(1) })
    const pr2 = record({ repo_name: repo, pr_number: 12, timestamp: t(3) })
    const pr3 = record({ repo_name: repo, pr_number: 12, timestamp: t(2) })
    const other = record({ repo_name: repo, pr_number: 13, timestamp: t(4) })
    const push = record({
      repo_name: repo,
      pr_number: undefined,
      commit_sha: 'd'.repeat(40),
      timestamp: t(5)
    })
    const elsewhere = record({ repo_name: 'octo/else', pr_number: 12, timestamp: t(6) })
    for (const r of [pr1, pr2, pr3, other, push, elsewhere]) await s.save(r)

    const list = await s.listForThread(repo, { pr_number: 12 })
    expect(list.map(r => r.failure_id)).toEqual([pr2.failure_id, pr3.failure_id, pr1.failure_id])
    const q = JSON.parse(dyn.requests.find(x => x.op === 'Query')!.body)
    expect(q).toMatchObject({ IndexName: REPO_INDEX, ScanIndexForward: false })

    const commit = await s.listForThread(repo, { commit_sha: 'd'.repeat(40) })
    expect(commit.map(r => r.failure_id)).toEqual([push.failure_id])
    await expect(s.listForThread(repo, {})).resolves.toEqual([])
  })
})

describe('DynamoStore faults at the HTTP layer', () => {
  it('two throttles on PutItem: the SDK retries, one item results', async () => {
    const s = store()
    const r = record()
    const before = await countItems()
    dyn.throttleNext(2, { op: 'PutItem' })
    await s.save(r)
    const puts = dyn.requests.filter(q => q.op === 'PutItem')
    expect(puts).toHaveLength(3)
    expect(puts.filter(q => q.fault)).toHaveLength(2)
    expect(await countItems()).toBe(before + 1)
    await expect(s.get(r.failure_id)).resolves.toEqual(r)
  })

  it('a throttle and a 500 on UpdateItem: still exactly one transition', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    dyn.throttleNext(1, { op: 'UpdateItem', type: 'ThrottlingException' })
    dyn.failNext(1, { op: 'UpdateItem', status: 500, type: 'InternalServerError' })
    await expect(s.transition(r.failure_id, 'pending', 'approved', { approved_by: 'carol' })).resolves.toBe(
      true
    )
    expect(dyn.requests.filter(q => q.op === 'UpdateItem')).toHaveLength(3)
    await expect(s.transition(r.failure_id, 'pending', 'approved', { approved_by: 'dave' })).resolves.toBe(
      false
    )
    expect((await s.get(r.failure_id))?.approved_by).toBe('carol')
  })

  it('throttled throughout: bounded retries, then StoreUnavailableError and nothing written', async () => {
    const s = store({ maxAttempts: 3 })
    const r = record()
    dyn.throttleNext(50, { op: 'PutItem' })
    const err = await s.save(r).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreUnavailableError)
    expect((err as Error).message).toMatch(/throttl/)
    expect((err as Error).message).toMatch(/3 attempts/)
    expect(dyn.requests.filter(q => q.op === 'PutItem')).toHaveLength(3)
    dyn.reset()
    await expect(s.get(r.failure_id)).resolves.toBeUndefined()
  })

  it('a missing table is a configuration error naming the table, the region and the fix', async () => {
    const s = store({ table: 'no_such_table' })
    const err = await s.save(record()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreConfigError)
    const msg = (err as Error).message
    expect(msg).toContain('no_such_table')
    expect(msg).toContain(REGION)
    expect(msg).toContain(`fixflow init-table --table no_such_table --region ${REGION}`)
    await expect(s.get('x')).rejects.toBeInstanceOf(StoreConfigError)
    await expect(s.listForThread('o/r', { pr_number: 1 })).rejects.toBeInstanceOf(StoreConfigError)
  })

  it('AccessDenied is a configuration error naming the IAM actions', async () => {
    const s = store()
    dyn.failNext(1, {
      status: 400,
      type: 'AccessDeniedException',
      message: 'User is not authorized to perform: dynamodb:PutItem'
    })
    const err = await s.save(record()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreConfigError)
    for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'])
      expect((err as Error).message).toContain(action)
    expect(dyn.requests).toHaveLength(1)
  })
})

describe('the approve claim (issue 7): idempotent, never stranded', () => {
  it('a lost UpdateItem response: without a claim the SDK retry reads its own write as a lost race', async () => {
    // The defect the claim token fixes, shown on the real SDK: the write happened, its answer was lost, the retry's
    // condition fails, and approve would say "already applied" with no branch anywhere.
    const s = store()
    const r = record()
    await s.save(r)
    dyn.loseNextResponse(1, { op: 'UpdateItem' })
    await expect(s.transition(r.failure_id, 'pending', 'approved', { approved_by: 'alice' })).resolves.toBe(
      false
    )
    expect((await s.get(r.failure_id))?.status).toBe('approved')
  })

  it('a lost UpdateItem response with a claim: the retry finds its own token and the claim succeeds', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    const token = claimToken(1001)
    dyn.loseNextResponse(1, { op: 'UpdateItem' })
    const before = dyn.requests.length

    await expect(
      s.transition(r.failure_id, 'pending', 'approved', { approved_by: 'alice' }, { token })
    ).resolves.toBe(true)

    const updates = dyn.requests.slice(before).filter(q => q.op === 'UpdateItem')
    expect(updates).toHaveLength(2) // the write whose answer was lost, and the SDK's retry
    expect(updates[0]?.fault).toBe('InternalServerError (after forwarding)')
    expect(await s.get(r.failure_id)).toMatchObject({
      status: 'approved',
      approved_by: 'alice',
      claim_token: token
    })
  })

  it('a re-run of the same approve goes on; another approver still loses', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    await expect(
      s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(1) })
    ).resolves.toBe(true)
    await expect(
      s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(1) })
    ).resolves.toBe(true)
    await expect(
      s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(2) })
    ).resolves.toBe(false)
    await expect(s.transition(r.failure_id, 'pending', 'approved')).resolves.toBe(false)
    expect((await s.get(r.failure_id))?.claim_token).toBe('comment-1')
  })

  it('racing claims with different tokens: exactly one wins', async () => {
    const r = record()
    await store().save(r)
    const results = await Promise.all(
      [1, 2, 3].map(n =>
        store().transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(n) })
      )
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('a half-done apply (approved, no fix PR) is taken over by exactly one later approve', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    await s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(1) })
    const stuck = (await s.get(r.failure_id))!
    expect(isStalledClaim(stuck, new Date())).toBe(false) // an approve may still be at work
    expect(isStalledClaim(stuck, new Date(Date.now() + 11 * 60_000))).toBe(true)

    const takers = await Promise.all(
      [2, 3].map(n =>
        store().transition(
          r.failure_id,
          'pending',
          'approved',
          {},
          { token: claimToken(n), takeOver: 'comment-1' }
        )
      )
    )
    expect(takers.filter(Boolean)).toHaveLength(1)
    const holder = (await s.get(r.failure_id))!.claim_token
    expect(['comment-2', 'comment-3']).toContain(holder)

    // The holder records its fix PR; from then on nobody takes over, and the old claimer cannot release it.
    await expect(
      s.transition(
        r.failure_id,
        'approved',
        'approved',
        { pr_url: 'https://x/pull/9' },
        { token: holder!, held: true }
      )
    ).resolves.toBe(true)
    await expect(
      s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(4), takeOver: holder! })
    ).resolves.toBe(false)
    await expect(
      s.transition(r.failure_id, 'approved', 'pending', {}, { token: claimToken(1), held: true })
    ).resolves.toBe(false)
    expect(isStalledClaim((await s.get(r.failure_id))!, new Date(Date.now() + 3600_000))).toBe(false)
  })

  it('a failed apply releases only its own claim, and the proposal can be approved again', async () => {
    const s = store()
    const r = record()
    await s.save(r)
    await s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(1) })
    await expect(
      s.transition(r.failure_id, 'approved', 'pending', {}, { token: claimToken(2), held: true })
    ).resolves.toBe(false)
    await expect(
      s.transition(r.failure_id, 'approved', 'pending', {}, { token: claimToken(1), held: true })
    ).resolves.toBe(true)
    await expect(
      s.transition(r.failure_id, 'pending', 'approved', {}, { token: claimToken(2) })
    ).resolves.toBe(true)
  })
})
