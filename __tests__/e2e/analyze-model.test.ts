// Model faults through the real AWS SDK against a loopback Converse server: throttling throughout, access denied,
// "input is too long" (a smaller prompt, once), and malformed replies (one repair round). Whatever happens, the
// FixFlow job stays green and the thread says why there is no proposal. The proposal store is the thread.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { awsError, textReply, toolUseReply, type ConverseReply } from '../support/bedrock-server.js'
import type { ActionRun } from '../support/action.js'
import {
  SEED_PROPOSAL,
  analyzeRun,
  expectGreen,
  failedRun,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'

describe('analyze: the model fails or answers badly', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let base: string
  let n = 0

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push('main', seedFiles(gh), 'initial')
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  /** Runs the on-failure job for a new PR with the Converse replies given in order (the last one repeats). */
  async function withReplies(
    replies: ConverseReply[],
    inputs: Record<string, string> = {}
  ): Promise<{ r: ActionRun; body: string; sent: SwitchableBedrock['requests'] }> {
    n++
    const sha = gh.seedCommit({ 'notes.txt': `model ${n}\n` }, base, `model ${n}`)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/model-${n}` })
    const run = failedRun(gh, sha, {
      branch: `feature/model-${n}`,
      event: 'pull_request',
      pulls: [pr.number]
    })
    let i = 0
    bedrock.handle = () => replies[Math.min(i++, replies.length - 1)]!
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock, inputs })
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    return { r, body: comments[0]!.body, sent: bedrock.since(mark) }
  }

  function expectUnavailable(x: { r: ActionRun; body: string }, why: RegExp): void {
    expectGreen(x.r)
    expect(x.r.outputs.status).toBe('unavailable')
    expect(x.body).toContain('analysis unavailable')
    expect(x.body).toMatch(why)
    expect(x.body).not.toContain('/fixflow approve')
    expect(x.r.summary).toMatch(why)
  }

  it('ThrottlingException throughout -> bounded retries, then "unavailable" with the reason; the job is green', async () => {
    const x = await withReplies([
      awsError('ThrottlingException', 'Too many requests, please wait before trying again.')
    ])
    expectUnavailable(x, /kept throttling/)
    expect(x.sent.length).toBeGreaterThanOrEqual(2)
    expect(x.sent.length).toBeLessThanOrEqual(4)
  })

  it('AccessDeniedException -> "unavailable", saying to enable model access; not retried', async () => {
    const x = await withReplies([
      awsError('AccessDeniedException', "You don't have access to the model with the specified model ID.")
    ])
    expectUnavailable(x, /denied access[\s\S]*Enable model access/)
    expect(x.sent).toHaveLength(1)
  })

  it('ValidationException "Input is too long" -> one smaller prompt, which succeeds', async () => {
    const x = await withReplies(
      [
        awsError('ValidationException', 'Input is too long for requested model.'),
        toolUseReply(SEED_PROPOSAL)
      ],
      { 'max-prompt-tokens': '1200' }
    )
    expectGreen(x.r)
    expect(x.r.outputs.status).toBe('pending')
    expect(x.body).toContain('+pandas==2.2.3')
    expect(x.sent).toHaveLength(2)
    const [first, second] = x.sent as [(typeof x.sent)[0], (typeof x.sent)[0]]
    console.log(
      `too long: first request ${first.raw.length} bytes, the smaller one ${second.raw.length} bytes`
    )
    expect(second.raw.length).toBeLessThan(first.raw.length)
  })

  it('ValidationException "Input is too long" twice -> "unavailable", the job is green', async () => {
    const x = await withReplies([awsError('ValidationException', 'Input is too long for requested model.')])
    expectUnavailable(x, /too long/)
    expect(x.sent).toHaveLength(2)
  })

  it('prose instead of a proposal, twice -> one repair round, then "unavailable"', async () => {
    const x = await withReplies([
      textReply('The build failed because pandas is missing. You should add it to your requirements file.')
    ])
    expectUnavailable(x, /did not return a valid proposal after one repair round/)
    expect(x.sent).toHaveLength(2)
    // The repair round tells the model what was wrong.
    expect(x.sent[1]!.raw).toContain('is not a valid propose_fix call')
  })

  it('truncated JSON, then a valid proposal in the repair round -> the repaired proposal is posted', async () => {
    const cut = JSON.stringify(SEED_PROPOSAL).slice(0, 90)
    const x = await withReplies([textReply(cut, { stopReason: 'max_tokens' }), toolUseReply(SEED_PROPOSAL)])
    expectGreen(x.r)
    expect(x.r.outputs).toMatchObject({ status: 'pending', confidence: '0.9' })
    expect(x.body).toContain('+pandas==2.2.3')
    expect(x.sent).toHaveLength(2)
  })

  it('confidence 7, twice -> the schema rejects it, one repair round, then "unavailable"', async () => {
    const x = await withReplies([toolUseReply({ ...SEED_PROPOSAL, confidence: 7 })])
    expectUnavailable(x, /confidence/)
    expect(x.sent).toHaveLength(2)
    expect(x.r.outputs.confidence).toBeUndefined()
  })
})
