// Tracking a fix end to end: the fix branch's CI (workflow_run), FixFlow's own on-failure job running on the fix
// branch, and the fix PR closing, each fed to the bundle; the status moves with conditional writes and the original
// proposal comment shows the outcome. Last, the messages of the command and tracking jobs when they fail.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  SLOW,
  bodyOf,
  commentAndRun,
  dispatchRun,
  fixPulls,
  out,
  runBundle,
  seedPrFailure,
  startWorld,
  stored,
  type Seeded,
  type World
} from './approve-harness.js'
import type { FakePull } from '../support/github-server.js'
import { expectFailed } from './analyze-helpers.js'

/** A proposal analysed and approved through the bundle: its fix PR is open. */
async function approved(w: World): Promise<Seeded & { fix: FakePull; prUrl: string }> {
  const s = await seedPrFailure(w)
  const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
  if (run.outputs.status !== 'approved') throw new Error(`approve failed:\n${out(run)}`)
  const fix = fixPulls(w, s.id)[0]!
  return { ...s, fix, prUrl: `https://github.com/${w.gh.fullName}/pull/${fix.number}` }
}

/** The workflow_run event of the fix branch's CI finishing with `conclusion`. */
function ciFinished(
  w: World,
  s: Seeded & { fix: FakePull },
  conclusion: 'success' | 'failure'
): { eventName: string; event: unknown } {
  const run = w.gh.addRun({
    head_sha: s.fix.head_sha,
    head_branch: `fixflow/${s.id}`,
    event: 'pull_request',
    name: 'CI',
    status: 'completed',
    conclusion,
    pull_requests: [s.fix.number]
  })
  return {
    eventName: 'workflow_run',
    event: {
      action: 'completed',
      workflow_run: w.gh.payload.run(run.id),
      repository: w.gh.payload.repository()
    }
  }
}

function closed(w: World, fix: FakePull): { eventName: string; event: unknown } {
  return {
    eventName: 'pull_request',
    event: {
      action: 'closed',
      number: fix.number,
      pull_request: w.gh.payload.pull(fix.number),
      repository: w.gh.payload.repository()
    }
  }
}

