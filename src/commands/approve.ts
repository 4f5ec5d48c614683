import type { GitHubApi, Thread } from '../github/api.js'
import type { ProposalStore } from '../store/store.js'
import type { RunContext } from '../context.js'
import { field, num, str } from '../context.js'
import type { Logger } from '../log.js'
import type { ProposalRecord } from '../types.js'
import { FAILURE_ID, HELP, parseCommand, type Command } from './parse.js'
import { proposalHash } from '../patch/hash.js'
import { applyEdits } from '../patch/apply.js'
import { code, fence } from '../render/markdown.js'
import { fitComment, renderComment } from '../render/comment.js'
import { commentIdFromUrl, recordRunInfo } from '../render/record.js'
import { BRANCH_PREFIX } from '../constants.js'
import { errorMessage } from '../errors.js'

export interface ApproveDeps {
  gh: GitHubApi
  /** Client used to push the fix branch and open the PR: the fix-token's when given, so CI runs on it. */
  fixGh: GitHubApi
  hasFixToken: boolean
  makeStore: (thread: Thread) => ProposalStore
  ctx: RunContext
  log: Logger
  now?: () => Date
}

export interface ApproveResult {
  status: string
  failureId?: string
  prUrl?: string
  commentUrl?: string
}

const WRITERS = new Set(['admin', 'maintain', 'write'])

