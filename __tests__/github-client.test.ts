// GitHubClient through the real Octokit (retry + throttling plugins) against the loopback GitHub API, whose git data
// lives in a real git repository.
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubClient, keepTail } from '../src/github/client.js'
import { LogDownloadError, LogUnavailableError, type Thread } from '../src/github/api.js'
import { startGitHub, type FakeGitHub } from './support/github-server.js'

let gh: FakeGitHub
let client: GitHubClient
let base: string
const notes: string[] = []
const MARKER = '<!-- fixflow:run-1 -->'

function newClient(token = gh.token): GitHubClient {
  return new GitHubClient({
    token,
    repo: { owner: gh.owner, repo: gh.repo },
    baseUrl: gh.url,
    retryBaseMs: 5,
    log: m => notes.push(m)
  })
}

async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const c of chunks) parts.push(c)
  return Buffer.concat(parts)
}

beforeAll(async () => {
  gh = await startGitHub({ owner: 'acme', repo: 'widgets' })
  base = gh.push('main', {
    'requirements.txt': 'numpy==2.1.0\n',
    'src/app.py': 'import pandas\n',
    'src/pkg/util.py': 'X = 1\n',
    'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: '100755' },
    'link-to-app': { content: 'src/app.py', mode: '120000' },
    'link-to-root': { content: '/', mode: '120000' },
    'big.txt': 'x'.repeat(1024 * 1024 + 10)
  })
  client = newClient()
})

afterAll(async () => {
  await gh.close()
})

describe('runs and jobs', () => {
  it('maps a run and lists every job of an attempt across pages', async () => {
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/x', number: 7 })
    const run = gh.addRun({
      head_sha: base,
      head_branch: 'feature/x',
      event: 'pull_request',
      pull_requests: [7],
      run_attempt: 2
    })
    for (let i = 0; i < 120; i++)
      gh.addJob(run.id, {
        name: `shard ${i}`,
        run_attempt: 1,
        ...(i % 40 === 0 ? { failedStep: 'Run tests' } : {})
      })
    gh.addJob(run.id, { name: 'retry', run_attempt: 2, failedStep: 'Run pytest' })

    const got = await client.getRun(run.id)
    expect(got).toMatchObject({
      id: run.id,
      run_attempt: 2,
      head_sha: base,
      head_branch: 'feature/x',
      event: 'pull_request',
      head_repository: 'acme/widgets',
      path: '.github/workflows/ci.yml',
      pull_requests: [{ number: pr.number, head_sha: base, head_ref: 'feature/x', base_ref: 'main' }]
    })

    expect(gh.payload.pull(7)).toMatchObject({ number: 7, head: { sha: base, ref: 'feature/x' } })
    const fork = gh.addPull({ head_sha: base, head_ref: 'main', head_repo: 'eve/widgets' })
    const forkRun = gh.addRun({
      head_sha: base,
      event: 'pull_request',
      pull_requests: [fork.number],
      head_repository: 'eve/widgets'
    })
    // As on GitHub, a fork PR is not listed in the run's pull_requests.
    expect(await client.getRun(forkRun.id)).toMatchObject({
      head_repository: 'eve/widgets',
      pull_requests: []
    })

    const first = await client.listJobs(run.id, 1)
    expect(first).toHaveLength(120)
    expect(first.filter(j => j.conclusion === 'failure').map(j => j.failed_steps)).toEqual([
      ['Run tests'],
      ['Run tests'],
      ['Run tests']
    ])
    expect(gh.count('GET', new RegExp(`/actions/runs/${run.id}/attempts/1/jobs$`))).toBe(2)
    const second = await client.listJobs(run.id, 2)
    expect(second).toEqual([
      expect.objectContaining({ name: 'retry', failed_steps: ['Run pytest'], run_attempt: 2 })
    ])
  })
})

