import type { ProposalRecord, Status } from '../types.js'

/**
 * Where proposals live: DynamoDB when `dynamodb-table` is set, else the thread comment itself. Which one is behind a
 * thread is src/thread/'s business (an injected ThreadStrategy); nothing asks a store what it is.
 */
export interface ProposalStore {
  /** Writes the proposal of one run attempt. Idempotent: the same failure_id written twice leaves one item. */
  save(record: ProposalRecord): Promise<void>
  get(failureId: string): Promise<ProposalRecord | undefined>
  /**
   * Conditional status change: succeeds only while the stored status is one of `from`.
   * Returns false (and changes nothing) when the status was something else, so racing writers see exactly one winner.
   */
  transition(
    failureId: string,
    from: Status | Status[],
    to: Status,
    fields?: Partial<ProposalRecord>
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
