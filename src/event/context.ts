import { readFileSync } from 'node:fs'
import { ConfigError } from '../errors.js'

// The only reader of the GITHUB_* variables and of the event payload file (with the other files of src/event/).

/** What the runner tells about this job: the GITHUB_* variables and the event payload. */
export interface RunContext {
  owner: string
  repo: string
  eventName: string
  payload: Record<string, unknown>
  runId: number
  runAttempt: number
  sha: string
  ref: string
  workflow: string
  /** The workflow file of this run (from GITHUB_WORKFLOW_REF, `owner/repo/.github/workflows/ci.yml@ref`). */
  workflowFile?: string
  job: string
  serverUrl: string
  /** The job's workspace (GITHUB_WORKSPACE), where `verify` runs (issue 10). */
  workspace?: string
}

/** The job without its payload: what the flows may know about where they run. */
export type JobContext = Omit<RunContext, 'payload'>

export function readContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = repository.split('/')
  if (!owner || !repo) {
    throw new ConfigError(
      `GITHUB_REPOSITORY is '${repository}'; FixFlow runs inside GitHub Actions (owner/repo expected).`
    )
  }
  let payload: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>
    } catch (e) {
      throw new ConfigError(
        `Cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${String(e)}`
      )
    }
  }
  return {
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    runId: Number(env.GITHUB_RUN_ID ?? 0),
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    ...workflowFile(env.GITHUB_WORKFLOW_REF),
    job: env.GITHUB_JOB ?? '',
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
    workspace: env.GITHUB_WORKSPACE || undefined
  }
}

/** Reads a nested field of an event payload without trusting its shape. */
export function field(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** `ci.yml` from `owner/repo/.github/workflows/ci.yml@refs/heads/main`; the API takes it as a workflow id. */
function workflowFile(ref: string | undefined): { workflowFile?: string } {
  const m = /\/\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml)@/.exec(ref ?? '')
  return m?.[1] ? { workflowFile: m[1] } : {}
}
