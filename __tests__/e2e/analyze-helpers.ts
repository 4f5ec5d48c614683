// Shared pieces of the analyze end-to-end tests: the seed example, the runner's environment and event payloads, a
// Bedrock server whose answer each test sets, and the checks every green analyze run must pass.
// Only the standard redirections are used: GITHUB_API_URL, AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL_DYNAMODB.
import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { FakeGitHub, FakeRun, FakePull, SeedFile } from '../support/github-server.js'
import {
  startBedrock,
  toolUseReply,
  type BedrockServer,
  type ConverseHandler
} from '../support/bedrock-server.js'
import { runAction, type ActionRun } from '../support/action.js'

export const EXAMPLE = 'examples/python-missing-module'
export const SEED_LOG = readFileSync(`${EXAMPLE}/ci.log`, 'utf8')
export const REGION = 'us-east-1'
/** Obviously fake credentials; the secret is also redacted by exact value. */
export const AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
  AWS_REGION: REGION
}

export const SEED_PROPOSAL = {
  root_cause:
    "weather_report/report.py imports pandas, which requirements.txt does not list, so pytest fails with ModuleNotFoundError: No module named 'pandas'.",
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

export function seedFiles(gh: FakeGitHub): Record<string, SeedFile> {
  return gh.readDir(`${EXAMPLE}/repo`)
}

/** A Bedrock server whose handler the test sets (`bedrock.handle = ...`), answering the seed proposal by default. */
export interface SwitchableBedrock extends BedrockServer {
  handle: ConverseHandler
  /** Requests received since `mark()`. */
  since(mark: number): BedrockServer['requests']
}

export async function startSwitchableBedrock(): Promise<SwitchableBedrock> {
  const holder: { handle: ConverseHandler } = { handle: () => toolUseReply(SEED_PROPOSAL) }
  const server = await startBedrock(req => holder.handle(req))
  // Accessors (Object.assign would copy the getter's value, not the accessor).
  Object.defineProperty(server, 'handle', {
    get: () => holder.handle,
    set: (h: ConverseHandler) => {
      holder.handle = h
    }
  })
  return Object.assign(server as BedrockServer & { handle: ConverseHandler }, {
    since: (mark: number) => server.requests.slice(mark)
  })
}

export interface RunOptions {
  gh: FakeGitHub
  run: FakeRun
  /** pull_request (with `pull`) or push (default). */
  pull?: FakePull
  attempt?: number
  inputs?: Record<string, string>
  /** Extra or removed (undefined) variables. */
  env?: Record<string, string | undefined>
  bedrock?: BedrockServer
  dynamoEndpoint?: string
  /** Table name for dynamodb-table (default none: the embedded store). */
  table?: string
  /** false: no AWS credentials at all. */
  aws?: boolean
  /** The bundle to run (default dist/index.js). */
  entry?: string
}

/** The failed run's on-failure FixFlow job, as the runner starts it. */
export async function analyzeRun(o: RunOptions): Promise<ActionRun> {
  const { gh, run, pull } = o
  const env: Record<string, string | undefined> = {
    ...(o.aws === false ? {} : AWS),
    GITHUB_REPOSITORY: gh.fullName,
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: String(run.id),
    GITHUB_RUN_ATTEMPT: String(o.attempt ?? 1),
    GITHUB_WORKFLOW: run.name,
    GITHUB_JOB: 'fixflow',
    ...(pull
      ? { GITHUB_SHA: 'f'.repeat(40), GITHUB_REF: `refs/pull/${pull.number}/merge` }
      : { GITHUB_SHA: run.head_sha, GITHUB_REF: `refs/heads/${run.head_branch ?? 'main'}` }),
    ...(o.bedrock ? { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: o.bedrock.url } : {}),
    ...(o.dynamoEndpoint ? { AWS_ENDPOINT_URL_DYNAMODB: o.dynamoEndpoint } : {}),
    ...o.env
  }
  const event = pull
    ? {
        action: 'synchronize',
        number: pull.number,
        pull_request: gh.payload.pull(pull.number),
        repository: gh.payload.repository()
      }
    : {
        ref: `refs/heads/${run.head_branch ?? 'main'}`,
        after: run.head_sha,
        head_commit: { id: run.head_sha, message: 'change' },
        repository: gh.payload.repository()
      }
  return runAction({
    entry: o.entry,
    eventName: pull ? 'pull_request' : 'push',
    event,
    inputs: { 'github-token': gh.token, ...(o.table ? { 'dynamodb-table': o.table } : {}), ...o.inputs },
    env
  })
}

/** A green FixFlow job: exit 0 and no error annotation. */
export function expectGreen(r: ActionRun): void {
  if (r.code !== 0 || r.stdout.includes('::error::')) {
    throw new Error(`expected a green job, got exit ${r.code}:\n${r.stdout}\n${r.stderr}`)
  }
}

/** A failed FixFlow job whose ::error:: annotation is returned. */
export function expectFailed(r: ActionRun): string {
  expect(r.code).not.toBe(0)
  const line = r.stdout.split('\n').find(l => l.startsWith('::error::'))
  expect(line).toBeDefined()
  // Annotations escape %, CR and LF.
  return (line ?? '')
    .slice('::error::'.length)
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%25/g, '%')
}

/** A failed `test` job with the seed log on a new run for `sha`. */
export function failedRun(
  gh: FakeGitHub,
  sha: string,
  opts: { branch?: string; event?: string; pulls?: number[]; log?: string } = {}
): FakeRun {
  const run = gh.addRun({
    head_sha: sha,
    head_branch: opts.branch ?? 'main',
    event: opts.event ?? 'push',
    name: 'CI',
    ...(opts.pulls ? { pull_requests: opts.pulls } : {})
  })
  gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: opts.log ?? SEED_LOG })
  gh.addJob(run.id, { name: 'lint', conclusion: 'success', log: 'all good\n' })
  return run
}

/** The lines of a comment outside any <details> block: what a reader sees without expanding anything. */
export function visibleText(body: string): string {
  return body.replace(/<details[\s\S]*?<\/details>/g, '')
}
