// GitHubApi over one Octokit (@actions/github) with the retry and throttling plugins. Decisions worth knowing:
// - 5xx and network errors: retried by @octokit/plugin-retry (3 retries, 1 s, 4 s, 9 s), except comment POSTs and
//   ref creation, which are not idempotent and get their own "look before you write again" loop.
// - Rate limits (@octokit/plugin-throttling): a secondary limit (403/429 "secondary rate limit") is retried up to 3
//   times after its retry-after; a primary limit only when the reset is at most a minute away. Writes keep the
//   plugin's pacing (serialized, about 1 s apart; 3 s between comments/PRs), which is GitHub's own advice.
// - Job logs keep the TAIL: the failure is nearly always at the end of a log, so the whole log is streamed through a
//   bounded buffer and only its last `maxBytes` (cut at a line start) are returned; memory stays at about maxBytes.
// - Job log bodies: a reset connection is retried (within the same bounded attempts as a 404); a body that sends
//   nothing for LOG_IDLE_TIMEOUT_MS is abandoned with a LogDownloadError ("log unavailable"), long before Node's own
//   5-minute body timeout. Values the job registered with ::add-mask:: anywhere in the log are masked in the tail.
// - getFile reads files over 1 MB through the blob API (the contents API stops returning content there), so large
//   files are never mistaken for missing ones.
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { setTimeout as sleep } from 'node:timers/promises'
import { MaskCollector, redactKnown } from '../logs/redact.js'
import { errorMessage, httpStatus } from '../errors.js'
import {
  LogDownloadError,
  LogUnavailableError,
  type Comment,
  type GitHubApi,
  type Issue,
  type Job,
  type Permission,
  type PullRequest,
  type RepoRef,
  type RerunResult,
  type Thread,
  type WorkflowRun
} from './api.js'

export interface GitHubClientOptions {
  token: string
  repo: RepoRef
  /** Default: GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string
  /** Progress and retry notes (core.info in the action). */
  log?: (message: string) => void
  /** Base delay of every retry, in ms (default 1000). Tests make it small; waits keep their shape. */
  retryBaseMs?: number
  /** How long a job log download may send nothing before it is abandoned, in ms (default LOG_IDLE_TIMEOUT_MS). */
  logIdleTimeoutMs?: number
}

/**
 * 30 s without a byte from log storage = stalled. Blob storage streams a log at many MB/s, and the runner's
 * own step has minutes, not hours: a stall should cost one clear "log unavailable" line after half a minute, not
 * the 5 minutes of Node's default body timeout per job (FixFlow reads up to several jobs). Silence, not total
 * time, is bounded, so a big log that keeps flowing is never cut.
 */
export const LOG_IDLE_TIMEOUT_MS = 30_000

type Octokit = ReturnType<typeof getOctokit>

const SERVER_RETRIES = 3
const SECONDARY_LIMIT_RETRIES = 3
const PRIMARY_LIMIT_RETRIES = 1
const PRIMARY_LIMIT_MAX_WAIT_S = 60
/** Attempts at a job log that is not written yet (404): waits of 1, 2, 4 and 8 base delays in between. */
const LOG_ATTEMPTS = 5
/** Attempts at a non-idempotent write (comment POST, ref creation) answered by 5xx. */
const WRITE_ATTEMPTS = 3
const ROLES: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none']
const TREE_MODES = ['100644', '100755', '040000', '160000', '120000'] as const
type TreeMode = (typeof TREE_MODES)[number]

// httpStatus lives in the one error toolkit; re-exported for the modules that import it from here.
export { httpStatus }

const isTransient = (e: unknown): boolean => (httpStatus(e) ?? 0) >= 500

/** Structural shapes of the REST answers we read (a subset of Octokit's types, so any of them fits). */
interface RawUser {
  login: string
  type: string
}
interface RawComment {
  id: number
  body?: string
  html_url: string
  created_at: string
  user: RawUser | null
}
interface RawPull {
  number: number
  html_url: string
  state: string
  merged?: boolean
  merged_at: string | null
  head: { sha: string; ref: string; repo: { full_name: string } | null }
  base: { ref: string }
  body?: string | null
}

function toComment(c: RawComment): Comment {
  return {
    id: c.id,
    body: c.body ?? '',
    html_url: c.html_url,
    user_login: c.user?.login ?? '',
    user_type: c.user?.type ?? ''
  }
}

interface RawIssue {
  number: number
  title: string
  body?: string | null
  html_url: string
  state: string
  user: RawUser | null
}

