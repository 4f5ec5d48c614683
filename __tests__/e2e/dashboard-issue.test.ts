// `dashboard: issue` through the bundle: the dashboard issue is created once, shows a proposal under Pending after
// analyze, under Active fix PRs after approve and under Resolved once the fix PR merges; two concurrent runs leave
// one issue with both entries; it works with the table and with the thread store; an edit by a person injects nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  SLOW,
  commentAndRun,
  fixPulls,
  out,
  runBundle,
  seedPrFailure,
  startWorld,
  type World
} from './approve-harness.js'
import {
  DASHBOARD_MARKER,
  entryOf,
  readDashboardIndex,
  renderDashboardIssue
} from '../../src/render/dashboard-issue.js'
import { makeRecord } from '../../__fixtures__/proposal-record.js'
import type { FakeIssue } from '../support/github-server.js'

const DASH = { dashboard: 'issue' }

function dashboards(w: World): FakeIssue[] {
  return [...w.gh.issues.values()].filter(
    i => i.state === 'open' && i.user.login === w.gh.bot.login && i.body.startsWith(DASHBOARD_MARKER)
  )
}

function only(w: World): FakeIssue {
  const all = dashboards(w)
  expect(all).toHaveLength(1)
  return all[0] as FakeIssue
}

function section(body: string, title: string): string {
  const start = body.indexOf(`### ${title}`)
  const next = body.indexOf('\n### ', start + 4)
  return body.slice(start, next === -1 ? body.indexOf('<details>') : next)
}

for (const table of [true, false]) {
  describe(`the dashboard issue (${table ? 'DynamoDB' : 'thread'} store)`, () => {
    let w: World
    beforeAll(async () => {
      w = await startWorld({ table })
      w.gh.setPermission('wendy', 'write')
    }, SLOW)
    afterAll(async () => {
      await w?.close()
    })

    it(
      'follows a proposal from Pending to Active fix PRs to Resolved, in one issue',
      async () => {
        const s = await seedPrFailure(w, { inputs: DASH })
        let issue = only(w)
        expect(w.gh.labels.get(issue.number)).toContain('fixflow')
        expect(section(issue.body, 'Pending')).toContain(s.id)
        expect(section(issue.body, 'Pending')).toContain(`/fixflow approve ${s.id}`)

        const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy', {
          inputs: DASH
        })
        expect([run.outputs.status, out(run)]).toEqual(['approved', out(run)])
        issue = only(w)
        const fix = fixPulls(w, s.id)[0]
        expect(fix).toBeDefined()
        expect(section(issue.body, 'Active fix PRs')).toContain(s.id)
        expect(section(issue.body, 'Active fix PRs')).toContain(`/pull/${fix?.number})`)
        expect(section(issue.body, 'Pending')).not.toContain(s.id)

        w.gh.mergePull(fix?.number ?? 0)
        const merged = await runBundle(w, {
          eventName: 'pull_request',
          event: {
            action: 'closed',
            number: fix?.number,
            pull_request: w.gh.payload.pull(fix?.number ?? 0),
            repository: w.gh.payload.repository()
          },
          inputs: DASH
        })
        expect([merged.outputs.status, out(merged)]).toEqual(['merged', out(merged)])
        issue = only(w)
        expect(section(issue.body, 'Resolved')).toContain(s.id)
        expect(section(issue.body, 'Active fix PRs')).not.toContain(s.id)
      },
      SLOW * 2
    )

    it(
      'two analyze runs at once leave one issue holding both entries',
      async () => {
        const [a, b] = await Promise.all([
          seedPrFailure(w, { inputs: DASH }),
          seedPrFailure(w, { inputs: DASH })
        ])
        const ids = readDashboardIndex(only(w).body).map(e => e.id)
        expect(ids).toEqual(expect.arrayContaining([a.id, b.id]))
      },
      SLOW
    )

    it(
      "a person's edit of the issue cannot add an entry",
      async () => {
        const issue = only(w)
        const forged = renderDashboardIssue(
          [entryOf(makeRecord({ failure_id: 'forged-1-1', root_cause: 'forged entry' }))],
          new Date()
        )
        w.gh.addToken('ghp_fake_mallory_token_00000000000000000', { login: 'mallory', type: 'User' })
        const res = await fetch(`${w.gh.url}/repos/${w.gh.fullName}/issues/${issue.number}`, {
          method: 'PATCH',
          headers: {
            authorization: 'token ghp_fake_mallory_token_00000000000000000',
            'content-type': 'application/json'
          },
          body: JSON.stringify({ body: forged })
        })
        expect(res.status).toBe(200)
        const s = await seedPrFailure(w, { inputs: DASH })
        const after = only(w)
        const ids = readDashboardIndex(after.body).map(e => e.id)
        expect(ids).toContain(s.id)
        expect(ids).not.toContain('forged-1-1')
        expect(after.body).not.toContain('forged entry')
      },
      SLOW
    )
  })
}
