// Which thread a command is about, and which proposal it names.
import type { GitHubApi, Thread } from '../../github/api.js'
import type { JobContext } from '../../event/context.js'
import type { CommandComment, DispatchRequest } from '../../event/event.js'
import { FAILURE_ID } from '../../event/grammar.js'
import type { Proposals } from '../../thread/proposals.js'
import type { ProposalRecord } from '../../types.js'
import { code } from '../../render/markdown.js'
import { ConfigError, httpStatus } from '../../errors.js'
import { already, isApplied, isHalfDone } from './decide.js'
import { isStalledClaim } from '../../store/store.js'

/** The thread of a dispatched command: the failed run's PR, else its commit. */
export async function resolveDispatch(
  gh: GitHubApi,
  job: JobContext,
  d: DispatchRequest
): Promise<CommandComment> {
  const id = d.failureId
  let run
  try {
    run = await gh.getRun(Number(id.split('-')[0]))
  } catch (e) {
    if (httpStatus(e) !== 404) throw e
    throw new ConfigError(
      `failure-id '${id}' names no workflow run of ${job.owner}/${job.repo}: copy the id from FixFlow's comment.`
    )
  }
  const pr = run.pull_requests[0]
  const thread: Thread = pr ? { kind: 'pr', number: pr.number } : { kind: 'commit', sha: run.head_sha }
  const body = `/fixflow ${d.command.verb} ${id}`
  return { id: 0, replyKey: d.replyKey, body, user: d.user, thread, command: d.command }
}

function sameThread(r: ProposalRecord, t: Thread): boolean {
  return t.kind === 'pr' ? r.pr_number === t.number : r.pr_number === undefined && r.commit_sha === t.sha
}

/** Finds the proposal the command names, or the newest pending one of the thread; a string is the refusal. */
export async function loadProposal(
  store: Proposals,
  repoName: string,
  c: CommandComment,
  id: string | undefined,
  now: Date
): Promise<ProposalRecord | string> {
  if (id !== undefined) {
    if (!FAILURE_ID.test(id))
      return `${code(id.slice(0, 80))} is not a FixFlow proposal id (ids look like ${code('123456789-1')}).`
    const r = await store.get(id)
    if (!r || r.repo_name !== repoName) return `there is no FixFlow proposal ${code(id)} in this repository.`
    if (!sameThread(r, c.thread))
      return `proposal ${code(id)} belongs to another pull request or commit; approve it there.`
    return r
  }
  const thread = c.thread.kind === 'pr' ? { pr_number: c.thread.number } : { commit_sha: c.thread.sha }
  const all = await store.list(repoName, thread)
  const pending = all.find(r => r.status === 'pending')
  if (pending) return pending
  // A second approve without an id, after the first took the proposal: say it is applied, not "nothing pending";
  // unless the apply stopped half-way under this command's own claim or a stalled one, which this approve finishes.
  const newest = all[0]
  if (newest && isHalfDone(newest) && (newest.claim_token === c.replyKey || isStalledClaim(newest, now)))
    return newest
  if (newest && isApplied(newest.status)) return already(newest)
  return 'there is no pending FixFlow proposal in this thread.'
}
