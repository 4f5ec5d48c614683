// A loopback GitHub REST API for one repository, for integration and end-to-end tests. The git data (blobs, trees,
// commits, refs, contents) lives in a real bare git repository in a temp dir; runs, jobs, logs, PRs, comments,
// reactions, permissions, labels and dispatches live in memory. Job logs answer 302 to a second loopback server
// ("blob storage") that refuses any request carrying an Authorization header, as the real one would make a token leak
// visible. Faults are injected at the HTTP layer. Plain Node (no jest): end-to-end tests run the built action as a
// child process with GITHUB_API_URL pointing here.
//
//   const gh = await startGitHub()                        // acme/widgets, token gh.token acts as github-actions[bot]
//   const sha = gh.push('main', { 'requirements.txt': 'numpy\n' })
//   const pr = gh.addPull({ head_sha: sha, head_ref: 'feature' })         // also creates refs/heads/feature
//   const run = gh.addRun({ head_sha: sha, event: 'pull_request', pull_requests: [pr.number] })
//   gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: 'E ModuleNotFoundError...' })
//   gh.setPermission('alice', 'write'); gh.addComment({ kind: 'pr', number: pr.number }, '/fixflow approve', alice)
//   gh.fail({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, afterSuccess: true })
//   ... run the action with GITHUB_API_URL=gh.url, INPUT_GITHUB-TOKEN=gh.token ...
//   gh.commentsOn({ kind: 'pr', number: pr.number }), gh.refs(), gh.readFileAt('fixflow/x', 'requirements.txt')
//   await gh.close()
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import { posix } from 'node:path'
import {
  GitStore,
  isSafeRev,
  isSafeTreePath,
  type CommitInfo,
  type SeedFile,
  type TreeEntry
} from './git-store.js'

export type { SeedFile, TreeEntry, CommitInfo } from './git-store.js'

export interface FakeUser {
  login: string
  type: 'User' | 'Bot'
}

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface FakeStep {
  name: string
  conclusion: string | null
  number: number
}

export interface FakeRun {
  id: number
  run_attempt: number
  name: string
  head_sha: string
  head_branch: string | null
  event: string
  status: string
  conclusion: string | null
  workflow_id: number
  path: string
  /** owner/repo the head commit lives in. */
  head_repository: string
  /** Numbers of the PRs the run belongs to (fork PRs are left out of the API answer, as GitHub does). */
  pull_requests: number[]
}

export interface FakeJob {
  id: number
  run_id: number
  run_attempt: number
  name: string
  status: string
  conclusion: string | null
  steps: FakeStep[]
}

export interface FakePull {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  merged: boolean
  head_ref: string
  head_sha: string
  /** owner/repo of the head branch; another repository for a fork PR. */
  head_repo: string
  base_ref: string
  user: FakeUser
  /** Every head SHA the PR had, oldest first (GET /commits/{sha}/pulls finds the PR by any of them). */
  shas: string[]
}

/** A plain issue (not a PR); its labels live in `labels` like a PR's. */
export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  user: FakeUser
  /** Who last edited the body (GraphQL `editor`); undefined until someone edits it. */
  editor?: FakeUser
}

export type ThreadRef = { kind: 'pr'; number: number } | { kind: 'commit'; sha: string }

export interface FakeComment {
  id: number
  /** 'issue' = a PR/issue thread comment, 'commit' = a commit comment. */
  kind: 'issue' | 'commit'
  issue_number?: number
  commit_id?: string
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
  html_url: string
}

export interface FakeReaction {
  id: number
  comment_id: number
  kind: 'issue' | 'commit'
  content: string
  user: FakeUser
}

export interface FakeWorkflow {
  id: number
  path: string
  /** Whether it declares `on: workflow_dispatch` (else a dispatch answers 422). */
  dispatch: boolean
}

export interface FakeDispatch {
  workflow_id: number
  ref: string
  inputs?: Record<string, unknown>
}

/** What setJobLog accepts: the log text, "expired" (410), or 404 for the first n requests then the text. */
export type LogSpec = string | Buffer | { status: 410 } | { notFoundTimes: number; text: string | Buffer }

export interface Fault {
  /** HTTP method to match (any when omitted). */
  method?: string
  /** Matched against the path without the query string, e.g. /\/issues\/\d+\/comments$/. */
  path: RegExp
  status: number
  /** How many matching requests fail (default 1; Infinity for "throughout"). */
  times?: number
  /** Perform the request, then answer with the error (a write that succeeded but reported failure). */
  afterSuccess?: boolean
  body?: unknown
  headers?: Record<string, string>
}

export interface RequestRecord {
  method: string
  /** Path without the query string. */
  path: string
  query: string
  /** The Authorization header as sent, when there was one. */
  auth?: string
  /** Parsed JSON body of a write, when there was one. */
  body?: unknown
  status: number
  userAgent?: string
}

export interface BlobRequestRecord {
  method: string
  path: string
  auth?: string
  status: number
}

export interface StartOptions {
  owner?: string
  repo?: string
  /** The token the action uses (default 'ghs_fixflow_test_token'); it acts as `bot`. */
  token?: string
  /** The identity behind `token` (default github-actions[bot], a Bot). */
  bot?: FakeUser
  defaultBranch?: string
  /** Base of html_url values (default https://github.com). */
  serverUrl?: string
}

export interface FakeGitHub {
  /** API base URL, for GITHUB_API_URL. */
  readonly url: string
  /** Base URL of the blob storage server. */
  readonly blobUrl: string
  readonly owner: string
  readonly repo: string
  /** owner/repo */
  readonly fullName: string
  readonly token: string
  readonly bot: FakeUser
  readonly defaultBranch: string
  /** The bare git repository (path) and its plumbing. */
  readonly gitDir: string
  readonly git: GitStore

  /** Every API request, in order (faulted ones too). */
  readonly requests: RequestRecord[]
  /** Every request to blob storage. */
  readonly blobRequests: BlobRequestRecord[]
  /** Number of API requests whose method matches and whose path matches `path`. */
  count(method: string | undefined, path: RegExp): number

  // ---- git data
  /** A commit of `files` (overlaid on `parent`'s tree when given); no ref moves. */
  seedCommit(files: Record<string, SeedFile>, parent?: string, message?: string): string
  /** seedCommit on top of the branch's head (or a root commit), then moves the branch there. */
  push(branch: string, files: Record<string, SeedFile>, message?: string): string
  /** The files of a directory on disk, for seedCommit/push. */
  readDir(dir: string): Record<string, SeedFile>
  setBranch(branch: string, sha: string): void
  /** SHA a branch points to, or undefined. */
  branchSha(branch: string): string | undefined
  /** All refs: { 'refs/heads/main': sha, ... }. */
  refs(): Record<string, string>
  /** File content at a ref or SHA, or undefined when absent. */
  readFileAt(ref: string, path: string): string | undefined
  /** Every blob path at a ref or SHA, with mode and SHA. */
  treeAt(ref: string): TreeEntry[]
  commitParents(sha: string): string[]
  commit(sha: string): CommitInfo | undefined

  // ---- actions
  addWorkflow(w?: Partial<FakeWorkflow>): FakeWorkflow
  addRun(r: Partial<FakeRun> & { head_sha: string }): FakeRun
  addJob(
    runId: number,
    j?: Partial<Omit<FakeJob, 'steps' | 'run_id'>> & {
      steps?: { name: string; conclusion: string | null }[]
      /** Shorthand: a job that failed in this step (after a successful 'Set up job'). */
      failedStep?: string
      log?: LogSpec
    }
  ): FakeJob
  setJobLog(jobId: number, spec: LogSpec): void
  readonly runs: Map<number, FakeRun>
  readonly jobs: Map<number, FakeJob>
  readonly workflows: Map<number, FakeWorkflow>
  readonly dispatches: FakeDispatch[]
  /** Accepted POST .../rerun-failed-jobs, in order: the run and the attempt that was re-run. */
  readonly reruns: { run_id: number; attempt: number }[]

