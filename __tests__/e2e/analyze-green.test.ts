// Comparison with a green run through the bundle (issue 12): a line the same job also printed in the latest
// successful run of the workflow is weak evidence, so it stays out of what the model is sent; the workflow is known
// from GITHUB_WORKFLOW_REF, the green run is looked up on the branch and then on the default branch.
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

const noise = (host: string): string =>
  `Error: remote cache ${host} unreachable (connection refused), continuing without the cache`

describe('analyze: logs compared with the last green run', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let wf: FakeWorkflow
  let base: string
  let n = 0

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push('main', seedFiles(gh), 'initial')
    wf = gh.addWorkflow({ path: '.github/workflows/build-and-test.yml' })
    // The last green run, on the default branch: the same job printed the cache warning and passed.
    const green = gh.addRun({
      head_sha: base,
      head_branch: 'main',
      workflow_id: wf.id,
      conclusion: 'success',
      name: 'CI'
    })
    gh.addJob(green.id, {
      name: 'test',
      conclusion: 'success',
      log: [noise('10.1.2.3'), 'collected 12 items', '12 passed in 0.31s'].join('\n') + '\n'
    })
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  /** A failing PR run whose log starts with the cache warning; returns the text sent to the model. */
  async function analyse(env: Record<string, string | undefined>): Promise<string> {
    n++
    const sha = gh.seedCommit({ 'notes.txt': `green ${n}\n` }, base, `green ${n}`)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/green-${n}` })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: `feature/green-${n}`,
      event: 'pull_request',
      workflow_id: wf.id,
      name: 'CI',
      pull_requests: [pr.number]
    })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: `${noise('10.9.8.7')}\n${SEED_LOG}` })
    const mark = bedrock.requests.length
    const requestsBefore = gh.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock, env })
    expectGreen(r)
    const lookups = gh.requests
      .slice(requestsBefore)
      // The green-run lookups only (status=success): the same-failure check lists the commit's runs too.
      .filter(q => /\/actions\/workflows\/[^/]+\/runs$/.test(q.path) && q.query.includes('status=success'))
    expect(lookups.length).toBeLessThanOrEqual(2)
    return bedrock
      .since(mark)
      .map(c => JSON.stringify(c.body))
      .join('\n')
  }

  it('leaves out what the green run also printed, and keeps the failure', async () => {
    const sent = await analyse({
      GITHUB_WORKFLOW_REF: `${gh.fullName}/.github/workflows/build-and-test.yml@refs/pull/1/merge`
    })
    expect(sent).toContain("No module named 'pandas'")
    expect(sent).not.toContain('remote cache')
  })

  it('without a known workflow (no GITHUB_WORKFLOW_REF) the warning is kept: the comparison is what removed it', async () => {
    const sent = await analyse({ GITHUB_WORKFLOW_REF: undefined })
    expect(sent).toContain("No module named 'pandas'")
    expect(sent).toContain('remote cache')
  })
})
