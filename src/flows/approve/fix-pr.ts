// Writing the fix: the patched files committed on fixflow/<id> through the Git Data API, and the fix PR.
import type { GitHubApi } from '../../github/api.js'
import type { Logger } from '../../log.js'
import type { ProposalRecord } from '../../types.js'
import { applyEdits } from '../../patch/apply.js'
import { code, escapeInline, escapeProse } from '../../render/markdown.js'
import { fixBranchName } from '../../event/fix-branch.js'
import { originLine } from '../../thread/markers.js'
import { bestEffort } from '../../errors.js'
import type { ApplyPlan } from './decide.js'

/** Raised when fixflow/<id> exists with anything but this proposal applied on the base: it is never adopted. */
export class BranchConflict extends Error {
  override name = 'BranchConflict'
}

const ZWSP = '\u200b'

/**
 * Model text made inert where GitHub links it even outside markdown (commit messages, PR titles): mentions,
 * `#12` / `GH-12` / `owner/repo#12` cross-references and URLs get a zero-width space, so nobody is notified, no issue
 * gets a back-reference and nothing is a link. Markdown is escaped separately (escapeProse) where it renders.
 */
export function inertText(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9])/g, '@' + ZWSP)
    .replace(/#(?=\d)/g, '#' + ZWSP)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/(https?|ftp):\/\//gi, (_m, scheme: string) => `${scheme}:/${ZWSP}/`)
    .replace(/\bwww\./gi, m => m.slice(0, 3) + ZWSP + m.slice(3))
}

function prBody(r: ProposalRecord, approver: string): string {
  return [
    originLine({ id: r.failure_id, pr: r.pr_number, sha: r.commit_sha }),
    `FixFlow fix for the failed run ${r.run_url ?? r.run_id}, approved by @${approver}.`,
    '',
    `**Root cause:** ${inertText(escapeProse(r.root_cause))}`,
    '',
    `**Risk:** ${r.risk_score} — ${r.risk_reasons.map(x => inertText(escapeInline(x))).join('; ')}`,
    '',
    `Proposal ${r.failure_id} (hash ${r.proposal_hash.slice(0, 12)}), commit ${r.commit_sha.slice(0, 7)}${r.pr_number !== undefined ? `, from #${r.pr_number}` : ''}.`
  ].join('\n')
}

/** Commits the patched files on fixflow/<id> and opens the PR (or finds the one an earlier attempt opened). */
export async function openFixPr(
  fixGh: GitHubApi,
  log: Logger,
  owner: string,
  r: ProposalRecord,
  plan: ApplyPlan,
  approver: string
): Promise<{ prUrl: string; prNumber: number; existed: boolean }> {
  const branch = fixBranchName(r.failure_id)

  // The tree FixFlow would build, first: an existing branch is used only when it holds exactly that.
  const edits = new Map<string, typeof r.proposed_patch>()
  for (const e of r.proposed_patch) edits.set(e.file_path, [...(edits.get(e.file_path) ?? []), e])
  const entries: { path: string; mode: string; sha: string }[] = []
  for (const [path, fileEdits] of edits) {
    const applied = applyEdits(plan.contents.get(path), fileEdits)
    if (!applied.ok) throw new Error(`the patch no longer applies to ${path}: ${applied.reason}`)
    const sha = await fixGh.createBlob(applied.after)
    entries.push({ path, mode: plan.modes.get(path) ?? '100644', sha })
  }
  const commit = await fixGh.getCommit(plan.base)
  const treeSha = await fixGh.createTree(commit.tree_sha, entries)
  const message = `${inertText(r.commit_message)}\n\nFixFlow-Proposal: ${r.failure_id}\nFixFlow-Run: ${r.run_url ?? r.run_id}\nApproved-by: ${approver}`
  const commitSha = await fixGh.createCommit(message, treeSha, [plan.base])
  if (!(await fixGh.createRef(`refs/heads/${branch}`, commitSha))) {
    // The branch exists: left by an attempt that stopped before its PR, or made by someone else. It is used only
    // when its tip is exactly this change on the base; anything else is refused, no PR is opened or adopted on it.
    const tip = await fixGh.getRef(`heads/${branch}`)
    const got = tip ? await fixGh.getCommit(tip) : undefined
    if (!got || got.tree_sha !== treeSha || got.parents.length !== 1 || got.parents[0] !== plan.base) {
      throw new BranchConflict(
        `branch ${code(branch)} already exists and does not hold proposal ${code(r.failure_id)} applied on commit ${code(plan.base.slice(0, 7))}, so FixFlow will not use it or open a pull request from it. Delete the branch and approve again.`
      )
    }
    const pr = (await fixGh.findPulls(`${owner}:${branch}`, 'open')).find(
      p => p.head_sha === tip && p.base_ref === r.branch
    )
    if (pr) return { prUrl: pr.html_url, prNumber: pr.number, existed: true }
    log.info(`branch ${branch} already holds this fix without a PR; opening the PR on it`)
  }
  const pr = await fixGh.createPull({
    title: inertText(r.commit_message),
    head: branch,
    base: r.branch,
    body: prBody(r, approver)
  })
  await bestEffort(
    'label the fix PR',
    () => fixGh.addLabels(pr.number, ['fixflow']),
    m => log.warning(m)
  )
  return { prUrl: pr.html_url, prNumber: pr.number, existed: false }
}
