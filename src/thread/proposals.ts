// The proposal's thread as one service: the store behind it, its comment, and re-rendering that comment from the
// record after a status change. Which store is behind it is decided once, by the injected strategy.
import type { GitHubApi, Thread } from '../github/api.js'
import type { Claim, ProposalStore } from '../store/store.js'
import { StoreUnavailableError } from '../store/store.js'
import { DynamoStore } from '../store/dynamo.js'
import { ThreadStore } from '../store/thread.js'
import { fitComment, renderComment, type Outcome, type RunInfo } from '../render/comment.js'
import type { ProposalRecord, Status } from '../types.js'
import type { Logger } from '../log.js'
import { recordRunInfo } from './header.js'
import { commentIdFromUrl, runMarker } from './markers.js'

/** What differs between the stores, as far as the thread is concerned. */
export interface ThreadStrategy {
  /** The comment carries the record (the embedded store): the comment is the proposal. */
  readonly embedded: boolean
}

/** The proposal kept in a DynamoDB table; its comment only shows it. */
export const TABLE: ThreadStrategy = { embedded: false }
/** The proposal kept inside its thread comment. */
export const EMBEDDED: ThreadStrategy = { embedded: true }

function threadOf(r: ProposalRecord): Thread {
  return r.pr_number !== undefined
    ? { kind: 'pr', number: r.pr_number }
    : { kind: 'commit', sha: r.commit_sha }
}

/** The comment text of a stored proposal, rebuilt from the record alone. */
export function renderRecord(r: ProposalRecord, embed: boolean): string {
  return fitComment(renderComment(recordRunInfo(r), { kind: 'proposal', record: r, embed }))
}

export class Proposals {
  constructor(
    private readonly gh: GitHubApi,
    private readonly store: ProposalStore,
    private readonly strategy: ThreadStrategy,
    private readonly thread: Thread,
    /** Told the id of every proposal this run kept or moved (the dashboard issue follows them). */
    private readonly touched: (failureId: string, where: Proposals) => void = () => {}
  ) {}

  /**
   * Whether every attempt's proposal stays stored on its own (the table); the embedded store keeps only what the
   * run's one comment shows, so another attempt of the same run is gone once the comment is rewritten.
   */
  get keepsEveryAttempt(): boolean {
    return !this.strategy.embedded
  }

  /** The record rides in its comment (no table). */
  get embedded(): boolean {
    return this.strategy.embedded
  }

  /**
   * The body of the comment that shows `r` (null when it is gone): approve compares it with the record's own
   * rendering, so that what it applies is what the thread shows. Its id comes from the table, or from the comment
   * the thread store already found written by FixFlow's own identity.
   */
  async shownBody(r: ProposalRecord): Promise<string | null> {
    const id = r.comment_url ? commentIdFromUrl(r.comment_url) : undefined
    if (id === undefined) return null
    return (await this.gh.listComments(threadOf(r))).find(x => x.id === id)?.body ?? null
  }

  get(failureId: string, opts?: { fresh?: boolean }): Promise<ProposalRecord | undefined> {
    return this.store.get(failureId, opts)
  }

  /** Proposals of one thread of `repo`, newest first. */
  list(repo: string, thread: { pr_number?: number; commit_sha?: string }): Promise<ProposalRecord[]> {
    return this.store.listForThread(repo, thread)
  }

  /** Keeps a new proposal; raises StoreUnavailableError when it cannot be kept (then no approve may be offered). */
  async keep(record: ProposalRecord): Promise<void> {
    await this.store.save(record)
    this.touched(record.failure_id, this)
  }

  /**
   * Posts or updates the run's one comment with `outcome`. Returns its URL and the text for the job summary (never
   * with the embedded record).
   */
  async show(run: RunInfo, outcome: Outcome): Promise<{ url: string; markdown: string }> {
    const shown: Outcome =
      outcome.kind === 'proposal' ? { ...outcome, embed: this.strategy.embedded } : outcome
    const comment = await this.gh.upsertComment(
      this.thread,
      runMarker(run.runId),
      fitComment(renderComment(run, shown))
    )
    const summary = outcome.kind === 'proposal' ? { ...outcome, embed: false } : outcome
    return { url: comment.html_url, markdown: renderComment(run, summary) }
  }

  /** Records where the proposal is shown (the table's item; the embedded proposal is the comment itself). */
  async rememberCommentUrl(record: ProposalRecord, url: string, log: Logger): Promise<void> {
    if (this.strategy.embedded) return
    try {
      await this.store.transition(record.failure_id, record.status, record.status, { comment_url: url })
    } catch (e) {
      // The proposal is kept and shown; only its comment link is missing from the item.
      if (!(e instanceof StoreUnavailableError)) throw e
      log.warning(`could not record the comment URL of ${record.failure_id}: ${e.message}`)
    }
  }

  /**
   * Conditional status change only: true when the stored status was one of `from`. The embedded store rewrites the
   * comment with it; the table's comment follows at the next `refresh` (approve shows the fix PR with it).
   */
  async transition(
    failureId: string,
    from: Status | Status[],
    to: Status,
    fields: Partial<ProposalRecord> = {},
    claim?: Claim
  ): Promise<boolean> {
    const moved = await this.store.transition(failureId, from, to, fields, claim)
    if (moved) this.touched(failureId, this)
    return moved
  }

  /** Status change whose comment is re-rendered from the record at once. */
  async move(
    r: ProposalRecord,
    from: Status | Status[],
    to: Status,
    fields: Partial<ProposalRecord>
  ): Promise<boolean> {
    if (!(await this.transition(r.failure_id, from, to, fields))) return false
    await this.refresh({ ...r, ...fields, status: to })
    return true
  }

  /** Re-renders the proposal's own comment from `r` (the embedded store's transition did it already). */
  async refresh(r: ProposalRecord): Promise<void> {
    if (this.strategy.embedded || !r.comment_url) return
    const id = commentIdFromUrl(r.comment_url)
    if (id === undefined) return
    await this.gh.updateComment(threadOf(r), id, renderRecord(r, false))
  }
}

/** Where the flows get their Proposals from. */
export interface ProposalSource {
  forThread(thread: Thread): Proposals
  /** A fix branch's proposal, whose thread the fix PR may not name: undefined when the store needs the thread. */
  forOrigin(thread: Thread | undefined): Proposals | undefined
  /** The proposals this run kept or moved, as stored now (read again after the flow). */
  touchedRecords(): Promise<ProposalRecord[]>
}

/** DynamoDB when `table` is set, else the embedded store in each thread. */
export function proposalSource(gh: GitHubApi, table?: { table: string; region: string }): ProposalSource {
  const touched = new Map<string, Proposals>()
  const note = (id: string, where: Proposals): void => void touched.set(id, where)
  const touchedRecords = async (): Promise<ProposalRecord[]> => {
    const out: ProposalRecord[] = []
    for (const [id, where] of touched) {
      const r = await where.get(id, { fresh: true })
      if (r) out.push(r)
    }
    return out
  }
  if (table) {
    const store = new DynamoStore(table)
    const forThread = (thread: Thread): Proposals => new Proposals(gh, store, TABLE, thread, note)
    // The table needs no thread; the comment updates go to the thread each record names.
    return { forThread, forOrigin: thread => forThread(thread ?? { kind: 'pr', number: 0 }), touchedRecords }
  }
  const forThread = (thread: Thread): Proposals =>
    new Proposals(gh, new ThreadStore(gh, thread, r => renderRecord(r, true)), EMBEDDED, thread, note)
  return { forThread, forOrigin: thread => (thread ? forThread(thread) : undefined), touchedRecords }
}
