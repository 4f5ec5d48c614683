// The rerun flow end to end through the bundle (issue 11): `/fixflow rerun` by a writer re-runs the failed jobs once
// and replies, a reader is refused, a run in progress gets "retry when it completes"; `rerun-transient` re-runs a
// transient first attempt from the FixFlow workflow's workflow_run (completed) event, and never a second attempt or
// a code failure.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub, type FakePull, type FakeRun } from '../support/github-server.js'
import { runAction, type ActionRun } from '../support/action.js'
import { SEED_LOG, analyzeRun, expectGreen, seedFiles } from './analyze-helpers.js'
import { REGISTRY_TIMEOUT } from './triage-logs.js'

describe('rerun: the command and the automatic re-run', () => {
  let gh: FakeGitHub
  let base: string
  let n = 0
  let jobRun = 900_000

  beforeAll(async () => {
    gh = await startGitHub()
    base = gh.push('main', seedFiles(gh), 'initial')
    gh.setPermission('writer', 'write')
    gh.setPermission('reader', 'read')
  })

  afterAll(async () => {
    await gh?.close()
  })

  const env = (): Record<string, string> => ({
    GITHUB_REPOSITORY: gh.fullName,
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: String(jobRun++),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'FixFlow',
    GITHUB_SHA: base,
    GITHUB_REF: 'refs/heads/main'
  })

  /** A PR whose CI run failed with `log` and was triaged by the on-failure job (no AWS: no model either way). */
  async function triagedPr(
    log: string,
    inputs: Record<string, string> = {}
  ): Promise<{ pr: FakePull; run: FakeRun }> {
    const name = `rerun-${n++}`
    const sha = gh.seedCommit({ 'notes.txt': `${name}\n` }, base, name)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/${name}` })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: `feature/${name}`,
      event: 'pull_request',
      name: 'CI',
      pull_requests: [pr.number]
    })
    gh.addJob(run.id, { name: 'build', failedStep: 'npm ci', log })
    expectGreen(await analyzeRun({ gh, run, pull: pr, aws: false, inputs }))
    return { pr, run }
  }

  async function command(pr: FakePull, body: string, login: string): Promise<{ r: ActionRun; id: number }> {
    const c = gh.addComment({ kind: 'pr', number: pr.number }, body, { login, type: 'User' })
    const event = {
      action: 'created',
      issue: {
        number: pr.number,
        pull_request: { url: `${gh.url}/repos/${gh.fullName}/pulls/${pr.number}` }
      },
      comment: gh.payload.comment(c),
      repository: gh.payload.repository(),
      sender: { login, type: 'User' }
    }
    const r = await runAction({
      eventName: 'issue_comment',
      event,
      inputs: { 'github-token': gh.token },
      env: env()
    })
    return { r, id: c.id }
  }

  /** The FixFlow workflow's job for CI's workflow_run (completed) event. */
  function completed(run: FakeRun, inputs: Record<string, string>): Promise<ActionRun> {
    return runAction({
      eventName: 'workflow_run',
      event: {
        action: 'completed',
        workflow_run: gh.payload.run(run.id),
        repository: gh.payload.repository()
      },
      inputs: { 'github-token': gh.token, ...inputs },
      env: env()
    })
  }

  const rerunsOf = (run: FakeRun): number => gh.reruns.filter(x => x.run_id === run.id).length
  const replyTo = (pr: FakePull, commentId: number): string =>
    gh
      .commentsOn({ kind: 'pr', number: pr.number })
      .find(c => c.body.startsWith(`<!-- fixflow:reply:comment-${commentId} `))?.body ?? ''

  it('/fixflow rerun by a writer -> one rerun request and a reply; asked again -> nothing new', async () => {
    const { pr, run } = await triagedPr(REGISTRY_TIMEOUT)
    const first = await command(pr, '/fixflow rerun', 'writer')
    expectGreen(first.r)
    expect(gh.reruns.filter(x => x.run_id === run.id)).toEqual([{ run_id: run.id, attempt: 1 }])
    expect(replyTo(pr, first.id)).toContain(`@writer re-running the failed jobs of run \`${run.id}-1\`.`)
    expect(gh.reactionsOn(first.id)).toEqual(['eyes', 'rocket'])
    expect(first.r.outputs.status).toBe('rerun')

    // A second command naming the same attempt: GitHub is not asked again.
    run.status = 'completed'
    const again = await command(pr, `/fixflow rerun ${run.id}-1`, 'writer')
    expectGreen(again.r)
    expect(rerunsOf(run)).toBe(1)
    expect(replyTo(pr, again.id)).toContain('was re-run already (it is at attempt 2); nothing new was done.')
  })

  it('/fixflow rerun by a reader -> refused, nothing re-run', async () => {
    const { pr, run } = await triagedPr(REGISTRY_TIMEOUT)
    const { r, id } = await command(pr, `/fixflow rerun ${run.id}-1`, 'reader')
    expectGreen(r)
    expect(rerunsOf(run)).toBe(0)
    expect(replyTo(pr, id)).toContain(
      'only people with write, maintain or admin access to this repository can re-run jobs (you have `read`)'
    )
    expect(gh.reactionsOn(id)).toEqual(['eyes', '-1'])
    expect(r.outputs.status).toBe('refused')
  })

  it('/fixflow rerun on a run still in progress -> a reply to retry when it completes', async () => {
    const { pr, run } = await triagedPr(REGISTRY_TIMEOUT)
    run.status = 'in_progress'
    const { r, id } = await command(pr, `/fixflow rerun ${run.id}-1`, 'writer')
    expectGreen(r)
    expect(rerunsOf(run)).toBe(0)
    expect(replyTo(pr, id)).toContain(
      'is still `in_progress`: GitHub re-runs only completed runs. Comment again when it completes.'
    )
  })

  it('rerun-transient -> one automatic re-run on attempt 1, none on attempt 2', async () => {
    const { pr, run } = await triagedPr(REGISTRY_TIMEOUT)
    // Off by default.
    expectGreen(await completed(run, {}))
    expect(rerunsOf(run)).toBe(0)

    const first = await completed(run, { 'rerun-transient': 'true' })
    expectGreen(first)
    expect(gh.reruns.filter(x => x.run_id === run.id)).toEqual([{ run_id: run.id, attempt: 1 }])
    expect(first.outputs.status).toBe('rerun')

    // Attempt 2 fails the same way; its on-failure job triages it, then CI completes again.
    run.status = 'completed'
    run.conclusion = 'failure'
    for (const j of gh.jobs.values()) {
      if (j.run_id !== run.id || j.run_attempt !== 2) continue
      j.status = 'completed'
      j.conclusion = 'failure'
      j.steps = [{ name: 'npm ci', conclusion: 'failure', number: 1 }]
      gh.setJobLog(j.id, REGISTRY_TIMEOUT)
    }
    expectGreen(await analyzeRun({ gh, run, pull: pr, aws: false, attempt: 2 }))
    const second = await completed(run, { 'rerun-transient': 'true' })
    expectGreen(second)
    expect(rerunsOf(run)).toBe(1)
    expect(second.stdout).toContain('only a first attempt is re-run automatically')
  })

  it('rerun-transient never re-runs a code failure', async () => {
    const { run } = await triagedPr(SEED_LOG)
    const r = await completed(run, { 'rerun-transient': 'true' })
    expectGreen(r)
    expect(rerunsOf(run)).toBe(0)
    expect(r.stdout).toMatch(
      /no automatic re-run of run \d+-1: (no triage recorded|not every failed job is transient)/
    )
  })

  it('rerun-transient with comment-on-no-fix: never -> no comment to read, the run is triaged from its logs', async () => {
    const { pr, run } = await triagedPr(REGISTRY_TIMEOUT, { 'comment-on-no-fix': 'never' })
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(0)
    const r = await completed(run, { 'rerun-transient': 'true' })
    expectGreen(r)
    expect(r.stdout).toContain(`no FixFlow comment on run ${run.id}: triaging its failed jobs here`)
    expect(gh.reruns.filter(x => x.run_id === run.id)).toEqual([{ run_id: run.id, attempt: 1 }])
  })
})
