// Shared set-up for the approve and track end-to-end tests: loopback GitHub, Bedrock and DynamoDB; proposals made by
// running the analyze path of the bundle; commands and CI results fed to the bundle as the runner would.
import { readFileSync } from 'node:fs'
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import {
  startGitHub,
  type FakeComment,
  type FakeGitHub,
  type FakePull,
  type FakeRun,
  type FakeUser,
  type ThreadRef
} from '../support/github-server.js'
import { startBedrock, toolUseReply, type BedrockServer } from '../support/bedrock-server.js'
import { startDynamo, type LocalDynamo } from '../support/dynamo.js'
import { runAction, type ActionRun } from '../support/action.js'
import { initTable } from '../../src/store/init-table.js'
import { DynamoStore, marshal } from '../../src/store/dynamo.js'
import { readEmbeddedRecord } from '../../src/render/comment.js'
import { proposalHash } from '../../src/patch/hash.js'
import type { FileEdit, ProposalRecord } from '../../src/types.js'

export const EXAMPLE = 'examples/python-missing-module'
export const TABLE = 'ci_failures'
export const AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
  AWS_REGION: 'us-east-1'
}
/** requirements.txt of the example repository, before and after the proposed patch. */
export const ORIGINAL = readFileSync(`${EXAMPLE}/repo/requirements.txt`, 'utf8')
export const PATCHED = ORIGINAL.replace('numpy==2.1.3\n', 'numpy==2.1.3\npandas==2.2.3\n')
/** Generous per-test timeout: the bundle paces its writes about a second apart and retries with real delays. */
export const SLOW = 180_000

export interface World {
  gh: FakeGitHub
  bedrock: BedrockServer
  dynamo?: LocalDynamo
  /** Reads and writes the table directly (not through the fault proxy). */
  store?: DynamoStore
  raw?: DynamoDBClient
  mainSha: string
  close(): Promise<void>
}

/** `edits`: more edits the model proposes after the pandas one (every proposal of this world carries them). */
export async function startWorld(opts: { table: boolean; edits?: FileEdit[] }): Promise<World> {
  const gh = await startGitHub()
  const bedrock = await startBedrock(() =>
    toolUseReply({
      root_cause:
        "weather_report/report.py imports pandas, which requirements.txt does not list, so pytest fails with ModuleNotFoundError: No module named 'pandas'.",
      files_to_modify: [
        {
          file_path: 'requirements.txt',
          original: 'numpy==2.1.3\n',
          replacement: 'numpy==2.1.3\npandas==2.2.3\n'
        },
        ...(opts.edits ?? [])
      ],
      confidence: 0.9,
      commit_message: 'fix(deps): add missing pandas dependency'
    })
  )
  let dynamo: LocalDynamo | undefined
  let store: DynamoStore | undefined
  let raw: DynamoDBClient | undefined
  if (opts.table) {
    dynamo = await startDynamo()
    raw = new DynamoDBClient({
      region: AWS.AWS_REGION,
      endpoint: dynamo.directEndpoint,
      credentials: { accessKeyId: AWS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS.AWS_SECRET_ACCESS_KEY }
    })
    await initTable({ table: TABLE, region: AWS.AWS_REGION, client: raw, pollMs: 20 })
    store = new DynamoStore({ table: TABLE, region: AWS.AWS_REGION, client: raw })
  }
  const mainSha = gh.push('main', gh.readDir(`${EXAMPLE}/repo`), 'initial')
  return {
    gh,
    bedrock,
    dynamo,
    store,
    raw,
    mainSha,
    close: async () => {
      raw?.destroy()
      await Promise.all([gh.close(), bedrock.close(), dynamo?.close()])
    }
  }
}

let runIds = 700_000
/** A fresh GITHUB_RUN_ID for a command or tracking job. */
export function nextRunId(): number {
  return runIds++
}

function baseEnv(w: World, runId: number): Record<string, string> {
  return {
    ...AWS,
    GITHUB_REPOSITORY: w.gh.fullName,
    GITHUB_API_URL: w.gh.url,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'FixFlow commands',
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: w.bedrock.url,
    ...(w.dynamo ? { AWS_ENDPOINT_URL_DYNAMODB: w.dynamo.endpoint } : {})
  }
}

function baseInputs(w: World): Record<string, string> {
  return { 'github-token': w.gh.token, ...(w.dynamo ? { 'dynamodb-table': TABLE } : {}) }
}

export interface Seeded {
  pr: FakePull
  run: FakeRun
  id: string
  head: string
  /** The proposal comment FixFlow posted. */
  comment: FakeComment
  thread: ThreadRef
  analyze: ActionRun
}

let seq = 0

