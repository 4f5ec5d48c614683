import type { Proposals } from '../../thread/proposals.js'
import type { ProposalRecord } from '../../types.js'
import { code } from '../../render/markdown.js'
import type { Answer, ApproveDeps, ApproveResult } from './deps.js'

/** `/fixflow reject [id] [reason]`: pending -> rejected, the comment shows who and why. */
export async function reject(
  deps: ApproveDeps,
  store: Proposals,
  a: Answer,
  r: ProposalRecord,
  reason: string | undefined
): Promise<ApproveResult> {
  const now = (deps.now ?? (() => new Date()))().toISOString()
  const note = `Rejected by ${a.c.user}${reason ? `: ${reason.slice(0, 300)}` : ''}`
  const fields = { outcome_note: note, updated_at: now }
  if (!(await store.move(r, 'pending', 'rejected', fields))) {
    const current = await store.get(r.failure_id)
    return a.refuse(
      `proposal ${code(r.failure_id)} is ${current?.status ?? 'gone'}, so it cannot be rejected.`,
      r.failure_id
    )
  }
  await a.react('+1')
  const url = await a.reply(`proposal ${code(r.failure_id)} is rejected; nothing will be applied.`)
  return { status: 'rejected', failureId: r.failure_id, commentUrl: url }
}
