// In-process analyze flow (support/flow-world.ts): PR, push and fix-branch events, embedded store.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  analyzeEvent,
  ctxFor,
  embedded,
  failedRun,
  proposePr,
  world,
  type World
} from './support/flow-world.js'

describe('analyze in process, embedded store', () => {
  let w: World
  beforeAll(async () => {
    w = await world(false)
  })
  afterAll(async () => {
    await w.gh.close()
  })

  it('analyze on a PR posts one proposal comment carrying the record, within a request budget', async () => {
    const before = w.gh.requests.length
    const { id, thread } = await proposePr(w, 1)
    const comments = w.gh.commentsOn(thread).filter(c => c.body.includes('fixflow:run:'))
    expect(comments).toHaveLength(1)
    const r = embedded(w, thread, id)
    expect(r?.status).toBe('pending')
    expect(r?.diff).toContain('+pandas==2.2.3')
    expect(w.gh.requests.length - before).toBeLessThanOrEqual(20)
  })

  it('analyze on a push without a PR answers on the commit', async () => {
    const head = w.gh.seedCommit({ 'weather_report/push.py': 'X = 1\n' }, w.mainSha, 'push')
    w.gh.setBranch('topic', head)
    const run = failedRun(w, head, 'topic')
    const result = await analyzeEvent(
      w,
      ctxFor(
        w,
        'push',
        { ref: 'refs/heads/topic', after: head },
        { runId: run.id, sha: head, ref: 'refs/heads/topic' }
      )
    )
    expect(result.status).toBe('pending')
    expect(embedded(w, { kind: 'commit', sha: head }, `${run.id}-1`)?.status).toBe('pending')
  })

  it('analyze on a fix branch of this repository proposes nothing', async () => {
    const run = failedRun(w, w.mainSha, 'fixflow/1-1')
    const result = await analyzeEvent(
      w,
      ctxFor(w, 'push', {}, { runId: run.id, sha: w.mainSha, ref: 'refs/heads/fixflow/1-1' })
    )
    expect(result.status).toBe('none')
  })
})
