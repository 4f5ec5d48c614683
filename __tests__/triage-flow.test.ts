// Triage in the flows (issue 11), the pure parts: the rerun grammar, the triage marker, the rerun decisions, the
// completed-run event, identical-failure grouping, the log tail kept for triage, the triage comment and the notice.
import { describe, expect, it } from '@jest/globals'
import { HELP, parseCommand } from '../src/event/grammar.js'
import { readRunCompleted, type CompletedRun } from '../src/event/event.js'
import type { RunContext } from '../src/event/context.js'
import { readTriageMarker, triageMarker } from '../src/thread/markers.js'
import { parseRunId, rerunReply, runRefusal, triageRefusal } from '../src/flows/rerun/decide.js'
import { groupIdentical, sameFailure } from '../src/flows/analyze/dedupe.js'
import { noticeText } from '../src/flows/analyze/notice.js'
import { keepTail } from '../src/analysis/triage/tail.js'
import { renderComment, type RunInfo } from '../src/render/comment.js'
import { extractText } from '../src/logs/extract.js'
import type { JobFailure, ProposalRecord } from '../src/types.js'

describe('/fixflow rerun grammar', () => {
  it('reads rerun with and without a run id; a malformed id gets the help text', () => {
    expect(parseCommand('/fixflow rerun')).toEqual({ verb: 'rerun' })
    expect(parseCommand('/fixflow rerun 123-2\nthanks')).toEqual({ verb: 'rerun', id: '123-2' })
    expect(parseCommand('/fixflow RERUN 9-1')).toEqual({ verb: 'rerun', id: '9-1' })
    expect(parseCommand('/fixflow rerun ../../x')).toEqual({
      verb: 'unknown',
      text: '/fixflow rerun ../../x'
    })
    expect(parseCommand('please /fixflow rerun 1-1')).toBeUndefined()
    expect(HELP).toContain('/fixflow rerun')
  })
})

describe('triage marker', () => {
  it('round-trips, and no job text can end the HTML comment', () => {
    const m = triageMarker({ runId: 42, attempt: 1, kinds: ['transient', 'code'] })
    expect(m).toMatch(/^<!-- fixflow:triage:v1 [A-Za-z0-9+/=]+ -->$/)
    expect(readTriageMarker(`text\n${m}`)).toEqual({ runId: 42, attempt: 1, kinds: ['transient', 'code'] })
  })
  it('refuses malformed data', () => {
    const enc = (o: unknown): string =>
      `<!-- fixflow:triage:v1 ${Buffer.from(JSON.stringify(o)).toString('base64')} -->`
    expect(readTriageMarker(enc({ run: 1, attempt: 1, kinds: ['weird'] }))).toBeUndefined()
    expect(readTriageMarker(enc({ run: '1', attempt: 1, kinds: [] }))).toBeUndefined()
    expect(readTriageMarker('<!-- fixflow:triage:v1 !!! -->')).toBeUndefined()
    expect(readTriageMarker('<!-- fixflow:triage:v1 bm90IGpzb24= -->')).toBeUndefined()
  })
})

describe('rerun decisions', () => {
  const run: CompletedRun = {
    runId: 7,
    attempt: 1,
    conclusion: 'failure',
    workflow: 'CI',
    commitSha: 'a'.repeat(40),
    origin: 'this'
  }
  it('re-runs automatically only a failed first attempt of this repository, with the input on', () => {
    expect(runRefusal(true, run)).toBeUndefined()
    expect(runRefusal(false, run)).toMatch(/rerun-transient is false/)
    expect(runRefusal(true, { ...run, attempt: 2 })).toMatch(/only a first attempt/)
    expect(runRefusal(true, { ...run, conclusion: 'success' })).toMatch(/concluded success/)
    expect(runRefusal(true, { ...run, origin: 'fork' })).toMatch(/not this repository/)
  })
  it('only when every failed job was found transient', () => {
    expect(triageRefusal(run, { runId: 7, attempt: 1, kinds: ['transient', 'transient'] })).toBeUndefined()
    expect(triageRefusal(run, { runId: 7, attempt: 1, kinds: ['transient', 'code'] })).toMatch(/not every/)
    expect(triageRefusal(run, { runId: 7, attempt: 1, kinds: ['infrastructure'] })).toMatch(/not every/)
    expect(triageRefusal(run, { runId: 7, attempt: 1, kinds: [] })).toMatch(/not every/)
    expect(triageRefusal(run, { runId: 8, attempt: 1, kinds: ['transient'] })).toMatch(/another attempt/)
    expect(triageRefusal(run, undefined)).toMatch(/no triage recorded/)
  })
  it('parses ids and says what GitHub answered', () => {
    expect(parseRunId('123-4')).toEqual({ runId: 123, attempt: 4 })
    expect(rerunReply('1-1', { outcome: 'started' })).toMatchObject({ ok: true })
    expect(rerunReply('1-1', { outcome: 'in-progress', status: 'in_progress' }).text).toMatch(
      /Comment again when it completes/
    )
    expect(rerunReply('1-1', { outcome: 'already', attempt: 2 }).text).toMatch(/attempt 2.*nothing new/)
    expect(rerunReply('1-1', { outcome: 'forbidden', message: 'x' })).toMatchObject({ ok: false })
  })
})

