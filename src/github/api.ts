// The GitHub operations FixFlow needs, as one interface. `GitHubClient` (client.ts) implements it over one Octokit
// with retry and throttling; the commands only see this interface.

export interface RepoRef {
  owner: string
  repo: string
}

export interface WorkflowRun {
  id: number
  run_attempt: number
  name: string
  head_sha: string
  head_branch: string | null
  event: string
  html_url: string
  /** owner/repo the head commit lives in (differs from the base repository for fork PRs). */
  head_repository: string | null
  pull_requests: { number: number; head_sha: string; head_ref: string; base_ref: string }[]
  path?: string
  workflow_id?: number
  /** queued, in_progress, completed... (GitHub refuses to re-run a run that is not completed). */
  status?: string
  /** success, failure, cancelled, timed_out...; null while the run is not completed. */
  conclusion?: string | null
}

/**
 * What came of asking GitHub to re-run a run's failed jobs (never a throw for these answers):
 * - `started`: GitHub accepted (201); a new attempt of the run follows.
 * - `already`: the run is already past the attempt asked about (someone re-ran it, or a retried POST did): no
 *   request was repeated; `attempt` is the run's current attempt.
 * - `in-progress`: the run is not completed yet (GitHub answers 403 then); ask again when it completes.
 * - `forbidden`: 403 on a completed run (the token lacks `actions: write`, or the run is too old to re-run).
 */
export type RerunResult =
  | { outcome: 'started' }
  | { outcome: 'already'; attempt: number }
  | { outcome: 'in-progress'; status: string }
  | { outcome: 'forbidden'; message: string }

export interface Job {
  id: number
  name: string
  status: string
  conclusion: string | null
  html_url: string
  run_attempt?: number
  /** Steps whose conclusion is failure, in order. */
  failed_steps: string[]
}

export interface PullRequest {
  number: number
  html_url: string
  state: string
  merged: boolean
  head_sha: string
  head_ref: string
  /** owner/repo of the head branch; differs from the base repository for a fork PR. */
  head_repo: string | null
  base_ref: string
  /** The PR description (FixFlow's fix PRs carry their origin thread in it). */
  body?: string
}

export interface Comment {
  id: number
  body: string
  html_url: string
  user_login: string
  user_type: string
}

/** A plain issue (the dashboard issue). */
export interface Issue {
  number: number
  title: string
  body: string
  html_url: string
  state: string
  user_login: string
  user_type: string
}

/** Where a FixFlow comment lives: a PR (issue) thread, or a commit's thread when there is no PR. */
export type Thread = { kind: 'pr'; number: number } | { kind: 'commit'; sha: string }

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface LogStreamResult {
  /** The last `maxBytes` of the log (cut at a line start): the failure is at the end, so the head is what is dropped. */
  chunks: AsyncIterable<Buffer>
}

/** Raised for a job log that GitHub no longer has (410) or never wrote (404 after the bounded retries). */
export class LogUnavailableError extends Error {
  override name = 'LogUnavailableError'
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
  }
}

/**
 * A log download that stopped sending (no byte for the idle timeout) or kept losing its connection after the
 * bounded retries. A LogUnavailableError, so a flow reports "log unavailable" in the thread like an expired log.
 */
export class LogDownloadError extends LogUnavailableError {
  override name = 'LogDownloadError'
}

