// The core approve flows with the embedded store (no dynamodb-table): the proposal lives in its thread comment.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  PATCHED,
  SLOW,
  bodyOf,
  commentAndRun,
  dispatchRun,
  fixPulls,
  replies,
  runBundle,
  seedPrFailure,
  seedPushFailure,
  startWorld,
  stored,
  user,
  type World
} from './approve-harness.js'

describe('approve with the embedded store (no table)', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld({ table: false })
    w.gh.setPermission('wendy', 'write')
    w.gh.setPermission('rita', 'read')
  }, SLOW)
  afterAll(async () => {
    await w?.close()
  })

  it.concurrent(
    'a writer approves: patched branch from the proposal commit, PR, the comment records approved + pr_url; a re-run changes nothing',
    async () => {
      const s = await seedPrFailure(w)
      expect(bodyOf(w, s.comment.id)).toContain('<!-- fixflow:proposal:v1 ')
      const first = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(first.run.code).toBe(0)
      expect(first.run.outputs.status).toBe('approved')
      const tip = w.gh.branchSha(`fixflow/${s.id}`)!
      expect(w.gh.commitParents(tip)).toEqual([s.head])
      expect(w.gh.readFileAt(tip, 'requirements.txt')).toBe(PATCHED)
      const fix = fixPulls(w, s.id)
      expect(fix).toHaveLength(1)
      expect(fix[0]!.base_ref).toBe(s.pr.head_ref)
      const prUrl = `https://github.com/${w.gh.fullName}/pull/${fix[0]!.number}`
      expect(await stored(w, s)).toMatchObject({ status: 'approved', pr_url: prUrl, approved_by: 'wendy' })
      expect(bodyOf(w, s.comment.id)).toContain(`Approved by \`wendy\` — fix PR: ${prUrl}`)
      expect(w.gh.reactionsOn(first.comment.id)).toEqual(['eyes', 'rocket'])
      expect(replies(w, s.thread)[0]?.body).toContain(prUrl)

      const snapshot = JSON.stringify({
        c: w.gh.commentsOn(s.thread),
        r: w.gh.reactionsOn(first.comment.id),
        b: w.gh.branchSha(`fixflow/${s.id}`),
        p: fixPulls(w, s.id).length
      })
      const again = await runBundle(w, {
        eventName: 'issue_comment',
        event: first.event,
        runId: first.runId,
        env: { GITHUB_RUN_ATTEMPT: '2' }
      })
      expect(again.code).toBe(0)
      expect(again.outputs.status).toBe('none')
      expect(
        JSON.stringify({
          c: w.gh.commentsOn(s.thread),
          r: w.gh.reactionsOn(first.comment.id),
          b: w.gh.branchSha(`fixflow/${s.id}`),
          p: fixPulls(w, s.id).length
        })
      ).toBe(snapshot)

      // Another approve comment later: already applied, nothing new.
      const late = await commentAndRun(w, s.pr.number, '/fixflow approve', 'wendy')
      expect(late.run.outputs.status).toBe('refused')
      expect(replies(w, s.thread).find(r => r.body.includes(`comment-${late.comment.id}`))?.body).toMatch(
        /already applied/
      )
      expect(fixPulls(w, s.id)).toHaveLength(1)
    },
    SLOW
  )

  it.concurrent(
    'reject: the comment records rejected and is collapsed, a reply; a reader cannot reject',
    async () => {
      const s = await seedPrFailure(w)
      const denied = await commentAndRun(w, s.pr.number, `/fixflow reject ${s.id}`, 'rita')
      expect(denied.run.outputs.status).toBe('refused')
      expect((await stored(w, s))?.status).toBe('pending')
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow reject ${s.id} wrong package`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('rejected')
      expect(await stored(w, s)).toMatchObject({
        status: 'rejected',
        outcome_note: 'Rejected by wendy: wrong package'
      })
      const body = bodyOf(w, s.comment.id)
      expect(body).toContain('rejected proposal')
      expect(body).toContain('<details><summary>The proposal</summary>')
      expect(body).not.toContain('**To apply it**')
      expect(
        replies(w, s.thread)
          .map(r => r.body)
          .join('\n')
      ).toMatch(/is rejected; nothing will be applied/)
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeUndefined()
    },
    SLOW
  )

  it.concurrent(
    "a user's comment that copies FixFlow's embedded proposal is not a proposal",
    async () => {
      const s = await seedPrFailure(w)
      // Someone pastes the proposal comment (with an altered patch inside) as their own comment.
      w.gh.addComment(s.thread, bodyOf(w, s.comment.id).replace(s.id, '999-1'), user('mallory'))
      const { run } = await commentAndRun(w, s.pr.number, '/fixflow approve 999-1', 'wendy')
      expect(run.outputs.status).toBe('refused')
      expect(replies(w, s.thread)[0]?.body).toMatch(/there is no FixFlow proposal `999-1`/)
      expect(w.gh.branchSha('fixflow/999-1')).toBeUndefined()
    },
    SLOW
  )

  it.concurrent(
    'workflow_dispatch approve of a commit-thread proposal (push, no PR)',
    async () => {
      const s = await seedPushFailure(w, 'hotfix/embedded')
      const run = await runBundle(w, dispatchRun(w, 'wendy', { command: 'approve', 'failure-id': s.id }))
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const tip = w.gh.branchSha(`fixflow/${s.id}`)!
      expect(w.gh.commitParents(tip)).toEqual([s.head])
      expect(fixPulls(w, s.id)[0]?.base_ref).toBe('hotfix/embedded')
      expect(await stored(w, s)).toMatchObject({ status: 'approved', approved_by: 'wendy' })
      expect(replies(w, s.thread)).toHaveLength(1)
    },
    SLOW
  )

  it.concurrent(
    'workflow_dispatch reject of a commit-thread proposal',
    async () => {
      const s = await seedPushFailure(w, 'hotfix/rejected')
      const run = await runBundle(
        w,
        dispatchRun(w, 'wendy', { command: 'reject', 'failure-id': s.id, reason: 'flaky, not a bug' })
      )
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('rejected')
      expect(await stored(w, s)).toMatchObject({
        status: 'rejected',
        outcome_note: 'Rejected by wendy: flaky, not a bug'
      })
      expect(bodyOf(w, s.comment.id)).toContain('rejected proposal')
    },
    SLOW
  )
})