function toIssue(i: RawIssue): Issue {
  return {
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    html_url: i.html_url,
    state: i.state,
    user_login: i.user?.login ?? '',
    user_type: i.user?.type ?? ''
  }
}

function toPull(p: RawPull): PullRequest {
  return {
    number: p.number,
    html_url: p.html_url,
    state: p.state,
    // The list endpoints have no `merged`; merged_at tells the same.
    merged: p.merged ?? p.merged_at !== null,
    head_sha: p.head.sha,
    head_ref: p.head.ref,
    head_repo: p.head.repo?.full_name ?? null,
    base_ref: p.base.ref,
    body: p.body ?? undefined
  }
}

interface RawRun {
  id: number
  run_attempt?: number
  name?: string | null
  head_sha: string
  head_branch: string | null
  event: string
  status: string | null
  conclusion: string | null
  html_url: string
  head_repository?: { full_name: string } | null
  pull_requests?: { number: number; head: { sha: string; ref: string }; base: { ref: string } }[] | null
  path?: string
  workflow_id?: number
}

function toRun(data: RawRun): WorkflowRun {
  return {
    id: data.id,
    run_attempt: data.run_attempt ?? 1,
    name: data.name ?? '',
    head_sha: data.head_sha,
    head_branch: data.head_branch,
    event: data.event,
    html_url: data.html_url,
    head_repository: data.head_repository?.full_name ?? null,
    pull_requests: (data.pull_requests ?? []).map(p => ({
      number: p.number,
      head_sha: p.head.sha,
      head_ref: p.head.ref,
      base_ref: p.base.ref
    })),
    ...(data.path !== undefined ? { path: data.path } : {}),
    ...(data.workflow_id !== undefined ? { workflow_id: data.workflow_id } : {}),
    status: data.status ?? '',
    conclusion: data.conclusion
  }
}

/** Why a re-run of the failed jobs of `attempt` must not be (or was not) asked for now, from the run's state. */
function notRerunnable(run: WorkflowRun, attempt: number | undefined): RerunResult | undefined {
  if (attempt !== undefined && run.run_attempt > attempt)
    return { outcome: 'already', attempt: run.run_attempt }
  if (run.status !== undefined && run.status !== 'completed')
    return { outcome: 'in-progress', status: run.status }
  return undefined
}

/** 'refs/heads/x', 'heads/x' and 'x' (a branch) all name refs/heads/x. */
export function fullRef(ref: string): string {
  if (ref.startsWith('refs/')) return ref
  if (ref.startsWith('heads/') || ref.startsWith('tags/')) return `refs/${ref}`
  return `refs/heads/${ref}`
}

/**
 * Keeps the last `maxBytes` of a byte stream, starting at a line boundary when the head was cut, holding at most
 * about maxBytes (plus one chunk) in memory however long the stream is.
 */
export async function keepTail(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number
): Promise<{ chunks: Buffer[]; total: number; dropped: number }> {
  const chunks: Buffer[] = []
  let kept = 0
  let total = 0
  for await (const part of source) {
    const chunk = Buffer.from(part)
    total += chunk.length
    chunks.push(chunk)
    kept += chunk.length
    // Drop whole chunks from the front while the rest still covers maxBytes.
    while (chunks.length > 0 && kept - (chunks[0]?.length ?? 0) >= maxBytes)
      kept -= chunks.shift()?.length ?? 0
  }
  if (maxBytes <= 0) return { chunks: [], total, dropped: total }
  if (kept > maxBytes && chunks[0]) {
    const cut = kept - maxBytes
    let first = chunks[0].subarray(cut)
    // Start at a whole line (unless the cut already is at one; a chunk without a newline is kept as it is).
    const nl = first.indexOf(0x0a)
    if (chunks[0][cut - 1] !== 0x0a && nl >= 0) first = first.subarray(nl + 1)
    kept -= chunks[0].length - first.length
    chunks[0] = first
  }
  return { chunks: chunks.filter(c => c.length > 0), total, dropped: total - kept }
}

function isFetchFailure(e: unknown): e is Error {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'TypeError'
}

/** The code or message behind a failed fetch: ECONNRESET, UND_ERR_SOCKET, "other side closed". */
function connectionFault(e: Error): string {
  const cause: unknown = e.cause
  if (typeof cause === 'object' && cause !== null) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string') return code
    const message = (cause as { message?: unknown }).message
    if (typeof message === 'string') return message
  }
  return e.message
}