/** The comment that triggered this run, when it is one FixFlow must answer. */
export interface CommandComment {
  /** The comment's id; 0 for a workflow_dispatch, which has no comment to react to. */
  id: number
  /** Hidden marker of FixFlow's one reply to this command. */
  replyKey: string
  body: string
  user: string
  thread: Thread
  command: Command
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

/**
 * `workflow_dispatch` with inputs `command` (approve | reject) and `failure-id`: the way to act on a proposal posted
 * on a commit, since commit comments trigger no workflow. The thread is found from the failed run the id names.
 */
export async function readDispatch(
  gh: GitHubApi,
  ctx: RunContext
): Promise<CommandComment | { ignored: string }> {
  const inputs = field(ctx.payload, 'inputs')
  const id = (str(field(inputs, 'failure-id')) ?? '').trim()
  const verb = (str(field(inputs, 'command')) ?? 'approve').trim().toLowerCase()
  const user = str(field(ctx.payload, 'sender', 'login')) ?? ''
  if (!id) return { ignored: 'workflow_dispatch without a failure-id input' }
  if (!FAILURE_ID.test(id)) return { ignored: `failure-id '${id.slice(0, 80)}' is not a FixFlow proposal id` }
  if (verb !== 'approve' && verb !== 'reject')
    return { ignored: `command '${verb.slice(0, 40)}' is not approve or reject` }
  const reason = (str(field(inputs, 'reason')) ?? '').trim() || undefined
  const run = await gh.getRun(Number(id.split('-')[0]))
  const pr = run.pull_requests[0]
  const thread: Thread = pr ? { kind: 'pr', number: pr.number } : { kind: 'commit', sha: run.head_sha }
  const command: Command = verb === 'approve' ? { verb, id } : { verb, id, reason }
  return { id: 0, replyKey: `dispatch-${ctx.runId}`, body: `/fixflow ${verb} ${id}`, user, thread, command }
}

/**
 * One reply per command comment: a re-run of the job updates it instead of adding another. A reply about an error
 * gets its own marker (`:error`), which the re-run check does not count, so re-running the job tries again.
 */
async function reply(deps: ApproveDeps, c: CommandComment, text: string, error = false): Promise<string> {
  const marker = `<!-- fixflow:reply:${c.replyKey}${error ? ':error' : ''} -->`
  // The command is quoted as code: whatever else the commenter wrote on that line stays inert in FixFlow's reply.
  const quoted = `> ${code(c.body.split(/\r?\n/, 1)[0]?.slice(0, 200) ?? '')}`
  const body = `${marker}\n${quoted}\n\n@${c.user} ${text}`
  const comment = await deps.gh.upsertComment(c.thread, marker, body)
  return comment.html_url
}

async function react(
  deps: ApproveDeps,
  c: CommandComment,
  content: 'eyes' | 'rocket' | '-1' | '+1'
): Promise<void> {
  if (!c.id) return
  try {
    await deps.gh.addReaction(c.thread, c.id, content)
  } catch (e) {
    deps.log.warning(`could not add the ${content} reaction: ${errorMessage(e)}`)
  }
}

async function refuse(
  deps: ApproveDeps,
  c: CommandComment,
  text: string,
  failureId?: string
): Promise<ApproveResult> {
  deps.log.info(`refused: ${text}`)
  await react(deps, c, '-1')
  const url = await reply(deps, c, text)
  return { status: 'refused', failureId, commentUrl: url }
}

function threadOf(r: ProposalRecord): Thread {
  return r.pr_number !== undefined
    ? { kind: 'pr', number: r.pr_number }
    : { kind: 'commit', sha: r.commit_sha }
}

function sameThread(r: ProposalRecord, t: Thread): boolean {
  return t.kind === 'pr' ? r.pr_number === t.number : r.pr_number === undefined && r.commit_sha === t.sha
}

/** Re-renders the proposal's own comment after a status change (the thread store does it in its transition). */
export async function refreshComment(gh: GitHubApi, store: ProposalStore, r: ProposalRecord): Promise<void> {
  if (store.kind === 'thread' || !r.comment_url) return
  const id = commentIdFromUrl(r.comment_url)
  if (id === undefined) return
  await gh.updateComment(
    threadOf(r),
    id,
    fitComment(renderComment(recordRunInfo(r), { kind: 'proposal', record: r, embed: false }))
  )
}

const APPLIED: ProposalRecord['status'][] = ['approved', 'resolved', 'failed', 'merged']

/** The answer to an approve that came second: the fix is already applied (with its PR once known), or closed. */
function already(r: Pick<ProposalRecord, 'failure_id' | 'status' | 'pr_url'>): string {
  const pr = r.pr_url?.includes('/pull/') ? ` (${r.pr_url})` : ''
  const state = APPLIED.includes(r.status) ? `already applied (${r.status})` : `already ${r.status}`
  return `proposal ${code(r.failure_id)} is ${state}${pr}; nothing new was done.`
}

/** Finds the proposal the command names, or the newest pending one of the thread. */
async function loadProposal(
  deps: ApproveDeps,
  store: ProposalStore,
  c: CommandComment,
  id: string | undefined
): Promise<ProposalRecord | string> {
  const repoName = `${deps.ctx.owner}/${deps.ctx.repo}`
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
  const all = await store.listForThread(repoName, thread)
  const pending = all.find(r => r.status === 'pending')
  if (pending) return pending
  // A second approve without an id, after the first took the proposal: say it is applied, not "nothing pending".
  const newest = all[0]
  if (newest && APPLIED.includes(newest.status)) return already(newest)
  return 'there is no pending FixFlow proposal in this thread.'
}

export async function handleComment(deps: ApproveDeps): Promise<ApproveResult> {
  const { log } = deps
  const c =
    deps.ctx.eventName === 'workflow_dispatch'
      ? await readDispatch(deps.gh, deps.ctx)
      : readCommandComment(deps.ctx)
  if ('ignored' in c) {
    log.info(`nothing to do: ${c.ignored}`)
    return { status: 'none' }
  }
  log.info(`command from ${c.user}: ${c.command.verb}`)
  // A re-run of this job finds its own reply and stops: nothing new happens.
  const marker = `<!-- fixflow:reply:${c.replyKey} -->`
  if ((await deps.gh.listComments(c.thread)).some(x => x.user_type === 'Bot' && x.body.startsWith(marker))) {
    log.info(`${c.replyKey} was already answered`)
    return { status: 'none' }
  }
  await react(deps, c, 'eyes')
  if (c.command.verb === 'help' || c.command.verb === 'unknown') {
    const url = await reply(deps, c, '\n\n' + HELP)
    return { status: 'none', commentUrl: url }
  }

  // Permission at run time from the collaborator API; any error means no (fail closed).
  let permission: string
  try {
    permission = await deps.gh.getPermission(c.user)
  } catch (e) {
    log.warning(`permission lookup failed: ${errorMessage(e)}`)
    return refuse(
      deps,
      c,
      'FixFlow could not check your permission on this repository, so nothing was done. Try again later.'
    )
  }
  if (!WRITERS.has(permission)) {
    return refuse(
      deps,
      c,
      `only people with write, maintain or admin access to this repository can ${c.command.verb} FixFlow proposals (you have ${code(permission)}).`
    )
  }

  const store = deps.makeStore(c.thread)
  const loaded = await loadProposal(deps, store, c, c.command.id)
  if (typeof loaded === 'string') return refuse(deps, c, loaded)
  const record = loaded
  if (c.command.verb === 'reject') return reject(deps, store, c, record, c.command.reason)
  return approve(deps, store, c, record, permission)
}

async function reject(
  deps: ApproveDeps,
  store: ProposalStore,
  c: CommandComment,
  r: ProposalRecord,
  reason: string | undefined
): Promise<ApproveResult> {
  const now = (deps.now ?? (() => new Date()))().toISOString()
  const note = `Rejected by ${c.user}${reason ? `: ${reason.slice(0, 300)}` : ''}`
  const fields = { outcome_note: note, updated_at: now }
  if (!(await store.transition(r.failure_id, 'pending', 'rejected', fields))) {
    const current = await store.get(r.failure_id)
    return refuse(
      deps,
      c,
      `proposal ${code(r.failure_id)} is ${current?.status ?? 'gone'}, so it cannot be rejected.`,
      r.failure_id
    )
  }
  await refreshComment(deps.gh, store, { ...r, ...fields, status: 'rejected' })
  await react(deps, c, '+1')
  const url = await reply(deps, c, `proposal ${code(r.failure_id)} is rejected; nothing will be applied.`)
  return { status: 'rejected', failureId: r.failure_id, commentUrl: url }
}

function patchOffer(r: ProposalRecord): string {
  return [
    'Save this as `fix.patch` and run `git apply fix.patch` on your branch:',
    '',
    '<details><summary>fix.patch</summary>',
    '',
    fence(r.diff, 'diff'),
    '',
    '</details>'
  ].join('\n')
}

async function approve(
  deps: ApproveDeps,
  store: ProposalStore,
  c: CommandComment,
  r: ProposalRecord,
  permission: string
): Promise<ApproveResult> {
  const { gh, log } = deps
  const id = r.failure_id
  if (r.status !== 'pending') return refuse(deps, c, already(r), id)
  if (proposalHash(r) !== r.proposal_hash) {
    return refuse(
      deps,
      c,
      `proposal ${code(id)} does not match its hash: it was altered after it was shown, so it will not be applied.`,
      id
    )
  }
  if (r.protected_hits?.length) {
    if (c.command.verb !== 'approve' || c.command.id !== id || !['admin', 'maintain'].includes(permission)) {
      return refuse(
        deps,
        c,
        `proposal ${code(id)} touches protected paths (${r.protected_hits.map(code).join(', ')}): an admin or maintainer must approve it by naming it, ${code(`/fixflow approve ${id}`)}.`,
        id
      )
    }
  }
  if (r.from_fork) {
    // Never put a fork's commit into a base-repository branch: hand the patch over instead.
    await react(deps, c, '-1')
    const url = await reply(
      deps,
      c,
      `this pull request comes from a fork, so FixFlow will not create a branch in this repository from its commits.\n\n${patchOffer(r)}`
    )
    return { status: 'pending', failureId: id, commentUrl: url }
  }

  // Where to apply: the proposal's commit, or the PR's new head when every touched file is byte-identical there.
  let base = r.commit_sha
  if (c.thread.kind === 'pr') {
    const pr = await gh.getPull(c.thread.number)
    if (pr.head_sha !== r.commit_sha) {
      const changed: string[] = []
      for (const [path, sha] of Object.entries(r.file_shas)) {
        const now = await gh.getFile(path, pr.head_sha)
        if ((now?.sha ?? '') !== sha) changed.push(path)
      }
      if (changed.length) {
        return refuse(
          deps,
          c,
          `proposal ${code(id)} is outdated: ${changed.map(code).join(', ')} changed since commit ${code(r.commit_sha.slice(0, 7))}. Re-run the failed jobs to get a new proposal.`,
          id
        )
      }
      log.info(
        `PR head moved to ${pr.head_sha.slice(0, 7)}; the touched files are unchanged there, applying on it`
      )
      base = pr.head_sha
    }
  }

  const stamp = (deps.now ?? (() => new Date()))().toISOString()
  if (!(await store.transition(id, 'pending', 'approved', { approved_by: c.user, updated_at: stamp }))) {
    const current = await store.get(id)
    return refuse(deps, c, already(current ?? { ...r, status: 'approved' }), id)
  }

  try {
    const result = await openFixPr(deps, r, base, c.user)
    const done: ProposalRecord = {
      ...r,
      status: 'approved',
      approved_by: c.user,
      pr_url: result.prUrl,
      updated_at: stamp
    }
    await store.transition(id, 'approved', 'approved', { pr_url: result.prUrl })
    await refreshComment(gh, store, done)
    await react(deps, c, 'rocket')
    const url = await reply(deps, c, `applied proposal ${code(id)}: ${result.prUrl}\n\n${result.ciNote}`)
    return { status: 'approved', failureId: id, prUrl: result.prUrl, commentUrl: url }
  } catch (e) {
    // Nothing was opened: give the proposal back so a later approve can try again, and say so in the thread.
    await store.transition(id, 'approved', 'pending', { updated_at: stamp }).catch(() => false)
    const why = errorMessage(e)
      .replace(/[\r\n]+/g, ' ')
      .slice(0, 300)
    await reply(
      deps,
      c,
      `could not apply proposal ${code(id)}: ${code(why)}. It is still pending; re-run this job or comment ${code(`/fixflow approve ${id}`)} again.`,
      true
    ).catch((err: unknown) => log.warning(`could not post the error reply: ${errorMessage(err)}`))
    throw e
  }
}

/** Commit the patched files on fixflow/<id> through the Git Data API, open the PR, get its CI going. */
async function openFixPr(
  deps: ApproveDeps,
  r: ProposalRecord,
  base: string,
  approver: string
): Promise<{ prUrl: string; ciNote: string }> {
  const { gh, fixGh, log } = deps
  const branch = `${BRANCH_PREFIX}${r.failure_id}`
  const owner = deps.ctx.owner
  const existing = (await fixGh.findPulls(`${owner}:${branch}`, 'all'))[0]
  if (existing) return { prUrl: existing.html_url, ciNote: 'The fix pull request already existed.' }

  const edits = new Map<string, typeof r.proposed_patch>()
  for (const e of r.proposed_patch) edits.set(e.file_path, [...(edits.get(e.file_path) ?? []), e])
  const commit = await fixGh.getCommit(base)
  const tree = new Map((await fixGh.listTree(base)).map(t => [t.path, t]))
  const entries: { path: string; mode: string; sha: string }[] = []
  for (const [path, fileEdits] of edits) {
    const before = await fixGh.getFile(path, base)
    const applied = applyEdits(before?.content, fileEdits)
    if (!applied.ok) throw new Error(`the patch no longer applies to ${path}: ${applied.reason}`)
    const sha = await fixGh.createBlob(applied.after)
    entries.push({ path, mode: tree.get(path)?.mode ?? '100644', sha })
  }
  const treeSha = await fixGh.createTree(commit.tree_sha, entries)
  const message = `${r.commit_message}\n\nFixFlow-Proposal: ${r.failure_id}\nFixFlow-Run: ${r.run_url ?? r.run_id}\nApproved-by: ${approver}`
  const commitSha = await fixGh.createCommit(message, treeSha, [base])
  const created = await fixGh.createRef(`refs/heads/${branch}`, commitSha)
  if (!created) {
    // Another approve created the branch first: its PR is the answer.
    const pr = (await fixGh.findPulls(`${owner}:${branch}`, 'all'))[0]
    if (pr) return { prUrl: pr.html_url, ciNote: 'Another approve opened it first.' }
    log.info(`branch ${branch} exists without a PR; opening the PR on it`)
  }
  const origin = JSON.stringify({ id: r.failure_id, pr: r.pr_number ?? null, sha: r.commit_sha })
  const body = [
    `<!-- fixflow:origin ${origin} -->`,
    `FixFlow fix for the failed run ${r.run_url ?? r.run_id}, approved by @${approver}.`,
    '',
    `**Root cause:** ${r.root_cause.replace(/[<>]/g, '')}`,
    '',
    `**Risk:** ${r.risk_score} — ${r.risk_reasons.join('; ')}`,
    '',
    `Proposal ${r.failure_id} (hash ${r.proposal_hash.slice(0, 12)}), commit ${r.commit_sha.slice(0, 7)}${r.pr_number !== undefined ? `, from #${r.pr_number}` : ''}.`
  ].join('\n')
  const pr = await fixGh.createPull({ title: r.commit_message, head: branch, base: r.branch, body })
  try {
    await fixGh.addLabels(pr.number, ['fixflow'])
  } catch (e) {
    log.warning(`could not label the fix PR: ${errorMessage(e)}`)
  }
  let ciNote: string
  if (deps.hasFixToken) {
    ciNote = 'CI starts on it by itself (opened with the fix token).'
  } else {
    const run = await gh.getRun(r.run_id).catch(() => undefined)
    const dispatched =
      run?.workflow_id !== undefined ? await gh.dispatchWorkflow(run.workflow_id, branch) : false
    ciNote = dispatched
      ? `CI was started on ${code(branch)} with workflow_dispatch.`
      : 'CI will not start by itself: pull requests opened with the default GITHUB_TOKEN trigger no workflows. ' +
        'Pass a GitHub App token or PAT as `fix-token`, or add `workflow_dispatch:` to the failed workflow, or close and reopen the PR.'
  }
  return { prUrl: pr.html_url, ciNote }
}