describe('rate limits', () => {
  it('a primary rate limit that resets soon is waited out once; the user agent is fixflow', async () => {
    const run = gh.addRun({ head_sha: base })
    const path = new RegExp(`/actions/runs/${run.id}$`)
    const reset = String(Math.ceil(Date.now() / 1000) + 1)
    gh.fail({
      method: 'GET',
      path,
      status: 403,
      body: { message: 'API rate limit exceeded' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
    })
    expect((await client.getRun(run.id)).id).toBe(run.id)
    expect(gh.requests.filter(r => path.test(r.path)).map(r => r.status)).toEqual([403, 200])
    expect(gh.requests.at(-1)?.userAgent).toMatch(/^fixflow/)
  })
})

describe('job logs', () => {
  const logPath = (id: number): RegExp => new RegExp(`/actions/jobs/${id}/logs$`)

  it('follows the 302 to blob storage without the Authorization header', async () => {
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, {
      failedStep: 'Test',
      log: 'line 1\nE   ModuleNotFoundError: No module named pandas\n'
    })
    const before = gh.blobRequests.length

    const text = (await readAll(await client.streamJobLog(job.id, 1 << 20))).toString()

    expect(text).toContain('ModuleNotFoundError')
    const apiCall = gh.requests.filter(r => logPath(job.id).test(r.path))
    expect(apiCall).toEqual([expect.objectContaining({ status: 302, auth: `token ${gh.token}` })])
    const blobCalls = gh.blobRequests.slice(before)
    expect(blobCalls).toHaveLength(1)
    expect(blobCalls[0]).toMatchObject({ status: 200 })
    expect(blobCalls[0]?.auth).toBeUndefined()
    expect(gh.blobRequests.some(r => r.auth !== undefined)).toBe(false)
  })

  it('blob storage really refuses a forwarded token (so the test above would catch a leak)', async () => {
    const res = await fetch(`${gh.blobUrl}/logs/1/abc?sig=abc`, {
      headers: { authorization: `token ${gh.token}` }
    })
    expect(res.status).toBe(403)
    gh.blobRequests.pop()
  })

  it('410 is explained at once and not retried', async () => {
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, { failedStep: 'Test', log: { status: 410 } })

    const err = await client.streamJobLog(job.id, 1000).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(LogUnavailableError)
    expect((err as LogUnavailableError).status).toBe(410)
    expect((err as Error).message).toMatch(/expired or was deleted/)
    expect(gh.count('GET', logPath(job.id))).toBe(1)
  })

  it('404 while the log is being written is retried a bounded number of times', async () => {
    const run = gh.addRun({ head_sha: base })
    const ok = gh.addJob(run.id, { failedStep: 'Test', log: { notFoundTimes: 2, text: 'finally here\n' } })
    const never = gh.addJob(run.id, { failedStep: 'Test' })

    expect((await readAll(await client.streamJobLog(ok.id, 1000))).toString()).toBe('finally here\n')
    expect(gh.count('GET', logPath(ok.id))).toBe(3)

    const err = await client.streamJobLog(never.id, 1000).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(LogUnavailableError)
    expect((err as LogUnavailableError).status).toBe(404)
    expect(gh.count('GET', logPath(never.id))).toBe(5)
  })

  it('keeps only the last maxBytes of a big log, starting at a whole line', async () => {
    const lines: string[] = []
    for (let i = 0; i < 200_000; i++) lines.push(`2024-01-01T00:00:00.0000000Z line ${i} of the build output`)
    lines.push('##[error]Process completed with exit code 1.')
    const log = lines.join('\n') + '\n'
    expect(log.length).toBeGreaterThan(10_000_000)
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, { failedStep: 'Test', log })

    const chunks = await client.streamJobLog(job.id, 64 * 1024)
    const tail = await readAll(chunks)

    expect(tail.length).toBeLessThanOrEqual(64 * 1024)
    expect(tail.length).toBeGreaterThan(60 * 1024)
    expect(tail.toString().endsWith('##[error]Process completed with exit code 1.\n')).toBe(true)
    expect(tail.toString().startsWith('2024-01-01T00:00:00.0000000Z line ')).toBe(true)
    expect(notes.some(n => n.includes(`kept the last ${tail.length} of ${log.length} bytes`))).toBe(true)
  })

  it('retries a log download whose connection was reset, and gets the whole log', async () => {
    const log = Array.from({ length: 20_000 }, (_, i) => `line ${i} of the build`).join('\n') + '\nE   boom\n'
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, { failedStep: 'Test', log })
    gh.failBlob({ kind: 'reset', afterBytes: 100_000 })
    const before = gh.blobRequests.length

    const text = (await readAll(await client.streamJobLog(job.id, 1 << 22))).toString()

    expect(text).toBe(log)
    expect(gh.blobRequests.length - before).toBe(2)
    expect(notes.some(n => n.includes(`Log of job ${job.id}: the connection to log storage failed`))).toBe(
      true
    )
  })

  it('gives up on resets after the bounded attempts with a LogUnavailableError', async () => {
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, { failedStep: 'Test', log: 'x\n'.repeat(1000) })
    gh.failBlob({ kind: 'reset', times: 5 })

    const err = await client.streamJobLog(job.id, 1000).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(LogDownloadError)
    expect(err).toBeInstanceOf(LogUnavailableError)
    expect((err as Error).message).toMatch(/connection to log storage failed.*5 attempts/)
    expect(gh.count('GET', logPath(job.id))).toBe(5)
  })

  it('abandons a body that stalls after the idle timeout, as "log unavailable", without retrying', async () => {
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, { failedStep: 'Test', log: 'first line\n'.repeat(10_000) })
    gh.failBlob({ kind: 'stall', afterBytes: 1000 })
    const quick = new GitHubClient({
      token: gh.token,
      repo: { owner: gh.owner, repo: gh.repo },
      baseUrl: gh.url,
      retryBaseMs: 5,
      logIdleTimeoutMs: 300
    })
    const start = Date.now()

    const err = await quick.streamJobLog(job.id, 1 << 20).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(LogDownloadError)
    expect(err).toBeInstanceOf(LogUnavailableError)
    expect((err as LogDownloadError).status).toBe(504)
    expect((err as Error).message).toBe(
      `The log of job ${job.id} is not available: log storage sent nothing for 0 s.`
    )
    expect(Date.now() - start).toBeLessThan(5000)
    expect(gh.count('GET', logPath(job.id))).toBe(1)
  })

  it('masks values the job registered with ::add-mask:: anywhere in the log, also in the dropped head', async () => {
    const head = "+ echo '::add-mask::FakeMaskedHeadValue1'\n" + 'filler line of output\n'.repeat(5000)
    const tail = 'E   auth failed for FakeMaskedHeadValue1 at the cache\n'
    const run = gh.addRun({ head_sha: base })
    const job = gh.addJob(run.id, { failedStep: 'Test', log: head + tail })

    const text = (await readAll(await client.streamJobLog(job.id, 4096))).toString()

    expect(text.endsWith('E   auth failed for *** at the cache\n')).toBe(true)
    expect(text).not.toContain('FakeMaskedHeadValue1')
  })

  it('keepTail holds the tail exactly and aligns to lines', async () => {
    const src = (parts: string[]): AsyncIterable<Uint8Array> => Readable.from(parts.map(p => Buffer.from(p)))
    const all = async (parts: string[], max: number): Promise<string> =>
      Buffer.concat((await keepTail(src(parts), max)).chunks).toString()
    expect(await all(['ab\ncd\n', 'ef\ngh\n'], 100)).toBe('ab\ncd\nef\ngh\n')
    expect(await all(['ab\ncd\n', 'ef\ngh\n'], 7)).toBe('ef\ngh\n')
    expect(await all(['ab\ncd\n', 'ef\ngh\n'], 6)).toBe('ef\ngh\n')
    expect(await all(['abcdefgh'], 3)).toBe('fgh')
    expect(await all(['abc'], 0)).toBe('')
    expect(await all(['ab\ncd\n', 'ef\ngh\n'], 4)).toBe('gh\n')
    expect(await all(['ab\ncd\n', 'ef\ngh\n'], 5)).toBe('gh\n')
  })
})

