// `/fixflow approve`: decide (pure, over what is read), then claim the proposal, write the fix PR, start its CI.
import type { Proposals } from '../../thread/proposals.js'
import type { ProposalRecord } from '../../types.js'
import { fixBranchName } from '../../event/fix-branch.js'
import { code, fence } from '../../render/markdown.js'
import { bestEffort, oneLine } from '../../errors.js'
import {
  decideApproval,
  already,
  isHalfDone,
  type ApplyPlan,
  type ApprovalFacts,
  type Decision
} from './decide.js'
import { BranchConflict, openFixPr } from './fix-pr.js'
import { startCi } from './ci.js'
import type { Answer, ApproveDeps, ApproveResult } from './deps.js'
import { isStalledClaim, type Claim } from '../../store/store.js'

function patchOffer(r: ProposalRecord): string {
  return [
    'Save this as `fix.patch` and run `git apply fix.patch` on your branch:',
    '',
    '<details><summary>fix.patch</summary>',
    '',
    fence(r.diff, 'diff'),
    '',
    '</details>'
  ].join('\n')
}

/** Reads what the decision asks for until it decides: the reads happen only as far as the checks need them. */
async function decide(
  deps: ApproveDeps,
  store: Proposals,
  facts: ApprovalFacts
): Promise<Exclude<Decision, { kind: 'read-comment' | 'read-pull' | 'read-tree' | 'read-files' }>> {
  const { gh } = deps
  for (;;) {
    const d = decideApproval(facts)
    if (d.kind === 'read-comment') facts.shown = await store.shownBody(facts.record)
    else if (d.kind === 'read-pull') facts.pr = await gh.getPull(d.number)
    else if (d.kind === 'read-tree') facts.tree = await gh.listTree(d.base)
    else if (d.kind === 'read-files') {
      const files = new Map<string, { sha: string; content: string } | undefined>()
      for (const path of d.paths) {
        const file = await gh.getFile(path, d.base)
        files.set(path, file && { sha: file.sha, content: file.content })
      }
      facts.files = files
    } else return d
  }
}

export async function approve(
  deps: ApproveDeps,
  store: Proposals,
  a: Answer,
  r: ProposalRecord,
  permission: string
): Promise<ApproveResult> {
  const { log } = deps
  const c = a.c
  const id = r.failure_id
  const now = (deps.now ?? (() => new Date()))()
  // The claim is this command's: the same comment (or dispatch run) always claims with the same token, so a retry
  // or a re-run finds its own claim and goes on. A half-done apply under another token is taken over once stalled.
  const token = c.replyKey
  const takeOver =
    isHalfDone(r) && r.claim_token !== token && isStalledClaim(r, now) ? r.claim_token : undefined
  const claim: Claim = { token, ...(takeOver !== undefined ? { takeOver } : {}) }
  const d = await decide(deps, store, {
    record: r,
    command: c.command,
    permission,
    embedded: store.embedded,
    protectedPaths: deps.protectedPaths,
    ownRepo: `${deps.job.owner}/${deps.job.repo}`,
    prNumber: c.thread.kind === 'pr' ? c.thread.number : undefined,
    resume: isHalfDone(r) && (r.claim_token === token || takeOver !== undefined)
  })
  if (d.kind === 'refuse') return a.refuse(d.text, id)
  if (d.kind === 'offer-patch') {
    await a.react('-1')
    const url = await a.reply(
      `this pull request comes from a fork, so FixFlow will not create a branch in this repository from its commits.\n\n${patchOffer(r)}`
    )
    return { status: 'pending', failureId: id, commentUrl: url }
  }
  const plan: ApplyPlan = d.plan
  if (plan.base !== r.commit_sha) {
    log.info(
      `PR head moved to ${plan.base.slice(0, 7)}; the touched files are unchanged there, applying on it`
    )
  }

  const stamp = now.toISOString()
  if (
    !(await store.transition(id, 'pending', 'approved', { approved_by: c.user, updated_at: stamp }, claim))
  ) {
    const current = await store.get(id)
    return a.refuse(already(current ?? { ...r, status: 'approved' }), id)
  }

  const branch = fixBranchName(id)
  let opened: Awaited<ReturnType<typeof openFixPr>>
  try {
    opened = await openFixPr(deps.fixGh, log, deps.job.owner, r, plan, c.user)
  } catch (e) {
    // No fix PR exists: give the proposal back so a later approve can try again, and say so in the thread.
    const warn = (m: string): void => log.warning(m)
    await bestEffort(
      'give the proposal back',
      () => store.transition(id, 'approved', 'pending', { updated_at: stamp }, { token, held: true }),
      warn
    )
    if (e instanceof BranchConflict) return a.refuse(e.message, id)
    const why = oneLine(e, 300)
    await bestEffort(
      'post the error reply',
      () =>
        a.reply(
          `could not apply proposal ${code(id)}: ${code(why)}. It is still pending; re-run this job or comment ${code(`/fixflow approve ${id}`)} again.`,
          true
        ),
      warn
    )
    throw e
  }

  // The fix PR exists from here on: the proposal stays approved whatever fails next, which is only reported.
  const { prUrl } = opened
  const done: ProposalRecord = {
    ...r,
    status: 'approved',
    approved_by: c.user,
    pr_url: prUrl,
    updated_at: stamp
  }
  const warn = (m: string): void => log.warning(m)
  await bestEffort(
    'record the fix PR',
    () => store.transition(id, 'approved', 'approved', { pr_url: prUrl }, { token, held: true }),
    warn
  )
  await bestEffort('update the proposal comment', () => store.refresh(done), warn)
  const ciNote = opened.existed
    ? 'The fix pull request already existed.'
    : await startCi(deps.gh, log, deps.hasFixToken, r, branch)
  await a.react('rocket')
  const url = await bestEffort(
    'post the reply',
    () => a.reply(`applied proposal ${code(id)}: ${prUrl}\n\n${ciNote}`),
    warn
  )
  return { status: 'approved', failureId: id, prUrl, prNumber: opened.prNumber, branch, commentUrl: url }
}
