import type { ProposalRecord, Status } from '../types.js'

/**
 * Makes a status change a claim (the approve's pending -> approved): the token is written with the transition, and
 * the transition also succeeds when the item is already in `to` under this same token, so a retry after a lost
 * response (or a re-run of the same approve) goes on instead of reading its own write as someone else's win.
 * `takeOver` names the token of an earlier claim whose apply never finished (approved, no pr_url): the claim
 * moves to `token` only while that token still holds it, so one of several late approvers wins. `held` limits
 * the change to an item this token holds (releasing the claim after a failed apply, recording the fix PR).
 */
export interface Claim {
  token: string
  /** Only while this token holds the item (releasing a claim, recording the fix PR under it). */
  held?: boolean
  takeOver?: string
}

/** The claim token of one approve command: the same comment always claims with the same token. */
export function claimToken(commentId: number | string): string {
  return `comment-${commentId}`
}

/**
 * Whether an approved proposal is a half-done apply a new approve may take over: it has a claim but no fix PR,
 * and the claim is older than `leaseMs` (so an approve still at work is not raced). Default lease 10 minutes,
 * longer than an approve job takes to branch, commit and open the PR.
 */
export function isStalledClaim(r: ProposalRecord, now: Date, leaseMs = 10 * 60_000): boolean {
  if (r.status !== 'approved' || r.pr_url || !r.claim_token) return false
  const at = Date.parse(r.claimed_at ?? '')
  return Number.isNaN(at) || now.getTime() - at >= leaseMs
}

/**
 * Where proposals live: DynamoDB when `dynamodb-table` is set, else the thread comment itself. Which one is behind a
 * thread is src/thread/'s business (an injected ThreadStrategy); nothing asks a store what it is.
 */
/** Every proposal status, in the order a proposal moves through them. */
export const STATUSES: readonly Status[] = [
  'pending',
  'approved',
  'rejected',
  'resolved',
  'failed',
  'merged',
  'stale'
]

export interface ProposalStore {
  /** Writes the proposal of one run attempt. Idempotent: the same failure_id written twice leaves one item. */
  save(record: ProposalRecord): Promise<void>
  /** `fresh`: read again even if this command read the store before (the thread store caches one listing). */
  get(failureId: string, opts?: { fresh?: boolean }): Promise<ProposalRecord | undefined>
  /**
   * Conditional status change: succeeds only while the stored status is one of `from`.
   * Returns false (and changes nothing) when the status was something else, so racing writers see exactly one winner.
   * With `claim` (optional; the DynamoDB store honours it), the change is an idempotent claim: see Claim.
   */
  transition(
    failureId: string,
    from: Status | Status[],
    to: Status,
    fields?: Partial<ProposalRecord>,
    claim?: Claim
  ): Promise<boolean>
  /** Proposals of one repository thread (a PR, or a commit when there is no PR), newest first. */
  listForThread(repo: string, thread: { pr_number?: number; commit_sha?: string }): Promise<ProposalRecord[]>
}

/** Raised for configuration faults (missing table, no permission): the job must fail with this message. */
export class StoreConfigError extends Error {
  override name = 'StoreConfigError'
}

/** Raised when the store cannot be reached after retries: the thread says analysis is unavailable. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
}
