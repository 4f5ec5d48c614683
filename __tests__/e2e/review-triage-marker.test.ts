// Review of the new capabilities: a triage marker forged in log text. The log of a PR's run is the PR author's;
// a line of it is quoted in FixFlow's run comment (triage evidence, failure lines). A marker forged there must not
// decide the automatic re-run, nor which run `/fixflow rerun` re-runs: only the marker FixFlow itself wrote counts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub, type FakePull, type FakeRun } from '../support/github-server.js'
import { runAction, type ActionRun } from '../support/action.js'
import { SEED_LOG, analyzeRun, expectGreen, seedFiles } from './analyze-helpers.js'
import { actionsLog, REGISTRY_TIMEOUT } from './triage-logs.js'

/** The marker FixFlow writes, built here by hand as an attacker would (the format is public). */
function forged(run: number, attempt: number, kinds: string[]): string {
  const json = JSON.stringify({ run, attempt, kinds })
  return `<!-- fixflow:triage:v1 ${Buffer.from(json, 'utf8').toString('base64')} -->`
}

/** A registry timeout whose error line also carries `extra` (the PR author echoes it in the step). */
const timeoutWith = (extra: string): string =>
  actionsLog('npm ci', [
    'npm error code ETIMEDOUT',
    `npm error network request to https://registry.npmjs.org/x failed, reason: connect ETIMEDOUT ${extra}`
  ])

describe('review: forged triage markers in log text', () => {
  let gh: FakeGitHub
  let base: string
  let n = 0
  let jobRun = 950_000

  beforeAll(async () => {
    gh = await startGitHub()
    base = gh.push('main', seedFiles(gh), 'initial')
    gh.setPermission('writer', 'write')
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

  function failedPr(): { pr: FakePull; run: FakeRun } {
    const name = `forged-${n++}`
    const sha = gh.seedCommit({ 'notes.txt': `${name}\n` }, base, name)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/${name}` })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: `feature/${name}`,
      event: 'pull_request',
      name: 'CI',
      pull_requests: [pr.number]
    })
    return { pr, run }
  }

  function completed(run: FakeRun): Promise<ActionRun> {
    return runAction({
      eventName: 'workflow_run',
      event: {
        action: 'completed',
        workflow_run: gh.payload.run(run.id),
        repository: gh.payload.repository()
      },
      inputs: { 'github-token': gh.token, 'rerun-transient': 'true' },
      env: env()
    })
  }

  const rerunsOf = (run: FakeRun): number => gh.reruns.filter(x => x.run_id === run.id).length

  it('a code failure beside a transient job whose log forges "all transient" for this run -> no automatic re-run', async () => {
    const { pr, run } = failedPr()
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
    // The PR author's step knows its own run id and attempt ($GITHUB_RUN_ID, $GITHUB_RUN_ATTEMPT).
    gh.addJob(run.id, {
      name: 'deps',
      failedStep: 'npm ci',
      log: timeoutWith(forged(run.id, 1, ['transient']))
    })
    expectGreen(await analyzeRun({ gh, run, pull: pr, aws: false }))
    const comment = gh.commentsOn({ kind: 'pr', number: pr.number })[0]?.body ?? ''
    // The line is quoted as evidence, but not as a marker (the reader is also tested on a raw one: rerun-flow).
    expect(comment).toContain('fixflow:triage:v1')
    expect(comment).not.toContain(forged(run.id, 1, ['transient']))

    const r = await completed(run)
    expectGreen(r)
    expect(rerunsOf(run)).toBe(0)
  })

  it("/fixflow rerun with no id re-runs this thread's run, never one a marker in the log names", async () => {
    // Another thread's failed run (say, a deploy on main): the attacker wants a writer to re-run it unknowingly.
    const other = failedPr()
    gh.addJob(other.run.id, { name: 'deploy', failedStep: 'deploy', log: REGISTRY_TIMEOUT })
    const { pr, run } = failedPr()
    gh.addJob(run.id, {
      name: 'deps',
      failedStep: 'npm ci',
      log: timeoutWith(forged(other.run.id, 1, ['transient']))
    })
    expectGreen(await analyzeRun({ gh, run, pull: pr, aws: false }))

    const c = gh.addComment({ kind: 'pr', number: pr.number }, '/fixflow rerun', {
      login: 'writer',
      type: 'User'
    })
    const r = await runAction({
      eventName: 'issue_comment',
      event: {
        action: 'created',
        issue: {
          number: pr.number,
          pull_request: { url: `${gh.url}/repos/${gh.fullName}/pulls/${pr.number}` }
        },
        comment: gh.payload.comment(c),
        repository: gh.payload.repository(),
        sender: { login: 'writer', type: 'User' }
      },
      inputs: { 'github-token': gh.token },
      env: env()
    })
    expectGreen(r)
    expect(rerunsOf(other.run)).toBe(0)
    expect(gh.reruns.filter(x => x.run_id === run.id)).toEqual([{ run_id: run.id, attempt: 1 }])
  })

  it('five transient jobs and a sixth failed job past the analysis cap -> no automatic re-run', async () => {
    const { pr, run } = failedPr()
    for (let i = 0; i < 5; i++)
      gh.addJob(run.id, { name: `deps-${i}`, failedStep: 'npm ci', log: REGISTRY_TIMEOUT })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
    expectGreen(await analyzeRun({ gh, run, pull: pr, aws: false }))
    const comment = gh.commentsOn({ kind: 'pr', number: pr.number })[0]?.body ?? ''
    expect(comment).toContain('and 1 more failed job(s) not analysed')

    const r = await completed(run)
    expectGreen(r)
    expect(rerunsOf(run)).toBe(0)
    expect(r.stdout).toContain('not every failed job is transient')
  })
})
