// Exactly once, end to end: two approve processes racing, and DynamoDB throttling during approve. Run one after the
// other in their own world (the throttle is injected at the HTTP layer and would hit any concurrent test).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  SLOW,
  commentEvent,
  fixBranches,
  fixPulls,
  nextRunId,
  out,
  replies,
  runBundle,
  seedPrFailure,
  startWorld,
  stored,
  user,
  type World
} from './approve-harness.js'

describe('approve exactly once (DynamoDB store)', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld({ table: true })
    w.gh.setPermission('wendy', 'write')
    w.gh.setPermission('mia', 'maintain')
  }, SLOW)
  afterAll(async () => {
    await w?.close()
  })

  it(
    'two approve comments handled by two processes at once: one branch, one PR; the loser says it is already applied',
    async () => {
      const s = await seedPrFailure(w)
      const c1 = w.gh.addComment(s.thread, `/fixflow approve ${s.id}`, user('wendy'))
      const c2 = w.gh.addComment(s.thread, '/fixflow approve', user('mia'))
      const [r1, r2] = await Promise.all([
        runBundle(w, {
          eventName: 'issue_comment',
          event: commentEvent(w, s.pr.number, c1),
          runId: nextRunId()
        }),
        runBundle(w, {
          eventName: 'issue_comment',
          event: commentEvent(w, s.pr.number, c2),
          runId: nextRunId()
        })
      ])
      expect([r1.code, r2.code]).toEqual([0, 0])
      const statuses = [r1.outputs.status, r2.outputs.status].sort()
      expect(statuses).toEqual(['approved', 'refused'])
      expect(fixBranches(w)).toEqual([`refs/heads/fixflow/${s.id}`])
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect(w.gh.count('POST', /\/pulls$/)).toBe(1)
      const [winner, loser] = r1.outputs.status === 'approved' ? [c1, c2] : [c2, c1]
      const item = await stored(w, s)
      expect(item).toMatchObject({ status: 'approved', approved_by: winner.user.login })
      const rs = replies(w, s.thread)
      expect(rs).toHaveLength(2)
      const loserReply = rs.find(r => r.body.includes(`fixflow:reply:comment-${loser.id}`))?.body ?? ''
      expect(loserReply).toMatch(/is already applied \(approved\)/)
      expect(w.gh.reactionsOn(loser.id)).toEqual(['eyes', '-1'])
      expect(w.gh.reactionsOn(winner.id)).toEqual(['eyes', 'rocket'])
      // Both processes usually reach the conditional claim at the same moment; the table lets exactly one through
      // (approved_by above names the winner, and only the winner made a branch and a PR).
      const claims = w.dynamo!.requests.filter(
        r =>
          r.op === 'UpdateItem' &&
          !r.fault &&
          r.body.includes('":from0":{"S":"pending"}') &&
          r.body.includes('":to":{"S":"approved"}')
      )
      expect(claims.length).toBeGreaterThanOrEqual(1)
      expect(claims.length).toBeLessThanOrEqual(2)
    },
    SLOW
  )

  it(
    'DynamoDB throttles the claim once (HTTP layer): still exactly one transition and one PR',
    async () => {
      const s = await seedPrFailure(w)
      const c = w.gh.addComment(s.thread, `/fixflow approve ${s.id}`, user('wendy'))
      const from = w.dynamo!.requests.length
      w.dynamo!.throttleNext(1, { op: 'UpdateItem' })
      const run = await runBundle(w, { eventName: 'issue_comment', event: commentEvent(w, s.pr.number, c) })
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const updates = w.dynamo!.requests.slice(from).filter(r => r.op === 'UpdateItem')
      expect(updates[0]?.fault).toBe('ProvisionedThroughputExceededException')
      const claims = updates.filter(
        r =>
          !r.fault && r.body.includes('":from0":{"S":"pending"}') && r.body.includes('":to":{"S":"approved"}')
      )
      expect(claims).toHaveLength(1)
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeDefined()
      expect(await stored(w, s)).toMatchObject({
        status: 'approved',
        pr_url:
          fixPulls(w, s.id)[0] && `https://github.com/${w.gh.fullName}/pull/${fixPulls(w, s.id)[0]!.number}`
      })
      void out
    },
    SLOW
  )
})