/** The kept chunks, as the stream the interface promises. */
function iterate(chunks: Buffer[]): AsyncIterable<Buffer> {
  return Readable.from(chunks) as AsyncIterable<Buffer>
}

/**
 * One account's login as REST and GraphQL spell it: REST writes an app's bot `<slug>[bot]`, GraphQL's Bot.login may
 * leave the suffix out. Case-insensitive, as GitHub logins are.
 */
function sameLogin(a: string, b: string): boolean {
  const norm = (l: string): string => l.toLowerCase().replace(/\[bot\]$/, '')
  return norm(a) === norm(b)
}

export class GitHubClient implements GitHubApi {
  readonly repo: RepoRef
  readonly octokit: Octokit
  private readonly log: (message: string) => void
  private readonly base: number
  private readonly logIdleMs: number
  private selfLogin: Promise<string | undefined> | undefined

  constructor(opts: GitHubClientOptions) {
    this.repo = { owner: opts.repo.owner, repo: opts.repo.repo }
    this.log = opts.log ?? (() => undefined)
    this.base = opts.retryBaseMs ?? 1000
    this.logIdleMs = opts.logIdleTimeoutMs ?? LOG_IDLE_TIMEOUT_MS
    const log = this.log
    const noop = (): void => undefined
    this.octokit = getOctokit(
      opts.token,
      {
        baseUrl: opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
        userAgent: 'fixflow',
        log: { debug: noop, info: noop, warn: (m: string) => log(m), error: (m: string) => log(m) },
        retry: { retries: SERVER_RETRIES, retryAfterBaseValue: this.base },
        throttle: {
          retryAfterBaseValue: this.base,
          onSecondaryRateLimit: (
            after: number,
            o: { method: string; url: string },
            _k: unknown,
            count: number
          ) => {
            log(`GitHub secondary rate limit on ${o.method} ${o.url}; retry ${count + 1} after ${after}s`)
            return count < SECONDARY_LIMIT_RETRIES
          },
          onRateLimit: (after: number, o: { method: string; url: string }, _k: unknown, count: number) => {
            const retrying = count < PRIMARY_LIMIT_RETRIES && after <= PRIMARY_LIMIT_MAX_WAIT_S
            log(
              `GitHub rate limit on ${o.method} ${o.url}; ${retrying ? `retrying after ${after}s` : 'giving up'}`
            )
            return retrying
          }
        }
      },
      retry,
      throttling
    )
  }

  private backoff(attempt: number): Promise<void> {
    return sleep(this.base * 2 ** (attempt - 1))
  }

  // ---------------------------------------------------------------- runs, jobs, logs

  async getRun(runId: number): Promise<WorkflowRun> {
    const { data } = await this.octokit.rest.actions.getWorkflowRun({ ...this.repo, run_id: runId })
    return toRun(data)
  }

  async rerunFailedJobs(runId: number, attempt?: number): Promise<RerunResult> {
    if (attempt !== undefined) {
      // Once per attempt: a re-run already made (by a person, or by an earlier FixFlow run) is not made again.
      const refused = notRerunnable(await this.getRun(runId), attempt)
      if (refused) return refused
    }
    try {
      await this.octokit.rest.actions.reRunWorkflowFailedJobs({ ...this.repo, run_id: runId })
      return { outcome: 'started' }
    } catch (e) {
      if (httpStatus(e) !== 403) throw e
      // GitHub's 403 does not say which refusal it is; the run's state does. After a POST that was retried on 5xx
      // but had gone through, the run is already queued for the next attempt: that is `already`, not a refusal.
      const run = await this.getRun(runId)
      return (
        notRerunnable(run, attempt) ?? {
          outcome: 'forbidden',
          message: e instanceof Error ? e.message : String(e)
        }
      )
    }
  }

  async recentRunsForCommit(workflowId: number, headSha: string, limit: number): Promise<WorkflowRun[]> {
    const { data } = await this.octokit.rest.actions.listWorkflowRuns({
      ...this.repo,
      workflow_id: workflowId,
      head_sha: headSha,
      per_page: Math.min(Math.max(Math.floor(limit), 1), 100)
    })
    // GitHub filters by head_sha server-side; the check below keeps a server that ignored it from lying to us.
    return data.workflow_runs
      .filter(r => r.head_sha === headSha)
      .slice(0, limit)
      .map(toRun)
  }