export interface GitHubApi {
  readonly repo: RepoRef
  getRun(runId: number): Promise<WorkflowRun>
  /** Jobs of one attempt of a run (all pages). */
  listJobs(runId: number, attempt: number): Promise<Job[]>
  /** The newest successful run of a workflow on this repository's `branch` (never a fork's; one request), or undefined. */
  latestSuccessfulRun(workflow: number | string, branch: string): Promise<WorkflowRun | undefined>
  /**
   * POST /actions/runs/{id}/rerun-failed-jobs. With `attempt` (the attempt whose failure is being handled), once per
   * attempt: when the run is already past it, or not completed, nothing is posted. 403 -> a typed result.
   * Costs 1 request (2 with `attempt`), 1 more after a 403.
   */
  rerunFailedJobs(runId: number, attempt?: number): Promise<RerunResult>
  /**
   * The latest runs of a workflow for one head commit (GET /actions/workflows/{id}/runs?head_sha=), newest first,
   * at most `limit` (<= 100): one request.
   */
  recentRunsForCommit(workflowId: number, headSha: string, limit: number): Promise<WorkflowRun[]>
  /**
   * The job's log, streamed: GET /actions/jobs/{id}/logs answers 302 to blob storage; the redirect is followed
   * without the Authorization header. 410 -> LogUnavailableError at once; 404 -> a few bounded retries, then
   * LogUnavailableError.
   */
  streamJobLog(jobId: number, maxBytes: number): Promise<AsyncIterable<Buffer>>
  /** File content at a ref; undefined when there is no such file (404) or it is a directory/submodule/symlink. */
  getFile(path: string, ref: string): Promise<{ content: string; sha: string; mode?: string } | undefined>
  /** Several text files at a ref in one request; undefined for a file it could not give whole. */
  getFiles(paths: string[], ref: string): Promise<Map<string, { content: string; sha: string } | undefined>>
  /** Every blob and submodule path at a commit (git tree, recursive), with its mode (100644, 100755, 120000 symlink, 160000 submodule). */
  listTree(sha: string): Promise<{ path: string; mode: string; sha: string }[]>
  getPull(number: number): Promise<PullRequest>
  /** Open PRs whose head is this commit (GET /commits/{sha}/pulls). */
  pullsForCommit(sha: string): Promise<PullRequest[]>
  /** Comments of a thread (all pages). */
  listComments(thread: Thread): Promise<Comment[]>
  createComment(thread: Thread, body: string): Promise<Comment>
  updateComment(thread: Thread, commentId: number, body: string): Promise<Comment>
  /**
   * One comment per marker: finds the comment carrying `marker` (a hidden HTML comment) and updates it, or creates
   * it. After a POST that failed with 5xx it lists again before retrying, so a POST that did succeed is not repeated.
   */
  upsertComment(thread: Thread, marker: string, body: string): Promise<Comment>
  /**
   * The comment upsertComment would update for `marker`: the oldest whose body starts with it, written by a bot or by
   * the token's own user (a PAT); others' comments quoting the marker do not count.
   */
  findComment(thread: Thread, marker: string): Promise<Comment | undefined>
  addReaction(
    thread: Thread,
    commentId: number,
    content: '+1' | '-1' | 'eyes' | 'rocket' | 'confused'
  ): Promise<void>
  getPermission(username: string): Promise<Permission>
  /** Git data API, for the approve flow. */
  createBlob(content: string): Promise<string>
  getCommit(sha: string): Promise<{ sha: string; tree_sha: string; parents: string[] }>
  createTree(baseTree: string, files: { path: string; mode: string; sha: string }[]): Promise<string>
  createCommit(message: string, tree: string, parents: string[]): Promise<string>
  /** POST /git/refs. Returns false when the ref already exists (422), true when created. */
  createRef(ref: string, sha: string): Promise<boolean>
  getRef(ref: string): Promise<string | undefined>
  createPull(p: { title: string; head: string; base: string; body: string }): Promise<PullRequest>
  /** Open PRs with this head branch (owner:branch). */
  findPulls(head: string, state?: 'open' | 'closed' | 'all'): Promise<PullRequest[]>
  addLabels(issueNumber: number, labels: string[]): Promise<void>
  /** Open issues (not PRs) carrying `label`, newest first, at most `max`. */
  listIssues(label: string, max?: number): Promise<Issue[]>
  getIssue(number: number): Promise<Issue>
  createIssue(p: { title: string; body: string; labels: string[] }): Promise<Issue>
  updateIssue(number: number, p: { body?: string; state?: 'open' | 'closed' }): Promise<Issue>
  /** Who last edited an issue's body (GraphQL `editor`), or undefined when nobody has. */
  issueEditor(number: number): Promise<{ user_login: string; user_type: string } | undefined>
  /** Whether a comment or issue with this author was written by FixFlow's own identity. */
  isOwnAuthor(author: { user_login: string; user_type: string }): Promise<boolean>
  /** Dispatches a workflow on a ref; false when the workflow has no workflow_dispatch trigger (422). */
  dispatchWorkflow(workflowId: number | string, ref: string): Promise<boolean>
}
