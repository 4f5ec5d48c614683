// In-process tests of the three flows (analyze, approve, track): the flow functions called directly with the real
// GitHubClient against the loopback GitHub (a real git repository behind it), dynalite for the table store, and a stub
// analyzer. The same paths as the end-to-end suite, without the bundle: a flow change shows up here at once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { startGitHub, type FakeGitHub, type FakeRun, type ThreadRef } from './support/github-server.js'
import { startDynamo, type LocalDynamo } from './support/dynamo.js'
import { GitHubClient } from '../src/github/client.js'
import { parseInputs, type Inputs } from '../src/inputs.js'
import { proposalsFor } from '../src/wiring.js'
import { initTable } from '../src/store/init-table.js'
import { readEmbeddedRecord } from '../src/render/comment.js'
import type { Analyzer } from '../src/analysis/analyzer.js'
import type { RunContext } from '../src/event/context.js'
import { readCommand, readFailure, readFixOutcome } from '../src/event/event.js'
import type { Logger } from '../src/log.js'
import type { ProposalRecord } from '../src/types.js'
import { analyze } from '../src/flows/analyze/index.js'
import { handleCommand } from '../src/flows/approve/index.js'
import { track } from '../src/flows/track/index.js'

const EXAMPLE = 'examples/python-missing-module'
const LOG = readFileSync(`${EXAMPLE}/ci.log`, 'utf8')
const TABLE = 'ci_failures'
const AWS = { AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests' }

/** The analyzer's answer: the seed example's missing dependency. */
const stubAnalyzer: Analyzer = {
  provider: 'rules',
  modelId: 'stub',
  analyze: () =>
    Promise.resolve({
      kind: 'proposal',
      inputTokens: 0,
      outputTokens: 0,
      proposal: {
        root_cause: 'weather_report/report.py imports pandas, which requirements.txt does not list.',
        files_to_modify: [
          {
            file_path: 'requirements.txt',
            original: 'numpy==2.1.3\n',
            replacement: 'numpy==2.1.3\npandas==2.2.3\n'
          }
        ],
        confidence: 0.9,
        commit_message: 'fix(deps): add missing pandas dependency'
      }
    })
}

const lines: string[] = []
const log: Logger = {
  info: m => lines.push(m),
  warning: m => lines.push(`warning: ${m}`),
  debug: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined
}

interface World {
  gh: FakeGitHub
  client: GitHubClient
  inputs: Inputs
  mainSha: string
}

let runIds = 900_000

function ctxFor(
  w: World,
  eventName: string,
  payload: Record<string, unknown>,
  over: Partial<RunContext> = {}
): RunContext {
  return {
    owner: w.gh.owner,
    repo: w.gh.repo,
    eventName,
    payload,
    runId: runIds++,
    runAttempt: 1,
    sha: w.mainSha,
    ref: 'refs/heads/main',
    workflow: 'FixFlow',
    job: 'fixflow',
    serverUrl: 'https://github.com',
    ...over
  }
}

async function world(table: boolean): Promise<World> {
  const gh = await startGitHub()
  const client = new GitHubClient({
    token: gh.token,
    repo: { owner: gh.owner, repo: gh.repo },
    baseUrl: gh.url,
    retryBaseMs: 5
  })
  const given: Record<string, string> = {
    'github-token': gh.token,
    ...(table ? { 'dynamodb-table': TABLE } : {})
  }
  const inputs = parseInputs(name => given[name] ?? '', { ...process.env, AWS_REGION: 'us-east-1' })
  const mainSha = gh.push('main', gh.readDir(`${EXAMPLE}/repo`), 'initial')
  return { gh, client, inputs, mainSha }
}

function failedRun(w: World, sha: string, branch: string, pulls?: number[]): FakeRun {
  const run = w.gh.addRun({
    head_sha: sha,
    head_branch: branch,
    event: pulls ? 'pull_request' : 'push',
    name: 'CI',
    ...(pulls ? { pull_requests: pulls } : {})
  })
  w.gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: LOG })
  return run
}

async function analyzeEvent(w: World, ctx: RunContext): ReturnType<typeof analyze> {
  return analyze({
    gh: w.client,
    proposals: proposalsFor(w.inputs, w.client),
    analyzer: stubAnalyzer,
    inputs: w.inputs,
    job: ctx,
    event: readFailure(ctx),
    secrets: [w.gh.token],
    log
  })
}

/** A PR whose CI failed, analysed in process: the proposal is stored and shown. */
async function proposePr(w: World, n: number): Promise<{ id: string; thread: ThreadRef; prNumber: number }> {
  const head = w.gh.seedCommit({ [`weather_report/extra_${n}.py`]: `X = ${n}\n` }, w.mainSha, `feature ${n}`)
  const pr = w.gh.addPull({ head_sha: head, head_ref: `feature/f${n}`, base_ref: 'main' })
  const run = failedRun(w, head, `feature/f${n}`, [pr.number])
  const result = await analyzeEvent(
    w,
    ctxFor(
      w,
      'pull_request',
      { action: 'synchronize', number: pr.number, pull_request: w.gh.payload.pull(pr.number) },
      { runId: run.id, sha: 'f'.repeat(40), ref: `refs/pull/${pr.number}/merge` }
    )
  )
  expect(result.status).toBe('pending')
  return { id: `${run.id}-1`, thread: { kind: 'pr', number: pr.number }, prNumber: pr.number }
}