  async latestSuccessfulRun(workflow: number | string, branch: string): Promise<WorkflowRun | undefined> {
    const { data } = await this.octokit.rest.actions.listWorkflowRuns({
      ...this.repo,
      workflow_id: workflow,
      branch,
      status: 'success',
      per_page: 20
    })
    // GitHub's branch filter matches the head branch's name, and a fork PR from `someone:main` is on `main` too: only
    // a run of this repository's own branch is a baseline (a fork's log is its author's, who could make the real
    // failure lines "weak"). Checked here too: a server that ignored a filter must not hand us another branch's or a
    // failed run.
    const self = `${this.repo.owner}/${this.repo.repo}`.toLowerCase()
    const run = data.workflow_runs.find(r => (r.head_repository?.full_name ?? '').toLowerCase() === self)
    return run && run.head_branch === branch && run.conclusion === 'success' ? toRun(run) : undefined
  }

  async listJobs(runId: number, attempt: number): Promise<Job[]> {
    const jobs = await this.octokit.paginate(this.octokit.rest.actions.listJobsForWorkflowRunAttempt, {
      ...this.repo,
      run_id: runId,
      attempt_number: attempt,
      per_page: 100
    })
    return jobs.map(j => ({
      id: j.id,
      name: j.name,
      status: j.status,
      conclusion: j.conclusion,
      html_url: j.html_url ?? '',
      ...(j.run_attempt !== undefined ? { run_attempt: j.run_attempt } : {}),
      failed_steps: (j.steps ?? []).filter(s => s.conclusion === 'failure').map(s => s.name)
    }))
  }