describe('repository files', () => {
  it('reads files at a commit and refuses directories, symlinks and missing paths', async () => {
    expect(await client.getFile('requirements.txt', base)).toEqual({
      content: 'numpy==2.1.0\n',
      sha: expect.any(String)
    })
    expect((await client.getFile('src/pkg/util.py', base))?.content).toBe('X = 1\n')
    expect(await client.getFile('src', base)).toBeUndefined()
    expect(await client.getFile('nope.txt', base)).toBeUndefined()
    expect(await client.getFile('link-to-app', base)).toBeUndefined()
    expect(await client.getFile('link-to-root', base)).toBeUndefined()
  })

  it('reads a file over 1 MB through the blob API', async () => {
    const big = await client.getFile('big.txt', base)
    expect(big?.content.length).toBe(1024 * 1024 + 10)
    expect(gh.count('GET', /\/git\/blobs\/[0-9a-f]{40}$/)).toBeGreaterThanOrEqual(1)
  })

  it('lists the tree of a commit with modes, also when GitHub truncates it', async () => {
    const tree = await client.listTree(base)
    const byPath = Object.fromEntries(tree.map(e => [e.path, e.mode]))
    expect(byPath).toEqual({
      'big.txt': '100644',
      'link-to-app': '120000',
      'link-to-root': '120000',
      'requirements.txt': '100644',
      'scripts/run.sh': '100755',
      'src/app.py': '100644',
      'src/pkg/util.py': '100644'
    })
    gh.truncateTreesOver = 3
    try {
      const walked = await newClient().listTree(base)
      expect(walked.map(e => e.path).sort()).toEqual(tree.map(e => e.path).sort())
    } finally {
      gh.truncateTreesOver = Infinity
    }
  })
})