describe('readRunCompleted', () => {
  const ctx = (payload: Record<string, unknown>, eventName = 'workflow_run'): RunContext => ({
    owner: 'acme',
    repo: 'widgets',
    eventName,
    payload,
    runId: 99,
    runAttempt: 1,
    sha: 'f'.repeat(40),
    ref: 'refs/heads/main',
    workflow: 'FixFlow',
    job: 'fixflow',
    serverUrl: 'https://github.com'
  })
  it('reads the completed run, its PR and where its head lives', () => {
    const wr = {
      id: 5,
      run_attempt: 1,
      status: 'completed',
      conclusion: 'failure',
      name: 'CI',
      head_sha: 'b'.repeat(40),
      head_repository: { full_name: 'acme/widgets' },
      pull_requests: [{ number: 3 }]
    }
    expect(readRunCompleted(ctx({ workflow_run: wr }))).toEqual({
      kind: 'run-completed',
      run: {
        runId: 5,
        attempt: 1,
        conclusion: 'failure',
        workflow: 'CI',
        commitSha: 'b'.repeat(40),
        prNumber: 3,
        origin: 'this'
      }
    })
    expect(readRunCompleted(ctx({ workflow_run: { ...wr, status: 'in_progress' } }))).toMatchObject({
      kind: 'ignored'
    })
    expect(readRunCompleted(ctx({ workflow_run: { ...wr, head_sha: 'main' } }))).toMatchObject({
      kind: 'ignored'
    })
    expect(readRunCompleted(ctx({}, 'push'))).toMatchObject({ kind: 'ignored' })
  })
})

function failure(name: string, log: string, id = 1): JobFailure {
  return { jobId: id, jobName: name, extraction: extractText(log) }
}

const PYTEST = (stamp: string, secs: string): string =>
  [
    `${stamp} ##[group]Run pytest`,
    `${stamp} =================================== FAILURES ===================================`,
    `${stamp} E       AssertionError: assert 2 == 1`,
    `${stamp} tests/test_a.py:3: AssertionError`,
    `${stamp} FAILED tests/test_a.py::test_one - AssertionError: assert 2 == 1`,
    `${stamp} 1 failed in ${secs}s`,
    `${stamp} ##[error]Process completed with exit code 1.`
  ].join('\n') + '\n'

describe('identical failures', () => {
  it('groups matrix jobs that failed the same way, whatever their timestamps and timings', () => {
    const a = failure('test (3.10)', PYTEST('2026-11-20T10:15:01.0000000Z', '0.31'), 1)
    const b = failure('test (3.11)', PYTEST('2026-11-20T10:16:09.1234567Z', '0.52'), 2)
    const c = failure('test (3.12)', PYTEST('2026-11-20T10:17:00.0000000Z', '1.02'), 3)
    const other = failure(
      'lint',
      PYTEST('2026-11-20T10:15:01.0000000Z', '0.31').replace('2 == 1', '3 == 1'),
      4
    )
    const grouped = groupIdentical([a, b, c, other])
    expect(grouped).toHaveLength(2)
    expect(grouped[0]?.jobName).toBe('test (3.10) (the same failure in test (3.11), test (3.12))')
    expect(grouped[1]?.jobName).toBe('lint')
  })
  it('keeps jobs whose log could not be read on their own', () => {
    const gone = (n: string, id: number): JobFailure => ({
      ...failure(n, '', id),
      logError: 'expired'
    })
    expect(groupIdentical([gone('a', 1), gone('b', 2)])).toHaveLength(2)
  })
  it("finds another run's proposal for the same commit and workflow, never a stale one", () => {
    const rec = (over: Partial<ProposalRecord>): ProposalRecord =>
      ({
        run_id: 1,
        commit_sha: 'a'.repeat(40),
        workflow_name: 'CI',
        status: 'pending',
        ...over
      }) as ProposalRecord
    const target = { runId: 2, commitSha: 'a'.repeat(40), workflow: 'CI' }
    expect(sameFailure([rec({})], target)?.run_id).toBe(1)
    expect(sameFailure([rec({ run_id: 2 })], target)).toBeUndefined()
    expect(sameFailure([rec({ status: 'stale' })], target)).toBeUndefined()
    expect(sameFailure([rec({ workflow_name: 'Lint' })], target)).toBeUndefined()
    expect(sameFailure([rec({ commit_sha: 'b'.repeat(40) })], target)).toBeUndefined()
  })
})