for (const table of [true, false]) {
  describe(`track (${table ? 'DynamoDB' : 'embedded'} store)`, () => {
    let w: World
    beforeAll(async () => {
      w = await startWorld({ table })
      w.gh.setPermission('wendy', 'write')
    }, SLOW)
    afterAll(async () => {
      await w?.close()
    })

    it.concurrent(
      'CI passes on fixflow/<id> -> resolved; the fix PR merged -> merged; each updates the original comment',
      async () => {
        const s = await approved(w)
        const ok = await runBundle(w, ciFinished(w, s, 'success'))
        expect(ok.code).toBe(0)
        expect(ok.outputs.status).toBe('resolved')
        expect(await stored(w, s)).toMatchObject({ status: 'resolved', pr_url: s.prUrl })
        expect(bodyOf(w, s.comment.id)).toContain(`Resolved: CI passed on the fix (${s.prUrl})`)

        w.gh.mergePull(s.fix.number)
        const merged = await runBundle(w, closed(w, s.fix))
        expect(merged.code).toBe(0)
        expect(merged.outputs.status).toBe('merged')
        expect((await stored(w, s))?.status).toBe('merged')
        expect(bodyOf(w, s.comment.id)).toContain(`Merged: ${s.prUrl}`)
        // A late CI result after the merge moves nothing.
        const late = await runBundle(w, ciFinished(w, s, 'failure'))
        expect(late.outputs.status).toBe('merged')
        expect((await stored(w, s))?.status).toBe('merged')
      },
      SLOW
    )

    it.concurrent(
      'CI fails on fixflow/<id> -> failed, with the run linked in the original comment; closed unmerged -> unchanged',
      async () => {
        const s = await approved(w)
        const ev = ciFinished(w, s, 'failure')
        const res = await runBundle(w, ev)
        expect(res.code).toBe(0)
        expect(res.outputs.status).toBe('failed')
        const item = await stored(w, s)
        expect(item?.status).toBe('failed')
        const runUrl = (ev.event as { workflow_run: { html_url: string } }).workflow_run.html_url
        expect(item).toMatchObject({ outcome_note: 'CI failure', outcome_url: runUrl })
        const body = bodyOf(w, s.comment.id)
        expect(body).toContain(`CI failed on the fix (${s.prUrl})`)
        // The failed run is a real link: its URL comes from GitHub's payload, not from free text.
        expect(body).toContain(`[Details](${runUrl})`)

        w.gh.closePull(s.fix.number)
        const shut = await runBundle(w, closed(w, s.fix))
        expect(shut.code).toBe(0)
        expect(shut.outputs.status).toBe('none')
        expect((await stored(w, s))?.status).toBe('failed')
      },
      SLOW
    )

    it.concurrent(
      'a fork PR whose branch is named fixflow/<id>, and a run for another commit than the branch tip -> nothing changes',
      async () => {
        const s = await approved(w)
        const before = await stored(w, s)
        const bodyBefore = bodyOf(w, s.comment.id)
        const unchanged = async (): Promise<void> => {
          expect(await stored(w, s)).toEqual(before)
          expect(bodyOf(w, s.comment.id)).toBe(bodyBefore)
        }
        const forkSha = w.gh.seedCommit({ 'evil.txt': 'mallory\n' }, s.head, 'mallory')
        const forkRun = w.gh.addRun({
          head_sha: forkSha,
          head_branch: `fixflow/${s.id}`,
          head_repository: 'mallory/widgets',
          event: 'pull_request',
          name: 'CI',
          status: 'completed',
          conclusion: 'success'
        })
        const forkRunEvent = {
          eventName: 'workflow_run',
          event: {
            action: 'completed',
            workflow_run: w.gh.payload.run(forkRun.id),
            repository: w.gh.payload.repository()
          }
        }
        // Picked by mode auto, and with mode: track set explicitly.
        for (const inputs of [{}, { mode: 'track' }] as Record<string, string>[]) {
          const ran = await runBundle(w, { ...forkRunEvent, inputs })
          expect(ran.code).toBe(0)
          expect(ran.outputs.status).toBe('none')
          await unchanged()
        }

        // The fork PR merged (into anything): its closing event is not the fix PR's either.
        const forkPull = w.gh.addPull({
          head_sha: forkSha,
          head_ref: `fixflow/${s.id}`,
          head_repo: 'mallory/widgets',
          base_ref: 'main'
        })
        w.gh.mergePull(forkPull.number)
        for (const inputs of [{}, { mode: 'track' }] as Record<string, string>[]) {
          const merged = await runBundle(w, { ...closed(w, forkPull), inputs })
          expect(merged.code).toBe(0)
          expect(merged.outputs.status).toBe('none')
          await unchanged()
        }

        // This repository's fixflow/<id>, but a run for a commit the branch is not at.
        const ev = ciFinished(w, { ...s, fix: { ...s.fix, head_sha: forkSha } }, 'failure')
        const stale = await runBundle(w, ev)
        expect(stale.code).toBe(0)
        expect(stale.outputs.status).toBe('none')
        await unchanged()
      },
      SLOW
    )

    it.concurrent(
      "FixFlow's own analyze job failing on a fixflow/ branch -> tracked as failed, no new proposal (no loop)",
      async () => {
        const s = await approved(w)
        // The fix PR's CI fails and its on-failure FixFlow job runs (mode auto, pull_request event on the fix PR).
        const run = w.gh.addRun({
          head_sha: s.fix.head_sha,
          head_branch: `fixflow/${s.id}`,
          event: 'pull_request',
          name: 'CI',
          pull_requests: [s.fix.number]
        })
        w.gh.addJob(run.id, {
          name: 'test',
          failedStep: 'Run pytest',
          log: 'E   AssertionError: still broken\n'
        })
        // Other tests run at the same time: look for anything made from this run, not at global counts.
        const fromThisRun = (): unknown[] => [
          ...w.bedrock.requests.filter(r => r.raw.includes('still broken')),
          ...w.gh.comments.filter(c => c.body.includes(`fixflow:run:${run.id}`))
        ]
        const threadBefore = w.gh.commentsOn(s.thread).length
        const res = await runBundle(w, {
          eventName: 'pull_request',
          event: {
            action: 'synchronize',
            number: s.fix.number,
            pull_request: w.gh.payload.pull(s.fix.number),
            repository: w.gh.payload.repository()
          },
          runId: run.id,
          env: {
            GITHUB_REF: `refs/pull/${s.fix.number}/merge`,
            GITHUB_SHA: 'e'.repeat(40),
            GITHUB_WORKFLOW: 'CI'
          }
        })
        expect(res.code).toBe(0)
        expect(res.outputs.status).toBe('failed')
        expect((await stored(w, s))?.status).toBe('failed')
        expect(bodyOf(w, s.comment.id)).toContain('CI failed on the fix')
        expect(fromThisRun()).toEqual([])
        expect(w.gh.commentsOn(s.thread)).toHaveLength(threadBefore)
        expect(w.gh.commentsOn({ kind: 'pr', number: s.fix.number })).toEqual([])
        // The same job on a push to the fix branch (no PR event) is tracked the same way, never analysed.
        const push = await runBundle(w, {
          eventName: 'push',
          event: {
            ref: `refs/heads/fixflow/${s.id}`,
            after: s.fix.head_sha,
            repository: w.gh.payload.repository()
          },
          runId: run.id,
          env: { GITHUB_REF: `refs/heads/fixflow/${s.id}`, GITHUB_SHA: s.fix.head_sha, GITHUB_WORKFLOW: 'CI' }
        })
        expect(push.code).toBe(0)
        expect(push.outputs.status).toBe('failed')
        expect(fromThisRun()).toEqual([])
        expect(w.gh.commentsOn(s.thread)).toHaveLength(threadBefore)
      },
      SLOW
    )
  })
}

