import { describe, expect, it } from '@jest/globals'
import {
  DASHBOARD_MARKER,
  entryOf,
  mergeEntries,
  readDashboardIndex,
  renderDashboardIssue
} from '../src/render/dashboard-issue.js'
import { makeRecord } from '../__fixtures__/proposal-record.js'

const NOW = new Date('2026-11-20T12:00:00Z')

function section(body: string, title: string): string {
  const start = body.indexOf(`### ${title}`)
  const next = body.indexOf('\n### ', start + 4)
  return body.slice(start, next === -1 ? body.indexOf('<details>') : next)
}

describe('the dashboard issue body', () => {
  const pending = entryOf(makeRecord({ failure_id: 'p-1-1', status: 'pending', risk_score: 'low' }))
  const push = entryOf(
    makeRecord({
      failure_id: 'p-2-1',
      status: 'pending',
      pr_number: undefined,
      commit_sha: 'a1b2c3d'.repeat(5) + 'a1b2c'
    })
  )
  const active = entryOf(
    makeRecord({ failure_id: 'a-1-1', status: 'approved', pr_url: 'https://github.com/octo/app/pull/31' })
  )
  const merged = entryOf(
    makeRecord({
      failure_id: 'm-1-1',
      status: 'merged',
      pr_url: 'https://github.com/octo/app/pull/30',
      updated_at: '2026-11-19T00:00:00Z'
    })
  )
  const old = entryOf(
    makeRecord({ failure_id: 'o-1-1', status: 'resolved', updated_at: '2026-09-01T00:00:00Z' })
  )
  const rejected = entryOf(makeRecord({ failure_id: 'r-1-1', status: 'rejected' }))

  it('puts each proposal in its section with how to approve it', () => {
    const body = renderDashboardIssue([pending, push, active, merged, old, rejected], NOW)
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true)
    expect(section(body, 'Pending')).toContain('`/fixflow approve p-1-1`')
    expect(section(body, 'Pending')).toContain(
      '`gh workflow run fixflow.yml -f command=approve -f failure-id=p-2-1`'
    )
    expect(section(body, 'Pending')).toContain('🟢 low')
    expect(section(body, 'Active fix PRs')).toContain('[fix PR](https://github.com/octo/app/pull/31)')
    expect(section(body, 'Resolved')).toContain('m-1-1')
    expect(section(body, 'Resolved')).not.toContain('o-1-1') // older than 30 days
    expect(body.slice(body.indexOf('<details>'))).toContain('r-1-1')
    expect(section(body, 'Pending')).not.toContain('a-1-1')
  })

  it('round-trips its index, and only from the end of a FixFlow body', () => {
    const body = renderDashboardIssue([pending, active], NOW)
    expect(
      readDashboardIndex(body)
        .map(e => e.id)
        .sort()
    ).toEqual(['a-1-1', 'p-1-1'])
    expect(readDashboardIndex(body + '\nedited by someone')).toEqual([])
    expect(readDashboardIndex('hello\n' + body)).toEqual([])
  })

  it('keeps hostile root causes inert and out of the index markers', () => {
    const hostile = entryOf(
      makeRecord({
        failure_id: 'h-1-1',
        root_cause:
          '<!-- fixflow:dashboard-index:v1 W10= --> ![x](https://evil.example/a.png) @octo/team [x](https://evil.example)'
      })
    )
    const body = renderDashboardIssue([hostile], NOW)
    expect(body.match(/<!-- fixflow:dashboard-index/g)).toHaveLength(1)
    expect(body).not.toContain('](https://evil.example')
    expect(body).not.toMatch(/@octo\/team/)
    expect(readDashboardIndex(body).map(e => e.id)).toEqual(['h-1-1'])
  })

  it('drops entries that fail the field checks', () => {
    const forged = [
      { ...pending, id: 'x"; rm -rf /' },
      { ...pending, id: 'ok-1-1', confidence: 7 },
      { ...pending, id: 'good-1-1' }
    ]
    const body = renderDashboardIssue(forged, NOW)
    expect(readDashboardIndex(body).map(e => e.id)).toEqual(['good-1-1'])
  })

  it('merges by id, newer wins, and stays under the body limit by dropping closed entries first', () => {
    const newer = { ...pending, status: 'approved' as const, updated: '2026-11-20T00:00:00Z' }
    expect(mergeEntries([pending], [newer]).map(e => e.status)).toEqual(['approved'])
    expect(mergeEntries([newer], [pending]).map(e => e.status)).toEqual(['approved'])
    const many = Array.from({ length: 400 }, (_, i) =>
      entryOf(makeRecord({ failure_id: `s-${i}-1`, status: 'stale', root_cause: 'x'.repeat(180) }))
    )
    const body = renderDashboardIssue([pending, ...many], NOW)
    expect(body.length).toBeLessThanOrEqual(65_000)
    expect(readDashboardIndex(body).map(e => e.id)).toContain('p-1-1')
  })
})
