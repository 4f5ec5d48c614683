// Review of the new capabilities: the green run compared with must be this repository's. GitHub's `branch` filter
// matches a run's head branch name, and a fork PR from `mallory:main` has the head branch `main`: its green run,
// whose log the fork's author writes, must not turn the real failure lines of this repository's `main` into weak
// evidence (left out of what the model is sent).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub, type FakeWorkflow } from '../support/github-server.js'
import {
  SEED_LOG,
  analyzeRun,
  expectGreen,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'

describe('review: a fork green run named like a branch of this repository', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let wf: FakeWorkflow
  let base: string

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push('main', seedFiles(gh), 'initial')
    wf = gh.addWorkflow({ path: '.github/workflows/build-and-test.yml' })
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  it("a fork PR's green run on a branch named main -> main's failure lines still reach the model", async () => {
    // The fork's author opens a PR from `mallory:main` whose CI passes while printing main's coming failure lines.
    const forkSha = gh.seedCommit({ 'notes.txt': 'fork\n' }, base, 'fork')
    const forkPr = gh.addPull({ head_sha: forkSha, head_ref: 'main', head_repo: 'mallory/widgets' })
    const green = gh.addRun({
      head_sha: forkSha,
      head_branch: 'main',
      head_repository: 'mallory/widgets',
      event: 'pull_request',
      workflow_id: wf.id,
      conclusion: 'success',
      name: 'CI',
      pull_requests: [forkPr.number]
    })
    gh.addJob(green.id, { name: 'test', conclusion: 'success', log: SEED_LOG })

    // Then a push to this repository's main fails for real.
    const sha = gh.seedCommit({ 'notes.txt': 'main\n' }, base, 'main change')
    gh.setBranch('main', sha)
    const run = gh.addRun({
      head_sha: sha,
      head_branch: 'main',
      event: 'push',
      workflow_id: wf.id,
      name: 'CI'
    })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
    const mark = bedrock.requests.length
    const r = await analyzeRun({
      gh,
      run,
      bedrock,
      env: { GITHUB_WORKFLOW_REF: `${gh.fullName}/.github/workflows/build-and-test.yml@refs/heads/main` }
    })
    expectGreen(r)
    expect(r.stdout).not.toContain(`compared with green run ${green.id}`)
    const sent = bedrock
      .since(mark)
      .map(c => JSON.stringify(c.body))
      .join('\n')
    expect(sent).toContain("No module named 'pandas'")
  })
})