/**
 * A PR whose CI failed with the missing-module log, analysed by the bundle: the proposal is stored and posted.
 * `headRef` names the PR branch; `fork` makes it a PR from another repository; `workflow` picks the failed workflow.
 */
export async function seedPrFailure(
  w: World,
  opts: {
    headRef?: string
    fork?: boolean
    workflowId?: number
    extra?: Record<string, string>
    inputs?: Record<string, string>
  } = {}
): Promise<Seeded> {
  const { gh } = w
  const n = ++seq
  const head = gh.seedCommit(
    { [`weather_report/extra_${n}.py`]: `X = ${n}\n`, ...opts.extra },
    w.mainSha,
    `feature ${n}`
  )
  const headRef = opts.headRef ?? `feature/f${n}`
  const pr = gh.addPull({
    head_sha: head,
    head_ref: headRef,
    base_ref: 'main',
    ...(opts.fork ? { head_repo: 'mallory/widgets' } : {})
  })
  const run = gh.addRun({
    head_sha: head,
    head_branch: headRef,
    event: 'pull_request',
    name: 'CI',
    pull_requests: [pr.number],
    ...(opts.fork ? { head_repository: 'mallory/widgets' } : {}),
    ...(opts.workflowId !== undefined ? { workflow_id: opts.workflowId } : {})
  })
  gh.addJob(run.id, {
    name: 'test',
    failedStep: 'Run pytest',
    log: readFileSync(`${EXAMPLE}/ci.log`, 'utf8')
  })
  const thread: ThreadRef = { kind: 'pr', number: pr.number }
  const result = await runAction({
    eventName: 'pull_request',
    event: {
      action: 'synchronize',
      number: pr.number,
      pull_request: gh.payload.pull(pr.number),
      repository: gh.payload.repository()
    },
    inputs: { ...baseInputs(w), ...opts.inputs },
    env: {
      ...baseEnv(w, run.id),
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_REF: `refs/pull/${pr.number}/merge`,
      GITHUB_WORKFLOW: 'CI'
    }
  })
  const id = `${run.id}-1`
  if (result.code !== 0 || result.outputs.status !== 'pending') {
    throw new Error(
      `analyze did not store a proposal (code ${result.code}):\n${result.stdout}\n${result.stderr}`
    )
  }
  const comment = gh.commentsOn(thread).find(c => c.body.includes(`fixflow:run:${run.id}`))
  if (!comment) throw new Error('analyze posted no proposal comment')
  return { pr, run, id, head, comment, thread, analyze: result }
}

/** A push with no PR on `branch` whose CI failed, analysed by the bundle: the proposal goes to the commit thread. */
export async function seedPushFailure(w: World, branch: string): Promise<Omit<Seeded, 'pr'>> {
  const { gh } = w
  const n = ++seq
  const head = gh.seedCommit({ [`weather_report/extra_${n}.py`]: `X = ${n}\n` }, w.mainSha, `push ${n}`)
  gh.setBranch(branch, head)
  const run = gh.addRun({ head_sha: head, head_branch: branch, event: 'push', name: 'CI' })
  gh.addJob(run.id, {
    name: 'test',
    failedStep: 'Run pytest',
    log: readFileSync(`${EXAMPLE}/ci.log`, 'utf8')
  })
  const thread: ThreadRef = { kind: 'commit', sha: head }
  const result = await runAction({
    eventName: 'push',
    event: { ref: `refs/heads/${branch}`, after: head, repository: gh.payload.repository() },
    inputs: baseInputs(w),
    env: {
      ...baseEnv(w, run.id),
      GITHUB_SHA: head,
      GITHUB_REF: `refs/heads/${branch}`,
      GITHUB_WORKFLOW: 'CI'
    }
  })
  const id = `${run.id}-1`
  if (result.code !== 0 || result.outputs.status !== 'pending') {
    throw new Error(
      `analyze did not store a proposal (code ${result.code}):\n${result.stdout}\n${result.stderr}`
    )
  }
  const comment = gh.commentsOn(thread).find(c => c.body.includes(`fixflow:run:${run.id}`))
  if (!comment) throw new Error('analyze posted no proposal comment')
  return { run, id, head, comment, thread, analyze: result }
}

export const user = (login: string): FakeUser => ({ login, type: 'User' })

/** The issue_comment event GitHub sends for a comment on a PR. */
export function commentEvent(
  w: World,
  prNumber: number,
  c: FakeComment,
  action = 'created'
): Record<string, unknown> {
  return {
    action,
    issue: {
      number: prNumber,
      pull_request: { url: `${w.gh.url}/repos/${w.gh.fullName}/pulls/${prNumber}` }
    },
    comment: w.gh.payload.comment(c),
    repository: w.gh.payload.repository(),
    sender: { login: c.user.login, type: c.user.type },
    ...(action === 'edited' ? { changes: { body: { from: 'looks good' } } } : {})
  }
}

