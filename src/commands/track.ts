import type { GitHubApi, Thread } from '../github/api.js'
import type { ProposalStore } from '../store/store.js'
import type { RunContext } from '../context.js'
import { field, num, str } from '../context.js'
import type { Logger } from '../log.js'
import type { ProposalRecord, Status } from '../types.js'
import { BRANCH_PREFIX } from '../constants.js'
import { FAILURE_ID } from './parse.js'
import { refreshComment } from './approve.js'

export interface TrackDeps {
  gh: GitHubApi
  makeStore: (thread: Thread) => ProposalStore
  ctx: RunContext
  log: Logger
  now?: () => Date
}

export interface TrackResult {
  status: string
  failureId?: string
  prUrl?: string
}

/** What happened to a fix branch, read from the event. */
export function readOutcome(
  ctx: RunContext
): { branch: string; to: Status; from: Status[]; note: string; link?: string } | { ignored: string } {
  const p = ctx.payload
  if (ctx.eventName === 'workflow_run') {
    const branch = str(field(p, 'workflow_run', 'head_branch')) ?? ''
    if (field(p, 'workflow_run', 'status') !== 'completed') return { ignored: 'workflow run not completed' }
    const conclusion = str(field(p, 'workflow_run', 'conclusion'))
    const link = str(field(p, 'workflow_run', 'html_url'))
    if (conclusion === 'success')
      return { branch, to: 'resolved', from: ['approved', 'failed'], note: 'CI passed', link }
    if (conclusion === 'failure' || conclusion === 'timed_out') {
      return { branch, to: 'failed', from: ['approved', 'resolved'], note: `CI ${conclusion}`, link }
    }
    return { ignored: `workflow run concluded ${String(conclusion)}` }
  }
  if (ctx.eventName === 'pull_request' && field(p, 'action') === 'closed') {
    const branch = str(field(p, 'pull_request', 'head', 'ref')) ?? ''
    if (field(p, 'pull_request', 'merged') !== true) return { ignored: 'fix PR closed without merging' }
    return {
      branch,
      to: 'merged',
      from: ['approved', 'resolved', 'failed'],
      note: 'merged',
      link: str(field(p, 'pull_request', 'html_url'))
    }
  }
  // FixFlow's own on-failure job running on a fix branch: the fix failed its CI.
  const branch = str(field(p, 'pull_request', 'head', 'ref')) ?? ctx.ref.replace(/^refs\/heads\//, '')
  return {
    branch,
    to: 'failed',
    from: ['approved', 'resolved'],
    note: 'CI failed',
    link: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`
  }
}

/**
 * Where the event's head commit lives: a workflow run's head repository, a PR's head repository, or (push, this
 * repository's own branch) here. A fork's branch can carry any name, `fixflow/<id>` included.
 */
export function eventHead(ctx: RunContext): { repo?: string; sha?: string } {
  const p = ctx.payload
  if (ctx.eventName === 'workflow_run') {
    return {
      repo: str(field(p, 'workflow_run', 'head_repository', 'full_name')),
      sha: str(field(p, 'workflow_run', 'head_sha'))
    }
  }
  if (field(p, 'pull_request')) {
    return {
      repo: str(field(p, 'pull_request', 'head', 'repo', 'full_name')),
      sha: str(field(p, 'pull_request', 'head', 'sha'))
    }
  }
  return { repo: `${ctx.owner}/${ctx.repo}`, sha: ctx.sha }
}

/** Whether the event's head branch is a branch of this repository (not a fork's, not unknown). */
export function headInThisRepo(ctx: RunContext): boolean {
  return eventHead(ctx).repo?.toLowerCase() === `${ctx.owner}/${ctx.repo}`.toLowerCase()
}

/** The thread a fix branch came from, from the hidden origin line FixFlow writes into the fix PR body. */
async function originThread(gh: GitHubApi, owner: string, branch: string): Promise<Thread | undefined> {
  const pr = (await gh.findPulls(`${owner}:${branch}`, 'all'))[0]
  const m = pr?.body ? /<!-- fixflow:origin (\{[^\n]*?\}) -->/.exec(pr.body) : null
  if (!m?.[1]) return undefined
  try {
    const o = JSON.parse(m[1]) as { pr?: unknown; sha?: unknown }
    const n = num(o.pr)
    if (n !== undefined) return { kind: 'pr', number: n }
    const sha = str(o.sha)
    return sha && /^[0-9a-f]{40}$/.test(sha) ? { kind: 'commit', sha } : undefined
  } catch {
    return undefined
  }
}

export async function track(deps: TrackDeps): Promise<TrackResult> {
  const { gh, ctx, log } = deps
  const o = readOutcome(ctx)
  if ('ignored' in o) {
    log.info(`nothing to track: ${o.ignored}`)
    return { status: 'none' }
  }
  if (!o.branch.startsWith(BRANCH_PREFIX)) {
    log.info(`'${o.branch}' is not a FixFlow fix branch: nothing to track`)
    return { status: 'none' }
  }
  const id = o.branch.slice(BRANCH_PREFIX.length)
  if (!FAILURE_ID.test(id)) {
    log.info(`'${o.branch}' does not name a FixFlow proposal`)
    return { status: 'none' }
  }
  // Only FixFlow's own branch counts: a fork PR's branch may be named fixflow/<id> too.
  const head = eventHead(ctx)
  if (!headInThisRepo(ctx)) {
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
  const origin = await originThread(gh, ctx.owner, o.branch)
  const store = deps.makeStore(origin ?? { kind: 'pr', number: 0 })
  if (!origin && store.kind === 'thread') {
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
  if (!(await store.transition(id, o.from, o.to, fields))) {
    log.info(`proposal ${id} is ${r.status}; not moving it to ${o.to}`)
    return { status: r.status, failureId: id, prUrl: r.pr_url }
  }
  log.info(`proposal ${id}: ${r.status} -> ${o.to} (${note})`)
  await refreshComment(gh, store, { ...r, ...fields, status: o.to })
  return { status: o.to, failureId: id, prUrl: r.pr_url }
}
