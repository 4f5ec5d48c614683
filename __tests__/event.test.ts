// The event module: the mode choice in `auto` and the one fix-branch rule.
import { describe, expect, it } from '@jest/globals'
import type { RunContext } from '../src/event/context.js'
import { pickMode } from '../src/event/mode.js'
import { fixBranchId, headOrigin, isOwnFixBranch } from '../src/event/fix-branch.js'
import { readCommand, readFailure, readFixOutcome } from '../src/event/event.js'

function ctx(eventName: string, payload: Record<string, unknown>, ref = 'refs/heads/main'): RunContext {
  return {
    owner: 'acme',
    repo: 'widgets',
    eventName,
    payload,
    runId: 5,
    runAttempt: 1,
    sha: 'a'.repeat(40),
    ref,
    workflow: 'CI',
    job: 'fixflow',
    serverUrl: 'https://github.com'
  }
}

const run = (branch: string, repo?: string): Record<string, unknown> => ({
  workflow_run: {
    head_branch: branch,
    status: 'completed',
    conclusion: 'success',
    head_sha: 'b'.repeat(40),
    ...(repo ? { head_repository: { full_name: repo } } : {})
  }
})

describe('pickMode', () => {
  it('keeps an explicit mode', () => {
    expect(pickMode('analyze', ctx('issue_comment', {}))).toBe('analyze')
  })
  it('answers comments and dispatches naming a proposal as commands', () => {
    expect(pickMode('auto', ctx('issue_comment', {}))).toBe('approve')
    expect(pickMode('auto', ctx('commit_comment', {}))).toBe('approve')
    expect(pickMode('auto', ctx('workflow_dispatch', { inputs: { 'failure-id': '1-1' } }))).toBe('approve')
    expect(pickMode('auto', ctx('workflow_dispatch', { inputs: {} }))).toBe('analyze')
  })
  it("tracks this repository's fix branches only; another completed run goes to the automatic re-run", () => {
    expect(pickMode('auto', ctx('workflow_run', run('fixflow/1-1', 'acme/widgets')))).toBe('track')
    // Never analysed from workflow_run: a fork's run would be analysed with the base repository's privileges.
    expect(pickMode('auto', ctx('workflow_run', run('fixflow/1-1', 'mallory/widgets')))).toBe('rerun')
    expect(pickMode('auto', ctx('workflow_run', run('fixflow/1-1')))).toBe('rerun')
    expect(pickMode('auto', ctx('workflow_run', run('feature', 'acme/widgets')))).toBe('rerun')
    expect(pickMode('auto', ctx('push', {}, 'refs/heads/fixflow/1-1'))).toBe('track')
    expect(pickMode('auto', ctx('pull_request', { action: 'closed' }))).toBe('track')
    const forkPr = { pull_request: { head: { ref: 'fixflow/1-1', repo: { full_name: 'mallory/widgets' } } } }
    expect(pickMode('auto', ctx('pull_request', { action: 'synchronize', ...forkPr }))).toBe('analyze')
  })
})

describe('fix-branch rule', () => {
  it('needs the prefix, and a head in this repository (or, for analysis, one of unknown origin)', () => {
    expect(isOwnFixBranch('fixflow/1-1', 'this', 'not-ours')).toBe(true)
    expect(isOwnFixBranch('fixflow/1-1', 'fork', 'ours')).toBe(false)
    expect(isOwnFixBranch('fixflow/1-1', 'unknown', 'not-ours')).toBe(false)
    expect(isOwnFixBranch('fixflow/1-1', 'unknown', 'ours')).toBe(true)
    expect(isOwnFixBranch('feature/fixflow/1-1', 'this', 'ours')).toBe(false)
    expect(headOrigin('ACME/Widgets', 'acme/widgets')).toBe('this')
    expect(headOrigin('', 'acme/widgets')).toBe('unknown')
  })
  it('reads the proposal id only from fixflow/<run>-<attempt>', () => {
    expect(fixBranchId('fixflow/12-1')).toBe('12-1')
    expect(fixBranchId('fixflow/x";echo;#')).toBeUndefined()
    expect(fixBranchId('main')).toBeUndefined()
  })
})

describe('the event readers', () => {
  it('type each kind of event', () => {
    const pr = { number: 3, head: { sha: 'c'.repeat(40), ref: 'feat', repo: { full_name: 'acme/widgets' } } }
    expect(readFailure(ctx('pull_request', { pull_request: pr }))).toEqual({
      runId: 5,
      attempt: 1,
      workflow: 'CI',
      commitSha: 'c'.repeat(40),
      branch: 'feat',
      prNumber: 3,
      headRepo: 'acme/widgets'
    })
    expect(readCommand(ctx('push', {}))).toMatchObject({ kind: 'ignored' })
    expect(
      readCommand(ctx('workflow_dispatch', { inputs: { 'failure-id': '7-2', command: 'reject' } }))
    ).toMatchObject({
      kind: 'command',
      via: 'dispatch',
      dispatch: { failureId: '7-2', command: { verb: 'reject', id: '7-2' }, replyKey: 'dispatch-5' }
    })
    expect(readFixOutcome(ctx('workflow_run', run('fixflow/1-1', 'mallory/widgets')))).toMatchObject({
      kind: 'fix-outcome',
      fix: { origin: 'fork', outcome: { to: 'resolved', branch: 'fixflow/1-1' } }
    })
  })
})

describe('readFailure: a fork in a privileged run', () => {
  const wr = (repo: string | undefined, branch: string): Record<string, unknown> => ({
    workflow_run: {
      id: 9,
      head_sha: 'b'.repeat(40),
      head_branch: branch,
      ...(repo ? { head_repository: { full_name: repo } } : {}),
      pull_requests: []
    }
  })
  it('is untrusted whatever its branch is called; this repository and a plain pull_request are not', () => {
    for (const branch of ['main', 'fixflow/9-1', 'feature/x']) {
      expect(readFailure(ctx('workflow_run', wr('mallory/widgets', branch))).untrusted).toMatch(
        /mallory\/widgets/
      )
    }
    expect(readFailure(ctx('workflow_run', wr(undefined, 'main'))).untrusted).toMatch(/does not name/)
    expect(readFailure(ctx('workflow_run', wr('Acme/Widgets', 'main'))).untrusted).toBeUndefined()
    const pr = (repo: string): Record<string, unknown> => ({
      pull_request: { number: 3, head: { sha: 'c'.repeat(40), ref: 'main', repo: { full_name: repo } } }
    })
    expect(readFailure(ctx('pull_request_target', pr('mallory/widgets'))).untrusted).toBeDefined()
    expect(readFailure(ctx('pull_request', pr('mallory/widgets'))).untrusted).toBeUndefined()
  })
})
