// Where the one comment goes and how it stays one: push with no PR (commit comment), push whose commit has an open PR
// (found through GET /commits/{sha}/pulls), re-runs (attempt 2, the same attempt twice), and a newer failing commit
// on the same PR turning the older proposal stale. The bundle runs as the runner does; DynamoDB is the store.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { startDynamo, type LocalDynamo } from '../support/dynamo.js'
import { initTable } from '../../src/store/init-table.js'
import { DynamoStore } from '../../src/store/dynamo.js'
import { awsError, toolUseReply } from '../support/bedrock-server.js'
import {
  AWS,
  REGION,
  SEED_LOG,
  SEED_PROPOSAL,
  analyzeRun,
  expectGreen,
  failedRun,
  seedFiles,
  startSwitchableBedrock,
  visibleText,
  type SwitchableBedrock
} from './analyze-helpers.js'

const TABLE = 'threads_table'

describe('analyze: which thread gets the one comment', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let dynamo: LocalDynamo
  let store: DynamoStore
  let base: string

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

  const common = () => ({ gh, bedrock, dynamoEndpoint: dynamo.endpoint, table: TABLE })

  it('a push with no PR gets one commit comment that says to approve through workflow_dispatch', async () => {
    const sha = gh.push('main', { 'notes.txt': 'push without PR\n' }, 'push without PR')
    const run = failedRun(gh, sha)
    const r = await analyzeRun({ ...common(), run })
    expectGreen(r)
    const id = `${run.id}-1`
    expect(r.outputs).toMatchObject({ status: 'pending', 'failure-id': id, risk: 'medium' })

    // The PR lookup was made, found nothing, and the commit thread got the comment.
    expect(gh.count('GET', new RegExp(`/commits/${sha}/pulls$`))).toBe(1)
    const comments = gh.commentsOn({ kind: 'commit', sha })
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toContain('+pandas==2.2.3')
    expect(body).toContain('Run workflow')
    expect(body).toContain(`gh workflow run fixflow.yml -f command=approve -f failure-id=${id}`)
    // A commit comment starts no workflow: no `/fixflow approve` comment command is offered there.
    expect(body).not.toContain('/fixflow approve')
    expect(r.outputs['comment-url']).toBe(comments[0]!.html_url)

    const item = await store.get(id)
    expect(item).toMatchObject({
      status: 'pending',
      commit_sha: sha,
      branch: 'main',
      comment_url: comments[0]!.html_url
    })
    expect(item?.pr_number).toBeUndefined()
  })

  it('a push whose commit has an open PR comments on the PR, found through GET /commits/{sha}/pulls', async () => {
    const sha = gh.seedCommit({ 'notes.txt': 'on a PR branch\n' }, base, 'feature work')
    gh.setBranch('feature/pushed', sha)
    const pr = gh.addPull({ head_sha: sha, head_ref: 'feature/pushed' })
    const run = failedRun(gh, sha, { branch: 'feature/pushed' })
    const r = await analyzeRun({ ...common(), run })
    expectGreen(r)
    expect(gh.count('GET', new RegExp(`/commits/${sha}/pulls$`))).toBe(1)
    expect(gh.commentsOn({ kind: 'commit', sha })).toHaveLength(0)
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(`/fixflow approve ${run.id}-1`)
    expect(await store.get(`${run.id}-1`)).toMatchObject({
      pr_number: pr.number,
      branch: 'feature/pushed',
      commit_sha: sha
    })
  })

  it('re-runs (attempt 2, then attempt 2 again) keep exactly one comment, updated in place', async () => {
    const sha = gh.seedCommit({ 'notes.txt': 'rerun\n' }, base, 'rerun')
    const pr = gh.addPull({ head_sha: sha, head_ref: 'feature/rerun' })
    const run = failedRun(gh, sha, { branch: 'feature/rerun', event: 'pull_request', pulls: [pr.number] })
    const thread = { kind: 'pr' as const, number: pr.number }
    const posts = (): number => gh.count('POST', new RegExp(`/issues/${pr.number}/comments$`))

    expectGreen(await analyzeRun({ ...common(), run, pull: pr }))
    expect(gh.commentsOn(thread)).toHaveLength(1)
    const first = gh.commentsOn(thread)[0]!
    expect(first.body).toContain(`/fixflow approve ${run.id}-1`)

    // Attempt 2: the failed job is re-run and fails again; its model answer differs.
    run.run_attempt = 2
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', run_attempt: 2, log: SEED_LOG })
    bedrock.handle = () =>
      toolUseReply({
        root_cause: 'Attempt two: pandas is missing from requirements.txt.',
        files_to_modify: [
          {
            file_path: 'requirements.txt',
            original: 'numpy==2.1.3\n',
            replacement: 'numpy==2.1.3\npandas==2.2.2\n'
          }
        ],
        confidence: 0.8
      })
    try {
      const second = await analyzeRun({ ...common(), run, pull: pr, attempt: 2 })
      expectGreen(second)
      expect(second.outputs['failure-id']).toBe(`${run.id}-2`)
      const third = await analyzeRun({ ...common(), run, pull: pr, attempt: 2 })
      expectGreen(third)
      expect(third.outputs['comment-url']).toBe(first.html_url)
    } finally {
      bedrock.handle = () => toolUseReply(SEED_PROPOSAL)
    }

    const comments = gh.commentsOn(thread)
    expect(comments).toHaveLength(1)
    expect(posts()).toBe(1)
    expect(comments[0]!.id).toBe(first.id)
    const body = comments[0]!.body
    expect(body).toContain('attempt 2')
    expect(body).toContain('+pandas==2.2.2')
    expect(body).toContain(`/fixflow approve ${run.id}-2`)
    expect(body).not.toContain(`${run.id}-1`)
    expect(await store.get(`${run.id}-2`)).toMatchObject({
      status: 'pending',
      comment_url: first.html_url,
      run_attempt: 2
    })
    // Attempt 1's proposal is shown nowhere any more: no approve (with or without its id) may reach it.
    expect(await store.get(`${run.id}-1`)).toMatchObject({ status: 'stale' })
  })

  it('the same attempt analysed again while its proposal is pending -> shown again, no model call, same patch', async () => {
    const sha = gh.seedCommit({ 'notes.txt': 'twice\n' }, base, 'twice')
    const pr = gh.addPull({ head_sha: sha, head_ref: 'feature/twice' })
    const run = failedRun(gh, sha, { branch: 'feature/twice', event: 'pull_request', pulls: [pr.number] })
    const id = `${run.id}-1`
    const mark = bedrock.requests.length
    expectGreen(await analyzeRun({ ...common(), run, pull: pr }))
    const first = await store.get(id)
    expect(first).toMatchObject({ status: 'pending' })
    // The item lost its comment link (the earlier run could not record it): the re-run fills it in.
    await store.save({ ...first!, comment_url: undefined })

    // Asked again, the model would answer differently.
    bedrock.handle = () =>
      toolUseReply({
        ...SEED_PROPOSAL,
        files_to_modify: [
          { ...SEED_PROPOSAL.files_to_modify[0]!, replacement: 'numpy==2.1.3\npandas==1.0.0\n' }
        ]
      })
    let again
    try {
      again = await analyzeRun({ ...common(), run, pull: pr })
    } finally {
      bedrock.handle = () => toolUseReply(SEED_PROPOSAL)
    }
    expectGreen(again)
    expect(again.outputs).toMatchObject({ status: 'pending', 'failure-id': id })
    expect(bedrock.since(mark)).toHaveLength(1)
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('+pandas==2.2.3')
    expect(comments[0]!.body).not.toContain('pandas==1.0.0')
    expect(await store.get(id)).toEqual({ ...first, updated_at: expect.any(String) })
  })

  it('attempt 2 that offers no fix (model unavailable) still makes attempt 1 stale', async () => {
    const sha = gh.seedCommit({ 'notes.txt': 'attempt unavailable\n' }, base, 'attempt unavailable')
    const pr = gh.addPull({ head_sha: sha, head_ref: 'feature/unavailable' })
    const run = failedRun(gh, sha, {
      branch: 'feature/unavailable',
      event: 'pull_request',
      pulls: [pr.number]
    })
    expectGreen(await analyzeRun({ ...common(), run, pull: pr }))
    expect(await store.get(`${run.id}-1`)).toMatchObject({ status: 'pending' })

    run.run_attempt = 2
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', run_attempt: 2, log: SEED_LOG })
    bedrock.handle = () => awsError('AccessDeniedException', "You don't have access to the model.")
    let second
    try {
      second = await analyzeRun({ ...common(), run, pull: pr, attempt: 2 })
    } finally {
      bedrock.handle = () => toolUseReply(SEED_PROPOSAL)
    }
    expectGreen(second)
    expect(second.outputs.status).toBe('unavailable')
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('analysis unavailable')
    expect(comments[0]!.body).not.toContain('/fixflow approve')
    expect(await store.get(`${run.id}-1`)).toMatchObject({ status: 'stale' })
  })

  it('a newer failing commit on the same PR makes the older proposal stale and collapses its comment', async () => {
    const older = gh.seedCommit({ 'notes.txt': 'stale 1\n' }, base, 'first try')
    const pr = gh.addPull({ head_sha: older, head_ref: 'feature/stale' })
    const run1 = failedRun(gh, older, { branch: 'feature/stale', event: 'pull_request', pulls: [pr.number] })
    expectGreen(await analyzeRun({ ...common(), run: run1, pull: pr }))

    const newer = gh.seedCommit({ 'notes.txt': 'stale 2\n' }, older, 'second try')
    gh.pushToPull(pr.number, newer)
    const run2 = failedRun(gh, newer, { branch: 'feature/stale', event: 'pull_request', pulls: [pr.number] })
    const r = await analyzeRun({ ...common(), run: run2, pull: pr })
    expectGreen(r)

    expect(await store.get(`${run1.id}-1`)).toMatchObject({ status: 'stale', commit_sha: older })
    expect(await store.get(`${run2.id}-1`)).toMatchObject({ status: 'pending', commit_sha: newer })

    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(2)
    const [old, current] = comments as [(typeof comments)[0], (typeof comments)[0]]
    expect(old.body).toContain('Outdated')
    // No approve command is left in view (nor anywhere in the collapsed comment).
    expect(visibleText(old.body)).not.toContain('/fixflow approve')
    expect(old.body).not.toContain('/fixflow approve')
    expect(old.body).toMatch(/<details><summary>The proposal<\/summary>/)
    expect(current.body).toContain(`/fixflow approve ${run2.id}-1`)
  })

  it('an older proposal too long to render whole is still collapsed as outdated, within the size limit', async () => {
    const older = gh.seedCommit({ 'notes.txt': 'long 1\n' }, base, 'first try')
    const pr = gh.addPull({ head_sha: older, head_ref: 'feature/long' })
    const run1 = failedRun(gh, older, { branch: 'feature/long', event: 'pull_request', pulls: [pr.number] })
    expectGreen(await analyzeRun({ ...common(), run: run1, pull: pr }))
    // An item whose rendering exceeds GitHub's 65,536 characters.
    const item = (await store.get(`${run1.id}-1`))!
    const reasons = Array.from({ length: 300 }, (_, i) => `reason ${i}: ${'x'.repeat(280)}`)
    await store.save({ ...item, risk_reasons: reasons })

    const newer = gh.seedCommit({ 'notes.txt': 'long 2\n' }, older, 'second try')
    gh.pushToPull(pr.number, newer)
    const run2 = failedRun(gh, newer, { branch: 'feature/long', event: 'pull_request', pulls: [pr.number] })
    expectGreen(await analyzeRun({ ...common(), run: run2, pull: pr }))

    expect(await store.get(`${run1.id}-1`)).toMatchObject({ status: 'stale' })
    const [old] = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(old!.body.length).toBeLessThanOrEqual(65536)
    expect(old!.body).toContain('Outdated')
    expect(old!.body).not.toContain('/fixflow approve')
  })
})
