// Failed jobs and their logs: two failed jobs, fifty failed jobs (bounded prompt), expired and not-yet-written logs,
// the log redirect to blob storage without the token, and the GitHub requests an analysed job costs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { startDynamo, type LocalDynamo } from '../support/dynamo.js'
import { initTable } from '../../src/store/init-table.js'
import {
  AWS,
  REGION,
  SEED_LOG,
  analyzeRun,
  expectGreen,
  failedRun,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'

const TABLE = 'jobs_table'
/** The action's default max-prompt-tokens. */
const PROMPT_TOKENS = 6000

/** A distinct pytest failure for job `i`, with enough lines to fill a budget when there are many. */
function jobLog(i: number): string {
  const lines = [
    `2026-11-20T10:15:0${i % 10}.0000000Z ##[group]Run pytest tests/test_mod${i}.py`,
    ...Array.from({ length: 60 }, (_v, k) => `tests/test_mod${i}.py::test_case_${k} PASSED`),
    '=================================== FAILURES ===================================',
    `_____________________________ test_value_${i} _____________________________`,
    `    def test_value_${i}():`,
    `>       assert compute_${i}() == ${i}`,
    `E       AssertionError: assert ${i + 1} == ${i}`,
    `E        +  where ${i + 1} = compute_${i}()`,
    `tests/test_mod${i}.py:12: AssertionError`,
    '=========================== short test summary info ============================',
    `FAILED tests/test_mod${i}.py::test_value_${i} - AssertionError: assert ${i + 1} == ${i}`,
    '1 failed, 60 passed in 0.31s',
    '##[error]Process completed with exit code 1.'
  ]
  return lines.join('\n') + '\n'
}

describe('analyze: failed jobs and their logs', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let dynamo: LocalDynamo
  let base: string

  beforeAll(async () => {
    ;[gh, bedrock, dynamo] = await Promise.all([startGitHub(), startSwitchableBedrock(), startDynamo()])
    Object.assign(process.env, AWS, { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint })
    await initTable({ table: TABLE, region: REGION })
    base = gh.push('main', seedFiles(gh), 'initial')
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close(), dynamo?.close()])
  })

  /** A PR at a new commit and a run for it (no job yet). */
  function prRun(name: string): {
    pr: ReturnType<FakeGitHub['addPull']>
    run: ReturnType<FakeGitHub['addRun']>
  } {
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

  it('two failed jobs -> one comment naming both, both failures sent to the model', async () => {
    const { pr, run } = prRun('two-jobs')
    gh.addJob(run.id, { name: 'test (3.12)', failedStep: 'Run pytest', log: SEED_LOG })
    gh.addJob(run.id, { name: 'unit', failedStep: 'Run unit tests', log: jobLog(7) })
    gh.addJob(run.id, { name: 'lint', conclusion: 'success', log: 'ok\n' })
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toMatch(
      /\*\*Failed:\*\* \[test \(3\.12\)\]\([^)]+\) \(step `Run pytest`\), \[unit\]\([^)]+\) \(step `Run unit tests`\)/
    )
    expect(body).not.toMatch(/\[lint\]/)
    const sent = bedrock.since(mark)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.raw).toContain("No module named 'pandas'")
    expect(sent[0]!.raw).toContain('AssertionError: assert 8 == 7')
  })

  it('fifty failed jobs -> one comment, a bounded Bedrock request, the extra jobs counted as not analysed', async () => {
    const { pr, run } = prRun('fifty-jobs')
    for (let i = 0; i < 50; i++)
      gh.addJob(run.id, { name: `shard ${i}`, failedStep: 'Run pytest', log: jobLog(i) })
    const mark = bedrock.requests.length
    const logsBefore = gh.count('GET', /\/actions\/jobs\/\d+\/logs$/)
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('and 45 more failed job(s) not analysed')
    // Only the analysed jobs' logs were read.
    expect(gh.count('GET', /\/actions\/jobs\/\d+\/logs$/) - logsBefore).toBe(5)

    const sent = bedrock.since(mark)
    expect(sent).toHaveLength(1)
    const bytes = Buffer.byteLength(sent[0]!.raw)
    const promptChars =
      JSON.stringify(sent[0]!.body.messages).length + JSON.stringify(sent[0]!.body.system).length
    console.log(`50 failed jobs: Bedrock request ${bytes} bytes, prompt text ${promptChars} chars`)
    // The prompt stays within max-prompt-tokens (estimated at 4 characters a token, plus JSON escaping); the whole
    // request adds only the fixed tool schema.
    expect(promptChars).toBeLessThanOrEqual(PROMPT_TOKENS * 4 * 1.1)
    expect(bytes).toBeLessThan(PROMPT_TOKENS * 4 + 12_000)
  })

  it('an expired log (410) is explained, not retried, and the other job is still analysed', async () => {
    const { pr, run } = prRun('expired-log')
    const gone = gh.addJob(run.id, { name: 'old-job', failedStep: 'Build', log: { status: 410 } })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    expect(gh.count('GET', new RegExp(`/actions/jobs/${gone.id}/logs$`))).toBe(1)
    const body = gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body
    expect(body).toMatch(
      /old-job.*log unavailable: The log of job \d+ has expired or was deleted \(HTTP 410\)/
    )
    expect(body).toContain('+pandas==2.2.3')
    expect(r.outputs.status).toBe('pending')
    expect(bedrock.since(mark)[0]!.raw).toContain("No module named 'pandas'")
  })

  it('a log not written yet (404 once) is fetched again and analysed; the blob redirect never carries the token', async () => {
    const { pr, run } = prRun('late-log')
    const late = gh.addJob(run.id, {
      name: 'test',
      failedStep: 'Run pytest',
      log: { notFoundTimes: 1, text: SEED_LOG }
    })
    const blobMark = gh.blobRequests.length
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    expectGreen(r)
    expect(r.outputs.status).toBe('pending')
    const logCalls = gh.requests.filter(q => q.path.endsWith(`/actions/jobs/${late.id}/logs`))
    expect(logCalls.map(q => q.status)).toEqual([404, 302])
    // The API call is authenticated; the pre-signed blob URL is fetched without the Authorization header.
    expect(logCalls.every(q => q.auth?.includes(gh.token))).toBe(true)
    const blobs = gh.blobRequests.slice(blobMark)
    expect(blobs.length).toBeGreaterThanOrEqual(1)
    expect(blobs.every(b => b.auth === undefined && b.status === 200)).toBe(true)
    expect(gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body).toContain('+pandas==2.2.3')
  })

  it('GitHub requests per analysed failed job stay bounded', async () => {
    const measure = async (jobs: number, table?: string, onPr = false): Promise<number> => {
      const sha = gh.seedCommit(
        { 'notes.txt': `count ${jobs} ${table ?? 'thread'} ${onPr}\n` },
        base,
        'count'
      )
      const pr = onPr ? gh.addPull({ head_sha: sha, head_ref: `feature/count-${jobs}` }) : undefined
      const run = failedRun(
        gh,
        sha,
        pr ? { branch: pr.head_ref, event: 'pull_request', pulls: [pr.number] } : {}
      )
      for (let i = 1; i < jobs; i++)
        gh.addJob(run.id, { name: `extra ${i}`, failedStep: 'Run pytest', log: jobLog(i) })
      const mark = gh.requests.length
      const where = table ? { table, dynamoEndpoint: dynamo.endpoint } : {}
      expectGreen(await analyzeRun({ gh, run, bedrock, ...where, ...(pr ? { pull: pr } : {}) }))
      const made = gh.requests.slice(mark)
      console.log(
        `${jobs} failed job(s), ${pr ? 'pull_request' : 'push'} event, ${table ? 'DynamoDB' : 'embedded'} store: ${made.length} GitHub requests ` +
          `(${(made.length / jobs).toFixed(1)} per job): ${made.map(q => `${q.method} ${q.path.replace(/^\/repos\/[^/]+\/[^/]+/, '')}`).join(', ')}`
      )
      return made.length
    }
    const oneDynamo = await measure(1, TABLE)
    const oneThread = await measure(1)
    const twoDynamo = await measure(2, TABLE)
    const onePr = await measure(1, TABLE, true)
    // The benchmark target: <= 6 for one failed job on a PR run, plus 2 for triage's flaky facts on a code failure
    // (issue 11: GET the run for its workflow, and that workflow's runs for the commit). Push runs also look up the PR
    // (GET /commits/{sha}/pulls); every further failed job costs its log read and nothing else.
    expect(onePr).toBeLessThanOrEqual(6 + 2)
    expect(oneDynamo).toBeLessThanOrEqual(7 + 2)
    expect(oneThread).toBeLessThanOrEqual(oneDynamo + 2)
    expect(twoDynamo - oneDynamo).toBe(1)
  })
})
