// The dashboard issue through the real GitHubClient (Octokit) against the loopback GitHub: created once, entries
// kept under concurrent runs, and nothing read from text that others wrote or edited.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubClient } from '../src/github/client.js'
import { updateDashboard } from '../src/thread/dashboard.js'
import {
  DASHBOARD_MARKER,
  entryOf,
  readDashboardIndex,
  renderDashboardIssue
} from '../src/render/dashboard-issue.js'
import { makeRecord } from '../__fixtures__/proposal-record.js'
import { startGitHub, type FakeGitHub } from './support/github-server.js'

let gh: FakeGitHub
const notes: string[] = []

function client(token = gh.token): GitHubClient {
  return new GitHubClient({
    token,
    repo: { owner: gh.owner, repo: gh.repo },
    baseUrl: gh.url,
    retryBaseMs: 5,
    log: m => notes.push(m)
  })
}

const deps = (c = client()): Parameters<typeof updateDashboard>[0] => ({
  gh: c,
  log: m => notes.push(m),
  now: () => new Date('2026-11-01T06:00:00Z'),
  sleep: () => Promise.resolve()
})

const own = (): { number: number; body: string; state: string }[] =>
  [...gh.issues.values()].filter(i => i.user.login === gh.bot.login && i.body.startsWith(DASHBOARD_MARKER))

beforeEach(async () => {
  gh = await startGitHub({ owner: 'acme', repo: 'widgets' })
  gh.push('main', { 'README.md': 'hi\n' })
})

afterEach(async () => {
  await gh.close()
})

describe('the dashboard issue', () => {
  it('is created once, labelled, and moves a proposal from Pending to Active to Resolved', async () => {
    const rec = makeRecord({ failure_id: 'acme-widgets-1-1', status: 'pending' })
    const issue = await updateDashboard(deps(), [entryOf(rec)])
    expect(gh.labels.get(issue.number)).toEqual(['fixflow'])
    expect(issue.body).toMatch(/### Pending[\s\S]*acme-widgets-1-1[\s\S]*### Active fix PRs/)

    const approved = {
      ...rec,
      status: 'approved' as const,
      pr_url: 'https://github.com/acme/widgets/pull/9',
      updated_at: '2026-11-01T01:00:00Z'
    }
    await updateDashboard(deps(), [entryOf(approved)])
    const merged = { ...approved, status: 'merged' as const, updated_at: '2026-11-01T02:00:00Z' }
    const last = await updateDashboard(deps(), [entryOf(merged)])

    expect(own()).toHaveLength(1)
    expect(last.number).toBe(issue.number)
    const body = gh.issues.get(issue.number)?.body ?? ''
    expect(body.slice(body.indexOf('### Resolved'))).toContain('acme-widgets-1-1')
    expect(body.slice(body.indexOf('### Pending'), body.indexOf('### Resolved'))).not.toContain(
      'acme-widgets-1-1'
    )
    expect(gh.count('POST', /\/issues$/)).toBe(1)
  })

  it('keeps one issue and both entries when two runs race', async () => {
    const a = entryOf(makeRecord({ failure_id: 'race-a-1', status: 'pending' }))
    const b = entryOf(makeRecord({ failure_id: 'race-b-1', status: 'pending' }))
    await Promise.all([updateDashboard(deps(client()), [a]), updateDashboard(deps(client()), [b])])
    const open = own().filter(i => i.state === 'open')
    expect(open).toHaveLength(1)
    expect(
      readDashboardIndex(open[0]?.body ?? '')
        .map(e => e.id)
        .sort()
    ).toEqual(['race-a-1', 'race-b-1'])
  })

  it('never reads an entry from an issue, comment or edit that someone else wrote', async () => {
    const forged = renderDashboardIssue(
      [entryOf(makeRecord({ failure_id: 'forged-1-1', status: 'pending', root_cause: 'forged' }))],
      new Date('2026-11-01T00:00:00Z')
    )
    // Someone else's issue that looks exactly like the dashboard, with the label.
    gh.addIssue({ title: 'FixFlow dashboard', body: forged, labels: ['fixflow'] })
    const mine = await updateDashboard(deps(), [entryOf(makeRecord({ failure_id: 'real-1-1' }))])
    expect(mine.user_login).toBe(gh.bot.login)
    expect(readDashboardIndex(mine.body).map(e => e.id)).toEqual(['real-1-1'])

    // A person edits FixFlow's issue to carry a forged index: the next update does not take it.
    gh.addToken('ghp_fake_writer_token_0000000000000000', { login: 'mallory', type: 'User' })
    await client('ghp_fake_writer_token_0000000000000000').updateIssue(mine.number, { body: forged })
    const next = await updateDashboard(deps(), [entryOf(makeRecord({ failure_id: 'real-2-1' }))])
    expect(next.number).toBe(mine.number)
    expect(readDashboardIndex(next.body).map(e => e.id)).toEqual(['real-2-1'])
    expect(next.body).not.toContain('forged')
  })

  it('rebuilds from the table view when one is given', async () => {
    const fromTable = [
      entryOf(makeRecord({ failure_id: 't-1-1', status: 'resolved', updated_at: '2026-10-30T00:00:00Z' })),
      entryOf(makeRecord({ failure_id: 't-2-1', status: 'pending' }))
    ]
    const issue = await updateDashboard(deps(), [entryOf(makeRecord({ failure_id: 't-3-1' }))], fromTable)
    expect(
      readDashboardIndex(issue.body)
        .map(e => e.id)
        .sort()
    ).toEqual(['t-1-1', 't-2-1', 't-3-1'])
  })
})
