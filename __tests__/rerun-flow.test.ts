// In-process tests of triage in the analyze flow and of the rerun flow: the flow functions called directly with the
// real GitHubClient against the loopback GitHub, and an analyzer that counts its calls.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startGitHub, type FakeGitHub, type FakeRun } from './support/github-server.js'
import { GitHubClient } from '../src/github/client.js'
import { parseInputs, type Inputs } from '../src/inputs.js'
import { proposalsFor } from '../src/wiring.js'
import type { Analyzer } from '../src/analysis/analyzer.js'
import type { RunContext } from '../src/event/context.js'
import { readCommand, readFailure, readRunCompleted } from '../src/event/event.js'
import type { Logger } from '../src/log.js'
import { analyze } from '../src/flows/analyze/index.js'
import { autoRerun, rerunCommand } from '../src/flows/rerun/index.js'
import { readTriageMarker } from '../src/thread/markers.js'

const LOG = readFileSync('examples/python-missing-module/ci.log', 'utf8')
const TIMEOUT =
  [
    '##[group]Run docker pull ghcr.io/acme/base:1',
    'docker pull ghcr.io/acme/base:1',
    '##[endgroup]',
    'Error response from daemon: Get "https://ghcr.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    '##[error]Process completed with exit code 1.'
  ].join('\n') + '\n'

const lines: string[] = []
const log: Logger = {
  info: m => lines.push(m),
  warning: m => lines.push(`warning: ${m}`),
  debug: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined
}

describe('triage and rerun flows (in process)', () => {
  let gh: FakeGitHub
  let client: GitHubClient
  let inputs: Inputs
  let base: string
  let calls = 0
  let jobRun = 950_000
  const analyzer: Analyzer = {
    provider: 'rules',
    modelId: 'counting',
    analyze: () => {
      calls++
      return Promise.resolve({ kind: 'none', reason: 'No rule applies.' })
    }
  }

  beforeAll(async () => {
    gh = await startGitHub()
    client = new GitHubClient({
      token: gh.token,
      repo: { owner: gh.owner, repo: gh.repo },
      baseUrl: gh.url,
      retryBaseMs: 5
    })
    inputs = parseInputs(name => (name === 'github-token' ? gh.token : ''), { AWS_REGION: 'us-east-1' })
    base = gh.push('main', gh.readDir('examples/python-missing-module/repo'), 'initial')
    gh.setPermission('writer', 'write')
  })
  afterAll(async () => {
    await gh?.close()
  })

  const ctx = (
    eventName: string,
    payload: Record<string, unknown>,
    over: Partial<RunContext> = {}
  ): RunContext => ({
    owner: gh.owner,
    repo: gh.repo,
    eventName,
    payload,
    runId: jobRun++,
    runAttempt: 1,
    sha: base,
    ref: 'refs/heads/main',
    workflow: 'CI',
    job: 'fixflow',
    serverUrl: 'https://github.com',
    ...over
  })

  function prRun(name: string, log: string): { pr: number; run: FakeRun } {
    const sha = gh.seedCommit({ 'notes.txt': `${name}\n` }, base, name)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/${name}` })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: pr.head_ref,
      event: 'pull_request',
      name: 'CI',
      pull_requests: [pr.number]
    })
    gh.addJob(run.id, { name: 'image', failedStep: 'docker pull', log })
    return { pr: pr.number, run }
  }

  async function analyzed(pr: number, run: FakeRun, over: Partial<Inputs> = {}): ReturnType<typeof analyze> {
    const c = ctx('pull_request', { pull_request: gh.payload.pull(pr) }, { runId: run.id })
    return analyze({
      gh: client,
      proposals: proposalsFor(inputs, client),
      analyzer,
      inputs: { ...inputs, ...over },
      job: c,
      event: readFailure(c),
      secrets: [gh.token],
      log
    })
  }

  it('a container registry timeout: triaged without the analyzer, the verdict recorded, a notice for it', async () => {
    const { pr, run } = prRun('docker', TIMEOUT)
    const before = calls
    const r = await analyzed(pr, run)
    expect(calls).toBe(before)
    expect(r.status).toBe('triaged')
    const body = gh.commentsOn({ kind: 'pr', number: pr })[0]?.body ?? ''
    expect(readTriageMarker(body)).toEqual({ runId: run.id, attempt: 1, kinds: ['transient'] })
    expect(r.notice).toBe(`FixFlow found no code failure in image (a re-run is the answer): ${r.commentUrl}`)
  })

  it('a code failure goes to the analyzer; its comment has no verdict, so no automatic re-run', async () => {
    const { pr, run } = prRun('code', LOG)
    const before = calls
    const r = await analyzed(pr, run)
    expect(calls).toBe(before + 1)
    expect(r.status).toBe('none')
    const c = ctx('workflow_run', { workflow_run: gh.payload.run(run.id) })
    const auto = await autoRerun({
      gh: client,
      event: readRunCompleted(c),
      rerunTransient: true,
      maxLogBytes: 1e6,
      log
    })
    expect(auto.status).toBe('none')
    expect(gh.reruns.filter(x => x.run_id === run.id)).toEqual([])
  })

  it("/fixflow rerun without an id re-runs the thread's latest triaged run", async () => {
    const { pr, run } = prRun('latest', TIMEOUT)
    await analyzed(pr, run)
    const comment = gh.addComment({ kind: 'pr', number: pr }, '/fixflow rerun', {
      login: 'writer',
      type: 'User'
    })
    const event = readCommand(
      ctx('issue_comment', {
        action: 'created',
        issue: { number: pr, pull_request: {} },
        comment: gh.payload.comment(comment)
      })
    )
    if (event.kind !== 'command' || event.via !== 'comment' || event.comment.command.verb !== 'rerun')
      throw new Error('expected a rerun command')
    const r = await rerunCommand({
      gh: client,
      comment: { ...event.comment, command: event.comment.command },
      log
    })
    expect(r).toMatchObject({ status: 'rerun', failureId: `${run.id}-1` })
    expect(gh.reruns.filter(x => x.run_id === run.id)).toEqual([{ run_id: run.id, attempt: 1 }])
  })
})