  // ---- pulls, comments, people
  /** A PR; for a same-repository PR the head branch is created in git at `head_sha`. */
  addPull(p: Partial<FakePull> & { head_sha: string; head_ref: string }): FakePull
  /** A new head commit on the PR (moves the branch for a same-repository PR). */
  pushToPull(number: number, sha: string): void
  mergePull(number: number): void
  closePull(number: number): void
  readonly pulls: Map<number, FakePull>
  /** Another identity: requests with `token` act as `user`. */
  addToken(token: string, user: FakeUser): void
  setPermission(login: string, role: Role): void
  /** A comment by someone else (default: a User 'octocat'). */
  addComment(thread: ThreadRef, body: string, user?: FakeUser): FakeComment
  /** Every comment (issue and commit), in creation order. */
  readonly comments: FakeComment[]
  commentsOn(thread: ThreadRef): FakeComment[]
  readonly reactions: FakeReaction[]
  reactionsOn(commentId: number): string[]
  /** Labels per issue/PR number. */
  readonly labels: Map<number, string[]>
  /** A plain issue, by someone else unless `user` is given (the bot for FixFlow's own). */
  addIssue(i: Partial<FakeIssue> & { labels?: string[] }): FakeIssue
  readonly issues: Map<number, FakeIssue>

  // ---- faults
  fail(f: Fault): Fault
  /** 403 "You have exceeded a secondary rate limit" with retry-after (seconds, default 1). */
  secondaryRateLimit(f: {
    method?: string
    path: RegExp
    times?: number
    retryAfter?: number
    status?: 403 | 429
  }): Fault
  clearFaults(): void
  /**
   * Faults of log storage for the next `times` log downloads (default 1): after `afterBytes` bytes of the body
   * (default 0), `reset` resets the connection and `stall` sends nothing more (the connection stays open).
   */
  failBlob(f: { kind: 'reset' | 'stall'; times?: number; afterBytes?: number }): void
  /** Recursive trees with more entries than this answer truncated: true (default: never). */
  truncateTreesOver: number

  /**
   * The JSON GitHub would send for these objects, for building event payloads (GITHUB_EVENT_PATH): e.g.
   * `{ action: 'created', issue: { number, pull_request: {} }, comment: gh.payload.comment(c) }`.
   */
  readonly payload: {
    pull(number: number): Record<string, unknown>
    run(id: number): Record<string, unknown>
    job(id: number): Record<string, unknown>
    comment(c: FakeComment): Record<string, unknown>
    repository(): Record<string, unknown>
  }