describe('comments', () => {
  it('upsert creates one comment, then updates it; others quoting the marker are ignored', async () => {
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/upsert' })
    const thread: Thread = { kind: 'pr', number: pr.number }
    gh.addComment(thread, `${MARKER}\nfake proposal by someone else`, { login: 'mallory', type: 'User' })
    gh.addComment(thread, `> ${MARKER}\nquoted`, { login: 'octocat', type: 'User' })

    const created = await client.upsertComment(thread, MARKER, `${MARKER}\nfirst`)
    const updated = await client.upsertComment(thread, MARKER, `${MARKER}\nsecond`)
    const same = await client.upsertComment(thread, MARKER, `${MARKER}\nsecond`)

    expect(updated.id).toBe(created.id)
    expect(same.id).toBe(created.id)
    const ours = gh.commentsOn(thread).filter(c => c.user.login === 'github-actions[bot]')
    expect(ours.map(c => c.body)).toEqual([`${MARKER}\nsecond`])
    expect(gh.commentsOn(thread).find(c => c.user.login === 'mallory')?.body).toContain('someone else')
    expect(created).toMatchObject({ user_login: 'github-actions[bot]', user_type: 'Bot' })
    expect(created.html_url).toContain(`/pull/${pr.number}#issuecomment-`)
  })

  it('a PAT user finds its own marked comment (via GraphQL viewer)', async () => {
    gh.addToken('ghp_maintainer', { login: 'maint', type: 'User' })
    const pat = newClient('ghp_maintainer')
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/pat' })
    const thread: Thread = { kind: 'pr', number: pr.number }
    const a = await pat.upsertComment(thread, MARKER, 'one')
    const b = await pat.upsertComment(thread, MARKER, 'two')
    expect(b.id).toBe(a.id)
    expect(b.body).toBe(`${MARKER}\ntwo`)
    expect(gh.commentsOn(thread)).toHaveLength(1)
  })

  it("findComment finds the marked comment of a bot or of the token's own user (a PAT), not others' copies", async () => {
    gh.addToken('ghp_finder', { login: 'finder', type: 'User' })
    const pat = newClient('ghp_finder')
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/find' })
    const thread: Thread = { kind: 'pr', number: pr.number }
    gh.addComment(thread, `${MARKER}\ncopied by someone else`, { login: 'mallory', type: 'User' })
    expect(await pat.findComment(thread, MARKER)).toBeUndefined()
    expect(await client.findComment(thread, MARKER)).toBeUndefined()
    const mine = gh.addComment(thread, `${MARKER}\nby the PAT's user`, { login: 'finder', type: 'User' })
    expect(await pat.findComment(thread, MARKER)).toMatchObject({ id: mine.id, user_login: 'finder' })
    // For the job token (a bot) a user's comment is not its own.
    expect(await client.findComment(thread, MARKER)).toBeUndefined()
    const bot = gh.addComment(thread, `${MARKER}\nby a bot`, gh.bot)
    expect(await client.findComment(thread, MARKER)).toMatchObject({ id: bot.id })
  })

  it("only the token's own identity (GraphQL viewer) is FixFlow: not another app's bot, not a namesake user", async () => {
    const own = { user_login: 'github-actions[bot]', user_type: 'Bot' }
    expect(await client.isOwnAuthor(own)).toBe(true)
    // GraphQL spells a bot's login without the suffix.
    expect(await client.isOwnAuthor({ user_login: 'github-actions', user_type: 'Bot' })).toBe(true)
    expect(await client.isOwnAuthor({ user_login: 'helper-app[bot]', user_type: 'Bot' })).toBe(false)
    expect(await client.isOwnAuthor({ user_login: 'github-actions', user_type: 'User' })).toBe(false)
    gh.addToken('ghs_app_token', { login: 'fixflow-app[bot]', type: 'Bot' })
    const app = newClient('ghs_app_token')
    expect(await app.isOwnAuthor({ user_login: 'fixflow-app[bot]', user_type: 'Bot' })).toBe(true)
    expect(await app.isOwnAuthor(own)).toBe(false)
  })

  it('a 5xx on a comment POST that did succeed leaves exactly one comment', async () => {
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/5xx' })
    const thread: Thread = { kind: 'pr', number: pr.number }
    const path = new RegExp(`/issues/${pr.number}/comments$`)
    gh.fail({ method: 'POST', path, status: 502, afterSuccess: true })

    const c = await client.upsertComment(thread, MARKER, 'proposal')

    expect(gh.commentsOn(thread)).toHaveLength(1)
    expect(c.id).toBe(gh.commentsOn(thread)[0]?.id)
    expect(gh.count('POST', path)).toBe(1)
  })

  it('a 5xx on a comment POST that failed is retried (commit thread), still one comment', async () => {
    const sha = gh.seedCommit({ 'a.txt': 'a' }, base, 'push without PR')
    const thread: Thread = { kind: 'commit', sha }
    const path = new RegExp(`/commits/${sha}/comments$`)
    gh.fail({ method: 'POST', path, status: 500 })

    const c = await client.upsertComment(thread, MARKER, 'proposal')
    const again = await client.upsertComment(thread, MARKER, 'proposal v2')

    expect(again.id).toBe(c.id)
    expect(gh.commentsOn(thread).map(x => x.body)).toEqual([`${MARKER}\nproposal v2`])
    expect(gh.count('POST', path)).toBe(2)
    expect(gh.count('PATCH', new RegExp(`/comments/${c.id}$`))).toBe(1)
    expect(c.html_url).toContain(`/commit/${sha}#commitcomment-`)
  })

  it('createComment after a 5xx that did create it does not post twice', async () => {
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/reply' })
    const thread: Thread = { kind: 'pr', number: pr.number }
    gh.fail({
      method: 'POST',
      path: new RegExp(`/issues/${pr.number}/comments$`),
      status: 503,
      afterSuccess: true
    })
    await client.createComment(thread, 'Applied in #12')
    expect(gh.commentsOn(thread).map(c => c.body)).toEqual(['Applied in #12'])
  })

  it('secondary rate limits are waited out and retried', async () => {
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/limits' })
    const thread: Thread = { kind: 'pr', number: pr.number }
    const path = new RegExp(`/issues/${pr.number}/comments$`)
    gh.secondaryRateLimit({ method: 'POST', path, times: 2 })
    gh.secondaryRateLimit({ method: 'GET', path, times: 1, status: 429 })

    const c = await client.upsertComment(thread, MARKER, 'hello')

    expect(gh.commentsOn(thread).map(x => x.id)).toEqual([c.id])
    expect(gh.count('POST', path)).toBe(3)
    expect(gh.count('GET', path)).toBe(2)
    expect(notes.some(n => n.includes('secondary rate limit'))).toBe(true)
  })

  it('adds reactions on PR and commit comments', async () => {
    const pr = gh.addPull({ head_sha: base, head_ref: 'feature/react' })
    const onPr = gh.addComment({ kind: 'pr', number: pr.number }, '/fixflow approve')
    const onCommit = gh.addComment({ kind: 'commit', sha: base }, '/fixflow approve')
    await client.addReaction({ kind: 'pr', number: pr.number }, onPr.id, 'eyes')
    await client.addReaction({ kind: 'pr', number: pr.number }, onPr.id, 'rocket')
    await client.addReaction({ kind: 'commit', sha: base }, onCommit.id, '-1')
    expect(gh.reactionsOn(onPr.id)).toEqual(['eyes', 'rocket'])
    expect(gh.reactionsOn(onCommit.id)).toEqual(['-1'])
    expect(gh.count('POST', new RegExp(`^/repos/acme/widgets/issues/comments/${onPr.id}/reactions$`))).toBe(2)
    expect(gh.count('POST', new RegExp(`^/repos/acme/widgets/comments/${onCommit.id}/reactions$`))).toBe(1)
  })
})

