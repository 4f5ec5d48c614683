// Triage in the analyze flow, end to end through the bundle (issue 11): a registry timeout gets no model call and a
// comment offering /fixflow rerun; a job that passed on a re-run is noted flaky while the failing one is analysed;
// push and pull_request failing on one commit make one proposal; a matrix of identical failures is analysed once;
// a no-fix comment quotes the failure lines; comment-on-no-fix: never posts nothing and writes the summary.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { readTriageMarker } from '../../src/thread/markers.js'
import {
  AWS,
  SEED_LOG,
  analyzeRun,
  expectGreen,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'
import { actionsLog, REGISTRY_TIMEOUT } from './triage-logs.js'

const ASSERTION = actionsLog('pytest', [
  '=================================== FAILURES ===================================',
  '>       assert compute() == 7',
  'E       AssertionError: assert 8 == 7',
  'tests/test_mod.py:12: AssertionError',
  'FAILED tests/test_mod.py::test_value - AssertionError: assert 8 == 7',
  '1 failed, 60 passed in 0.31s'
])

describe('analyze: triage before analysis', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let base: string
  let n = 0

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push('main', seedFiles(gh), 'initial')
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  /** A PR at a new commit and a failed run of CI for it (no job yet). */
  function prRun(attempt = 1): {
    pr: ReturnType<FakeGitHub['addPull']>
    run: ReturnType<FakeGitHub['addRun']>
  } {
    const name = `triage-${n++}`
    const sha = gh.seedCommit({ 'notes.txt': `${name}\n` }, base, name)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/${name}` })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: `feature/${name}`,
      event: 'pull_request',
      name: 'CI',
      pull_requests: [pr.number],
      run_attempt: attempt
    })
    return { pr, run }
  }

  it('a registry timeout -> no model call, a comment with the evidence offering /fixflow rerun, no approve', async () => {
    const { pr, run } = prRun()
    gh.addJob(run.id, { name: 'build', failedStep: 'npm ci', log: REGISTRY_TIMEOUT })
    const mark = bedrock.requests.length
    const apiMark = gh.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    expect(bedrock.since(mark)).toHaveLength(0)
    // The log decided: no request for flaky facts (the run, the commit's other runs).
    const paths = gh.requests.slice(apiMark).map(q => q.path)
    expect(paths.filter(p => /\/actions\/runs\/\d+$|\/actions\/workflows\//.test(p))).toEqual([])
    expect(r.outputs.status).toBe('triaged')
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toContain('**build: transient** — npm registry network error')
    expect(body).toMatch(
      /Evidence \(log line \d+\):\n\n```text\nnpm error network request to https:\/\/registry/
    )
    expect(body).toContain(`/fixflow rerun ${run.id}-1`)
    expect(body).not.toContain('/fixflow approve')
    // Redacted: the secret in the evidence line and in the failure lines never reaches the thread.
    expect(body).not.toContain(AWS.AWS_SECRET_ACCESS_KEY)
    expect(body).toContain('<details><summary>Failure lines</summary>')
    expect(readTriageMarker(body)).toEqual({ runId: run.id, attempt: 1, kinds: ['transient'] })
    // The notice on the FixFlow job points at the verdict.
    expect(r.stdout).toContain(
      `::notice title=FixFlow::FixFlow found no code failure in build (a re-run is the answer): ${comments[0]!.html_url}`
    )
  })

  it('a job that failed on attempt 1 and passed on attempt 2 is noted flaky; the still failing job is analysed', async () => {
    const { pr, run } = prRun(2)
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG, run_attempt: 1 })
    gh.addJob(run.id, { name: 'unit', failedStep: 'Run unit', log: ASSERTION, run_attempt: 1 })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG, run_attempt: 2 })
    gh.addJob(run.id, { name: 'unit', conclusion: 'success', log: 'ok\n', run_attempt: 2 })
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock, attempt: 2 })
    expectGreen(r)
    const sent = bedrock.since(mark)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.raw).toContain("No module named 'pandas'")
    expect(sent[0]!.raw).not.toContain('assert 8 == 7')
    expect(r.outputs.status).toBe('pending')
    const body = gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body
    expect(body).toContain(
      '- Not analysed: unit is flaky (failed on attempt 1, passed on attempt 2); re-run it.'
    )
    expect(body).toContain(`/fixflow approve ${run.id}-2`)
  })

  it('push and pull_request failing on the same commit -> one model call, one proposal', async () => {
    const { pr, run } = prRun()
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
    const push = gh.addRun({
      head_sha: run.head_sha,
      head_branch: run.head_branch,
      event: 'push',
      name: 'CI'
    })
    gh.addJob(push.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
    const mark = bedrock.requests.length
    const first = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(first)
    const second = await analyzeRun({ gh, run: push, bedrock })
    expectGreen(second)
    expect(bedrock.since(mark)).toHaveLength(1)
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(2)
    expect(comments.filter(c => c.body.includes('/fixflow approve'))).toHaveLength(1)
    const twin = comments.find(c => c.body.includes('same failure as another run'))
    expect(twin?.body).toContain(
      `analysed as \`${run.id}-1\` (pending): see [its comment](${first.outputs['comment-url']})`
    )
    expect(second.outputs['failure-id']).toBe(`${run.id}-1`)
  })

  it('a matrix of 3 identical failures -> one analysis, the three jobs listed together', async () => {
    const { pr, run } = prRun()
    for (const v of ['3.10', '3.11', '3.12'])
      gh.addJob(run.id, { name: `test (${v})`, failedStep: 'Run pytest', log: SEED_LOG })
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    const sent = bedrock.since(mark)
    expect(sent).toHaveLength(1)
    // The failure is in the prompt once, named after all three jobs.
    const prompt = JSON.stringify(sent[0]!.body.messages)
    expect(prompt.split("No module named 'pandas'").length - 1).toBe(
      SEED_LOG.split("No module named 'pandas'").length - 1
    )
    expect(prompt).toContain('test (3.10) (the same failure in test (3.11), test (3.12))')
    const body = gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body
    expect(body).toMatch(
      /\*\*Failed:\*\* \[test \(3\.10\)\]\([^)]+\) \(step `Run pytest`\), \[test \(3\.11\)\][^,]+, \[test \(3\.12\)\]/
    )
    expect(body).toContain(`/fixflow approve ${run.id}-1`)
  })

  it('without a model, the no-fix comment quotes the failure lines', async () => {
    const { pr, run } = prRun()
    gh.addJob(run.id, { name: 'unit', failedStep: 'Run pytest', log: ASSERTION })
    const r = await analyzeRun({ gh, run, pull: pr, aws: false })
    expectGreen(r)
    const body = gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body
    expect(body).toContain('no fix proposed')
    expect(body).toContain('**Failed:** [unit]')
    expect(body).toMatch(
      /<details><summary>Failure lines<\/summary>\n\n```text\n[\s\S]*E {7}AssertionError: assert 8 == 7/
    )
  })

  it('comment-on-no-fix: never -> no comment, the summary has the failure', async () => {
    const { pr, run } = prRun()
    gh.addJob(run.id, { name: 'build', failedStep: 'npm ci', log: REGISTRY_TIMEOUT })
    gh.addJob(run.id, { name: 'unit', failedStep: 'Run pytest', log: ASSERTION })
    const r = await analyzeRun({ gh, run, pull: pr, aws: false, inputs: { 'comment-on-no-fix': 'never' } })
    expectGreen(r)
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })).toHaveLength(0)
    expect(r.outputs['comment-url']).toBeUndefined()
    expect(r.summary).toContain('no fix proposed')
    expect(r.summary).toContain('AssertionError: assert 8 == 7')
    expect(r.summary).toContain('- Not analysed: build is transient (npm registry network error')
  })
})
