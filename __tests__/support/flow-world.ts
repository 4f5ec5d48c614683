// The world of the in-process flow tests (__tests__/flows-*.test.ts): the flow functions called directly with the
// real GitHubClient against the loopback GitHub (a real git repository behind it), dynalite for the table store, and
// a stub analyzer. The same paths as the end-to-end suite, without the bundle: a flow change shows up at once.
import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startGitHub, type FakeGitHub, type FakeRun, type ThreadRef } from './github-server.js'
import { GitHubClient } from '../../src/github/client.js'
import { parseInputs, type Inputs } from '../../src/inputs.js'
import { proposalsFor } from '../../src/wiring.js'
import { readEmbeddedRecord } from '../../src/render/comment.js'
import type { Analyzer } from '../../src/analysis/analyzer.js'
import type { RunContext } from '../../src/event/context.js'
import { readCommand, readFailure } from '../../src/event/event.js'
import type { Logger } from '../../src/log.js'
import type { ProposalRecord } from '../../src/types.js'
import { analyze } from '../../src/flows/analyze/index.js'
import { handleCommand } from '../../src/flows/approve/index.js'

export const EXAMPLE = 'examples/python-missing-module'
export const LOG = readFileSync(`${EXAMPLE}/ci.log`, 'utf8')
export const TABLE = 'ci_failures'
export const AWS = { AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests' }

/** The analyzer's answer: the seed example's missing dependency. */
export const stubAnalyzer: Analyzer = {
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

export const lines: string[] = []
export const log: Logger = {
  info: m => lines.push(m),
  warning: m => lines.push(`warning: ${m}`),
  debug: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined
}

export interface World {
  gh: FakeGitHub
  client: GitHubClient
  inputs: Inputs
  mainSha: string
}

let runIds = 900_000

export function ctxFor(
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

export async function world(table: boolean): Promise<World> {
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

export function failedRun(w: World, sha: string, branch: string, pulls?: number[]): FakeRun {
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

export async function analyzeEvent(w: World, ctx: RunContext): ReturnType<typeof analyze> {
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
export async function proposePr(
  w: World,
  n: number
): Promise<{ id: string; thread: ThreadRef; prNumber: number }> {
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

export function commentCtx(w: World, prNumber: number, body: string, login: string): RunContext {
  const c = w.gh.addComment({ kind: 'pr', number: prNumber }, body, { login, type: 'User' })
  return ctxFor(w, 'issue_comment', {
    action: 'created',
    issue: { number: prNumber, pull_request: { url: `${w.gh.url}/pulls/${prNumber}` } },
    comment: w.gh.payload.comment(c)
  })
}

export function command(w: World, ctx: RunContext): ReturnType<typeof handleCommand> {
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

export function embedded(w: World, thread: ThreadRef, id: string): ProposalRecord | undefined {
  for (const c of w.gh.commentsOn(thread)) {
    const r = c.user.type === 'Bot' ? readEmbeddedRecord(c.body) : undefined
    if (r?.failure_id === id) return r
  }
  return undefined
}