describe('permissions', () => {
  it('maps role_name so maintain and triage are told apart', async () => {
    const roles = ['admin', 'maintain', 'write', 'triage', 'read', 'none'] as const
    for (const role of roles) gh.setPermission(`user-${role}`, role)
    for (const role of roles) expect(await client.getPermission(`user-${role}`)).toBe(role)
    expect(await client.getPermission('stranger')).toBe('none')
  })

  it('throws when the API keeps failing, after the retries (the caller refuses)', async () => {
    const path = /\/collaborators\/user-admin\/permission$/
    const before = gh.count('GET', path)
    gh.fail({ method: 'GET', path, status: 502, times: Infinity })
    try {
      await expect(client.getPermission('user-admin')).rejects.toMatchObject({ status: 502 })
      expect(gh.count('GET', path) - before).toBe(1 + 3)
    } finally {
      gh.clearFaults()
    }
  })
})

describe('git data and pull requests', () => {
  it('blob -> tree -> commit -> ref, read back from git with the right parent', async () => {
    const { tree_sha, parents } = await client.getCommit(base)
    expect(parents).toEqual([])
    const blob = await client.createBlob('numpy==2.1.0\npandas==2.2.3\n')
    const tree = await client.createTree(tree_sha, [{ path: 'requirements.txt', mode: '100644', sha: blob }])
    const commit = await client.createCommit('fix(ci): add missing pandas dependency', tree, [base])

    expect(await client.createRef('fixflow/abc123', commit)).toBe(true)
    expect(await client.createRef('refs/heads/fixflow/abc123', commit)).toBe(false)

    expect(gh.branchSha('fixflow/abc123')).toBe(commit)
    expect(await client.getRef('fixflow/abc123')).toBe(commit)
    expect(await client.getRef('heads/fixflow/nope')).toBeUndefined()
    expect(gh.commitParents(commit)).toEqual([base])
    expect(gh.readFileAt('fixflow/abc123', 'requirements.txt')).toBe('numpy==2.1.0\npandas==2.2.3\n')
    expect(gh.readFileAt('fixflow/abc123', 'src/app.py')).toBe('import pandas\n')
    expect(gh.treeAt(commit).find(e => e.path === 'scripts/run.sh')?.mode).toBe('100755')
    expect(gh.commit(commit)?.message).toBe('fix(ci): add missing pandas dependency')
    expect(await client.getCommit(commit)).toEqual({ sha: commit, tree_sha: tree, parents: [base] })
  })

  it('createRef after a 5xx that did create the ref answers true once, then false', async () => {
    gh.fail({ method: 'POST', path: /\/git\/refs$/, status: 500, afterSuccess: true })
    expect(await client.createRef('fixflow/flaky', base)).toBe(true)
    expect(await client.createRef('fixflow/flaky', base)).toBe(false)
    expect(gh.count('POST', /\/git\/refs$/)).toBeGreaterThanOrEqual(2)
  })

  it('opens a PR (once, even after a 5xx that opened it), finds it, labels it', async () => {
    const sha = gh.seedCommit({ 'fix.txt': 'fixed\n' }, base, 'fix')
    gh.setBranch('fixflow/pr1', sha)
    gh.fail({ method: 'POST', path: /\/pulls$/, status: 502, afterSuccess: true })

    const pr = await client.createPull({
      title: 'fix(ci): x',
      head: 'fixflow/pr1',
      base: 'main',
      body: 'why'
    })

    expect(pr).toMatchObject({
      state: 'open',
      merged: false,
      head_ref: 'fixflow/pr1',
      head_sha: sha,
      base_ref: 'main',
      head_repo: 'acme/widgets'
    })
    expect([...gh.pulls.values()].filter(p => p.head_ref === 'fixflow/pr1')).toHaveLength(1)
    expect(await client.findPulls('fixflow/pr1')).toEqual([pr])
    expect(await client.findPulls('acme:fixflow/pr1', 'closed')).toEqual([])
    await client.addLabels(pr.number, ['fixflow'])
    expect(gh.labels.get(pr.number)).toEqual(['fixflow'])
    gh.mergePull(pr.number)
    expect(await client.getPull(pr.number)).toMatchObject({ state: 'closed', merged: true })
  })

  it('pullsForCommit finds open PRs by commit, the one whose head it is first', async () => {
    const c1 = gh.seedCommit({ 'p.txt': '1' }, base, 'c1')
    const c2 = gh.seedCommit({ 'p.txt': '2' }, c1, 'c2')
    const moved = gh.addPull({ head_sha: c1, head_ref: 'feature/moved' })
    gh.pushToPull(moved.number, c2)
    const still = gh.addPull({ head_sha: c1, head_ref: 'feature/still' })
    const closed = gh.addPull({ head_sha: c1, head_ref: 'feature/closed' })
    gh.closePull(closed.number)
    const fork = gh.addPull({ head_sha: c1, head_ref: 'main', head_repo: 'eve/widgets' })

    const found = await client.pullsForCommit(c1)

    expect(found.map(p => p.number)).toEqual([still.number, fork.number, moved.number])
    expect(found.find(p => p.number === fork.number)?.head_repo).toBe('eve/widgets')
    expect(await client.pullsForCommit(base)).not.toContainEqual(
      expect.objectContaining({ number: closed.number })
    )
    expect(gh.branchSha('feature/moved')).toBe(c2)
  })

  it('dispatchWorkflow answers false for a workflow without workflow_dispatch', async () => {
    const ci = gh.addWorkflow({ path: '.github/workflows/tests.yml', dispatch: true })
    const noDispatch = gh.addWorkflow({ path: '.github/workflows/lint.yml', dispatch: false })

    expect(await client.dispatchWorkflow(ci.id, 'main')).toBe(true)
    expect(await client.dispatchWorkflow('tests.yml', 'main')).toBe(true)
    expect(await client.dispatchWorkflow(noDispatch.id, 'main')).toBe(false)
    expect(gh.dispatches).toEqual([
      { workflow_id: ci.id, ref: 'main' },
      { workflow_id: ci.id, ref: 'main' }
    ])
  })
})

