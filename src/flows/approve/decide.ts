// Approve's security decision as one pure function of what was read: no I/O, so every refusal is a unit fact.
// The flow reads what the decision asks for (the PR, the tree, the touched files) and calls it again, so that the
// reads happen in the same order, and only as far, as the checks need them.
import type { PullRequest } from '../../github/api.js'
import type { TreeEntry } from '../../patch/paths.js'
import type { Command } from '../../event/grammar.js'
import type { ProposalRecord } from '../../types.js'
import { proposalHash } from '../../patch/hash.js'
import { checkPath, isProtected } from '../../patch/paths.js'
import { applyEdits } from '../../patch/apply.js'
import { unifiedDiff } from '../../patch/diff.js'
import { code } from '../../render/markdown.js'
import { diffShownWhole, visiblePart } from '../../render/comment.js'
import { renderRecord } from '../../thread/proposals.js'

/** Where the fix is applied, read before anything is written: the commit, its blob modes and the touched contents. */
export interface ApplyPlan {
  base: string
  /** Mode of every blob at `base`, by path: a patched file keeps its mode. */
  modes: Map<string, string>
  /** Each touched file's content at `base`; undefined for a file the patch creates. */
  contents: Map<string, string | undefined>
}

export interface ApprovalFacts {
  record: ProposalRecord
  command: Command
  /** The commenter's permission on the repository. */
  permission: string
  /** owner/name of this repository. */
  ownRepo: string
  /** The PR the command was given on (its head is read); undefined on a commit. */
  prNumber?: number
  /** The record rides in its comment (no table): the comment is rendered with the embed. */
  embedded: boolean
  /** The approve job's own `protected-paths` input (never the record's: the record only adds to it). */
  protectedPaths: string[]
  /** The body of FixFlow's own comment showing the proposal, once read (null: none found). */
  shown?: string | null
  /** This approve may finish an approved proposal's half-done apply (its own claim, or a stalled one). */
  resume?: boolean
  /** The PR, once read. */
  pr?: Pick<PullRequest, 'head_sha' | 'head_repo'>
  /** The tree at the base, once read. */
  tree?: TreeEntry[]
  /** The touched files that the tree allows to read, once read (undefined: could not be read). */
  files?: Map<string, { sha: string; content: string } | undefined>
}

export type Decision =
  | { kind: 'refuse'; text: string }
  /** A fork's PR: never put a fork's commit into a base-repository branch; hand the patch over instead. */
  | { kind: 'offer-patch' }
  | { kind: 'read-comment' }
  | { kind: 'read-pull'; number: number }
  | { kind: 'read-tree'; base: string }
  | { kind: 'read-files'; base: string; paths: string[] }
  | { kind: 'apply'; plan: ApplyPlan }

const APPLIED: ProposalRecord['status'][] = ['approved', 'resolved', 'failed', 'merged']

/** Whether a proposal in this status has its fix applied. */
export function isApplied(status: ProposalRecord['status']): boolean {
  return APPLIED.includes(status)
}

/** Approved, but its fix PR never recorded: a claim whose apply stopped half-way (or is still at work). */
export function isHalfDone(r: Pick<ProposalRecord, 'status' | 'pr_url'>): boolean {
  return r.status === 'approved' && !r.pr_url
}

/** The answer to an approve that came second: the fix is already applied (with its PR once known), or closed. */
export function already(r: Pick<ProposalRecord, 'failure_id' | 'status' | 'pr_url'>): string {
  const pr = r.pr_url?.includes('/pull/') ? ` (${r.pr_url})` : ''
  const state = isApplied(r.status) ? `already applied (${r.status})` : `already ${r.status}`
  return `proposal ${code(r.failure_id)} is ${state}${pr}; nothing new was done.`
}

const REGULAR = new Set(['100644', '100755'])

/**
 * Why a touched file cannot be patched in `tree` as the proposal was made, or undefined: a file the patch creates
 * must still be absent (not a file, symlink or directory), a file it modifies the same regular blob.
 */
