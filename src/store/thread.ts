import type { GitHubApi, Thread } from '../github/api.js'
import type { ProposalRecord, Status } from '../types.js'
import { StoreUnavailableError, type Claim, type ProposalStore } from './store.js'
import { isRunComment, readEmbeddedRecord } from '../thread/markers.js'

/**
 * The embedded default: each proposal lives inside its own thread comment (base64 JSON in an HTML comment).
 * Only comments written by this token's own identity count (not any bot: another app's bot is not FixFlow), so
 * nobody else can plant a proposal by quoting FixFlow's markup; the record is read only from the comment's last line;
 * the proposal hash and approve's re-render of the comment catch an altered one.
 */
export class ThreadStore implements ProposalStore {
  constructor(
    private readonly gh: GitHubApi,
    private readonly thread: Thread,
    /** Renders the whole comment for a record, embed included. */
    private readonly render: (record: ProposalRecord) => string
  ) {}

  /**
   * The record is written with the comment that shows it (analyze's upsert). Here: refuse one the comment cannot
   * carry whole, since an approve command must never be shown for a proposal that was not kept.
   */
  save(record: ProposalRecord): Promise<void> {
    if (!readEmbeddedRecord(this.render(record))) {
      return Promise.reject(
        new StoreUnavailableError(
          "this proposal is too large to keep in a comment (GitHub's 65,536-character limit); set the dynamodb-table input to store it"
        )
      )
    }
    return Promise.resolve()
  }

  /** One listing serves the reads of one command; a status change always reads afresh. */
  private listing?: Promise<{ id: number; record: ProposalRecord }[]>

  private entries(fresh = false): Promise<{ id: number; record: ProposalRecord }[]> {
    if (fresh || !this.listing) this.listing = this.load()
    return this.listing
  }

  private async load(): Promise<{ id: number; record: ProposalRecord }[]> {
    const comments = await this.gh.listComments(this.thread)
    const out: { id: number; record: ProposalRecord }[] = []
    for (const c of comments) {
      if (!isRunComment(c.body) || !(await this.gh.isOwnAuthor(c))) continue
      const record = readEmbeddedRecord(c.body)
      if (record) out.push({ id: c.id, record: { ...record, comment_url: c.html_url } })
    }
    return out
  }

  async get(failureId: string, opts: { fresh?: boolean } = {}): Promise<ProposalRecord | undefined> {
    return (await this.entries(opts.fresh)).find(e => e.record.failure_id === failureId)?.record
  }

  async transition(
    failureId: string,
    from: Status | Status[],
    to: Status,
    fields: Partial<ProposalRecord> = {},
    claim?: Claim
  ): Promise<boolean> {
    const entry = (await this.entries(true)).find(e => e.record.failure_id === failureId)
    const allowed = Array.isArray(from) ? from : [from]
    if (!entry || !claimAllows(entry.record, allowed, to, claim)) return false
    const record: ProposalRecord = {
      ...entry.record,
      ...fields,
      status: to,
      ...(claim ? { claim_token: claim.token, claimed_at: new Date().toISOString() } : {})
    }
    await this.gh.updateComment(this.thread, entry.id, this.render(record))
    this.listing = undefined
    return true
  }

  async listForThread(
    repo: string,
    thread: { pr_number?: number; commit_sha?: string }
  ): Promise<ProposalRecord[]> {
    return (await this.entries())
      .map(e => e.record)
      .filter(r => r.repo_name === repo)
      .filter(r =>
        thread.pr_number !== undefined ? r.pr_number === thread.pr_number : r.commit_sha === thread.commit_sha
      )
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp))
  }
}

/** The table's claim condition (see Claim), over the record the comment carries. */
function claimAllows(r: ProposalRecord, from: Status[], to: Status, claim?: Claim): boolean {
  if (!claim) return from.includes(r.status)
  const ours = r.claim_token === claim.token
  if (from.includes(r.status) && (!claim.held || ours)) return true
  if (r.status === to && ours) return true
  return (
    claim.takeOver !== undefined && r.status === 'approved' && r.claim_token === claim.takeOver && !r.pr_url
  )
}