describe('re-runs, and runs of one commit (triage)', () => {
  const rerunPath = (id: number): RegExp => new RegExp(`/actions/runs/${id}/rerun-failed-jobs$`)

  it('getRun tells status and conclusion', async () => {
    const run = gh.addRun({ head_sha: base, status: 'in_progress', conclusion: null })
    expect(await client.getRun(run.id)).toMatchObject({ status: 'in_progress', conclusion: null })
    run.status = 'completed'
    run.conclusion = 'failure'
    expect(await client.getRun(run.id)).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })

  it('re-runs the failed jobs of a completed run as a new attempt, once per attempt', async () => {
    const run = gh.addRun({ head_sha: base })
    gh.addJob(run.id, { name: 'lint' })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run npm test' })

    expect(await client.rerunFailedJobs(run.id, 1)).toEqual({ outcome: 'started' })
    expect(gh.reruns).toContainEqual({ run_id: run.id, attempt: 1 })
    const second = await client.listJobs(run.id, 2)
    expect(second.map(j => [j.name, j.status, j.conclusion])).toEqual([
      ['lint', 'completed', 'success'],
      ['test', 'queued', null]
    ])

    // Asked again for attempt 1 (a second comment, the workflow_run event after a manual re-run): not again, even
    // once the new attempt has completed.
    expect(await client.rerunFailedJobs(run.id, 1)).toEqual({ outcome: 'already', attempt: 2 })
    run.status = 'completed'
    expect(await client.rerunFailedJobs(run.id, 1)).toEqual({ outcome: 'already', attempt: 2 })
    expect(gh.count('POST', rerunPath(run.id))).toBe(1)
  })

  it('a run still in progress: no POST when the attempt is given, a typed result from the 403 when not', async () => {
    const run = gh.addRun({ head_sha: base, status: 'in_progress', conclusion: null })
    expect(await client.rerunFailedJobs(run.id, 1)).toEqual({ outcome: 'in-progress', status: 'in_progress' })
    expect(gh.count('POST', rerunPath(run.id))).toBe(0)

    expect(await client.rerunFailedJobs(run.id)).toEqual({ outcome: 'in-progress', status: 'in_progress' })
    expect(gh.requests.filter(r => rerunPath(run.id).test(r.path)).map(r => r.status)).toEqual([403])
    expect(gh.reruns.filter(r => r.run_id === run.id)).toEqual([])
  })

  it('a 5xx on a POST that went through is not a second re-run nor a refusal', async () => {
    const run = gh.addRun({ head_sha: base })
    gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest' })
    gh.fail({ method: 'POST', path: rerunPath(run.id), status: 502, afterSuccess: true })

    // Octokit retries the POST after the 502; GitHub refuses it (the run is queued again), the run's state explains.
    expect(await client.rerunFailedJobs(run.id, 1)).toEqual({ outcome: 'already', attempt: 2 })
    expect(gh.reruns.filter(r => r.run_id === run.id)).toEqual([{ run_id: run.id, attempt: 1 }])
  })

  it('a 403 on a completed run is forbidden, with GitHub’s message; other errors throw', async () => {
    const run = gh.addRun({ head_sha: base })
    gh.fail({
      method: 'POST',
      path: rerunPath(run.id),
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    const got = await client.rerunFailedJobs(run.id, 1)
    expect(got).toMatchObject({ outcome: 'forbidden' })
    expect(got.outcome === 'forbidden' ? got.message : '').toContain('Resource not accessible by integration')

    await expect(client.rerunFailedJobs(987654, 1)).rejects.toMatchObject({ status: 404 })
  })

  it('lists the runs of one workflow for one commit, newest first, in one request', async () => {
    const other = gh.push('main', { 'other.txt': 'x\n' })
    const wf = gh.addWorkflow({ path: '.github/workflows/triage.yml' })
    const elsewhere = gh.addWorkflow({ path: '.github/workflows/lint.yml' })
    const push = gh.addRun({ head_sha: base, workflow_id: wf.id, event: 'push', conclusion: 'success' })
    const pr = gh.addRun({ head_sha: base, workflow_id: wf.id, event: 'pull_request', run_attempt: 2 })
    gh.addRun({ head_sha: other, workflow_id: wf.id })
    gh.addRun({ head_sha: base, workflow_id: elsewhere.id })
    const before = gh.requests.length

    const got = await client.recentRunsForCommit(wf.id, base, 10)
    expect(got.map(r => [r.id, r.event, r.run_attempt, r.conclusion])).toEqual([
      [pr.id, 'pull_request', 2, 'failure'],
      [push.id, 'push', 1, 'success']
    ])
    expect(gh.requests.length - before).toBe(1)
    expect(gh.requests.at(-1)?.query).toContain(`head_sha=${base}`)

    expect((await client.recentRunsForCommit(wf.id, base, 1)).map(r => r.id)).toEqual([pr.id])
    expect(await client.recentRunsForCommit(wf.id, 'f'.repeat(40), 5)).toEqual([])
  })
})
