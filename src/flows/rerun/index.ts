// The rerun flow (issue 11): `/fixflow rerun [<run id>-<attempt>]` by someone with write access re-runs the failed
// jobs of that run, once per attempt, and replies; with `rerun-transient`, the FixFlow workflow's `workflow_run`
// (completed) handling re-runs a first attempt whose failed jobs the on-failure job found all transient.
import type { GitHubApi } from '../../github/api.js'
import type { CommandComment, CompletedRun, RunCompletedOrIgnored } from '../../event/event.js'
import type { TriageMark } from '../../thread/markers.js'
import type { Logger } from '../../log.js'
import { answered, react, reply } from '../../thread/replies.js'
import { code } from '../../render/markdown.js'
import { errorMessage } from '../../errors.js'
import { parseRunId, rerunReply, runRefusal, triageRefusal, WRITERS } from './decide.js'
import { latestTriaged, recordedTriage } from './find.js'
import { triageRun } from './triage.js'

export interface RerunResult {
  status: 'none' | 'refused' | 'rerun'
  failureId?: string
  commentUrl?: string
}

export interface RerunCommandDeps {
  gh: GitHubApi
  comment: CommandComment & { command: { verb: 'rerun'; id?: string } }
  log: Logger
}

export async function rerunCommand(deps: RerunCommandDeps): Promise<RerunResult> {
  const { gh, comment: c, log } = deps
  log.info(`command from ${c.user}: rerun ${c.command.id ?? '(latest)'}`)
  if (await answered(gh, c)) {
    log.info(`${c.replyKey} was already answered`)
    return { status: 'none' }
  }
  await react(gh, log, c, 'eyes')
  const refuse = async (text: string, id?: string): Promise<RerunResult> => {
    log.info(`refused: ${text}`)
    await react(gh, log, c, '-1')
    return { status: 'refused', failureId: id, commentUrl: await reply(gh, c, text) }
  }

  // Permission at run time from the collaborator API; any error means no (fail closed).
  let permission: string
  try {
    permission = await gh.getPermission(c.user)
  } catch (e) {
    log.warning(`permission lookup failed: ${errorMessage(e)}`)
    return refuse('FixFlow could not check your permission on this repository, so nothing was re-run.')
  }
  if (!WRITERS.has(permission))
    return refuse(
      `only people with write, maintain or admin access to this repository can re-run jobs (you have ${code(permission)}).`
    )

  const named = c.command.id
  const mark = named ? undefined : await latestTriaged(gh, c.thread)
  const id = named ?? (mark ? `${mark.runId}-${mark.attempt}` : undefined)
  if (!id)
    return refuse(
      'this thread has no run FixFlow found transient, infrastructure or flaky; name the run: `/fixflow rerun <run id>-<attempt>`.'
    )
  const { runId, attempt } = parseRunId(id)
  let outcome
  try {
    outcome = await gh.rerunFailedJobs(runId, attempt)
  } catch (e) {
    if ((e as { status?: unknown }).status === 404)
      return refuse(`there is no run ${code(id)} in this repository.`, id)
    throw e
  }
  log.info(`rerun ${id}: ${outcome.outcome}`)
  const answer = rerunReply(id, outcome)
  await react(gh, log, c, answer.ok ? 'rocket' : '-1')
  const url = await reply(gh, c, answer.text)
  return { status: outcome.outcome === 'started' ? 'rerun' : 'none', failureId: id, commentUrl: url }
}

export interface AutoRerunDeps {
  gh: GitHubApi
  event: RunCompletedOrIgnored
  rerunTransient: boolean
  /** Bytes read from the end of each failed job's log when the run has to be triaged here. */
  maxLogBytes: number
  log: Logger
}

/** The automatic re-run of a transient failure, from the completed run's `workflow_run` event. */
export async function autoRerun(deps: AutoRerunDeps): Promise<RerunResult> {
  const { gh, event, log } = deps
  if (event.kind === 'ignored') {
    log.info(`nothing to do: ${event.reason}`)
    return { status: 'none' }
  }
  const run = event.run
  const id = `${run.runId}-${run.attempt}`
  // The event's own facts first: the thread is read only when the run could be re-run.
  const why = runRefusal(deps.rerunTransient, run) ?? triageRefusal(run, await verdict(deps, run))
  if (why) {
    log.info(`no automatic re-run of run ${id}: ${why}`)
    return { status: 'none' }
  }
  const outcome = await gh.rerunFailedJobs(run.runId, run.attempt)
  log.info(`automatic re-run of run ${id} (every failed job transient): ${outcome.outcome}`)
  return { status: outcome.outcome === 'started' ? 'rerun' : 'none', failureId: id }
}

/**
 * The on-failure job's verdict from FixFlow's comment on the run; with no comment at all (`comment-on-no-fix: never`,
 * or no on-failure job), the run triaged here from its logs. A comment without a verdict is a code failure's.
 */
async function verdict(deps: AutoRerunDeps, run: CompletedRun): Promise<TriageMark | undefined> {
  const recorded = await recordedTriage(deps.gh, run)
  if (recorded.commented) return recorded.mark
  deps.log.info(`no FixFlow comment on run ${run.runId}: triaging its failed jobs here`)
  return triageRun(deps.gh, run, deps.maxLogBytes, m => deps.log.info(m))
}
