// The event FixFlow runs for, read from the payload into a typed `FixFlowEvent`: the flows never see the payload.
import type { Thread } from '../github/api.js'
import type { Status } from '../types.js'
import { field, num, str, type RunContext } from './context.js'
import { FAILURE_ID, parseCommand, type Command } from './grammar.js'
import { headOrigin, type HeadOrigin } from './fix-branch.js'

/** A failed run to analyse: what the payload says about it (analyze looks the PR up when the payload has none). */
export interface FailureEvent {
  runId: number
  attempt: number
  workflow: string
  /** The developer's commit (a PR's head, not the test merge commit). */
  commitSha: string
  branch: string
  prNumber?: number
  /** owner/name of the repository the head commit lives in, when the payload says. */
  headRepo?: string
  /** The repository's default branch, when the payload says (its green runs are a baseline for the logs). */
  defaultBranch?: string
  /** The failed run's workflow (its id, or its file name), when known without a request. */
  workflowId?: number | string
  /** Why this failure must not be analysed here at all (a fork's code in a privileged run), or undefined. */
  untrusted?: string
}

/** The comment that triggered this run, when it is one FixFlow must answer. */
export interface CommandComment {
  /** The comment's id; 0 for a workflow_dispatch, which has no comment to react to. */
  id: number
  /** Hidden marker key of FixFlow's one reply to this command. */
  replyKey: string
  body: string
  user: string
  thread: Thread
  command: Command
}

/**
 * `workflow_dispatch` with inputs `command` (approve | reject) and `failure-id`: the way to act on a proposal posted
 * on a commit, since commit comments trigger no workflow. The approve flow finds the thread from the failed run.
 */
export interface DispatchRequest {
  failureId: string
  command: Extract<Command, { verb: 'approve' | 'reject' }>
  user: string
  replyKey: string
}

/** What happened to a fix branch. */
export interface Outcome {
  branch: string
  to: Status
  from: Status[]
  note: string
  link?: string
}

/** The fix branch's event: its outcome and where its head commit lives. */
export interface FixOutcomeEvent {
  outcome: Outcome
  head: { repo?: string; sha?: string }
  origin: HeadOrigin
}

/** A run of the user's CI workflow completed (the FixFlow workflow's `workflow_run`): the automatic re-run's input. */
export interface CompletedRun {
  runId: number
  attempt: number
  conclusion: string
  workflow: string
  commitSha: string
  prNumber?: number
  origin: HeadOrigin
}

export type FixFlowEvent =
  | { kind: 'failure'; failure: FailureEvent }
  | { kind: 'command'; via: 'comment'; comment: CommandComment }
  | { kind: 'command'; via: 'dispatch'; dispatch: DispatchRequest }
  | { kind: 'fix-outcome'; fix: FixOutcomeEvent }
  | { kind: 'run-completed'; run: CompletedRun }
  | { kind: 'ignored'; reason: string }

export type CommandEvent = Extract<FixFlowEvent, { kind: 'command' }>
export type FixOutcomeOrIgnored = Extract<FixFlowEvent, { kind: 'fix-outcome' | 'ignored' }>
export type Ignored = Extract<FixFlowEvent, { kind: 'ignored' }>
export type RunCompletedOrIgnored = Extract<FixFlowEvent, { kind: 'run-completed' | 'ignored' }>

/** A completed run of the user's CI workflow, from a `workflow_run` event. */
export function readRunCompleted(ctx: RunContext): RunCompletedOrIgnored {
  const wr = field(ctx.payload, 'workflow_run')
  if (ctx.eventName !== 'workflow_run' || !wr)
    return { kind: 'ignored', reason: `event ${ctx.eventName} is no workflow run` }
  if (field(wr, 'status') !== 'completed') return { kind: 'ignored', reason: 'workflow run not completed' }
  const runId = num(field(wr, 'id'))
  const commitSha = str(field(wr, 'head_sha')) ?? ''
  if (runId === undefined || !/^[0-9a-f]{40}$/.test(commitSha))
    return { kind: 'ignored', reason: 'workflow run without an id or head commit' }
  const prs = field(wr, 'pull_requests')
  return {
    kind: 'run-completed',
    run: {
      runId,
      attempt: num(field(wr, 'run_attempt')) ?? 1,
      conclusion: str(field(wr, 'conclusion')) ?? '',
      workflow: str(field(wr, 'name')) ?? '',
      commitSha,
      prNumber: Array.isArray(prs) && prs.length ? num(field(prs[0], 'number')) : undefined,
      origin: headOrigin(eventHead(ctx).repo, `${ctx.owner}/${ctx.repo}`)
    }
  }
}

/** A command: a comment's first line, or the workflow_dispatch inputs. */
export function readCommand(ctx: RunContext): CommandEvent | Ignored {
  if (ctx.eventName === 'workflow_dispatch') {
    const d = readDispatch(ctx)
    return 'ignored' in d
      ? { kind: 'ignored', reason: d.ignored }
      : { kind: 'command', via: 'dispatch', dispatch: d }
  }
  const c = readCommandComment(ctx)
  return 'ignored' in c
    ? { kind: 'ignored', reason: c.ignored }
    : { kind: 'command', via: 'comment', comment: c }
}

/** A fix branch's CI result or its PR closing. */
export function readFixOutcome(ctx: RunContext): FixOutcomeOrIgnored {
  const o = readOutcome(ctx)
  if ('ignored' in o) return { kind: 'ignored', reason: o.ignored }
  const head = eventHead(ctx)
  return {
    kind: 'fix-outcome',
    fix: { outcome: o, head, origin: headOrigin(head.repo, `${ctx.owner}/${ctx.repo}`) }
  }
}

