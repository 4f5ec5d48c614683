// In-process approve and track flows (support/flow-world.ts), embedded store.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  command,
  commentCtx,
  ctxFor,
  embedded,
  log,
  proposePr,
  world,
  type World
} from './support/flow-world.js'
import type { RunContext } from '../src/event/context.js'
import { readFixOutcome } from '../src/event/event.js'
import { track } from '../src/flows/track/index.js'
import { proposalsFor } from '../src/wiring.js'

describe('approve and track in process, embedded store', () => {
  let w: World
  beforeAll(async () => {
    w = await world(false)
  })
  afterAll(async () => {
    await w.gh.close()
  })

  it('approve by a reader is refused and changes nothing', async () => {
    const { id, thread, prNumber } = await proposePr(w, 2)
    w.gh.setPermission('rita', 'read')
    const result = await command(w, commentCtx(w, prNumber, '/fixflow approve', 'rita'))
    expect(result.status).toBe('refused')
    expect(embedded(w, thread, id)?.status).toBe('pending')
    expect(Object.keys(w.gh.refs()).some(r => r.startsWith('refs/heads/fixflow/'))).toBe(false)
  })

  it('approve by a writer opens the fix PR with the patch; track follows its CI and its merge', async () => {
    const { id, thread, prNumber } = await proposePr(w, 3)
    w.gh.setPermission('wendy', 'write')
    const before = w.gh.requests.length
    const result = await command(w, commentCtx(w, prNumber, '/fixflow approve', 'wendy'))
    expect(result.status).toBe('approved')
    expect(w.gh.requests.length - before).toBeLessThanOrEqual(30)
    const branch = `fixflow/${id}`
    expect(w.gh.readFileAt(branch, 'requirements.txt')).toContain('pandas==2.2.3')
    const fix = [...w.gh.pulls.values()].find(p => p.head_ref === branch)
    expect(fix).toBeDefined()
    expect(result.prUrl).toBe(`https://github.com/${w.gh.fullName}/pull/${fix?.number}`)
    expect(embedded(w, thread, id)?.status).toBe('approved')

    // The fix branch's CI failed, then passed: the proposal follows; a result for an old commit is ignored.
    const tip = w.gh.branchSha(branch) ?? ''
    const wr = (conclusion: string, sha: string): RunContext =>
      ctxFor(w, 'workflow_run', {
        action: 'completed',
        workflow_run: {
          status: 'completed',
          conclusion,
          head_branch: branch,
          head_sha: sha,
          html_url: 'https://github.com/acme/widgets/actions/runs/1',
          head_repository: { full_name: w.gh.fullName }
        }
      })
    const tracked = (ctx: RunContext): ReturnType<typeof track> =>
      track({
        gh: w.client,
        proposals: proposalsFor(w.inputs, w.client),
        job: ctx,
        event: readFixOutcome(ctx),
        log
      })
    expect((await tracked(wr('failure', tip))).status).toBe('failed')
    expect(embedded(w, thread, id)?.status).toBe('failed')
    expect((await tracked(wr('success', w.mainSha))).status).toBe('none')
    expect((await tracked(wr('success', tip))).status).toBe('resolved')
    expect(embedded(w, thread, id)?.status).toBe('resolved')
    w.gh.mergePull(fix?.number ?? 0)
    const merged = ctxFor(w, 'pull_request', {
      action: 'closed',
      pull_request: w.gh.payload.pull(fix?.number ?? 0)
    })
    expect((await tracked(merged)).status).toBe('merged')
    expect(embedded(w, thread, id)?.status).toBe('merged')
  })
})