function commentCtx(w: World, prNumber: number, body: string, login: string): RunContext {
  const c = w.gh.addComment({ kind: 'pr', number: prNumber }, body, { login, type: 'User' })
  return ctxFor(w, 'issue_comment', {
    action: 'created',
    issue: { number: prNumber, pull_request: { url: `${w.gh.url}/pulls/${prNumber}` } },
    comment: w.gh.payload.comment(c)
  })
}

function command(w: World, ctx: RunContext): ReturnType<typeof handleCommand> {
  return handleCommand({
    gh: w.client,
    fixGh: w.client,
    hasFixToken: false,
    protectedPaths: w.inputs.protectedPaths,
    proposals: proposalsFor(w.inputs, w.client),
    job: ctx,
    event: readCommand(ctx),
    log
  })
}

function embedded(w: World, thread: ThreadRef, id: string): ProposalRecord | undefined {
  for (const c of w.gh.commentsOn(thread)) {
    const r = c.user.type === 'Bot' ? readEmbeddedRecord(c.body) : undefined
    if (r?.failure_id === id) return r
  }
  return undefined
}

describe('flows in process, embedded store', () => {
  let w: World
  beforeAll(async () => {
    w = await world(false)
  })
  afterAll(async () => {
    await w.gh.close()
  })

  it('analyze on a PR posts one proposal comment carrying the record, within a request budget', async () => {
    const before = w.gh.requests.length
    const { id, thread } = await proposePr(w, 1)
    const comments = w.gh.commentsOn(thread).filter(c => c.body.includes('fixflow:run:'))
    expect(comments).toHaveLength(1)
    const r = embedded(w, thread, id)
    expect(r?.status).toBe('pending')
    expect(r?.diff).toContain('+pandas==2.2.3')
    expect(w.gh.requests.length - before).toBeLessThanOrEqual(20)
  })

  it('analyze on a push without a PR answers on the commit', async () => {
    const head = w.gh.seedCommit({ 'weather_report/push.py': 'X = 1\n' }, w.mainSha, 'push')
    w.gh.setBranch('topic', head)
    const run = failedRun(w, head, 'topic')
    const result = await analyzeEvent(
      w,
      ctxFor(
        w,
        'push',
        { ref: 'refs/heads/topic', after: head },
        { runId: run.id, sha: head, ref: 'refs/heads/topic' }
      )
    )
    expect(result.status).toBe('pending')
    expect(embedded(w, { kind: 'commit', sha: head }, `${run.id}-1`)?.status).toBe('pending')
  })

  it('analyze on a fix branch of this repository proposes nothing', async () => {
    const run = failedRun(w, w.mainSha, 'fixflow/1-1')
    const result = await analyzeEvent(
      w,
      ctxFor(w, 'push', {}, { runId: run.id, sha: w.mainSha, ref: 'refs/heads/fixflow/1-1' })
    )
    expect(result.status).toBe('none')
  })

  it('approve by a reader is refused and changes nothing', async () => {
    const { id, thread, prNumber } = await proposePr(w, 2)
    w.gh.setPermission('rita', 'read')
    const result = await command(w, commentCtx(w, prNumber, '/fixflow approve', 'rita'))
    expect(result.status).toBe('refused')
    expect(embedded(w, thread, id)?.status).toBe('pending')
    expect(Object.keys(w.gh.refs()).some(r => r.startsWith('refs/heads/fixflow/'))).toBe(false)
  })

  it('approve by a writer opens the fix PR with the patch; track follows its CI and its merge', async () => {
    const { id, thread, prNumber } = await proposePr(w, 3)
    w.gh.setPermission('wendy', 'write')
    const before = w.gh.requests.length
    const result = await command(w, commentCtx(w, prNumber, '/fixflow approve', 'wendy'))
    expect(result.status).toBe('approved')
    expect(w.gh.requests.length - before).toBeLessThanOrEqual(30)
    const branch = `fixflow/${id}`
    expect(w.gh.readFileAt(branch, 'requirements.txt')).toContain('pandas==2.2.3')
    const fix = [...w.gh.pulls.values()].find(p => p.head_ref === branch)
    expect(fix).toBeDefined()
    expect(result.prUrl).toBe(`https://github.com/${w.gh.fullName}/pull/${fix?.number}`)
    expect(embedded(w, thread, id)?.status).toBe('approved')

    // The fix branch's CI failed, then passed: the proposal follows; a result for an old commit is ignored.
    const tip = w.gh.branchSha(branch) ?? ''
    const wr = (conclusion: string, sha: string): RunContext =>
      ctxFor(w, 'workflow_run', {
        action: 'completed',
        workflow_run: {
          status: 'completed',
          conclusion,
          head_branch: branch,
          head_sha: sha,
          html_url: 'https://github.com/acme/widgets/actions/runs/1',
          head_repository: { full_name: w.gh.fullName }
        }
      })
    const tracked = (ctx: RunContext): ReturnType<typeof track> =>
      track({
        gh: w.client,
        proposals: proposalsFor(w.inputs, w.client),
        job: ctx,
        event: readFixOutcome(ctx),
        log
      })
    expect((await tracked(wr('failure', tip))).status).toBe('failed')
    expect(embedded(w, thread, id)?.status).toBe('failed')
    expect((await tracked(wr('success', w.mainSha))).status).toBe('none')
    expect((await tracked(wr('success', tip))).status).toBe('resolved')
    expect(embedded(w, thread, id)?.status).toBe('resolved')
    w.gh.mergePull(fix?.number ?? 0)
    const merged = ctxFor(w, 'pull_request', {
      action: 'closed',
      pull_request: w.gh.payload.pull(fix?.number ?? 0)
    })
    expect((await tracked(merged)).status).toBe('merged')
    expect(embedded(w, thread, id)?.status).toBe('merged')
  })
})

