// Where the proposal is kept and what happens when keeping or posting it goes wrong: the embedded (thread) store,
// DynamoDB throttled at the HTTP layer or missing, GitHub 5xx and secondary rate limits on the comment POST,
// configuration errors, and the rules provider with no AWS credentials at all.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub, type FakePull, type FakeRun } from '../support/github-server.js'
import { startDynamo, type LocalDynamo } from '../support/dynamo.js'
import { initTable } from '../../src/store/init-table.js'
import { DynamoStore } from '../../src/store/dynamo.js'
import { ThreadStore } from '../../src/store/thread.js'
import { GitHubClient } from '../../src/github/client.js'
import { readEmbeddedRecord } from '../../src/render/comment.js'
import { proposalHash } from '../../src/patch/hash.js'
import {
  AWS,
  REGION,
  SEED_PROPOSAL,
  analyzeRun,
  expectFailed,
  expectGreen,
  failedRun,
  seedFiles,
  startSwitchableBedrock,
  visibleText,
  type RunOptions,
  type SwitchableBedrock
} from './analyze-helpers.js'

const TABLE = 'store_table'

describe('analyze: the store, GitHub faults and configuration', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let dynamo: LocalDynamo
  let store: DynamoStore
  let base: string
  let n = 0

  beforeAll(async () => {
    ;[gh, bedrock, dynamo] = await Promise.all([startGitHub(), startSwitchableBedrock(), startDynamo()])
    Object.assign(process.env, AWS, { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint })
    await initTable({ table: TABLE, region: REGION })
    store = new DynamoStore({ table: TABLE, region: REGION })
    base = gh.push('main', seedFiles(gh), 'initial')
  })

  afterAll(async () => {
    store?.destroy()
    await Promise.all([gh?.close(), bedrock?.close(), dynamo?.close()])
  })

  /** A new PR at a new commit whose `test` job failed with the seed log. */
  function newPr(parent = base): { pr: FakePull; run: FakeRun; sha: string } {
    n++
    const sha = gh.seedCommit({ 'notes.txt': `store ${n}\n` }, parent, `store ${n}`)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/store-${n}` })
    const run = failedRun(gh, sha, { branch: pr.head_ref, event: 'pull_request', pulls: [pr.number] })
    return { pr, run, sha }
  }

  const withTable = (): Partial<RunOptions> => ({ table: TABLE, dynamoEndpoint: dynamo.endpoint })

  it('no table: the proposal is embedded in the comment and read back equal', async () => {
    const { pr, run, sha } = newPr()
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    const id = `${run.id}-1`
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    const embedded = readEmbeddedRecord(body)
    expect(embedded).toBeDefined()

    // Read back as approve does: through the thread store over the real client.
    const client = new GitHubClient({
      token: gh.token,
      repo: { owner: gh.owner, repo: gh.repo },
      baseUrl: gh.url
    })
    const back = await new ThreadStore(client, { kind: 'pr', number: pr.number }, () => '').get(id)
    expect(back).toEqual({ ...embedded, comment_url: comments[0]!.html_url })
    expect(back).toMatchObject({
      failure_id: id,
      status: 'pending',
      commit_sha: sha,
      branch: pr.head_ref,
      pr_number: pr.number,
      root_cause: SEED_PROPOSAL.root_cause,
      proposed_patch: SEED_PROPOSAL.files_to_modify,
      confidence: SEED_PROPOSAL.confidence,
      risk_score: r.outputs.risk
    })
    // The hash still matches the record, and the comment shows that hash and the same diff.
    expect(proposalHash(back!)).toBe(back!.proposal_hash)
    expect(body).toContain(back!.proposal_hash.slice(0, 12))
    expect(body).toContain(back!.diff.trim())
    expect(r.outputs['failure-id']).toBe(id)
    // The job summary shows the proposal without the embedded copy.
    expect(r.summary).toContain('+pandas==2.2.3')
    expect(r.summary).not.toContain('fixflow:proposal:v1')
  })

  it('no table: a newer failing commit on the PR marks the embedded older proposal stale and collapses it', async () => {
    const first = newPr()
    expectGreen(await analyzeRun({ gh, run: first.run, pull: first.pr, bedrock }))
    const newer = gh.seedCommit({ 'notes.txt': 'newer\n' }, first.sha, 'newer')
    gh.pushToPull(first.pr.number, newer)
    const run2 = failedRun(gh, newer, {
      branch: first.pr.head_ref,
      event: 'pull_request',
      pulls: [first.pr.number]
    })
    expectGreen(await analyzeRun({ gh, run: run2, pull: first.pr, bedrock }))
    const [old, current] = gh.commentsOn({ kind: 'pr', number: first.pr.number })
    expect(readEmbeddedRecord(old!.body)).toMatchObject({ failure_id: `${first.run.id}-1`, status: 'stale' })
    expect(visibleText(old!.body)).not.toContain('/fixflow approve')
    expect(old!.body).toContain('Outdated')
    expect(readEmbeddedRecord(current!.body)).toMatchObject({
      failure_id: `${run2.id}-1`,
      status: 'pending',
      commit_sha: newer
    })
  })

  it('DynamoDB throttled twice at the HTTP layer -> retried, one item, approve offered', async () => {
    const { pr, run } = newPr()
    dynamo.reset()
    dynamo.throttleNext(2, { op: 'PutItem' })
    const r = await analyzeRun({ gh, run, pull: pr, bedrock, ...withTable() })
    expectGreen(r)
    const puts = dynamo.requests.filter(q => q.op === 'PutItem')
    expect(puts.map(q => q.fault ?? 'ok')).toEqual([
      'ProvisionedThroughputExceededException',
      'ProvisionedThroughputExceededException',
      'ok'
    ])
    const id = `${run.id}-1`
    expect(await store.get(id)).toMatchObject({ failure_id: id, status: 'pending' })
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(`/fixflow approve ${id}`)
  })

  it('DynamoDB throttled throughout -> no approve command, the thread says unavailable and why, the job is green', async () => {
    const { pr, run } = newPr()
    dynamo.reset()
    dynamo.throttleNext(1000)
    let r
    try {
      r = await analyzeRun({ gh, run, pull: pr, bedrock, ...withTable() })
    } finally {
      dynamo.reset()
    }
    expectGreen(r)
    expect(r.outputs.status).toBe('unavailable')
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toContain('analysis unavailable')
    expect(body).toMatch(/proposal store is unavailable[\s\S]*kept throttling/)
    expect(body).not.toContain('/fixflow approve')
    expect(await store.get(`${run.id}-1`)).toBeUndefined()
  })

  it('a missing table fails the job with its name, the region and how to create it', async () => {
    const { pr, run } = newPr()
    const r = await analyzeRun({
      gh,
      run,
      pull: pr,
      bedrock,
      table: 'no_such_table',
      dynamoEndpoint: dynamo.endpoint
    })
    const message = expectFailed(r)
    expect(message).toContain('no_such_table')
    expect(message).toContain(REGION)
    expect(message).toContain('init-table --table no_such_table')
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(0)
  })

  it('a bad input value fails the job with a message quoting the value', async () => {
    const { pr, run } = newPr()
    for (const [name, value] of [
      ['max-log-bytes', 'lots'],
      ['mode', 'fix-everything'],
      ['dynamodb-table', 'bad table!']
    ] as const) {
      const r = await analyzeRun({ gh, run, pull: pr, bedrock, inputs: { [name]: value } })
      const message = expectFailed(r)
      expect(message).toContain(`'${name}'`)
      expect(message).toContain(`'${value}'`)
    }
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(0)
  })

  it('a token without actions: read fails the job naming the permissions to grant', async () => {
    const { pr, run } = newPr()
    gh.fail({
      method: 'GET',
      path: new RegExp(`/actions/runs/${run.id}/attempts/1/jobs$`),
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    const message = expectFailed(r)
    expect(message).toContain('403')
    expect(message).toContain('actions: read')
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(0)
  })

  it('no AWS credentials at all: the rules provider proposes the seed fix with no Bedrock request', async () => {
    const { pr, run } = newPr()
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock, aws: false })
    expectGreen(r)
    expect(bedrock.requests.length).toBe(mark)
    expect(r.outputs.status).toBe('pending')
    const body = gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body
    expect(body).toMatch(/^\+pandas/m)
    expect(body).toContain('built-in rules')
    expect(body).toContain(`/fixflow approve ${run.id}-1`)
  })

  it('a comment POST answered 502 after it succeeded -> exactly one comment', async () => {
    const { pr, run } = newPr()
    const path = new RegExp(`/issues/${pr.number}/comments$`)
    gh.fail({ method: 'POST', path, status: 502, afterSuccess: true })
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    gh.clearFaults()
    expectGreen(r)
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(1)
    expect(gh.count('POST', path)).toBe(1)
    expect(r.outputs['comment-url']).toBe(gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.html_url)
  })

  it('a secondary rate limit on the comment POST -> waited out, exactly one comment', async () => {
    const { pr, run } = newPr()
    const path = new RegExp(`/issues/${pr.number}/comments$`)
    gh.secondaryRateLimit({ method: 'POST', path, times: 1, retryAfter: 1 })
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    gh.clearFaults()
    expectGreen(r)
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(1)
    expect(gh.requests.filter(q => q.method === 'POST' && path.test(q.path)).map(q => q.status)).toEqual([
      403, 201
    ])
  })
})
