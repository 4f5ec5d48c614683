// Untrusted text and untrusted code in the analyze job (issue 7, threat 12), through the bundle: what the model and
// the PR author control never reaches the runner's command stream, and a fork's run with this repository's
// privileges is never analysed, whatever its branch is called.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { toolUseReply } from '../support/bedrock-server.js'
import { runAction } from '../support/action.js'
import {
  AWS,
  SEED_LOG,
  SEED_PROPOSAL,
  analyzeRun,
  expectGreen,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'

// What the runner obeys: `::` at the start of a line after white space; LF, CR or CRLF end a line.
const runnerLines = (stdout: string): string[] => stdout.split(/\r\n|\r|\n/)

describe('analyze: untrusted text and code stay inert', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let base: string

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push('main', seedFiles(gh), 'initial')
  })
  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  it('a model reply and job/step names carrying workflow commands after a newline are inert in stdout', async () => {
    const sha = gh.seedCommit({ 'notes.txt': 'names\n' }, base, 'names')
    const pr = gh.addPull({ head_sha: sha, head_ref: 'feature/names' })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: 'feature/names',
      event: 'pull_request',
      name: 'CI',
      pull_requests: [pr.number]
    })
    gh.addJob(run.id, {
      name: 'test\n::set-output name=status::approved',
      failedStep: 'pytest\n::add-mask::hidden-by-step',
      log: SEED_LOG
    })
    // The model (turned by the log) puts commands into a property name: the analyzer logs why the reply is invalid.
    bedrock.handle = () =>
      toolUseReply({ ...SEED_PROPOSAL, 'x\n::add-mask::hidden-by-model\n::set-output name=risk::low': 1 })
    const r = await analyzeRun({ gh, run, pull: pr, bedrock })
    bedrock.handle = () => toolUseReply(SEED_PROPOSAL)
    expectGreen(r)
    const lines = runnerLines(r.stdout).map(l => l.trimStart())
    expect(lines.filter(l => /^::(set-output|add-mask::hidden)/.test(l))).toEqual([])
    // Neutralised, not dropped: a person still reads what the model and the names said.
    expect(r.stdout).toContain(': :add-mask::hidden-by-model')
    expect(r.outputs.status).not.toBe('approved')
  }, 120_000)

  it.each(['main', 'fixflow/100-1'])(
    "a workflow_run of a fork's commit on a branch called %s is not analysed with this repository's privileges",
    async branch => {
      const sha = gh.seedCommit({ 'notes.txt': `fork ${branch}\n` }, base, 'fork')
      const pr = gh.addPull({ head_sha: sha, head_ref: branch, head_repo: 'mallory/widgets' })
      const run = gh.addRun({
        head_sha: sha,
        head_branch: branch,
        event: 'pull_request',
        name: 'CI',
        head_repository: 'mallory/widgets',
        pull_requests: [pr.number]
      })
      gh.addJob(run.id, { name: 'test', failedStep: 'Run pytest', log: SEED_LOG })
      const asked = bedrock.requests.length
      const writes = gh.requests.filter(q => q.method !== 'GET').length
      const r = await runAction({
        eventName: 'workflow_run',
        event: {
          action: 'completed',
          workflow_run: { ...gh.payload.run(run.id), status: 'completed', conclusion: 'failure' },
          repository: gh.payload.repository()
        },
        // mode: auto never analyses a workflow_run (it is the automatic-rerun event); a workflow written to analyse
        // one says mode: analyze, and that is where the fork check must hold.
        inputs: { 'github-token': gh.token, mode: 'analyze' },
        env: {
          ...AWS,
          GITHUB_REPOSITORY: gh.fullName,
          GITHUB_API_URL: gh.url,
          GITHUB_RUN_ID: String(run.id + 1000),
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_WORKFLOW: 'FixFlow',
          GITHUB_SHA: base,
          GITHUB_REF: 'refs/heads/main',
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url
        }
      })
      expect(r.code).toBe(0)
      expect(r.outputs.status).toBe('none')
      expect(r.stdout).toContain('mallory/widgets')
      expect(bedrock.requests.length).toBe(asked)
      // Nothing written: no comment, no reaction, no store.
      expect(gh.requests.filter(q => q.method !== 'GET').length).toBe(writes)
      expect(gh.comments.filter(c => c.body.includes(`fixflow:run:${run.id}`))).toEqual([])
    },
    120_000
  )
})