describe('a re-rendered comment keeps the header notes', () => {
  let w: World
  beforeAll(async () => {
    w = await world(false)
  })
  afterAll(async () => {
    await w.gh.close()
  })

  it('jobs over the cap and unreadable logs are still named after a reject re-renders the comment', async () => {
    const head = w.gh.seedCommit({ 'weather_report/many.py': 'X = 1\n' }, w.mainSha, 'many')
    const pr = w.gh.addPull({ head_sha: head, head_ref: 'feature/many', base_ref: 'main' })
    const run = failedRun(w, head, 'feature/many', [pr.number])
    w.gh.addJob(run.id, { name: 'gone', failedStep: 'Run pytest', log: { status: 410 } })
    for (let i = 0; i < 4; i++) w.gh.addJob(run.id, { name: `more-${i}`, failedStep: 'Run pytest', log: LOG })
    const ctx = ctxFor(
      w,
      'pull_request',
      { action: 'synchronize', number: pr.number, pull_request: w.gh.payload.pull(pr.number) },
      { runId: run.id, sha: 'f'.repeat(40), ref: `refs/pull/${pr.number}/merge` }
    )
    expect((await analyzeEvent(w, ctx)).status).toBe('pending')
    const thread: ThreadRef = { kind: 'pr', number: pr.number }
    const body = (): string => w.gh.commentsOn(thread).find(c => c.body.includes('fixflow:run:'))?.body ?? ''
    expect(body()).toContain('1 more failed job(s) not analysed')
    expect(body()).toContain('log unavailable')
    w.gh.setPermission('wendy', 'write')
    expect((await command(w, commentCtx(w, pr.number, '/fixflow reject', 'wendy'))).status).toBe('rejected')
    expect(embedded(w, thread, `${run.id}-1`)?.status).toBe('rejected')
    expect(body()).toContain('1 more failed job(s) not analysed')
    expect(body()).toContain('log unavailable')
  })
})

describe('flows in process, DynamoDB store', () => {
  let w: World
  let dynamo: LocalDynamo
  let raw: DynamoDBClient
  const saved: Record<string, string | undefined> = {}
  beforeAll(async () => {
    dynamo = await startDynamo()
    const env = { ...AWS, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint }
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k]
      process.env[k] = v
    }
    raw = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamo.directEndpoint,
      credentials: { accessKeyId: AWS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS.AWS_SECRET_ACCESS_KEY }
    })
    await initTable({ table: TABLE, region: 'us-east-1', client: raw, pollMs: 20 })
    w = await world(true)
  })
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    raw.destroy()
    await Promise.all([w.gh.close(), dynamo.close()])
  })

  it('analyze stores the proposal in the table; a writer rejects it and the comment shows it', async () => {
    const { id, thread, prNumber } = await proposePr(w, 4)
    expect(embedded(w, thread, id)).toBeUndefined()
    const shown = w.gh.commentsOn(thread).find(c => c.body.includes('fixflow:run:'))
    const shownBody = shown?.body ?? ''
    expect(shownBody).toContain(id)
    w.gh.setPermission('wendy', 'write')
    const result = await command(w, commentCtx(w, prNumber, '/fixflow reject not this way', 'wendy'))
    expect(result.status).toBe('rejected')
    const after = w.gh.comments.find(c => c.id === shown?.id)?.body ?? ''
    expect(after).not.toBe(shownBody)
    expect(after.toLowerCase()).toContain('rejected')
    // A second command finds nothing pending.
    const again = await command(w, commentCtx(w, prNumber, '/fixflow approve', 'wendy'))
    expect(again.status).toBe('refused')
    expect(dynamo.requests.length).toBeGreaterThan(0)
  })
})