  /**
   * The last `maxBytes` of the job's log (see keepTail). The API answers 302 to a pre-signed blob URL; the redirect
   * is not followed by Octokit, and the blob is fetched without any Authorization header (the token must not leave
   * GitHub). 410: expired or deleted, reported at once. 404 (not written yet, right after the job ended) and a
   * failed blob download: retried with backoff, then reported.
   */
  async streamJobLog(jobId: number, maxBytes: number): Promise<AsyncIterable<Buffer>> {
    for (let attempt = 1; ; attempt++) {
      let failure: { status: number; why: string }
      try {
        const res = await this.octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
          ...this.repo,
          job_id: jobId,
          request: { redirect: 'manual' }
        })
        const location = res.headers.location
        if (res.status >= 300 && res.status < 400 && location) {
          const got = await this.download(jobId, location, maxBytes)
          if (!('status' in got)) return got
          failure = got
        } else {
          // Some servers answer 200 with the log itself.
          const data: unknown = res.data
          const text =
            typeof data === 'string'
              ? Buffer.from(data)
              : data instanceof ArrayBuffer
                ? Buffer.from(data)
                : Buffer.from(JSON.stringify(data ?? ''))
          return await this.tail(jobId, iterate([text]), maxBytes)
        }
      } catch (e) {
        if (e instanceof LogUnavailableError) throw e
        const status = httpStatus(e)
        if (status === 410) {
          throw new LogUnavailableError(
            `The log of job ${jobId} has expired or was deleted (HTTP 410); re-run the job to analyze it.`,
            410
          )
        }
        if (status !== 404) throw e
        failure = { status: 404, why: 'not written yet (HTTP 404)' }
      }
      if (attempt >= LOG_ATTEMPTS) {
        const Err = failure.status === 404 ? LogUnavailableError : LogDownloadError
        throw new Err(
          `The log of job ${jobId} is not available: ${failure.why}, ${attempt} attempts.`,
          failure.status
        )
      }
      this.log(`Log of job ${jobId}: ${failure.why}; retrying (${attempt}/${LOG_ATTEMPTS - 1})`)
      await this.backoff(attempt)
    }
  }

  /**
   * Downloads the log from storage, bounded by the idle timeout. A failure worth retrying (an error status, a
   * reset connection) comes back as a value; a stall is thrown as LogDownloadError at once (waiting again would
   * double the cost of a storage that has stopped answering).
   */
  private async download(
    jobId: number,
    location: string,
    maxBytes: number
  ): Promise<AsyncIterable<Buffer> | { status: number; why: string }> {
    const abort = new AbortController()
    let timer: NodeJS.Timeout | undefined
    const arm = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => abort.abort(), this.logIdleMs)
    }
    arm()
    try {
      const blob = await fetch(location, { redirect: 'follow', signal: abort.signal })
      if (!blob.ok || !blob.body) {
        await blob.body?.cancel()
        return { status: blob.status, why: `log storage answered ${blob.status}` }
      }
      const body = blob.body
      async function* watched(): AsyncIterable<Uint8Array> {
        for await (const part of body) {
          arm()
          yield part
        }
      }
      return await this.tail(jobId, watched(), maxBytes)
    } catch (e) {
      if (abort.signal.aborted) {
        throw new LogDownloadError(
          `The log of job ${jobId} is not available: log storage sent nothing for ${Math.round(this.logIdleMs / 1000)} s.`,
          504
        )
      }
      // fetch reports a reset or closed connection as a TypeError ("fetch failed", "terminated") with a cause.
      // Matched by name: the error may come from another realm than this module's TypeError.
      if (isFetchFailure(e))
        return { status: 502, why: `the connection to log storage failed (${connectionFault(e)})` }
      throw e
    } finally {
      clearTimeout(timer)
    }
  }

  /** The tail of the log, with every value the job registered with ::add-mask:: (anywhere in it) masked. */
  private async tail(
    jobId: number,
    body: AsyncIterable<Uint8Array>,
    maxBytes: number
  ): Promise<AsyncIterable<Buffer>> {
    const masks = new MaskCollector()
    const decoder = new StringDecoder('utf8')
    async function* scanned(): AsyncIterable<Uint8Array> {
      for await (const part of body) {
        masks.scan(decoder.write(Buffer.from(part)))
        yield part
      }
      masks.scan(decoder.end())
      masks.end()
    }
    const { chunks, total, dropped } = await keepTail(scanned(), maxBytes)
    if (dropped > 0) this.log(`Log of job ${jobId}: kept the last ${total - dropped} of ${total} bytes`)
    if (masks.values.length === 0) return iterate(chunks)
    const masked = redactKnown(Buffer.concat(chunks).toString('utf8'), masks.values)
    this.log(
      `Log of job ${jobId}: masked ${masked.count} use(s) of ${masks.values.length} ::add-mask:: value(s)`
    )
    return iterate([Buffer.from(masked.text, 'utf8')])
  }

  // ---------------------------------------------------------------- repository files

  async getFile(
    path: string,
    ref: string
  ): Promise<{ content: string; sha: string; mode?: string } | undefined> {
    let data
    try {
      ;({ data } = await this.octokit.rest.repos.getContent({ ...this.repo, path, ref }))
    } catch (e) {
      if (httpStatus(e) === 404) return undefined
      throw e
    }
    if (Array.isArray(data) || data.type !== 'file') return undefined
    // GitHub answers a symlink to a file with the target file itself: a different path means "symlink".
    if (data.path !== path.replace(/^\/+/, '')) return undefined
    if (data.encoding === 'base64' && (data.content !== '' || data.size === 0)) {
      return { content: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha }
    }
    // Over 1 MB the contents API sends no content (encoding "none"); the blob API has it.
    const blob = await this.octokit.rest.git.getBlob({ ...this.repo, file_sha: data.sha })
    const bytes = Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8')
    return { content: bytes.toString('utf8'), sha: data.sha }
  }

  /**
   * Several files at one commit in one GraphQL request (the contents API costs one request per file).
   * Files GraphQL cannot give whole (binary, truncated, over 1 MB) come back undefined; read those with getFile.
   */
  async getFiles(
    paths: string[],
    ref: string
  ): Promise<Map<string, { content: string; sha: string } | undefined>> {
    const out = new Map<string, { content: string; sha: string } | undefined>()
    if (!paths.length) return out
    const vars: Record<string, string> = { owner: this.repo.owner, name: this.repo.repo }
    const fields = paths.map((p, i) => {
      vars[`e${i}`] = `${ref}:${p}`
      return `f${i}: object(expression: $e${i}) { ... on Blob { oid text isBinary isTruncated } }`
    })
    const decl = paths.map((_p, i) => `$e${i}: String!`).join(', ')
    const query = `query($owner: String!, $name: String!, ${decl}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`
    type Blob = { oid?: string; text?: string | null; isBinary?: boolean; isTruncated?: boolean } | null
    const data = await this.octokit.graphql<{ repository: Record<string, Blob> }>(query, vars)
    paths.forEach((p, i) => {
      const b = data.repository[`f${i}`]
      out.set(
        p,
        b?.oid && typeof b.text === 'string' && !b.isBinary && !b.isTruncated
          ? { content: b.text, sha: b.oid }
          : undefined
      )
    })
    return out
  }

  async listTree(sha: string): Promise<{ path: string; mode: string; sha: string }[]> {
    const { data } = await this.octokit.rest.git.getTree({ ...this.repo, tree_sha: sha, recursive: 'true' })
    if (!data.truncated) return blobsOf(data.tree, '')
    // Too big for one answer (about 100,000 entries): walk it one directory at a time.
    this.log(`Tree ${sha} is truncated; listing it directory by directory`)
    return this.walkTree(data.sha, '')
  }

  private async walkTree(
    treeSha: string,
    prefix: string
  ): Promise<{ path: string; mode: string; sha: string }[]> {
    const { data } = await this.octokit.rest.git.getTree({ ...this.repo, tree_sha: treeSha })
    const out = blobsOf(data.tree, prefix)
    for (const e of data.tree) {
      if (e.type === 'tree' && e.path && e.sha)
        out.push(...(await this.walkTree(e.sha, `${prefix}${e.path}/`)))
    }
    return out
  }

  // ---------------------------------------------------------------- pull requests

  async getPull(number: number): Promise<PullRequest> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.repo, pull_number: number })
    return toPull(data)
  }

  /** Open PRs containing the commit, those whose head it still is first (the head may have moved on since). */
  async pullsForCommit(sha: string): Promise<PullRequest[]> {
    const pulls = await this.octokit.paginate(this.octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
      ...this.repo,
      commit_sha: sha,
      per_page: 100
    })
    return pulls
      .map(toPull)
      .filter(p => p.state === 'open')
      .sort((a, b) => Number(b.head_sha === sha) - Number(a.head_sha === sha))
  }

  async findPulls(head: string, state: 'open' | 'closed' | 'all' = 'open'): Promise<PullRequest[]> {
    const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, {
      ...this.repo,
      head: head.includes(':') ? head : `${this.repo.owner}:${head}`,
      state,
      per_page: 100
    })
    return pulls.map(toPull)
  }

  /** Opens a PR; when a retried POST finds it already open ("already exists"), that PR is returned. */
  async createPull(p: { title: string; head: string; base: string; body: string }): Promise<PullRequest> {
    try {
      const { data } = await this.octokit.rest.pulls.create({ ...this.repo, ...p })
      return toPull(data)
    } catch (e) {
      if (httpStatus(e) === 422 && /already exists/i.test(String((e as Error).message))) {
        const open = (await this.findPulls(p.head, 'open')).find(x => x.base_ref === p.base)
        if (open) return open
      }
      throw e
    }
  }

  async addLabels(issueNumber: number, labels: string[]): Promise<void> {
    await this.octokit.rest.issues.addLabels({ ...this.repo, issue_number: issueNumber, labels })
  }

  async listIssues(label: string, max = 100): Promise<Issue[]> {
    const out: Issue[] = []
    for await (const page of this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      ...this.repo,
      labels: label,
      state: 'open',
      per_page: 100
    })) {
      for (const i of page.data) if (!i.pull_request) out.push(toIssue(i))
      if (out.length >= max) break
    }
    return out.slice(0, max)
  }

  async getIssue(number: number): Promise<Issue> {
    return toIssue((await this.octokit.rest.issues.get({ ...this.repo, issue_number: number })).data)
  }

  async createIssue(p: { title: string; body: string; labels: string[] }): Promise<Issue> {
    return toIssue((await this.octokit.rest.issues.create({ ...this.repo, ...p })).data)
  }

  async updateIssue(number: number, p: { body?: string; state?: 'open' | 'closed' }): Promise<Issue> {
    return toIssue((await this.octokit.rest.issues.update({ ...this.repo, issue_number: number, ...p })).data)
  }

  async issueEditor(number: number): Promise<{ user_login: string; user_type: string } | undefined> {
    const query =
      'query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { issue(number: $number) { editor { __typename login } } } }'
    const data = await this.octokit.graphql<{
      repository: { issue: { editor: { __typename: string; login: string } | null } | null } | null
    }>(query, { owner: this.repo.owner, name: this.repo.repo, number })
    const editor = data.repository?.issue?.editor
    return editor ? { user_login: editor.login, user_type: editor.__typename } : undefined
  }

  isOwnAuthor(author: { user_login: string; user_type: string }): Promise<boolean> {
    return this.isOurs(author)
  }

  async dispatchWorkflow(workflowId: number | string, ref: string): Promise<boolean> {
    try {
      await this.octokit.rest.actions.createWorkflowDispatch({ ...this.repo, workflow_id: workflowId, ref })
      return true
    } catch (e) {
      if (httpStatus(e) === 422) return false
      throw e
    }
  }

  // ---------------------------------------------------------------- comments

  private async rawComments(thread: Thread): Promise<RawComment[]> {
    if (thread.kind === 'pr') {
      return this.octokit.paginate(this.octokit.rest.issues.listComments, {
        ...this.repo,
        issue_number: thread.number,
        per_page: 100
      })
    }
    return this.octokit.paginate(this.octokit.rest.repos.listCommentsForCommit, {
      ...this.repo,
      commit_sha: thread.sha,
      per_page: 100
    })
  }

  async listComments(thread: Thread): Promise<Comment[]> {
    return (await this.rawComments(thread)).map(toComment)
  }

  /** Creates a comment; a 5xx that did create it (found again by body and author) is not repeated. */
  async createComment(thread: Thread, body: string): Promise<Comment> {
    const startedAt = Date.now()
    return this.postOnce(thread, body, async () => {
      const raw = await this.rawComments(thread)
      // Allow a minute of clock skew between this machine and GitHub.
      const recent = raw.filter(c => c.body === body && Date.parse(c.created_at) >= startedAt - 60_000)
      for (const c of recent.reverse()) if (await this.isOurs(toComment(c))) return toComment(c)
      return undefined
    })
  }

  async updateComment(thread: Thread, commentId: number, body: string): Promise<Comment> {
    const { data } =
      thread.kind === 'pr'
        ? await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: commentId, body })
        : await this.octokit.rest.repos.updateCommitComment({ ...this.repo, comment_id: commentId, body })
    return toComment(data)
  }

  /**
   * The thread's one comment for `marker`: the body is made to start with the marker; the oldest comment by a bot or
   * by this token's user whose body starts with the marker is updated (left alone when unchanged), else one is
   * created. Others' comments quoting the marker do not count.
   */
  async upsertComment(thread: Thread, marker: string, body: string): Promise<Comment> {
    const text = body.startsWith(marker) ? body : `${marker}\n${body}`
    const existing = await this.findMarked(thread, marker)
    if (existing) return existing.body === text ? existing : this.updateComment(thread, existing.id, text)
    return this.postOnce(thread, text, () => this.findMarked(thread, marker))
  }

  findComment(thread: Thread, marker: string): Promise<Comment | undefined> {
    return this.findMarked(thread, marker)
  }

  private async findMarked(thread: Thread, marker: string): Promise<Comment | undefined> {
    for (const c of await this.listComments(thread)) {
      if (c.body.startsWith(marker) && (await this.isOurs(c))) return c
    }
    return undefined
  }

  /**
   * Written by the identity behind this token, and by no other: another app's bot is not FixFlow. The login comes from
   * GraphQL `viewer`, which answers for every kind of token (REST `GET /user` is 403 for installation tokens such as
   * GITHUB_TOKEN, whose viewer is `github-actions[bot]`; an App token's is `<app-slug>[bot]`). Unknown -> not ours.
   */
  private async isOurs(c: { user_login: string; user_type: string }): Promise<boolean> {
    const pending = (this.selfLogin ??= this.octokit
      .graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      .then(
        r => r.viewer.login,
        (e: unknown) => {
          // Not remembered: the next comment asks again (a passing fault must not disown FixFlow's comments).
          this.selfLogin = undefined
          this.log(`could not learn this token's own login (GraphQL viewer): ${errorMessage(e)}`)
          return undefined
        }
      ))
    const self = await pending
    if (self === undefined || c.user_login === '') return false
    // An app's bot is a Bot account: a user who happens to share the app's slug is someone else.
    if (/\[bot\]$/i.test(self) && c.user_type !== 'Bot') return false
    return sameLogin(c.user_login, self)
  }

  /**
   * POSTs a comment without Octokit's blind 5xx retry: after a 5xx (the comment may exist anyway) `landed` looks for
   * it before the next attempt. Rate-limit answers are still retried by the throttling plugin (nothing was written).
   */
  private async postOnce(
    thread: Thread,
    body: string,
    landed: () => Promise<Comment | undefined>
  ): Promise<Comment> {
    for (let attempt = 1; ; attempt++) {
      try {
        const request = { retries: 0 }
        const { data } =
          thread.kind === 'pr'
            ? await this.octokit.rest.issues.createComment({
                ...this.repo,
                issue_number: thread.number,
                body,
                request
              })
            : await this.octokit.rest.repos.createCommitComment({
                ...this.repo,
                commit_sha: thread.sha,
                body,
                request
              })
        return toComment(data)
      } catch (e) {
        if (!isTransient(e) || attempt >= WRITE_ATTEMPTS) throw e
        this.log(`Comment POST answered ${httpStatus(e)}; checking whether it was created before retrying`)
        await this.backoff(attempt)
        const found = await landed()
        if (found) return found
      }
    }
  }

  async addReaction(
    thread: Thread,
    commentId: number,
    content: '+1' | '-1' | 'eyes' | 'rocket' | 'confused'
  ): Promise<void> {
    if (thread.kind === 'pr') {
      await this.octokit.rest.reactions.createForIssueComment({
        ...this.repo,
        comment_id: commentId,
        content
      })
    } else {
      await this.octokit.rest.reactions.createForCommitComment({
        ...this.repo,
        comment_id: commentId,
        content
      })
    }
  }

  // ---------------------------------------------------------------- permissions

  /**
   * The user's role: `role_name` tells maintain and triage apart (`permission` folds them into write and read); a
   * custom role falls back to its base `permission`. 404 (not a collaborator) is 'none'; any other error, after the
   * retries, is thrown so that the caller refuses.
   */
  async getPermission(username: string): Promise<Permission> {
    let data
    try {
      ;({ data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.repo, username }))
    } catch (e) {
      if (httpStatus(e) === 404) return 'none'
      throw e
    }
    const role = ROLES.find(r => r === data.role_name) ?? ROLES.find(r => r === data.permission)
    return role ?? 'none'
  }

  // ---------------------------------------------------------------- git data

  async createBlob(content: string): Promise<string> {
    const { data } = await this.octokit.rest.git.createBlob({
      ...this.repo,
      content: Buffer.from(content, 'utf8').toString('base64'),
      encoding: 'base64'
    })
    return data.sha
  }

  async getCommit(sha: string): Promise<{ sha: string; tree_sha: string; parents: string[] }> {
    const { data } = await this.octokit.rest.git.getCommit({ ...this.repo, commit_sha: sha })
    return { sha: data.sha, tree_sha: data.tree.sha, parents: data.parents.map(p => p.sha) }
  }

  async createTree(baseTree: string, files: { path: string; mode: string; sha: string }[]): Promise<string> {
    const tree = files.map(f => {
      const mode = TREE_MODES.find(m => m === f.mode)
      if (!mode) throw new Error(`Unsupported file mode ${JSON.stringify(f.mode)} for ${f.path}`)
      return { path: f.path, mode, type: typeOfMode(mode), sha: f.sha }
    })
    const { data } = await this.octokit.rest.git.createTree({ ...this.repo, base_tree: baseTree, tree })
    return data.sha
  }

  async createCommit(message: string, tree: string, parents: string[]): Promise<string> {
    const { data } = await this.octokit.rest.git.createCommit({ ...this.repo, message, tree, parents })
    return data.sha
  }

  /**
   * POST /git/refs; false when the ref already exists (another approve won). Not blindly retried: after a 5xx the
   * ref is read back — pointing at `sha`, our write landed (true); at another commit, someone else's did (false);
   * absent, the POST is tried again.
   */
  async createRef(ref: string, sha: string): Promise<boolean> {
    const name = fullRef(ref)
    for (let attempt = 1; ; attempt++) {
      try {
        await this.octokit.rest.git.createRef({ ...this.repo, ref: name, sha, request: { retries: 0 } })
        return true
      } catch (e) {
        if (httpStatus(e) === 422 && /already exists/i.test(String((e as Error).message))) return false
        if (!isTransient(e) || attempt >= WRITE_ATTEMPTS) throw e
        this.log(`Creating ${name} answered ${httpStatus(e)}; checking whether it exists before retrying`)
        await this.backoff(attempt)
        const now = await this.getRef(name)
        if (now !== undefined) return now === sha
      }
    }
  }

  async getRef(ref: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.git.getRef({
        ...this.repo,
        ref: fullRef(ref).slice('refs/'.length)
      })
      return data.object.sha
    } catch (e) {
      if (httpStatus(e) === 404) return undefined
      throw e
    }
  }
}

function typeOfMode(mode: TreeMode): 'blob' | 'tree' | 'commit' {
  return mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob'
}

function blobsOf(
  entries: { path?: string; mode?: string; type?: string; sha?: string }[],
  prefix: string
): { path: string; mode: string; sha: string }[] {
  const out: { path: string; mode: string; sha: string }[] = []
  for (const e of entries) {
    // Submodules (type commit, mode 160000) are kept so path checks can refuse writing into one.
    if ((e.type === 'blob' || e.type === 'commit') && e.path && e.mode && e.sha)
      out.push({ path: `${prefix}${e.path}`, mode: e.mode, sha: e.sha })
  }
  return out
}