function drift(
  path: string,
  want: string | undefined,
  tree: TreeEntry[],
  byPath: Map<string, TreeEntry>
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

/** The security decision: status, hash, protected paths, fork, head drift. */
export function decideApproval(f: ApprovalFacts): Decision {
  const r = f.record
  const id = r.failure_id
  if (r.status !== 'pending' && !(f.resume && isHalfDone(r))) return { kind: 'refuse', text: already(r) }
  if (proposalHash(r) !== r.proposal_hash) {
    return {
      kind: 'refuse',
      text: `proposal ${code(id)} does not match its hash: it was altered after it was shown, so it will not be applied.`
    }
  }
  // The security decisions are made again from the patch, this job's inputs and GitHub, not only read from the
  // stored record: the record can add protected paths, never remove the approve job's own.
  const paths = [...new Set(r.proposed_patch.map(e => e.file_path))]
  const hits = [
    ...new Set([
      ...(r.protected_hits ?? []),
      ...paths.filter(p => isProtected(p, f.protectedPaths) !== undefined)
    ])
  ]
  if (hits.length) {
    const named = f.command.verb === 'approve' && f.command.id === id
    if (!named || !['admin', 'maintain'].includes(f.permission)) {
      return {
        kind: 'refuse',
        text: `proposal ${code(id)} touches protected paths (${hits.map(code).join(', ')}): an admin or maintainer must approve it by naming it, ${code(`/fixflow approve ${id}`)}.`
      }
    }
  }
  if (f.prNumber !== undefined && !f.pr) return { kind: 'read-pull', number: f.prNumber }
  const pr = f.pr
  if (r.from_fork || (pr !== undefined && pr.head_repo?.toLowerCase() !== f.ownRepo.toLowerCase())) {
    return { kind: 'offer-patch' }
  }

  // A reviewer approves only what the thread shows whole (threat 10): a cut diff is never approvable from it.
  if (!diffShownWhole(r, f.embedded)) {
    return {
      kind: 'refuse',
      text: `proposal ${code(id)} is too large to show whole in a comment, so it cannot be approved from the comment. Its whole patch is in the run artifact ${code(`fixflow-${id}`)}: review it and apply it by hand.`
    }
  }
  // And what the thread shows must be exactly what this record renders to.
  if (f.shown === undefined) return { kind: 'read-comment' }
  // A half-done apply's comment shows it pending (the table's) or approved (the embedded store's): same patch.
  const renders = [r, { ...r, status: 'pending' as const }].map(x => visiblePart(renderRecord(x, f.embedded)))
  if (f.shown === null || !renders.includes(visiblePart(f.shown))) {
    return {
      kind: 'refuse',
      text: `FixFlow's comment for proposal ${code(id)} does not show exactly this proposal (it is missing or was changed), so it will not be applied. Re-run the failed jobs to get a new proposal.`
    }
  }
  // Where to apply: the proposal's commit, or the PR's new head when every touched file is byte-identical there.
  const base = pr && pr.head_sha !== r.commit_sha ? pr.head_sha : r.commit_sha
  if (!f.tree) return { kind: 'read-tree', base }
  const tree = f.tree
  const byPath = new Map(tree.map(e => [e.path, e]))
  const drifted = new Map(paths.map(p => [p, drift(p, r.file_shas[p], tree, byPath)]))
  const readable = paths.filter(p => !drifted.get(p) && r.file_shas[p])
  if (!f.files) return { kind: 'read-files', base, paths: readable }
  const plan: ApplyPlan = { base, modes: new Map(tree.map(e => [e.path, e.mode])), contents: new Map() }
  const problems: string[] = []
  for (const path of paths) {
    const want = r.file_shas[path]
    let why = drifted.get(path)
    if (!why && want) {
      const file = f.files.get(path)
      if (file?.sha === want) plan.contents.set(path, file.content)
      else why = 'could not be read whole'
    }
    if (why) problems.push(`${code(path)} ${why}`)
  }
  if (problems.length) {
    const short = code(r.commit_sha.slice(0, 7))
    return {
      kind: 'refuse',
      text:
        base === r.commit_sha
          ? `proposal ${code(id)} does not fit commit ${short}: ${problems.join(', ')}; nothing was applied.`
          : `proposal ${code(id)} is outdated: since commit ${short}, ${problems.join(', ')}. Re-run the failed jobs to get a new proposal.`
    }
  }
  // The applied change, diffed afresh from the files read, must be the diff the thread shows, byte for byte.
  if (shownDiffDiffers(r, plan)) {
    return {
      kind: 'refuse',
      text: `the patch of proposal ${code(id)} does not produce the diff its comment shows, so it will not be applied.`
    }
  }
  return { kind: 'apply', plan }
}

function shownDiffDiffers(r: ProposalRecord, plan: ApplyPlan): boolean {
  const edits = new Map<string, ProposalRecord['proposed_patch']>()
  for (const e of r.proposed_patch) edits.set(e.file_path, [...(edits.get(e.file_path) ?? []), e])
  const changes = []
  for (const [path, fileEdits] of edits) {
    const before = plan.contents.get(path)
    const applied = applyEdits(before, fileEdits)
    if (!applied.ok) return true
    changes.push({ path, before: before ?? '', after: applied.after, created: before === undefined })
  }
  return unifiedDiff(changes) !== r.diff
}
