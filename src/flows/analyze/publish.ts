// Showing the outcome: the run's one comment in its thread, or, with `comment-on-no-fix: never` and nothing to
// approve, no comment at all (the job summary still gets the text).
import { renderComment, type Outcome, type RunInfo } from '../../render/comment.js'
import type { Proposals } from '../../thread/proposals.js'
import type { Inputs } from '../../inputs.js'
import type { Logger } from '../../log.js'

/** `url` is empty when nothing was posted. */
export type Publish = (outcome: Outcome) => Promise<{ url: string; markdown: string }>

export function publisher(
  store: Proposals,
  run: RunInfo,
  inputs: Pick<Inputs, 'commentOnNoFix'>,
  log: Logger
): Publish {
  return async outcome => {
    if (outcome.kind !== 'proposal' && inputs.commentOnNoFix === 'never') {
      log.info('comment-on-no-fix is never: no comment without a proposal')
      return { url: '', markdown: renderComment(run, outcome) }
    }
    const shown = await store.show(run, outcome)
    log.info(`comment: ${shown.url}`)
    return shown
  }
}
