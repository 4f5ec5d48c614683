import type { Mode } from '../inputs.js'
import { field, str, type RunContext } from './context.js'
import { eventHead } from './event.js'
import { headOrigin, isOwnFixBranch } from './fix-branch.js'

/**
 * `mode: auto`: comments are commands, a fix branch's CI or PR closing is tracked, another completed workflow run
 * goes to the automatic re-run (the FixFlow workflow's `workflow_run`; never analysed there, so a fork's run is
 * never analysed with the base repository's privileges), anything else is a failure.
 * A fix branch is one of this repository: a fork's branch named `fixflow/...` is never tracked.
 */
export function pickMode(mode: Mode, ctx: RunContext): Exclude<Mode, 'auto'> {
  if (mode !== 'auto') return mode
  if (ctx.eventName === 'issue_comment' || ctx.eventName === 'commit_comment') return 'approve'
  if (ctx.eventName === 'workflow_dispatch' && field(ctx.payload, 'inputs', 'failure-id')) return 'approve'
  const origin = headOrigin(eventHead(ctx).repo, `${ctx.owner}/${ctx.repo}`)
  const wrBranch = str(field(ctx.payload, 'workflow_run', 'head_branch'))
  if (
    ctx.eventName === 'workflow_run' &&
    wrBranch !== undefined &&
    isOwnFixBranch(wrBranch, origin, 'not-ours')
  )
    return 'track'
  if (ctx.eventName === 'workflow_run') return 'rerun'
  const prHead = str(field(ctx.payload, 'pull_request', 'head', 'ref'))
  // A closed PR is never a failure to analyse; track decides whether it is a fix PR of this repository.
  if (ctx.eventName === 'pull_request' && field(ctx.payload, 'action') === 'closed') return 'track'
  // FixFlow's on-failure job on a fix branch: the fix's CI failed. Track it; never propose a fix on a fix.
  const head = prHead ?? ctx.ref.replace(/^refs\/heads\//, '')
  if (isOwnFixBranch(head, origin, 'not-ours')) return 'track'
  return 'analyze'
}
