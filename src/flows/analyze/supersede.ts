import type { Proposals } from '../../thread/proposals.js'
import type { ProposalRecord } from '../../types.js'
import { errorMessage } from '../../errors.js'
import type { AnalyzeDeps } from './index.js'
import type { Target } from './target.js'

/**
 * Pending proposals no approve command may reach any more become stale: the other attempts of this run, whose
 * proposal the run's one comment no longer shows (the thread store kept them in that comment, so they are gone
 * already), and, when this attempt made a proposal, those of other commits of the same PR, whose comments are
 * re-rendered as outdated.
 */
export async function markSuperseded(
  deps: Pick<AnalyzeDeps, 'log' | 'now'>,
  store: Proposals,
  target: Target,
  recent: ProposalRecord[],
  failureId: string,
  proposal?: ProposalRecord
): Promise<void> {
  const sameRun = (r: ProposalRecord): boolean => r.run_id === target.runId && store.keepsEveryAttempt
  const olderCommit = (r: ProposalRecord): boolean =>
    proposal !== undefined && target.prNumber !== undefined && r.commit_sha !== proposal.commit_sha
  const replaced = recent.filter(
    r => r.failure_id !== failureId && r.status === 'pending' && (sameRun(r) || olderCommit(r))
  )
  for (const r of replaced) {
    try {
      const stamp = (deps.now ?? (() => new Date()))().toISOString()
      const fields = { updated_at: stamp }
      // Another attempt of this run was shown in the comment just rewritten: nothing else to render.
      const moved =
        r.run_id !== target.runId
          ? await store.move(r, 'pending', 'stale', fields)
          : await store.transition(r.failure_id, 'pending', 'stale', fields)
      if (!moved) continue
      deps.log.info(`proposal ${r.failure_id} (commit ${r.commit_sha.slice(0, 7)}) is now stale`)
    } catch (e) {
      deps.log.warning(`could not mark ${r.failure_id} stale: ${errorMessage(e)}`)
    }
  }
}
