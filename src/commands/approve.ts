import type { GitHubApi, Thread } from '../github/api.js'
import { httpStatus } from '../github/client.js'
import type { ProposalSource, Proposals } from '../thread/proposals.js'
import { answered, react as addReaction, reply as postReply, type Reaction } from '../thread/replies.js'
import { originLine } from '../thread/markers.js'
import type { JobContext } from '../event/context.js'
import type { CommandComment, CommandEvent, DispatchRequest, Ignored } from '../event/event.js'
import { fixBranchName } from '../event/fix-branch.js'
import type { Logger } from '../log.js'
import type { ProposalRecord } from '../types.js'
import { FAILURE_ID, HELP } from '../event/grammar.js'
import { proposalHash } from '../patch/hash.js'
import { applyEdits } from '../patch/apply.js'
import { checkPath, isProtected } from '../patch/paths.js'
import { code, fence } from '../render/markdown.js'
import { ConfigError, errorMessage } from '../errors.js'

export interface ApproveDeps {
  gh: GitHubApi
  /** Client used to push the fix branch and open the PR: the fix-token's when given, so CI runs on it. */
  fixGh: GitHubApi
  hasFixToken: boolean
  proposals: ProposalSource
  job: JobContext
  event: CommandEvent | Ignored
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

function reply(deps: ApproveDeps, c: CommandComment, text: string, error = false): Promise<string> {
  return postReply(deps.gh, c, text, error)
}

function react(deps: ApproveDeps, c: CommandComment, content: Reaction): Promise<void> {
  return addReaction(deps.gh, deps.log, c, content)
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

function sameThread(r: ProposalRecord, t: Thread): boolean {
  return t.kind === 'pr' ? r.pr_number === t.number : r.pr_number === undefined && r.commit_sha === t.sha
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
  store: Proposals,
  c: CommandComment,
  id: string | undefined
): Promise<ProposalRecord | string> {
  const repoName = `${deps.job.owner}/${deps.job.repo}`
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
  // A second approve without an id, after the first took the proposal: say it is applied, not "nothing pending".
  const newest = all[0]
  if (newest && APPLIED.includes(newest.status)) return already(newest)
  return 'there is no pending FixFlow proposal in this thread.'
}

export async function handleComment(deps: ApproveDeps): Promise<ApproveResult> {
  const { log } = deps
  const { event } = deps
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

  const store = deps.proposals.forThread(c.thread)
  const loaded = await loadProposal(deps, store, c, c.command.id)
  if (typeof loaded === 'string') return refuse(deps, c, loaded)
  const record = loaded
  if (c.command.verb === 'reject') return reject(deps, store, c, record, c.command.reason)
  return approve(deps, store, c, record, permission)
}

async function reject(
  deps: ApproveDeps,
  store: Proposals,
  c: CommandComment,
  r: ProposalRecord,
  reason: string | undefined
): Promise<ApproveResult> {
  const now = (deps.now ?? (() => new Date()))().toISOString()
  const note = `Rejected by ${c.user}${reason ? `: ${reason.slice(0, 300)}` : ''}`
  const fields = { outcome_note: note, updated_at: now }
  if (!(await store.move(r, 'pending', 'rejected', fields))) {
    const current = await store.get(r.failure_id)
    return refuse(
      deps,
      c,
      `proposal ${code(r.failure_id)} is ${current?.status ?? 'gone'}, so it cannot be rejected.`,
      r.failure_id
    )
  }
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

/** Where the fix is applied, read once before anything is written: the commit, its blobs and the touched contents. */
interface Target {
  base: string
  /** Mode of every blob at `base`, by path: a patched file keeps its mode. */
  modes: Map<string, string>
  /** Each touched file's content at `base`; undefined for a file the patch creates. */
  contents: Map<string, string | undefined>
}

const REGULAR = new Set(['100644', '100755'])

/**
 * Why a touched file cannot be patched in `tree` as the proposal was made, or undefined: a file the patch creates
 * must still be absent (not a file, symlink or directory), a file it modifies the same regular blob.
 */
function drift(
  path: string,
  want: string | undefined,
  tree: { path: string; mode: string; sha: string }[],
  byPath: Map<string, { mode: string; sha: string }>
): string | undefined {
  const unsafe = checkPath(path, tree)
  if (unsafe) return unsafe
  if (want === undefined) return 'has no recorded blob SHA'
  const entry = byPath.get(path)
  const isDir = (): boolean => tree.some(e => e.path.startsWith(`${path}/`))
  if (want === '') return entry ? 'exists now' : isDir() ? 'is a directory now' : undefined
  if (!entry) return isDir() ? 'is a directory now' : 'is gone'
  if (!REGULAR.has(entry.mode)) return `is no longer a regular file (mode ${entry.mode})`
  return entry.sha === want ? undefined : 'changed'
}

/** Raised when fixflow/<id> exists with anything but this proposal applied on the base: it is never adopted. */
class BranchConflict extends Error {}

async function bestEffort(deps: ApproveDeps, what: string, f: () => Promise<unknown>): Promise<void> {
  try {
    await f()
  } catch (e) {
    deps.log.warning(`could not ${what}: ${errorMessage(e)}`)
  }
}

async function approve(
  deps: ApproveDeps,
  store: Proposals,
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
  // The security decisions are made again from the patch and from GitHub, not only read from the stored record.
  const paths = [...new Set(r.proposed_patch.map(e => e.file_path))]
  const hits = [
    ...new Set([...(r.protected_hits ?? []), ...paths.filter(p => isProtected(p, []) !== undefined)])
  ]
  if (hits.length) {
    if (c.command.verb !== 'approve' || c.command.id !== id || !['admin', 'maintain'].includes(permission)) {
      return refuse(
        deps,
        c,
        `proposal ${code(id)} touches protected paths (${hits.map(code).join(', ')}): an admin or maintainer must approve it by naming it, ${code(`/fixflow approve ${id}`)}.`,
        id
      )
    }
  }
  const pr = c.thread.kind === 'pr' ? await gh.getPull(c.thread.number) : undefined
  const ownRepo = `${deps.job.owner}/${deps.job.repo}`.toLowerCase()
  if (r.from_fork || (pr !== undefined && pr.head_repo?.toLowerCase() !== ownRepo)) {
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
  const base = pr && pr.head_sha !== r.commit_sha ? pr.head_sha : r.commit_sha
  const tree = await gh.listTree(base)
  const byPath = new Map(tree.map(e => [e.path, e]))
  const target: Target = { base, modes: new Map(tree.map(e => [e.path, e.mode])), contents: new Map() }
  const problems: string[] = []
  for (const path of paths) {
    const want = r.file_shas[path]
    let why = drift(path, want, tree, byPath)
    if (!why && want) {
      const file = await gh.getFile(path, base)
      if (file?.sha === want) target.contents.set(path, file.content)
      else why = 'could not be read whole'
    }
    if (why) problems.push(`${code(path)} ${why}`)
  }
  const short = code(r.commit_sha.slice(0, 7))
  if (problems.length) {
    return refuse(
      deps,
      c,
      base === r.commit_sha
        ? `proposal ${code(id)} does not fit commit ${short}: ${problems.join(', ')}; nothing was applied.`
        : `proposal ${code(id)} is outdated: since commit ${short}, ${problems.join(', ')}. Re-run the failed jobs to get a new proposal.`,
      id
    )
  }
  if (base !== r.commit_sha) {
    log.info(`PR head moved to ${base.slice(0, 7)}; the touched files are unchanged there, applying on it`)
  }

  const stamp = (deps.now ?? (() => new Date()))().toISOString()
  if (!(await store.transition(id, 'pending', 'approved', { approved_by: c.user, updated_at: stamp }))) {
    const current = await store.get(id)
    return refuse(deps, c, already(current ?? { ...r, status: 'approved' }), id)
  }

  const branch = fixBranchName(id)
  let opened: { prUrl: string; existed: boolean }
  try {
    opened = await openFixPr(deps, r, target, c.user)
  } catch (e) {
    // No fix PR exists: give the proposal back so a later approve can try again, and say so in the thread.
    await store.transition(id, 'approved', 'pending', { updated_at: stamp }).catch(() => false)
    if (e instanceof BranchConflict) return refuse(deps, c, e.message, id)
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

  // The fix PR exists from here on: the proposal stays approved whatever fails next, which is only reported.
  const { prUrl } = opened
  const done: ProposalRecord = {
    ...r,
    status: 'approved',
    approved_by: c.user,
    pr_url: prUrl,
    updated_at: stamp
  }
  await bestEffort(deps, 'record the fix PR', () =>
    store.transition(id, 'approved', 'approved', { pr_url: prUrl })
  )
  await bestEffort(deps, 'update the proposal comment', () => store.refresh(done))
  const ciNote = opened.existed ? 'The fix pull request already existed.' : await startCi(deps, r, branch)
  await react(deps, c, 'rocket')
  let url: string | undefined
  await bestEffort(deps, 'post the reply', async () => {
    url = await reply(deps, c, `applied proposal ${code(id)}: ${prUrl}\n\n${ciNote}`)
  })
  return { status: 'approved', failureId: id, prUrl, commentUrl: url }
}

/** Commit the patched files on fixflow/<id> through the Git Data API and open the PR. */
async function openFixPr(
  deps: ApproveDeps,
  r: ProposalRecord,
  target: Target,
  approver: string
): Promise<{ prUrl: string; existed: boolean }> {
  const { fixGh, log } = deps
  const branch = fixBranchName(r.failure_id)
  const owner = deps.job.owner

  // The tree FixFlow would build, first: an existing branch is used only when it holds exactly that.
  const edits = new Map<string, typeof r.proposed_patch>()
  for (const e of r.proposed_patch) edits.set(e.file_path, [...(edits.get(e.file_path) ?? []), e])
  const entries: { path: string; mode: string; sha: string }[] = []
  for (const [path, fileEdits] of edits) {
    const applied = applyEdits(target.contents.get(path), fileEdits)
    if (!applied.ok) throw new Error(`the patch no longer applies to ${path}: ${applied.reason}`)
    const sha = await fixGh.createBlob(applied.after)
    entries.push({ path, mode: target.modes.get(path) ?? '100644', sha })
  }
  const commit = await fixGh.getCommit(target.base)
  const treeSha = await fixGh.createTree(commit.tree_sha, entries)
  const message = `${r.commit_message}\n\nFixFlow-Proposal: ${r.failure_id}\nFixFlow-Run: ${r.run_url ?? r.run_id}\nApproved-by: ${approver}`
  const commitSha = await fixGh.createCommit(message, treeSha, [target.base])
  if (!(await fixGh.createRef(`refs/heads/${branch}`, commitSha))) {
    // The branch exists: left by an attempt that stopped before its PR, or made by someone else. It is used only
    // when its tip is exactly this change on the base; anything else is refused, no PR is opened or adopted on it.
    const tip = await fixGh.getRef(`heads/${branch}`)
    const got = tip ? await fixGh.getCommit(tip) : undefined
    if (!got || got.tree_sha !== treeSha || got.parents.length !== 1 || got.parents[0] !== target.base) {
      throw new BranchConflict(
        `branch ${code(branch)} already exists and does not hold proposal ${code(r.failure_id)} applied on commit ${code(target.base.slice(0, 7))}, so FixFlow will not use it or open a pull request from it. Delete the branch and approve again.`
      )
    }
    const pr = (await fixGh.findPulls(`${owner}:${branch}`, 'open')).find(
      p => p.head_sha === tip && p.base_ref === r.branch
    )
    if (pr) return { prUrl: pr.html_url, existed: true }
    log.info(`branch ${branch} already holds this fix without a PR; opening the PR on it`)
  }
  const body = [
    originLine({ id: r.failure_id, pr: r.pr_number, sha: r.commit_sha }),
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
  return { prUrl: pr.html_url, existed: false }
}

/** Gets CI going on the fix branch, and says how it went. Never throws: the fix PR is open whatever happens here. */
async function startCi(deps: ApproveDeps, r: ProposalRecord, branch: string): Promise<string> {
  if (deps.hasFixToken) return 'CI starts on it by itself (opened with the fix token).'
  const noCi = 'pull requests opened with the default GITHUB_TOKEN trigger no workflows.'
  const enable =
    'Pass a GitHub App token or PAT as `fix-token`, or add `workflow_dispatch:` to the failed workflow, or close and reopen the PR.'
  try {
    const run = await deps.gh.getRun(r.run_id).catch(() => undefined)
    if (run?.workflow_id !== undefined && (await deps.gh.dispatchWorkflow(run.workflow_id, branch)))
      return `CI was started on ${code(branch)} with workflow_dispatch.`
  } catch (e) {
    const why = errorMessage(e)
      .replace(/[\r\n]+/g, ' ')
      .slice(0, 200)
    deps.log.warning(`could not dispatch the failed workflow on ${branch}: ${why}`)
    return `CI was not dispatched: the workflow_dispatch request failed (${code(why)}), and ${noCi} Run the failed workflow on ${code(branch)} by hand, or: ${enable}`
  }
  return `CI will not start by itself: ${noCi} ${enable}`
}