describe('failing command and tracking jobs say what to change', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld({ table: false })
  }, SLOW)
  afterAll(async () => {
    await w?.close()
  })

  it("a track job whose token lacks a permission names the track job's permissions, not analyze's", async () => {
    const branch = 'fixflow/424242-1'
    w.gh.setBranch(branch, w.mainSha)
    const run = w.gh.addRun({ head_sha: w.mainSha, head_branch: branch, name: 'CI', conclusion: 'success' })
    // Finding the fix PR (GET /pulls?head=...) is refused.
    w.gh.fail({ method: 'GET', path: /\/pulls$/, status: 403, times: Infinity })
    let res
    try {
      res = await runBundle(w, {
        eventName: 'workflow_run',
        event: {
          action: 'completed',
          workflow_run: w.gh.payload.run(run.id),
          repository: w.gh.payload.repository()
        }
      })
    } finally {
      w.gh.clearFaults()
    }
    const message = expectFailed(res)
    expect(message).toContain('403')
    expect(message).toContain(
      "FixFlow's track job needs permissions: { contents: write, pull-requests: write, issues: write, actions: write }"
    )
    expect(message).not.toContain('actions: read')
  })

  it('a fixflow/ branch with no FixFlow pull request (embedded store) -> nothing to track, the job is green', async () => {
    const branch = 'fixflow/434343-1'
    w.gh.setBranch(branch, w.mainSha)
    const run = w.gh.addRun({ head_sha: w.mainSha, head_branch: branch, name: 'CI', conclusion: 'success' })
    const res = await runBundle(w, {
      eventName: 'workflow_run',
      event: {
        action: 'completed',
        workflow_run: w.gh.payload.run(run.id),
        repository: w.gh.payload.repository()
      }
    })
    expect(res.code).toBe(0)
    expect(res.outputs.status).toBe('none')
  })

  it('a dispatched approve whose failure-id names no run fails saying so, not blaming permissions', async () => {
    const res = await runBundle(w, dispatchRun(w, 'wendy', { command: 'approve', 'failure-id': '999999-1' }))
    const message = expectFailed(res)
    expect(message).toContain(`failure-id '999999-1' names no workflow run of ${w.gh.fullName}`)
    expect(message).not.toContain('permission')
  })
})
