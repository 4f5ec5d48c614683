// The approve flow: a command (comment or workflow_dispatch) -> who asks, which proposal -> reject, or approve.
import { HELP } from '../../event/grammar.js'
import { answered } from '../../thread/replies.js'
import { code } from '../../render/markdown.js'
import { errorMessage } from '../../errors.js'
import { answerTo, type ApproveDeps, type ApproveResult } from './deps.js'
import { loadProposal, resolveDispatch } from './find.js'
import { reject } from './reject.js'
import { approve } from './apply.js'

export type { ApproveDeps, ApproveResult, ApproveStatus } from './deps.js'
export { decideApproval } from './decide.js'

const WRITERS = new Set(['admin', 'maintain', 'write'])

export async function handleCommand(deps: ApproveDeps): Promise<ApproveResult> {
  const { log, event } = deps
  if (event.kind === 'ignored') {
    log.info(`nothing to do: ${event.reason}`)
    return { status: 'none' }
  }
  const c =
    event.via === 'dispatch' ? await resolveDispatch(deps.gh, deps.job, event.dispatch) : event.comment
  log.info(`command from ${c.user}: ${c.command.verb}`)
  // A re-run of this job finds its own reply and stops: nothing new happens.
  if (await answered(deps.gh, c)) {
    log.info(`${c.replyKey} was already answered`)
    return { status: 'none' }
  }
  const a = answerTo(deps, c)
  await a.react('eyes')
  if (c.command.verb === 'help' || c.command.verb === 'unknown') {
    const url = await a.reply('\n\n' + HELP)
    return { status: 'none', commentUrl: url }
  }

  // Permission at run time from the collaborator API; any error means no (fail closed).
  let permission: string
  try {
    permission = await deps.gh.getPermission(c.user)
  } catch (e) {
    log.warning(`permission lookup failed: ${errorMessage(e)}`)
    return a.refuse(
      'FixFlow could not check your permission on this repository, so nothing was done. Try again later.'
    )
  }
  if (!WRITERS.has(permission)) {
    return a.refuse(
      `only people with write, maintain or admin access to this repository can ${c.command.verb} FixFlow proposals (you have ${code(permission)}).`
    )
  }

  const store = deps.proposals.forThread(c.thread)
  const now = (deps.now ?? (() => new Date()))()
  const loaded = await loadProposal(store, `${deps.job.owner}/${deps.job.repo}`, c, c.command.id, now)
  if (typeof loaded === 'string') return a.refuse(loaded)
  if (c.command.verb === 'reject') return reject(deps, store, a, loaded, c.command.reason)
  return approve(deps, store, a, loaded, permission)
}
