// gatherFacts through the real GitHubClient (Octokit with retry and throttling) against the loopback GitHub API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubClient } from '../src/github/client.js'
import { gatherFacts, triage } from '../src/analysis/triage/index.js'
import { startGitHub, type FakeGitHub } from './support/github-server.js'

let gh: FakeGitHub
let client: GitHubClient
let sha: string

const codeLog =
  'FAIL src/a.test.ts\nTests:       1 failed, 3 passed\n##[error]Process completed with exit code 1.\n'

beforeAll(async () => {
  gh = await startGitHub({ owner: 'acme', repo: 'facts' })
  sha = gh.push('main', { 'a.txt': 'a\n' })
  client = new GitHubClient({
    token: gh.token,
    repo: { owner: gh.owner, repo: gh.repo },
    baseUrl: gh.url,
    retryBaseMs: 2
  })
})

afterAll(async () => {
  await gh.close()
})

/** API requests made while `f` runs. */
async function counted<T>(f: () => Promise<T>): Promise<{ value: T; requests: number }> {
  const before = gh.requests.length
  const value = await f()
  return { value, requests: gh.requests.length - before }
}

describe('gatherFacts', () => {
  it('a job that passed on a re-run attempt is flaky; a job that failed on every attempt is not', async () => {
    const run = gh.addRun({ head_sha: sha, run_attempt: 2 })
    gh.addJob(run.id, { name: 'test', run_attempt: 1, failedStep: 'Run npm test' })
    gh.addJob(run.id, { name: 'e2e', run_attempt: 1, failedStep: 'Run e2e' })
    gh.addJob(run.id, { name: 'test', run_attempt: 2 })
    gh.addJob(run.id, { name: 'e2e', run_attempt: 2, failedStep: 'Run e2e' })

    const { value: facts, requests } = await counted(async () =>
      gatherFacts(client, await client.getRun(run.id), 1, ['test', 'e2e'])
    )
    expect(facts.get('test')).toMatchObject({ passedOnAttempts: [2] })
    expect(triage(codeLog, facts.get('test')).kind).toBe('flaky')
    expect(triage(codeLog, facts.get('e2e')).kind).toBe('code')
    expect(requests).toBeLessThanOrEqual(1 + 4) // getRun + the budget
  })

  it('the same job passed on the same commit in another run of the workflow (the same event)', async () => {
    const wf = gh.addWorkflow({ path: '.github/workflows/ci-facts.yml' })
    const passed = gh.addRun({
      head_sha: sha,
      workflow_id: wf.id,
      event: 'pull_request',
      conclusion: 'success'
    })
    gh.addJob(passed.id, { name: 'unit' })
    const failedToo = gh.addRun({ head_sha: sha, workflow_id: wf.id, event: 'pull_request' })
    gh.addJob(failedToo.id, { name: 'lint', failedStep: 'Run eslint' })
    gh.addJob(failedToo.id, { name: 'unit' })
    const pr = gh.addRun({ head_sha: sha, workflow_id: wf.id, event: 'pull_request' })
    gh.addJob(pr.id, { name: 'unit', failedStep: 'Run pytest' })
    gh.addJob(pr.id, { name: 'lint', failedStep: 'Run eslint' })

    const facts = await gatherFacts(client, await client.getRun(pr.id), 1, ['unit', 'lint'])
    expect(triage(codeLog, facts.get('unit'))).toMatchObject({
      kind: 'flaky',
      evidence: `passed in run ${passed.id} (attempt 1)`
    })
    // lint failed wherever it ran on this commit: a code failure.
    expect(facts.get('lint')?.sameCommitJobs).toEqual([
      { runId: failedToo.id, attempt: 1, conclusion: 'failure' }
    ])
    expect(triage(codeLog, facts.get('lint')).kind).toBe('code')
  })

  it('a push run of the same head passing does not make a pull_request failure flaky (it tests the merge)', async () => {
    const wf = gh.addWorkflow({ path: '.github/workflows/ci-merge.yml' })
    const push = gh.addRun({ head_sha: sha, workflow_id: wf.id, event: 'push', conclusion: 'success' })
    gh.addJob(push.id, { name: 'unit' })
    const pr = gh.addRun({ head_sha: sha, workflow_id: wf.id, event: 'pull_request' })
    gh.addJob(pr.id, { name: 'unit', failedStep: 'Run pytest' })
    const facts = await gatherFacts(client, await client.getRun(pr.id), 1, ['unit'])
    expect(facts.get('unit')).toEqual({})
    expect(triage(codeLog, facts.get('unit')).kind).toBe('code')
  })

  it('stays within its request budget however many attempts and runs there are', async () => {
    const wf = gh.addWorkflow({ path: '.github/workflows/many.yml' })
    for (let i = 0; i < 6; i++)
      gh.addJob(gh.addRun({ head_sha: sha, workflow_id: wf.id }).id, { name: 'x', failedStep: 's' })
    const run = gh.addRun({ head_sha: sha, workflow_id: wf.id, run_attempt: 6 })
    for (let a = 1; a <= 6; a++) gh.addJob(run.id, { name: 'x', run_attempt: a, failedStep: 's' })
    const got = await client.getRun(run.id)

    for (const maxRequests of [1, 3, 4]) {
      const { value, requests } = await counted(() => gatherFacts(client, got, 6, ['x'], { maxRequests }))
      expect(requests).toBe(maxRequests)
      expect(triage(codeLog, value.get('x')).kind).toBe('code')
    }
  })

  it('API errors leave the facts empty, and triage conservative', async () => {
    const run = gh.addRun({ head_sha: sha, run_attempt: 2 })
    gh.addJob(run.id, { name: 'test', run_attempt: 2, failedStep: 'Run npm test' })
    const got = await client.getRun(run.id)
    gh.fail({ method: 'GET', path: /\/attempts\/\d+\/jobs$/, status: 500, times: Infinity })
    gh.fail({ method: 'GET', path: /\/actions\/workflows\/\d+\/runs$/, status: 500, times: Infinity })
    const facts = await gatherFacts(client, got, 2, ['test'])
    expect(facts.get('test')).toEqual({})
    expect(triage(codeLog, facts.get('test')).kind).toBe('code')
  })
})