export function readFailure(ctx: RunContext): FailureEvent {
  const f: FailureEvent = {
    runId: ctx.runId,
    attempt: ctx.runAttempt,
    workflow: ctx.workflow,
    commitSha: ctx.sha,
    branch: ctx.ref.replace(/^refs\/(heads|tags)\//, '')
  }
  const defaultBranch = str(field(ctx.payload, 'repository', 'default_branch'))
  if (defaultBranch) f.defaultBranch = defaultBranch
  if (ctx.workflowFile) f.workflowId = ctx.workflowFile
  const wr = field(ctx.payload, 'workflow_run')
  const pr = field(ctx.payload, 'pull_request')
  if (ctx.eventName === 'workflow_run' && wr) {
    f.runId = num(field(wr, 'id')) ?? f.runId
    f.attempt = num(field(wr, 'run_attempt')) ?? 1
    f.workflow = str(field(wr, 'name')) ?? f.workflow
    f.commitSha = str(field(wr, 'head_sha')) ?? f.commitSha
    f.branch = str(field(wr, 'head_branch')) ?? f.branch
    f.headRepo = str(field(wr, 'head_repository', 'full_name'))
    f.workflowId = num(field(wr, 'workflow_id'))
    const prs = field(wr, 'pull_requests')
    if (Array.isArray(prs) && prs.length) f.prNumber = num(field(prs[0], 'number'))
  } else if (pr) {
    // On pull_request runs GITHUB_SHA is the test merge commit; the developer's commit is the PR head.
    f.commitSha = str(field(pr, 'head', 'sha')) ?? f.commitSha
    f.branch = str(field(pr, 'head', 'ref')) ?? f.branch
    f.prNumber = num(field(pr, 'number'))
    f.headRepo = str(field(pr, 'head', 'repo', 'full_name'))
  }
  f.untrusted = foreignHeadWithPrivileges(ctx.eventName, f.headRepo, `${ctx.owner}/${ctx.repo}`)
  return f
}

/**
 * Events that run this repository's workflow with its secrets and a write token whatever code triggered them.
 * `pull_request` from a fork runs with a read-only token and no secrets (GitHub's own rule), so it is not one.
 */
const PRIVILEGED = new Set(['workflow_run', 'pull_request_target'])

/**
 * Why a failure must not be analysed in this run (SECURITY.md threat 12): a privileged event whose head commit is
 * not this repository's (a fork, or a payload that does not say) would feed a fork author's logs and names to the
 * model, the store and the thread with this repository's credentials. The branch name proves nothing: a fork's
 * branch can be called `main` or `fixflow/...`.
 */
export function foreignHeadWithPrivileges(
  eventName: string,
  headRepo: string | undefined,
  ownRepo: string
): string | undefined {
  if (!PRIVILEGED.has(eventName) || headOrigin(headRepo, ownRepo) === 'this') return undefined
  return `the failed run's commit comes from ${headRepo ? `another repository (${headRepo})` : 'a repository the event does not name'}, and a ${eventName} job runs with this repository's secrets and write token: FixFlow does not analyse it.`
}

/** Reads the event: created comments only, from humans, whose first line is a FixFlow command. */
export function readCommandComment(ctx: RunContext): CommandComment | { ignored: string } {
  const p = ctx.payload
  if (ctx.eventName !== 'issue_comment' && ctx.eventName !== 'commit_comment') {
    return { ignored: `event ${ctx.eventName} carries no comment` }
  }
  if (field(p, 'action') !== 'created')
    return { ignored: `comment ${String(field(p, 'action'))}, not created` }
  const body = str(field(p, 'comment', 'body')) ?? ''
  const user = str(field(p, 'comment', 'user', 'login')) ?? ''
  const userType = str(field(p, 'comment', 'user', 'type')) ?? ''
  const id = num(field(p, 'comment', 'id'))
  if (userType === 'Bot' || user.endsWith('[bot]')) return { ignored: `comment by a bot (${user})` }
  const command = parseCommand(body)
  if (!command || id === undefined) return { ignored: 'not a /fixflow command on the first line' }
  let thread: Thread
  if (ctx.eventName === 'issue_comment') {
    const number = num(field(p, 'issue', 'number'))
    if (number === undefined || !field(p, 'issue', 'pull_request'))
      return { ignored: 'comment on an issue, not a pull request' }
    thread = { kind: 'pr', number }
  } else {
    const sha = str(field(p, 'comment', 'commit_id'))
    if (!sha || !/^[0-9a-f]{40}$/.test(sha)) return { ignored: 'commit comment without a commit id' }
    thread = { kind: 'commit', sha }
  }
  return { id, replyKey: `comment-${id}`, body, user, thread, command }
}

export function readDispatch(ctx: RunContext): DispatchRequest | { ignored: string } {
  const inputs = field(ctx.payload, 'inputs')
  const id = (str(field(inputs, 'failure-id')) ?? '').trim()
  const verb = (str(field(inputs, 'command')) ?? 'approve').trim().toLowerCase()
  const user = str(field(ctx.payload, 'sender', 'login')) ?? ''
  if (!id) return { ignored: 'workflow_dispatch without a failure-id input' }
  if (!FAILURE_ID.test(id)) return { ignored: `failure-id '${id.slice(0, 80)}' is not a FixFlow proposal id` }
  if (verb !== 'approve' && verb !== 'reject')
    return { ignored: `command '${verb.slice(0, 40)}' is not approve or reject` }
  const reason = (str(field(inputs, 'reason')) ?? '').trim() || undefined
  const command: DispatchRequest['command'] = verb === 'approve' ? { verb, id } : { verb, id, reason }
  return { failureId: id, command, user, replyKey: `dispatch-${ctx.runId}` }
}

/** What happened to a fix branch, read from the event. */
export function readOutcome(ctx: RunContext): Outcome | { ignored: string } {
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