export interface RunOpts {
  eventName: string
  event: unknown
  runId?: number
  inputs?: Record<string, string>
  env?: Record<string, string>
}

/** Runs the bundle for a command or tracking event. */
export function runBundle(w: World, o: RunOpts): Promise<ActionRun> {
  const runId = o.runId ?? nextRunId()
  return runAction({
    eventName: o.eventName,
    event: o.event,
    inputs: { ...baseInputs(w), ...o.inputs },
    env: { ...baseEnv(w, runId), GITHUB_SHA: w.mainSha, GITHUB_REF: 'refs/heads/main', ...o.env }
  })
}

/** The workflow_dispatch of the user's FixFlow workflow: how proposals on a commit are approved or rejected. */
export function dispatchRun(
  w: World,
  login: string,
  inputs: { command: string; 'failure-id': string; reason?: string }
): RunOpts {
  return {
    eventName: 'workflow_dispatch',
    event: {
      inputs,
      ref: 'refs/heads/main',
      repository: w.gh.payload.repository(),
      sender: { login, type: 'User' }
    }
  }
}

/** Posts `body` as `login` on the PR and runs the bundle for the issue_comment event. */
export async function commentAndRun(
  w: World,
  prNumber: number,
  body: string,
  login: string,
  extra: Partial<RunOpts> = {}
): Promise<{ run: ActionRun; comment: FakeComment; event: Record<string, unknown>; runId: number }> {
  const comment = w.gh.addComment({ kind: 'pr', number: prNumber }, body, user(login))
  const event = commentEvent(w, prNumber, comment)
  const runId = extra.runId ?? nextRunId()
  const run = await runBundle(w, { eventName: 'issue_comment', event, ...extra, runId })
  return { run, comment, event, runId }
}

/** The stored proposal: DynamoDB item, or the record embedded in the thread comment. */
export async function stored(
  w: World,
  s: { id: string; thread: ThreadRef }
): Promise<ProposalRecord | undefined> {
  if (w.store) return w.store.get(s.id)
  for (const c of w.gh.commentsOn(s.thread)) {
    const r = c.user.type === 'Bot' ? readEmbeddedRecord(c.body) : undefined
    if (r?.failure_id === s.id) return r
  }
  return undefined
}

/** Overwrites one attribute of the item directly in the table (an attacker or a bug altering the store). */
export async function alterItem(w: World, id: string, name: string, value: unknown): Promise<void> {
  if (!w.raw) throw new Error('no table')
  await w.raw.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key: { failure_id: { S: id } },
      UpdateExpression: 'SET #n = :v',
      ExpressionAttributeNames: { '#n': name },
      ExpressionAttributeValues: { ':v': marshal(value) }
    })
  )
}

/**
 * Alters the item as someone who can write the table and knows how the hash is made would: the given attributes,
 * and a proposal_hash recomputed over the result, so that only approve's own checks stand in the way.
 */
export async function alterAndRehash(w: World, id: string, fields: Partial<ProposalRecord>): Promise<void> {
  const item = await w.store?.get(id)
  if (!item) throw new Error(`no item ${id}`)
  for (const [name, value] of Object.entries(fields)) await alterItem(w, id, name, value)
  await alterItem(w, id, 'proposal_hash', proposalHash({ ...item, ...fields }))
}

/** Requests made after `from` (an index into gh.requests). */
export function since(
  w: World,
  from: number
): { method: string; path: string; auth?: string; body?: unknown; status: number }[] {
  return w.gh.requests.slice(from)
}

export const writes = (w: World, from: number): string[] =>
  since(w, from)
    .filter(r => r.method !== 'GET')
    .map(r => `${r.method} ${r.path}`)

export const fixBranches = (w: World): string[] =>
  Object.keys(w.gh.refs()).filter(r => r.startsWith('refs/heads/fixflow/'))

export const fixPulls = (w: World, id: string): FakePull[] =>
  [...w.gh.pulls.values()].filter(p => p.head_ref === `fixflow/${id}`)

/** FixFlow's replies (bot comments carrying a reply marker) on a thread. */
export const replies = (w: World, thread: ThreadRef): FakeComment[] =>
  w.gh.commentsOn(thread).filter(c => c.user.type === 'Bot' && c.body.startsWith('<!-- fixflow:reply:'))

export const bodyOf = (w: World, commentId: number): string =>
  w.gh.comments.find(c => c.id === commentId)?.body ?? ''

/** Helpful failure text: the bundle's output when an expectation about it fails. */
export function out(r: ActionRun): string {
  return `${r.stdout}\n${r.stderr}`
}