  close(): Promise<void>
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

interface Ctx {
  method: string
  params: string[]
  query: URLSearchParams
  body: unknown
  user: FakeUser
  /** Full URL of this request without the query, for Link headers. */
  href: string
}

type Handler = (ctx: Ctx) => Reply

const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.'
const MAX_CONTENTS_BYTES = 1024 * 1024

const notFound = (): Reply => ({ status: 404, body: { message: 'Not Found' } })
const invalid = (message: string, errors?: unknown[]): Reply => ({
  status: 422,
  body: errors ? { message, errors } : { message }
})

function obj(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

/** GitHub wraps base64 content at 60 columns. */
function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n'
}

export async function startGitHub(opts: StartOptions = {}): Promise<FakeGitHub> {
  const owner = opts.owner ?? 'acme'
  const repo = opts.repo ?? 'widgets'
  const fullName = `${owner}/${repo}`
  const token = opts.token ?? 'ghs_fixflow_test_token'
  const bot: FakeUser = opts.bot ?? { login: 'github-actions[bot]', type: 'Bot' }
  const defaultBranch = opts.defaultBranch ?? 'main'
  const web = `${opts.serverUrl ?? 'https://github.com'}/${fullName}`
  const git = new GitStore(defaultBranch)

  const tokens = new Map<string, FakeUser>([[token, bot]])
  const permissions = new Map<string, Role>()
  const runs = new Map<number, FakeRun>()
  const jobs = new Map<number, FakeJob>()
  const logs = new Map<number, { text?: Buffer; gone?: boolean; notFoundLeft: number }>()
  const workflows = new Map<number, FakeWorkflow>()
  const dispatches: FakeDispatch[] = []
  const reruns: { run_id: number; attempt: number }[] = []
  const pulls = new Map<number, FakePull>()
  const comments: FakeComment[] = []
  const reactions: FakeReaction[] = []
  const labels = new Map<number, string[]>()
  const issues = new Map<number, FakeIssue>()
  const faults: (Fault & { left: number })[] = []
  const requests: RequestRecord[] = []
  const blobRequests: BlobRequestRecord[] = []
  const blobLinks = new Map<string, number>() // one-time-ish signed path -> job id
  const blobFaults: { kind: 'reset' | 'stall'; left: number; afterBytes: number }[] = []
  let nextId = 1000
  let nextNumber = 1
  let nextRunId = 100
  let nextJobId = 5000
  let nextWorkflowId = 1

  const now = (): string => new Date().toISOString()

  // ---------- JSON shapes, as GitHub returns them (only the fields clients read, plus a few for realism)
  const userJson = (u: FakeUser): Record<string, unknown> => ({ login: u.login, type: u.type, id: 1 })
  const repoJson = (name: string): Record<string, unknown> => ({
    full_name: name,
    name: name.split('/')[1],
    owner: { login: name.split('/')[0] }
  })
  const commentJson = (c: FakeComment): Record<string, unknown> => ({
    id: c.id,
    node_id: `C_${c.id}`,
    body: c.body,
    html_url: c.html_url,
    user: userJson(c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    ...(c.kind === 'commit' ? { commit_id: c.commit_id, path: null, position: null, line: null } : {}),
    ...(c.kind === 'issue' ? { issue_url: `${web}/issues/${c.issue_number}` } : {})
  })
  const pullJson = (p: FakePull): Record<string, unknown> => ({
    number: p.number,
    id: p.number + 900000,
    html_url: `${web}/pull/${p.number}`,
    state: p.state,
    title: p.title,
    body: p.body,
    merged: p.merged,
    merged_at: p.merged ? now() : null,
    draft: false,
    user: userJson(p.user),
    labels: (labels.get(p.number) ?? []).map(name => ({ name })),
    head: {
      ref: p.head_ref,
      sha: p.head_sha,
      label: `${p.head_repo.split('/')[0]}:${p.head_ref}`,
      repo: repoJson(p.head_repo)
    },
    base: {
      ref: p.base_ref,
      sha: git.resolveCommit(`refs/heads/${p.base_ref}`) ?? null,
      label: `${owner}:${p.base_ref}`,
      repo: repoJson(fullName)
    }
  })
  const runJson = (r: FakeRun): Record<string, unknown> => ({
    id: r.id,
    run_attempt: r.run_attempt,
    name: r.name,
    head_sha: r.head_sha,
    head_branch: r.head_branch,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflow_id,
    path: r.path,
    html_url: `${web}/actions/runs/${r.id}`,
    head_repository: repoJson(r.head_repository),
    repository: repoJson(fullName),
    pull_requests: r.pull_requests
      .map(n => pulls.get(n))
      .filter((p): p is FakePull => p !== undefined && p.head_repo === fullName)
      .map(p => ({
        number: p.number,
        head: { ref: p.head_ref, sha: p.head_sha, repo: repoJson(p.head_repo) },
        base: {
          ref: p.base_ref,
          sha: git.resolveCommit(`refs/heads/${p.base_ref}`) ?? '',
          repo: repoJson(fullName)
        }
      }))
  })
  const jobJson = (j: FakeJob): Record<string, unknown> => ({
    id: j.id,
    run_id: j.run_id,
    run_attempt: j.run_attempt,
    name: j.name,
    status: j.status,
    conclusion: j.conclusion,
    html_url: `${web}/actions/runs/${j.run_id}/job/${j.id}`,
    steps: j.steps
  })
  const refJson = (ref: string, sha: string): Record<string, unknown> => ({
    ref,
    object: { sha, type: 'commit' }
  })
  const commitJson = (c: CommitInfo): Record<string, unknown> => ({
    sha: c.sha,
    tree: { sha: c.tree },
    parents: c.parents.map(sha => ({ sha })),
    message: c.message.replace(/\n$/, ''),
    author: c.author,
    committer: c.committer,
    verification: { verified: false, reason: 'unsigned' }
  })

  /** Pages an array the way GitHub does (per_page, page, Link header with next/last). */
  const paged = (ctx: Ctx, items: unknown[], wrap?: (page: unknown[]) => unknown): Reply => {
    const perPage = Math.min(Math.max(Number(ctx.query.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1)
    const last = Math.max(Math.ceil(items.length / perPage), 1)
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const link = (p: number): string => {
      const q = new URLSearchParams(ctx.query)
      q.set('page', String(p))
      q.set('per_page', String(perPage))
      return `${ctx.href}?${q.toString()}`
    }
    const links: string[] = []
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
    if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
    return {
      status: 200,
      body: wrap ? wrap(slice) : slice,
      headers: links.length ? { link: links.join(', ') } : {}
    }
  }

  // ---------- helpers on state
  const pullOr404 = (n: string | undefined): FakePull | undefined => pulls.get(Number(n))
  const issueJson = (i: {
    number: number
    title: string
    body: string
    state: string
    user: FakeUser
  }): Record<string, unknown> => ({
    number: i.number,
    id: i.number + 800000,
    title: i.title,
    body: i.body,
    state: i.state,
    html_url: `${web}/issues/${i.number}`,
    user: userJson(i.user),
    labels: (labels.get(i.number) ?? []).map(name => ({ name }))
  })
  const addIssueState = (i: Partial<FakeIssue> & { labels?: string[] }): FakeIssue => {
    const number = i.number ?? nextNumber
    nextNumber = Math.max(nextNumber, number + 1)
    const issue: FakeIssue = {
      number,
      title: i.title ?? `Issue ${number}`,
      body: i.body ?? '',
      state: i.state ?? 'open',
      user: i.user ?? { login: 'octocat', type: 'User' }
    }
    issues.set(number, issue)
    if (i.labels?.length) labels.set(number, [...new Set(i.labels)])
    return issue
  }
  const findComment = (kind: 'issue' | 'commit', id: string | undefined): FakeComment | undefined =>
    comments.find(c => c.kind === kind && c.id === Number(id))
  const threadComments = (t: ThreadRef): FakeComment[] =>
    comments.filter(c =>
      t.kind === 'pr'
        ? c.kind === 'issue' && c.issue_number === t.number
        : c.kind === 'commit' && c.commit_id === t.sha
    )
  const newComment = (t: ThreadRef, body: string, user: FakeUser): FakeComment => {
    const id = nextId++
    const at = now()
    const c: FakeComment =
      t.kind === 'pr'
        ? {
            id,
            kind: 'issue',
            issue_number: t.number,
            body,
            user,
            created_at: at,
            updated_at: at,
            html_url: `${web}/pull/${t.number}#issuecomment-${id}`
          }
        : {
            id,
            kind: 'commit',
            commit_id: t.sha,
            body,
            user,
            created_at: at,
            updated_at: at,
            html_url: `${web}/commit/${t.sha}#commitcomment-${id}`
          }
    comments.push(c)
    return c
  }
  const react = (kind: 'issue' | 'commit', ctx: Ctx): Reply => {
    const c = findComment(kind, ctx.params[0])
    if (!c) return notFound()
    const content = str(obj(ctx.body).content)
    if (
      !content ||
      !['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(content)
    ) {
      return invalid('Validation Failed', [{ resource: 'Reaction', field: 'content', code: 'invalid' }])
    }
    const existing = reactions.find(
      r => r.comment_id === c.id && r.content === content && r.user.login === ctx.user.login
    )
    if (existing) return { status: 200, body: { id: existing.id, content, user: userJson(existing.user) } }
    const r: FakeReaction = { id: nextId++, comment_id: c.id, kind, content, user: ctx.user }
    reactions.push(r)
    return { status: 201, body: { id: r.id, content, user: userJson(r.user) } }
  }
  const resolveRef = (ref: string | undefined): string | undefined => {
    if (!ref) return git.resolveCommit(`refs/heads/${defaultBranch}`)
    if (/^[0-9a-f]{40}$/.test(ref)) return git.resolveCommit(ref)
    const name = ref.replace(/^refs\//, '')
    return (
      git.resolveCommit(`refs/${name}`) ??
      git.resolveCommit(`refs/heads/${name}`) ??
      git.resolveCommit(`refs/tags/${name}`)
    )
  }

  // ---------- routes (relative to /repos/{owner}/{repo})
  const routes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^$/,
      () => ({
        status: 200,
        body: { ...repoJson(fullName), default_branch: defaultBranch, html_url: web, private: true }
      })
    ],
    // Actions
    [
      'GET',
      /^\/actions\/runs\/(\d+)$/,
      ctx => {
        const r = runs.get(Number(ctx.params[0]))
        return r ? { status: 200, body: runJson(r) } : notFound()
      }
    ],
    [
      'GET',
      /^\/actions\/runs\/(\d+)\/attempts\/(\d+)\/jobs$/,
      ctx => {
        const r = runs.get(Number(ctx.params[0]))
        if (!r) return notFound()
        const list = [...jobs.values()].filter(
          j => j.run_id === r.id && j.run_attempt === Number(ctx.params[1])
        )
        return paged(ctx, list.map(jobJson), page => ({ total_count: list.length, jobs: page }))
      }
    ],
    [
      'GET',
      /^\/actions\/runs\/(\d+)\/jobs$/,
      ctx => {
        const r = runs.get(Number(ctx.params[0]))
        if (!r) return notFound()
        const all = ctx.query.get('filter') === 'all'
        const list = [...jobs.values()].filter(
          j => j.run_id === r.id && (all || j.run_attempt === r.run_attempt)
        )
        return paged(ctx, list.map(jobJson), page => ({ total_count: list.length, jobs: page }))
      }
    ],
    [
      'GET',
      /^\/actions\/jobs\/(\d+)$/,
      ctx => {
        const j = jobs.get(Number(ctx.params[0]))
        return j ? { status: 200, body: jobJson(j) } : notFound()
      }
    ],
    [
      'GET',
      /^\/actions\/jobs\/(\d+)\/logs$/,
      ctx => {
        const id = Number(ctx.params[0])
        const log = logs.get(id)
        if (!jobs.has(id) || !log) return notFound()
        if (log.gone) return { status: 410, body: { message: 'Gone' } }
        if (log.notFoundLeft > 0) {
          log.notFoundLeft--
          return notFound()
        }
        const sig = randomBytes(12).toString('hex')
        blobLinks.set(sig, id)
        return {
          status: 302,
          headers: { location: `${blobUrl}/logs/${id}/${sig}?sv=2024-01-01&se=soon&sig=${sig}` }
        }
      }
    ],
    [
      // Re-runs the failed jobs as a new attempt: the jobs that succeeded are carried over as they were, the others
      // are queued again. GitHub refuses (403) while the run is not completed; its message is not documented, so
      // clients must not depend on it.
      'POST',
      /^\/actions\/runs\/(\d+)\/rerun-failed-jobs$/,
      ctx => {
        const r = runs.get(Number(ctx.params[0]))
        if (!r) return notFound()
        if (r.status !== 'completed')
          return { status: 403, body: { message: 'This workflow run is not completed' } }
        reruns.push({ run_id: r.id, attempt: r.run_attempt })
        const previous = [...jobs.values()].filter(j => j.run_id === r.id && j.run_attempt === r.run_attempt)
        r.run_attempt++
        r.status = 'queued'
        r.conclusion = null
        for (const j of previous) {
          const again = j.conclusion !== 'success'
          const id = nextJobId++
          jobs.set(id, {
            ...j,
            id,
            run_attempt: r.run_attempt,
            status: again ? 'queued' : j.status,
            conclusion: again ? null : j.conclusion,
            steps: again ? [] : j.steps
          })
        }
        return { status: 201, body: {} }
      }
    ],
    [
      // Newest first, filtered by head_sha, branch, event and status (a status or a conclusion) as GitHub does.
      'GET',
      /^\/actions\/workflows\/([^/]+)\/runs$/,
      ctx => {
        const key = ctx.params[0] ?? ''
        const w = [...workflows.values()].find(x => String(x.id) === key || posix.basename(x.path) === key)
        if (!w) return notFound()
        const sha = ctx.query.get('head_sha')
        const event = ctx.query.get('event')
        const status = ctx.query.get('status')
        const branch = ctx.query.get('branch')
        const list = [...runs.values()]
          .filter(
            r =>
              r.workflow_id === w.id &&
              (!sha || r.head_sha === sha) &&
              (!branch || r.head_branch === branch) &&
              (!event || r.event === event) &&
              (!status || r.status === status || r.conclusion === status)
          )
          .sort((a, b) => b.id - a.id)
        return paged(ctx, list.map(runJson), page => ({ total_count: list.length, workflow_runs: page }))
      }
    ],
    [
      'POST',
      /^\/actions\/workflows\/([^/]+)\/dispatches$/,
      ctx => {
        const key = ctx.params[0] ?? ''
        const w = [...workflows.values()].find(x => String(x.id) === key || posix.basename(x.path) === key)
        if (!w) return notFound()
        if (!w.dispatch) return invalid("Workflow does not have 'workflow_dispatch' trigger")
        const b = obj(ctx.body)
        const ref = str(b.ref) ?? ''
        if (!resolveRef(ref)) return invalid(`No ref found for: ${ref}`)
        dispatches.push({ workflow_id: w.id, ref, ...(b.inputs ? { inputs: obj(b.inputs) } : {}) })
        return { status: 204 }
      }
    ],
    // Pulls
    [
      'GET',
      /^\/pulls\/(\d+)$/,
      ctx => {
        const p = pullOr404(ctx.params[0])
        return p ? { status: 200, body: pullJson(p) } : notFound()
      }
    ],
    [
      'GET',
      /^\/pulls$/,
      ctx => {
        const state = ctx.query.get('state') ?? 'open'
        const head = ctx.query.get('head')
        const base = ctx.query.get('base')
        const list = [...pulls.values()].filter(p => {
          if (state !== 'all' && p.state !== state) return false
          if (base && p.base_ref !== base) return false
          if (head) {
            const [who, branch] = head.includes(':') ? head.split(':', 2) : [owner, head]
            if (p.head_ref !== branch || p.head_repo.split('/')[0] !== who) return false
          }
          return true
        })
        return paged(ctx, list.map(pullJson))
      }
    ],
    [
      'POST',
      /^\/pulls$/,
      ctx => {
        const b = obj(ctx.body)
        const title = str(b.title)
        const headArg = str(b.head) ?? ''
        const base = str(b.base) ?? ''
        const [headOwner, headRef] = headArg.includes(':') ? headArg.split(':', 2) : [owner, headArg]
        if (!title)
          return invalid('Validation Failed', [
            { resource: 'PullRequest', field: 'title', code: 'missing_field' }
          ])
        const headSha =
          headOwner === owner && headRef ? git.resolveCommit(`refs/heads/${headRef}`) : undefined
        if (!headSha)
          return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }])
        if (!git.resolveCommit(`refs/heads/${base}`)) {
          return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
        }
        const dup = [...pulls.values()].find(
          p => p.state === 'open' && p.head_ref === headRef && p.base_ref === base && p.head_repo === fullName
        )
        if (dup) {
          return invalid('Validation Failed', [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${owner}:${headRef}.`
            }
          ])
        }
        const p = addPullState({
          title,
          body: str(b.body) ?? '',
          head_ref: headRef ?? '',
          head_sha: headSha,
          base_ref: base,
          user: ctx.user
        })
        return { status: 201, body: pullJson(p) }
      }
    ],
    [
      'PATCH',
      /^\/pulls\/(\d+)$/,
      ctx => {
        const p = pullOr404(ctx.params[0])
        if (!p) return notFound()
        const b = obj(ctx.body)
        if (b.state === 'open' || b.state === 'closed') p.state = b.state
        if (typeof b.title === 'string') p.title = b.title
        if (typeof b.body === 'string') p.body = b.body
        return { status: 200, body: pullJson(p) }
      }
    ],
    [
      'GET',
      /^\/commits\/([0-9a-f]{40})\/pulls$/,
      ctx => {
        const sha = ctx.params[0] ?? ''
        return paged(ctx, [...pulls.values()].filter(p => p.shas.includes(sha)).map(pullJson))
      }
    ],
    // Plain issues (the dashboard issue). GitHub lists PRs here too, marked with pull_request.
    [
      'GET',
      /^\/issues$/,
      ctx => {
        const want = (ctx.query.get('labels') ?? '').split(',').filter(Boolean)
        const state = ctx.query.get('state') ?? 'open'
        const creator = ctx.query.get('creator')
        const all = [
          ...[...issues.values()].map(i => ({
            n: i.number,
            state: i.state,
            user: i.user,
            json: issueJson(i)
          })),
          ...[...pulls.values()].map(p => ({
            n: p.number,
            state: p.state,
            user: p.user,
            json: { ...issueJson({ ...p }), pull_request: { url: `${web}/pull/${p.number}` } }
          }))
        ]
        return paged(
          ctx,
          all
            .filter(i => state === 'all' || i.state === state)
            .filter(i => !creator || i.user.login === creator)
            .filter(i => want.every(l => (labels.get(i.n) ?? []).includes(l)))
            .sort((a, b) => b.n - a.n)
            .map(i => i.json)
        )
      }
    ],
    [
      'POST',
      /^\/issues$/,
      ctx => {
        const b = obj(ctx.body)
        const title = str(b.title)
        if (!title)
          return invalid('Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }])
        const body = str(b.body) ?? ''
        if (body.length > 65536)
          return invalid('Validation Failed', [{ resource: 'Issue', field: 'body', code: 'custom' }])
        const names = Array.isArray(b.labels)
          ? b.labels.filter((l): l is string => typeof l === 'string')
          : []
        const issue = addIssueState({ title, body, user: ctx.user, labels: names })
        return { status: 201, body: issueJson(issue) }
      }
    ],
    [
      'GET',
      /^\/issues\/(\d+)$/,
      ctx => {
        const i = issues.get(Number(ctx.params[0]))
        return i ? { status: 200, body: issueJson(i) } : notFound()
      }
    ],
    [
      'PATCH',
      /^\/issues\/(\d+)$/,
      ctx => {
        const i = issues.get(Number(ctx.params[0]))
        if (!i) return notFound()
        const b = obj(ctx.body)
        if (typeof b.body === 'string') {
          if (b.body.length > 65536)
            return invalid('Validation Failed', [{ resource: 'Issue', field: 'body', code: 'custom' }])
          i.body = b.body
          i.editor = ctx.user
        }
        if (typeof b.title === 'string') i.title = b.title
        if (b.state === 'open' || b.state === 'closed') i.state = b.state
        return { status: 200, body: issueJson(i) }
      }
    ],
    // Issue (PR) comments, labels, reactions
    [
      'GET',
      /^\/issues\/(\d+)\/comments$/,
      ctx => {
        const p = pullOr404(ctx.params[0])
        return p ? paged(ctx, threadComments({ kind: 'pr', number: p.number }).map(commentJson)) : notFound()
      }
    ],
    [
      'POST',
      /^\/issues\/(\d+)\/comments$/,
      ctx => {
        const p = pullOr404(ctx.params[0])
        if (!p) return notFound()
        const body = str(obj(ctx.body).body)
        if (!body)
          return invalid('Validation Failed', [
            { resource: 'IssueComment', field: 'body', code: 'missing_field' }
          ])
        if (body.length > 65536)
          return invalid('Validation Failed', [
            {
              resource: 'IssueComment',
              field: 'body',
              code: 'custom',
              message: 'body is too long (maximum is 65536 characters)'
            }
          ])
        return {
          status: 201,
          body: commentJson(newComment({ kind: 'pr', number: p.number }, body, ctx.user))
        }
      }
    ],
    [
      'GET',
      /^\/issues\/comments\/(\d+)$/,
      ctx => {
        const c = findComment('issue', ctx.params[0])
        return c ? { status: 200, body: commentJson(c) } : notFound()
      }
    ],
    [
      'PATCH',
      /^\/issues\/comments\/(\d+)$/,
      ctx => {
        const c = findComment('issue', ctx.params[0])
        if (!c) return notFound()
        const body = str(obj(ctx.body).body)
        if (!body) return invalid('Validation Failed')
        if (body.length > 65536)
          return invalid('Validation Failed', [
            {
              resource: 'IssueComment',
              field: 'body',
              code: 'custom',
              message: 'body is too long (maximum is 65536 characters)'
            }
          ])
        c.body = body
        c.updated_at = now()
        return { status: 200, body: commentJson(c) }
      }
    ],
    ['POST', /^\/issues\/comments\/(\d+)\/reactions$/, ctx => react('issue', ctx)],
    [
      'POST',
      /^\/issues\/(\d+)\/labels$/,
      ctx => {
        const p = pullOr404(ctx.params[0])
        if (!p) return notFound()
        const given = Array.isArray(ctx.body) ? ctx.body : obj(ctx.body).labels
        if (!Array.isArray(given)) return invalid('Validation Failed')
        const names = given.map(l => (typeof l === 'string' ? l : (str(obj(l).name) ?? '')))
        const have = labels.get(p.number) ?? []
        for (const n of names) if (n && !have.includes(n)) have.push(n)
        labels.set(p.number, have)
        return { status: 200, body: have.map(name => ({ name })) }
      }
    ],
    // Commit comments and reactions
    [
      'GET',
      /^\/commits\/([0-9a-f]{40})\/comments$/,
      ctx => {
        const sha = ctx.params[0] ?? ''
        if (git.typeOf(sha) !== 'commit') return notFound()
        return paged(ctx, threadComments({ kind: 'commit', sha }).map(commentJson))
      }
    ],
    [
      'POST',
      /^\/commits\/([0-9a-f]{40})\/comments$/,
      ctx => {
        const sha = ctx.params[0] ?? ''
        if (git.typeOf(sha) !== 'commit')
          return invalid('Validation Failed', [
            { resource: 'CommitComment', field: 'commit_id', code: 'invalid' }
          ])
        const body = str(obj(ctx.body).body)
        if (!body) return invalid('Validation Failed')
        return { status: 201, body: commentJson(newComment({ kind: 'commit', sha }, body, ctx.user)) }
      }
    ],
    [
      'GET',
      /^\/comments\/(\d+)$/,
      ctx => {
        const c = findComment('commit', ctx.params[0])
        return c ? { status: 200, body: commentJson(c) } : notFound()
      }
    ],
    [
      'PATCH',
      /^\/comments\/(\d+)$/,
      ctx => {
        const c = findComment('commit', ctx.params[0])
        if (!c) return notFound()
        const body = str(obj(ctx.body).body)
        if (!body) return invalid('Validation Failed')
        c.body = body
        c.updated_at = now()
        return { status: 200, body: commentJson(c) }
      }
    ],
    ['POST', /^\/comments\/(\d+)\/reactions$/, ctx => react('commit', ctx)],
    // People
    [
      'GET',
      /^\/collaborators\/([^/]+)\/permission$/,
      ctx => {
        const login = ctx.params[0] ?? ''
        const role = permissions.get(login) ?? 'none'
        const permission = {
          admin: 'admin',
          maintain: 'write',
          write: 'write',
          triage: 'read',
          read: 'read',
          none: 'none'
        }[role]
        return { status: 200, body: { permission, role_name: role, user: { login, type: 'User' } } }
      }
    ],
    // Contents
    [
      'GET',
      /^\/contents\/(.+)$/,
      ctx => {
        const path = ctx.params[0] ?? ''
        const commit = resolveRef(ctx.query.get('ref') ?? undefined)
        if (!commit || !isSafeTreePath(path)) return notFound()
        const entry = git.lsTree(commit, { path }).find(e => e.path === path)
        if (!entry) return notFound()
        return { status: 200, body: contentsJson(commit, entry) }
      }
    ],
    // Git data
    [
      'POST',
      /^\/git\/blobs$/,
      ctx => {
        const b = obj(ctx.body)
        const content = str(b.content)
        if (content === undefined) return invalid('Invalid request.\n\n"content" wasn\'t supplied.')
        const buf = b.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8')
        const sha = git.hashBlob(buf)
        return { status: 201, body: { sha, url: `${apiRepo}/git/blobs/${sha}` } }
      }
    ],
    [
      'GET',
      /^\/git\/blobs\/([0-9a-f]{40})$/,
      ctx => {
        const sha = ctx.params[0] ?? ''
        if (git.typeOf(sha) !== 'blob') return notFound()
        const buf = git.readBlob(sha)
        return { status: 200, body: { sha, size: buf.length, content: base64Lines(buf), encoding: 'base64' } }
      }
    ],
    [
      'GET',
      /^\/git\/trees\/(.+)$/,
      ctx => {
        const tree = git.resolveTree(ctx.params[0] ?? '')
        if (!tree) return notFound()
        const recursive = ['1', 'true'].includes(ctx.query.get('recursive') ?? '')
        let entries = git.lsTree(tree, { recursive, withTrees: recursive })
        const truncated = recursive && entries.length > state.truncateTreesOver
        if (truncated) entries = entries.slice(0, state.truncateTreesOver)
        return {
          status: 200,
          body: {
            sha: tree,
            truncated,
            tree: entries.map(e => ({
              path: e.path,
              mode: e.mode,
              type: e.type,
              sha: e.sha,
              ...(e.size !== undefined ? { size: e.size } : {})
            }))
          }
        }
      }
    ],
    ['POST', /^\/git\/trees$/, ctx => createTree(ctx)],
    [
      'GET',
      /^\/git\/commits\/([0-9a-f]{40})$/,
      ctx => {
        const c = git.commitInfo(ctx.params[0] ?? '')
        return c ? { status: 200, body: commitJson(c) } : notFound()
      }
    ],
    [
      'POST',
      /^\/git\/commits$/,
      ctx => {
        const b = obj(ctx.body)
        const message = str(b.message)
        const tree = str(b.tree) ?? ''
        const parents = Array.isArray(b.parents) ? b.parents : []
        if (message === undefined) return invalid('Invalid request.\n\n"message" wasn\'t supplied.')
        if (git.typeOf(tree) !== 'tree') return invalid('Tree SHA does not exist')
        if (!parents.every(p => typeof p === 'string' && git.typeOf(p) === 'commit')) {
          return invalid('Parent SHA does not exist or is not a commit object')
        }
        const sig = (v: unknown): { name: string; email: string; date?: string } | undefined => {
          const o = obj(v)
          const name = str(o.name)
          const email = str(o.email)
          return name && email ? { name, email, ...(str(o.date) ? { date: str(o.date) } : {}) } : undefined
        }
        const who =
          ctx.user.type === 'Bot'
            ? { name: ctx.user.login, email: `41898282+${ctx.user.login}@users.noreply.github.com` }
            : { name: ctx.user.login, email: `${ctx.user.login}@users.noreply.github.com` }
        const sha = git.commitTree(
          tree,
          parents as string[],
          message,
          sig(b.author) ?? who,
          sig(b.committer) ?? who
        )
        const info = git.commitInfo(sha)
        return info
          ? { status: 201, body: commitJson(info) }
          : { status: 500, body: { message: 'commit vanished' } }
      }
    ],
    [
      'POST',
      /^\/git\/refs$/,
      ctx => {
        const b = obj(ctx.body)
        const ref = str(b.ref) ?? ''
        const sha = str(b.sha) ?? ''
        if (!/^refs\/[^/]+\/.+/.test(ref) || !validRefName(ref)) {
          return invalid("Reference name must start with 'refs/' and have at least two slashes.")
        }
        if (git.typeOf(sha) !== 'commit') return invalid('Object does not exist')
        // Compare-and-swap against "absent": two concurrent creators cannot both win.
        if (!git.updateRef(ref, sha, '')) return invalid('Reference already exists')
        return { status: 201, body: refJson(ref, sha) }
      }
    ],
    [
      'GET',
      /^\/git\/ref\/(.+)$/,
      ctx => {
        const ref = `refs/${ctx.params[0] ?? ''}`
        const sha = validRefName(ref) ? git.refs()[ref] : undefined
        return sha ? { status: 200, body: refJson(ref, sha) } : notFound()
      }
    ],
    [
      'PATCH',
      /^\/git\/refs\/(.+)$/,
      ctx => {
        const ref = `refs/${ctx.params[0] ?? ''}`
        const old = validRefName(ref) ? git.refs()[ref] : undefined
        if (!old) return invalid('Reference does not exist')
        const b = obj(ctx.body)
        const sha = str(b.sha) ?? ''
        if (git.typeOf(sha) !== 'commit') return invalid('Object does not exist')
        if (b.force !== true && !git.isAncestor(old, sha)) return invalid('Update is not a fast forward')
        if (!git.updateRef(ref, sha, old)) return invalid('Reference update failed')
        return { status: 200, body: refJson(ref, sha) }
      }
    ]
  ]

  const validRefName = (ref: string): boolean => {
    if (!isSafeRev(ref)) return false
    try {
      git.git(['check-ref-format', ref])
      return true
    } catch {
      return false
    }
  }

  const contentsJson = (commit: string, entry: TreeEntry): unknown => {
    const name = posix.basename(entry.path)
    const base = { name, path: entry.path, sha: entry.sha }
    if (entry.type === 'tree') {
      return git.lsTree(entry.sha).map(e => ({
        name: posix.basename(e.path),
        path: posix.join(entry.path, e.path),
        sha: e.sha,
        size: e.size ?? 0,
        type:
          e.type === 'tree'
            ? 'dir'
            : e.type === 'commit'
              ? 'submodule'
              : e.mode === '120000'
                ? 'symlink'
                : 'file'
      }))
    }
    if (entry.type === 'commit')
      return { ...base, type: 'submodule', size: 0, submodule_git_url: 'https://example.invalid/sub.git' }
    if (entry.mode === '120000') {
      // GitHub follows a symlink whose target is a regular file in the repository and answers with that file.
      const target = git.readBlob(entry.sha).toString('utf8')
      const resolved = posix.normalize(posix.join(posix.dirname(entry.path), target))
      const hit = isSafeTreePath(resolved)
        ? git.lsTree(commit, { path: resolved }).find(e => e.path === resolved)
        : undefined
      if (hit && hit.type === 'blob' && hit.mode !== '120000') return contentsJson(commit, hit)
      return { ...base, type: 'symlink', target, size: target.length }
    }
    const size = entry.size ?? 0
    if (size > MAX_CONTENTS_BYTES) return { ...base, type: 'file', size, encoding: 'none', content: '' }
    return { ...base, type: 'file', size, encoding: 'base64', content: base64Lines(git.readBlob(entry.sha)) }
  }

  const createTree = (ctx: Ctx): Reply => {
    const b = obj(ctx.body)
    const entries = b.tree
    if (!Array.isArray(entries)) return invalid('Invalid tree info')
    const baseTree = str(b.base_tree)
    if (baseTree !== undefined && !git.resolveTree(baseTree))
      return invalid('base_tree is not a valid tree oid')
    const flat = baseTree
      ? git.flatTree(git.resolveTree(baseTree) ?? '')
      : new Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }>()
    for (const raw of entries) {
      const e = obj(raw)
      const path = str(e.path) ?? ''
      const mode = str(e.mode) ?? ''
      if (!isSafeTreePath(path)) return invalid(`tree.path contains a malformed path component`)
      if (!['100644', '100755', '120000', '160000', '040000'].includes(mode))
        return invalid(`tree.mode is invalid`)
      for (const existing of [...flat.keys()]) if (existing.startsWith(`${path}/`)) flat.delete(existing)
      flat.delete(path)
      if (e.sha === null) continue
      let sha = str(e.sha)
      if (sha === undefined && typeof e.content === 'string') sha = git.hashBlob(e.content)
      if (sha === undefined) return invalid('Must supply tree.sha or tree.content')
      if (mode === '040000') {
        if (git.typeOf(sha) !== 'tree') return invalid('Invalid tree info')
        for (const [p, sub] of git.flatTree(sha)) flat.set(`${path}/${p}`, sub)
        continue
      }
      if (mode === '160000') {
        flat.set(path, { mode, type: 'commit', sha })
        continue
      }
      if (git.typeOf(sha) !== 'blob') return invalid('Invalid tree info')
      flat.set(path, { mode, type: 'blob', sha })
    }
    const sha = git.mkTree(flat)
    return {
      status: 201,
      body: {
        sha,
        truncated: false,
        tree: git.lsTree(sha).map(e => ({ path: e.path, mode: e.mode, type: e.type, sha: e.sha }))
      }
    }
  }

  const addPullState = (p: Partial<FakePull> & { head_sha: string; head_ref: string }): FakePull => {
    const number = p.number ?? nextNumber
    nextNumber = Math.max(nextNumber, number + 1)
    const pull: FakePull = {
      number,
      title: p.title ?? `PR ${number}`,
      body: p.body ?? '',
      state: p.state ?? 'open',
      merged: p.merged ?? false,
      head_ref: p.head_ref,
      head_sha: p.head_sha,
      head_repo: p.head_repo ?? fullName,
      base_ref: p.base_ref ?? defaultBranch,
      user: p.user ?? { login: 'octocat', type: 'User' },
      shas: p.shas ?? [p.head_sha]
    }
    pulls.set(number, pull)
    return pull
  }

  // ---------- HTTP plumbing
  const apiPrefix = `/repos/${owner}/${repo}`
  let apiRepo = ''
  let blobUrl = ''

  const readBody = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const parts: Buffer[] = []
      req.on('data', (c: Buffer) => parts.push(c))
      req.on('end', () => resolve(Buffer.concat(parts)))
      req.on('error', reject)
    })

  const send = (res: ServerResponse, reply: Reply): void => {
    const headers: Record<string, string> = {
      'x-github-request-id': randomBytes(4).toString('hex'),
      ...reply.headers
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end()
      return
    }
    const text = JSON.stringify(reply.body)
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(text)
  }

  // GraphQL: only what the client asks, `alias: object(expression: $var) { ... on Blob { ... } }` on this repository.
  const graphql = (body: unknown, user: FakeUser): Reply => {
    const b = (body ?? {}) as { query?: string; variables?: Record<string, string | number> }
    const q = b.query ?? ''
    const vars = b.variables ?? {}
    // The token's own identity, as GitHub answers it for every kind of token (an installation's bot included).
    if (/^\s*query\s*\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(q))
      return { status: 200, body: { data: { viewer: { login: user.login } } } }
    if (vars.owner !== owner || vars.name !== repo)
      return { status: 200, body: { data: { repository: null } } }
    const repository: Record<string, unknown> = {}
    // The dashboard issue's last editor: `issue(number: $number) { editor { __typename login } }`.
    if (/issue\(number:\s*\$number\)/.test(q)) {
      const i = issues.get(Number(vars.number))
      repository.issue = i
        ? {
            editor: i.editor
              ? { __typename: i.editor.type === 'Bot' ? 'Bot' : 'User', login: i.editor.login }
              : null
          }
        : null
    }
    for (const m of q.matchAll(/(\w+):\s*object\(expression:\s*\$(\w+)\)/g)) {
      const expr = String(vars[m[2] ?? ''] ?? '')
      const cut = expr.indexOf(':')
      const rev = expr.slice(0, cut)
      const file = expr.slice(cut + 1)
      const commit = cut > 0 && isSafeTreePath(file) ? resolveRef(rev) : undefined
      const entry = commit
        ? git.lsTree(commit, { path: file }).find(x => x.path === file && x.type === 'blob')
        : undefined
      const text = entry ? git.readBlob(entry.sha).toString('utf8') : undefined
      repository[m[1] ?? ''] =
        entry && text !== undefined
          ? { oid: entry.sha, text, isBinary: text.includes('\u0000'), isTruncated: false }
          : null
    }
    return { status: 200, body: { data: { repository } } }
  }

  const route = (method: string, rest: string, ctx: Omit<Ctx, 'params'>): Reply => {
    for (const [m, re, handler] of routes) {
      if (m !== method) continue
      const match = re.exec(rest)
      if (match) return handler({ ...ctx, params: match.slice(1).map(s => decodeURIComponent(s)) })
    }
    return notFound()
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const auth = req.headers.authorization
    const raw = await readBody(req)
    let body: unknown
    const record: RequestRecord = {
      method,
      path,
      query: url.search,
      status: 0,
      ...(auth ? { auth } : {}),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {})
    }
    requests.push(record)
    const reply = (r: Reply): void => {
      record.status = r.status
      send(res, r)
    }
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'))
        record.body = body
      } catch {
        reply({ status: 400, body: { message: 'Problems parsing JSON' } })
        return
      }
    }
    const tokenValue = auth?.replace(/^(token|bearer)\s+/i, '')
    const user = tokenValue ? tokens.get(tokenValue) : undefined
    if (!user) {
      reply({ status: 401, body: { message: 'Bad credentials' } })
      return
    }
    const fault = faults.find(
      f => f.left > 0 && (!f.method || f.method.toUpperCase() === method) && f.path.test(path)
    )
    if (fault) fault.left--
    const faultReply = (f: Fault): Reply => ({
      status: f.status,
      body: f.body ?? { message: `Injected ${f.status}` },
      headers: f.headers ?? {}
    })
    if (fault && !fault.afterSuccess) {
      reply(faultReply(fault))
      return
    }
    let result: Reply
    if (path === '/user' && method === 'GET') {
      // Installation tokens (GITHUB_TOKEN) may not read /user, as on GitHub.
      result =
        user.type === 'Bot'
          ? { status: 403, body: { message: 'Resource not accessible by integration' } }
          : { status: 200, body: userJson(user) }
    } else if (path === '/graphql' && method === 'POST') {
      result = graphql(body, user)
    } else if (path === apiPrefix || path.startsWith(`${apiPrefix}/`)) {
      try {
        result = route(method, path.slice(apiPrefix.length), {
          method,
          query: url.searchParams,
          body,
          user,
          href: `${apiBase}${path}`
        })
      } catch (e) {
        result = {
          status: 500,
          body: { message: `fake GitHub error: ${e instanceof Error ? e.message : String(e)}` }
        }
      }
    } else {
      result = notFound()
    }
    reply(fault ? faultReply(fault) : result)
  }

  const handleBlob = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const auth = req.headers.authorization
    const record: BlobRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 0,
      ...(auth ? { auth } : {})
    }
    blobRequests.push(record)
    const end = (status: number, text: string): void => {
      record.status = status
      res.writeHead(status, { 'content-type': 'application/xml' }).end(text)
    }
    if (auth) {
      // Pre-signed URLs carry their own signature; a forwarded token is rejected (and recorded).
      end(
        403,
        '<Error><Code>AuthenticationFailed</Code><Message>Authorization header not allowed</Message></Error>'
      )
      return
    }
    const m = /^\/logs\/(\d+)\/([0-9a-f]+)$/.exec(url.pathname)
    const jobId = m ? blobLinks.get(m[2] ?? '') : undefined
    const text =
      jobId !== undefined && url.searchParams.get('sig') === m?.[2] ? logs.get(jobId)?.text : undefined
    if (!text) {
      end(404, '<Error><Code>BlobNotFound</Code></Error>')
      return
    }
    record.status = 200
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(text.length) })
    const blobFault = blobFaults.find(f => f.left > 0)
    if (blobFault) {
      blobFault.left--
      res.write(text.subarray(0, blobFault.afterBytes))
      // A reset: RST on the socket mid-body. A stall: the rest never comes (close() ends the connection).
      if (blobFault.kind === 'reset') setTimeout(() => req.socket.resetAndDestroy(), 20)
      return
    }
    // Written in chunks with backpressure so clients really stream (and can stop early).
    let offset = 0
    const pump = (): void => {
      while (offset < text.length) {
        const chunk = text.subarray(offset, offset + 64 * 1024)
        offset += chunk.length
        if (!res.write(chunk)) {
          res.once('drain', pump)
          return
        }
      }
      res.end()
    }
    res.on('error', () => undefined)
    pump()
  }

  const listen = (server: Server): Promise<string> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const addr = server.address()
        if (addr === null || typeof addr === 'string') reject(new Error('no address'))
        else resolve(`http://127.0.0.1:${addr.port}`)
      })
    })

  const api = createServer((req, res) => {
    handleApi(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: String(e) } })
    })
  })
  const blobs = createServer(handleBlob)
  const apiBase = await listen(api)
  blobUrl = await listen(blobs)
  apiRepo = `${apiBase}${apiPrefix}`

  const logState = (spec: LogSpec): { text?: Buffer; gone?: boolean; notFoundLeft: number } => {
    if (typeof spec === 'string') return { text: Buffer.from(spec, 'utf8'), notFoundLeft: 0 }
    if (Buffer.isBuffer(spec)) return { text: spec, notFoundLeft: 0 }
    if ('status' in spec) return { gone: true, notFoundLeft: 0 }
    return {
      text: Buffer.isBuffer(spec.text) ? spec.text : Buffer.from(spec.text, 'utf8'),
      notFoundLeft: spec.notFoundTimes
    }
  }

  const state: FakeGitHub = {
    url: apiBase,
    blobUrl,
    owner,
    repo,
    fullName,
    token,
    bot,
    defaultBranch,
    gitDir: git.dir,
    git,
    requests,
    blobRequests,
    count: (method, path) =>
      requests.filter(r => (!method || r.method === method.toUpperCase()) && path.test(r.path)).length,

    seedCommit: (files, parent, message) => git.seedCommit(files, parent, message),
    push: (branch, files, message) => {
      const parent = git.resolveCommit(`refs/heads/${branch}`)
      const sha = git.seedCommit(files, parent, message ?? `update ${branch}`)
      git.updateRef(`refs/heads/${branch}`, sha)
      return sha
    },
    readDir: dir => GitStore.readDir(dir),
    setBranch: (branch, sha) => {
      if (!git.updateRef(`refs/heads/${branch}`, sha)) throw new Error(`setBranch ${branch} -> ${sha} failed`)
    },
    branchSha: branch => git.refs()[`refs/heads/${branch}`],
    refs: () => git.refs(),
    readFileAt: (ref, path) => {
      const commit = resolveRef(ref)
      if (!commit || !isSafeTreePath(path)) return undefined
      const e = git.lsTree(commit, { path }).find(x => x.path === path)
      return e && e.type === 'blob' ? git.readBlob(e.sha).toString('utf8') : undefined
    },
    treeAt: ref => {
      const commit = resolveRef(ref)
      return commit ? git.lsTree(commit, { recursive: true }) : []
    },
    commitParents: sha => git.commitInfo(sha)?.parents ?? [],
    commit: sha => git.commitInfo(sha),

    addWorkflow: (w = {}) => {
      const id = w.id ?? nextWorkflowId++
      nextWorkflowId = Math.max(nextWorkflowId, id + 1)
      const wf: FakeWorkflow = {
        id,
        path: w.path ?? `.github/workflows/ci-${id}.yml`,
        dispatch: w.dispatch ?? true
      }
      workflows.set(id, wf)
      return wf
    },
    addRun: r => {
      const id = r.id ?? nextRunId++
      nextRunId = Math.max(nextRunId, id + 1)
      let wf = r.workflow_id !== undefined ? workflows.get(r.workflow_id) : undefined
      wf ??= state.addWorkflow({
        ...(r.workflow_id !== undefined ? { id: r.workflow_id } : {}),
        path: r.path ?? '.github/workflows/ci.yml'
      })
      const run: FakeRun = {
        id,
        run_attempt: r.run_attempt ?? 1,
        name: r.name ?? 'CI',
        head_sha: r.head_sha,
        head_branch: r.head_branch === undefined ? defaultBranch : r.head_branch,
        event: r.event ?? 'push',
        status: r.status ?? 'completed',
        conclusion: r.conclusion === undefined ? 'failure' : r.conclusion,
        workflow_id: wf.id,
        path: r.path ?? wf.path,
        head_repository: r.head_repository ?? fullName,
        pull_requests: r.pull_requests ?? []
      }
      runs.set(id, run)
      return run
    },
    addJob: (runId, j = {}) => {
      const run = runs.get(runId)
      if (!run) throw new Error(`addJob: no run ${runId}`)
      const id = j.id ?? nextJobId++
      nextJobId = Math.max(nextJobId, id + 1)
      const steps =
        j.steps ??
        (j.failedStep !== undefined
          ? [
              { name: 'Set up job', conclusion: 'success' },
              { name: j.failedStep, conclusion: 'failure' },
              { name: 'Complete job', conclusion: 'success' }
            ]
          : [{ name: 'Set up job', conclusion: 'success' }])
      const job: FakeJob = {
        id,
        run_id: runId,
        run_attempt: j.run_attempt ?? run.run_attempt,
        name: j.name ?? `job-${id}`,
        status: j.status ?? 'completed',
        conclusion:
          j.conclusion === undefined ? (j.failedStep !== undefined ? 'failure' : 'success') : j.conclusion,
        steps: steps.map((s, i) => ({ name: s.name, conclusion: s.conclusion, number: i + 1 }))
      }
      jobs.set(id, job)
      if (j.log !== undefined) logs.set(id, logState(j.log))
      return job
    },
    setJobLog: (jobId, spec) => {
      logs.set(jobId, logState(spec))
    },
    runs,
    jobs,
    workflows,
    dispatches,
    reruns,

    addPull: p => {
      const pull = addPullState(p)
      if (pull.head_repo === fullName) git.updateRef(`refs/heads/${pull.head_ref}`, pull.head_sha)
      return pull
    },
    pushToPull: (number, sha) => {
      const p = pulls.get(number)
      if (!p) throw new Error(`pushToPull: no PR ${number}`)
      p.head_sha = sha
      p.shas.push(sha)
      if (p.head_repo === fullName) git.updateRef(`refs/heads/${p.head_ref}`, sha)
    },
    mergePull: number => {
      const p = pulls.get(number)
      if (!p) throw new Error(`mergePull: no PR ${number}`)
      p.state = 'closed'
      p.merged = true
    },
    closePull: number => {
      const p = pulls.get(number)
      if (!p) throw new Error(`closePull: no PR ${number}`)
      p.state = 'closed'
    },
    pulls,
    addToken: (t, user) => {
      tokens.set(t, user)
    },
    setPermission: (login, role) => {
      permissions.set(login, role)
    },
    addComment: (thread, body, user = { login: 'octocat', type: 'User' }) => newComment(thread, body, user),
    comments,
    commentsOn: thread => threadComments(thread),
    reactions,
    reactionsOn: commentId => reactions.filter(r => r.comment_id === commentId).map(r => r.content),
    labels,
    issues,
    addIssue: addIssueState,

    fail: f => {
      faults.push({ ...f, left: f.times ?? 1 })
      return f
    },
    secondaryRateLimit: f =>
      state.fail({
        ...(f.method ? { method: f.method } : {}),
        path: f.path,
        status: f.status ?? 403,
        times: f.times ?? 1,
        body: {
          message: SECONDARY_MESSAGE,
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
        },
        headers: { 'retry-after': String(f.retryAfter ?? 1), 'x-ratelimit-remaining': '4000' }
      }),
    failBlob: f => {
      blobFaults.push({ kind: f.kind, left: f.times ?? 1, afterBytes: f.afterBytes ?? 0 })
    },
    clearFaults: () => {
      faults.length = 0
      blobFaults.length = 0
    },
    truncateTreesOver: Infinity,
    payload: {
      pull: number => {
        const p = pulls.get(number)
        if (!p) throw new Error(`payload.pull: no PR ${number}`)
        return pullJson(p)
      },
      run: id => {
        const r = runs.get(id)
        if (!r) throw new Error(`payload.run: no run ${id}`)
        return runJson(r)
      },
      job: id => {
        const j = jobs.get(id)
        if (!j) throw new Error(`payload.job: no job ${id}`)
        return jobJson(j)
      },
      comment: c => commentJson(c),
      repository: () => ({ ...repoJson(fullName), default_branch: defaultBranch, html_url: web })
    },

    close: async () => {
      const stop = (s: Server): Promise<void> =>
        new Promise(resolve => {
          s.closeAllConnections()
          s.close(() => resolve())
        })
      await Promise.all([stop(api), stop(blobs)])
      git.remove()
    }
  }
  return state
}
