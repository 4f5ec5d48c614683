// A re-rendered comment keeps the header notes (support/flow-world.ts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  LOG,
  analyzeEvent,
  command,
  commentCtx,
  ctxFor,
  embedded,
  failedRun,
  world,
  type World
} from './support/flow-world.js'
import type { ThreadRef } from './support/github-server.js'

describe('a re-rendered comment keeps the header notes', () => {
  let w: World
  beforeAll(async () => {
    w = await world(false)
  })
  afterAll(async () => {
    await w.gh.close()
  })

  it('jobs over the cap and unreadable logs are still named after a reject re-renders the comment', async () => {
    const head = w.gh.seedCommit({ 'weather_report/many.py': 'X = 1\n' }, w.mainSha, 'many')
    const pr = w.gh.addPull({ head_sha: head, head_ref: 'feature/many', base_ref: 'main' })
    const run = failedRun(w, head, 'feature/many', [pr.number])
    w.gh.addJob(run.id, { name: 'gone', failedStep: 'Run pytest', log: { status: 410 } })
    for (let i = 0; i < 4; i++) w.gh.addJob(run.id, { name: `more-${i}`, failedStep: 'Run pytest', log: LOG })
    const ctx = ctxFor(
      w,
      'pull_request',
      { action: 'synchronize', number: pr.number, pull_request: w.gh.payload.pull(pr.number) },
      { runId: run.id, sha: 'f'.repeat(40), ref: `refs/pull/${pr.number}/merge` }
    )
    expect((await analyzeEvent(w, ctx)).status).toBe('pending')
    const thread: ThreadRef = { kind: 'pr', number: pr.number }
    const body = (): string => w.gh.commentsOn(thread).find(c => c.body.includes('fixflow:run:'))?.body ?? ''
    expect(body()).toContain('1 more failed job(s) not analysed')
    expect(body()).toContain('log unavailable')
    w.gh.setPermission('wendy', 'write')
    expect((await command(w, commentCtx(w, pr.number, '/fixflow reject', 'wendy'))).status).toBe('rejected')
    expect(embedded(w, thread, `${run.id}-1`)?.status).toBe('rejected')
    expect(body()).toContain('1 more failed job(s) not analysed')
    expect(body()).toContain('log unavailable')
  })
})