describe('keepTail', () => {
  async function* chunks(parts: string[]): AsyncIterable<Buffer> {
    for (const p of parts) yield await Promise.resolve(Buffer.from(p))
  }
  it('passes every chunk on and keeps the end, starting at a line', async () => {
    const parts = Array.from({ length: 50 }, (_v, i) => `line ${i}\n`)
    const tail = keepTail(chunks(parts), 40)
    let passed = ''
    for await (const c of tail.chunks) passed += c.toString()
    expect(passed).toBe(parts.join(''))
    const text = tail.text()
    expect(text.endsWith('line 49\n')).toBe(true)
    expect(text.length).toBeLessThanOrEqual(40)
    expect(text.startsWith('line ')).toBe(true)
  })
})

describe('triage comment', () => {
  const run: RunInfo = {
    runId: 11,
    attempt: 1,
    workflow: 'CI',
    runUrl: 'https://github.com/acme/widgets/actions/runs/11',
    jobs: [{ name: 'build', step: 'npm ci' }],
    skippedJobs: 0,
    failureLines: 'npm ERR! network ETIMEDOUT\n<img src=x onerror=alert(1)> ```'
  }
  it('says what was seen and why no patch, quotes the evidence, offers the rerun command', () => {
    const body = renderComment(run, {
      kind: 'triage',
      verdicts: [
        {
          name: 'build <b>',
          kind: 'transient',
          reason: 'npm registry network error',
          evidence:
            'npm ERR! network request to https://registry.npmjs.org/x failed, reason: ETIMEDOUT @team',
          line: 12
        }
      ],
      rerunId: '11-1',
      data: triageMarker({ runId: 11, attempt: 1, kinds: ['transient'] })
    })
    expect(body).toContain('**build &lt;b&gt;: transient** — npm registry network error')
    expect(body).toContain('Evidence (log line 12):')
    expect(body).toMatch(/```text\nnpm ERR! network request to https:\/\/registry\.npmjs\.org\/x failed/)
    expect(body).toContain('/fixflow rerun 11-1')
    expect(body).not.toContain('/fixflow approve')
    // The failure lines are collapsed, in a fence longer than any backtick run inside.
    expect(body).toMatch(/<details><summary>Failure lines<\/summary>\n\n````text\n[\s\S]*<img[\s\S]*\n````/)
    expect(readTriageMarker(body)).toEqual({ runId: 11, attempt: 1, kinds: ['transient'] })
  })
  it('on a commit thread points at the run page instead of a command', () => {
    const body = renderComment(run, { kind: 'triage', verdicts: [], data: '' })
    expect(body).not.toContain('/fixflow rerun')
    expect(body).toContain('[run page](https://github.com/acme/widgets/actions/runs/11)')
  })
  it('a no-fix comment quotes the failure lines; a same-failure one links only a GitHub URL', () => {
    expect(renderComment(run, { kind: 'no-fix', reason: 'No rule applies.' })).toContain(
      'npm ERR! network ETIMEDOUT'
    )
    const same = renderComment(run, {
      kind: 'same-failure',
      failureId: '10-1',
      url: 'javascript:alert(1)',
      status: 'pending'
    })
    expect(same).toContain('`10-1`')
    expect(same).not.toContain('javascript:')
  })
})

describe('notice', () => {
  it('points at the proposal or the verdict, with plain job names', () => {
    const base = { artifacts: {}, commentUrl: 'https://github.com/acme/widgets/pull/3#issuecomment-9' }
    expect(noticeText({ ...base, status: 'pending', failureId: '5-1' }, ['test'])).toBe(
      'FixFlow proposed a fix (5-1) for test: https://github.com/acme/widgets/pull/3#issuecomment-9'
    )
    expect(noticeText({ ...base, status: 'triaged' }, ['a\nb'])).toBe(
      'FixFlow found no code failure in a b (a re-run is the answer): https://github.com/acme/widgets/pull/3#issuecomment-9'
    )
    expect(noticeText({ status: 'triaged', artifacts: {}, markdown: 'x' }, ['a'])).toMatch(/the job summary$/)
    expect(noticeText({ status: 'none', artifacts: {} }, ['a'])).toBeUndefined()
    // The notice is a workflow command itself: a name carrying command syntax is not repeated in it.
    expect(
      noticeText({ ...base, status: 'pending', failureId: '5-1' }, ['x ::warning::pwned', '##[group]y'])
    ).toBe(
      'FixFlow proposed a fix (5-1) for a job (name withheld: it holds workflow-command text), a job (name withheld: it holds workflow-command text): https://github.com/acme/widgets/pull/3#issuecomment-9'
    )
  })
})
