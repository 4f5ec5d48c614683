// The approve claim is idempotent (issue 7, faults), through the bundle with the DynamoDB store: a lost response to
// the pending -> approved write, and later approves that finish a half-done apply. One world, tests in sequence (the
// DynamoDB fault is injected at the proxy and would hit any concurrent test).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  PATCHED,
  SLOW,
  alterItem,
  commentAndRun,
  fixPulls,
  out,
  replies,
  seedPrFailure,
  startWorld,
  stored,
  type World
} from './approve-harness.js'

describe('approve claims idempotently (DynamoDB store)', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld({ table: true })
    w.gh.setPermission('wendy', 'write')
  }, SLOW)
  afterAll(async () => {
    await w?.close()
  })

  it(
    'the claim write succeeds but its answer is lost: the retry finds its own claim and the fix is applied',
    async () => {
      const s = await seedPrFailure(w)
      w.dynamo!.loseNextResponse(1, { op: 'UpdateItem' })
      const { run, comment } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.outputs.status).toBe('approved')
      expect(w.gh.readFileAt(`fixflow/${s.id}`, 'requirements.txt')).toBe(PATCHED)
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect(await stored(w, s)).toMatchObject({
        status: 'approved',
        claim_token: `comment-${comment.id}`,
        pr_url: expect.stringContaining('/pull/')
      })
    },
    SLOW
  )

  it(
    'claimed, then nothing written (the job died): refused while the claim is fresh, finished by a later approve once it is stale',
    async () => {
      const s = await seedPrFailure(w)
      await alterItem(w, s.id, 'status', 'approved')
      await alterItem(w, s.id, 'claim_token', 'comment-1')
      await alterItem(w, s.id, 'claimed_at', new Date().toISOString())
      const early = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(early.run.outputs.status).toBe('refused')
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeUndefined()

      await alterItem(w, s.id, 'claimed_at', new Date(Date.now() - 3_600_000).toISOString())
      const late = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(late.run.outputs.status).toBe('approved')
      expect(w.gh.readFileAt(`fixflow/${s.id}`, 'requirements.txt')).toBe(PATCHED)
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect(await stored(w, s)).toMatchObject({
        status: 'approved',
        claim_token: `comment-${late.comment.id}`,
        pr_url: expect.stringContaining('/pull/')
      })
    },
    SLOW
  )

  it(
    'branch created but no PR (the job died before it): a later approve without an id opens the PR on that branch',
    async () => {
      const s = await seedPrFailure(w)
      // The first approve writes the branch, then GitHub refuses the PR: the branch stays.
      w.gh.fail({ method: 'POST', path: /\/pulls$/, status: 500, times: Infinity })
      const first = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      w.gh.clearFaults()
      expect(first.run.code).not.toBe(0)
      const tip = w.gh.branchSha(`fixflow/${s.id}`)
      expect(tip).toBeDefined()
      expect(fixPulls(w, s.id)).toHaveLength(0)
      // As if that job had died before giving the proposal back: approved under its claim, stale, no fix PR.
      await alterItem(w, s.id, 'status', 'approved')
      await alterItem(w, s.id, 'claim_token', `comment-${first.comment.id}`)
      await alterItem(w, s.id, 'claimed_at', new Date(Date.now() - 3_600_000).toISOString())

      const later = await commentAndRun(w, s.pr.number, '/fixflow approve', 'wendy')
      expect(later.run.outputs.status).toBe('approved')
      expect(out(later.run)).toContain('already holds this fix without a PR')
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBe(tip)
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect((await stored(w, s))?.pr_url).toContain('/pull/')
      expect(
        replies(w, s.thread)
          .map(r => r.body)
          .join('\n')
      ).toContain(`applied proposal \`${s.id}\``)
    },
    SLOW
  )
})
