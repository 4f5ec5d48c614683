// "Is this FixFlow's fix branch?": the one rule, used by the mode choice, analyze (never a fix on a fix) and track.
import { FAILURE_ID } from './grammar.js'

export const BRANCH_PREFIX = 'fixflow/'

/** Where the event's head commit lives: this repository, a fork, or the payload does not say. */
export type HeadOrigin = 'this' | 'fork' | 'unknown'

export function headOrigin(headRepo: string | undefined, ownRepo: string): HeadOrigin {
  if (!headRepo) return 'unknown'
  return headRepo.toLowerCase() === ownRepo.toLowerCase() ? 'this' : 'fork'
}

/** The branch FixFlow writes a proposal's fix on. */
export function fixBranchName(failureId: string): string {
  return `${BRANCH_PREFIX}${failureId}`
}

/**
 * Whether `branch` is FixFlow's own fix branch. A fork's branch can carry any name, `fixflow/<id>` included, so the
 * head's repository decides; `unknown` says what a head of unknown origin counts as: tracking needs proof that the
 * branch is ours ('not-ours'), analysis never proposes on a branch that may be ours ('ours').
 */
export function isOwnFixBranch(branch: string, origin: HeadOrigin, unknown: 'ours' | 'not-ours'): boolean {
  if (!branch.startsWith(BRANCH_PREFIX)) return false
  return origin === 'this' || (origin === 'unknown' && unknown === 'ours')
}

/** The proposal id a fix branch names, or undefined when the name is not `fixflow/<run id>-<attempt>`. */
export function fixBranchId(branch: string): string | undefined {
  if (!branch.startsWith(BRANCH_PREFIX)) return undefined
  const id = branch.slice(BRANCH_PREFIX.length)
  return FAILURE_ID.test(id) ? id : undefined
}
