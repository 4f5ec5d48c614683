// Showing the outcome: the run's one comment in its thread, or, with `comment-on-no-fix: never` and nothing to
// approve, no comment at all (the job summary still gets the text).
import { renderComment, type JobVerdict, type Outcome, type RunInfo } from '../../render/comment.js'
import type { Proposals } from '../../thread/proposals.js'
import type { Inputs } from '../../inputs.js'
import type { Logger } from '../../log.js'

/** `url` is empty when nothing was posted. */
export type Publish = (outcome: Outcome) => Promise<{ url: string; markdown: string }>

/**
 * Quoted text from the run (failure lines, triage evidence, the verify command's output) is the PR author's: it may
 * carry FixFlow's own hidden markers (`<!-- fixflow:proposal:v1 … -->` read back as a stored proposal, a triage
 * verdict). Opening an HTML comment is broken up, visibly, before it is quoted (it shows in a code block anyway).
 */
export function inertQuote(text: string): string {
  return text.replace(/<!--/g, '<!- -')
}

function inertVerdict(v: JobVerdict): JobVerdict {
  return { ...v, evidence: inertQuote(v.evidence) }
}

/** The run and outcome with every quoted run text made inert; FixFlow's own markers are left as they are. */
export function inertRunText(run: RunInfo, outcome: Outcome): { run: RunInfo; outcome: Outcome } {
  const safeRun: RunInfo = {
    ...run,
    ...(run.failureLines !== undefined ? { failureLines: inertQuote(run.failureLines) } : {}),
    ...(run.triaged ? { triaged: run.triaged.map(inertVerdict) } : {})
  }
  if (outcome.kind === 'proposal' && outcome.verifyOutput !== undefined)
    return { run: safeRun, outcome: { ...outcome, verifyOutput: inertQuote(outcome.verifyOutput) } }
  if (outcome.kind === 'triage')
    return { run: safeRun, outcome: { ...outcome, verdicts: outcome.verdicts.map(inertVerdict) } }
  return { run: safeRun, outcome }
}

export function publisher(
  store: Proposals,
  rawRun: RunInfo,
  inputs: Pick<Inputs, 'commentOnNoFix'>,
  log: Logger
): Publish {
  return async rawOutcome => {
    const { run, outcome } = inertRunText(rawRun, rawOutcome)
    if (outcome.kind !== 'proposal' && inputs.commentOnNoFix === 'never') {
      log.info('comment-on-no-fix is never: no comment without a proposal')
      return { url: '', markdown: renderComment(run, outcome) }
    }
    const shown = await store.show(run, outcome)
    log.info(`comment: ${shown.url}`)
    return shown
  }
}
