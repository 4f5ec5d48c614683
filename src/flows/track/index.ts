// The track flow: a fix branch's CI result or its PR's merge -> the proposal's status, and its comment re-rendered.
import type { GitHubApi, Thread } from '../../github/api.js'
import type { ProposalSource } from '../../thread/proposals.js'
import { readOrigin } from '../../thread/markers.js'
import type { JobContext } from '../../event/context.js'
import type { FixOutcomeOrIgnored } from '../../event/event.js'
import type { Logger } from '../../log.js'
import type { ProposalRecord, Status } from '../../types.js'
import { BRANCH_PREFIX, fixBranchId, isOwnFixBranch } from '../../event/fix-branch.js'

export interface TrackDeps {
  gh: GitHubApi
  proposals: ProposalSource
  job: JobContext
  event: FixOutcomeOrIgnored
  log: Logger
  now?: () => Date
}

export type TrackStatus = 'none' | Status

export interface TrackResult {
  status: TrackStatus
  failureId?: string
  prUrl?: string
}

/** The thread a fix branch came from, from the hidden origin line FixFlow writes into the fix PR body. */
async function originThread(gh: GitHubApi, owner: string, branch: string): Promise<Thread | undefined> {
  const pr = (await gh.findPulls(`${owner}:${branch}`, 'all'))[0]
  return readOrigin(pr?.body)
}

export async function track(deps: TrackDeps): Promise<TrackResult> {
  const { gh, job, log, event } = deps
  if (event.kind === 'ignored') {
    log.info(`nothing to track: ${event.reason}`)
    return { status: 'none' }
  }
  const o = event.fix.outcome
  if (!o.branch.startsWith(BRANCH_PREFIX)) {
    log.info(`'${o.branch}' is not a FixFlow fix branch: nothing to track`)
    return { status: 'none' }
  }
  const id = fixBranchId(o.branch)
  if (id === undefined) {
    log.info(`'${o.branch}' does not name a FixFlow proposal`)
    return { status: 'none' }
  }
  // Only FixFlow's own branch counts: a fork PR's branch may be named fixflow/<id> too.
  const head = event.fix.head
  if (!isOwnFixBranch(o.branch, event.fix.origin, 'not-ours')) {
    log.info(
      `'${o.branch}' is a branch of ${head.repo ?? 'an unknown repository'}, not of this one: nothing to track`
    )
    return { status: 'none' }
  }
  // A CI result counts only for the commit the fix branch is at (a merged PR's branch may be deleted already).
  if (o.to !== 'merged') {
    const tip = await gh.getRef(`heads/${o.branch}`)
    if (!head.sha || head.sha !== tip) {
      log.info(
        `the event is for commit ${head.sha ?? 'unknown'}, but ${o.branch} is at ${tip ?? 'no commit'}: nothing to track`
      )
      return { status: 'none', failureId: id }
    }
  }
  // The thread store needs the thread; DynamoDB ignores it.
  const origin = await originThread(gh, job.owner, o.branch)
  const store = deps.proposals.forOrigin(origin)
  if (!store) {
    log.warning(`no FixFlow pull request from ${o.branch} names the proposal's thread: nothing to track`)
    return { status: 'none', failureId: id }
  }
  const r = await store.get(id)
  if (!r) {
    log.warning(`no stored proposal ${id} for branch ${o.branch}`)
    return { status: 'none', failureId: id }
  }
  const stamp = (deps.now ?? (() => new Date()))().toISOString()
  const note = o.link ? `${o.note}: ${o.link}` : o.note
  // The link comes from GitHub's own payload (or this run), so it is rendered as a link, unlike free text.
  const fields: Partial<ProposalRecord> = { updated_at: stamp, outcome_note: o.note, outcome_url: o.link }
  if (!(await store.move(r, o.from, o.to, fields))) {
    log.info(`proposal ${id} is ${r.status}; not moving it to ${o.to}`)
    return { status: r.status, failureId: id, prUrl: r.pr_url }
  }
  log.info(`proposal ${id}: ${r.status} -> ${o.to} (${note})`)
  return { status: o.to, failureId: id, prUrl: r.pr_url }
}
