// Verified proposals end to end (issue 10): the bundle runs the `verify` command in a real workspace (a git checkout
// of the loopback repository's commit), with the patch applied, before the proposal is kept or shown. Passed, repaired,
// failed, timed out; the command sees no token; the workspace is byte-identical afterwards in every case; the check's
// output is redacted in the comment and in the repair prompt.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { toolUseReply, type ConverseReply } from '../support/bedrock-server.js'
import type { ActionRun } from '../support/action.js'
import {
  AWS,
  SEED_PROPOSAL,
  analyzeRun,
  expectGreen,
  failedRun,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'
import { commentAndRun, type World } from './approve-harness.js'

/** Passes with the seed proposal (pandas pinned), fails without it. */
const CHECK = "cat requirements.txt; grep -qx 'pandas==2.2.3' requirements.txt"
const BAD = {
  ...SEED_PROPOSAL,
  files_to_modify: [
    { file_path: 'requirements.txt', original: 'numpy==2.1.3\n', replacement: 'numpy==2.1.3\npandas\n' }
  ]
}
/** What actions/checkout v4/v5 persists: an Authorization header with the job's token, base64 in .git/config. */
const CHECKOUT_TOKEN = 'ghs_' + 'Ck1Ck2Ck3Ck4Ck5Ck6Ck7Ck8Ck9Ck0Ck1Ck2'
const EXTRAHEADER = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${CHECKOUT_TOKEN}`).toString('base64')}`
const RUNTIME_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJydW50aW1lIjoxfQ.ZmFrZS1ydW50aW1lLXNpZw'
const OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWRjIjoxfQ.ZmFrZS1vaWRjLXNpZw'
const OTHER_SECRET = 'npm_' + 'Fk1Fk2Fk3Fk4Fk5Fk6Fk7Fk8Fk9Fk0Fk1Fk2Fk3'

describe('analyze with verify: the check runs on the patch in the job workspace', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock
  let base: string
  let n = 0
  const temps: string[] = []

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
    base = gh.push('main', seedFiles(gh), 'initial')
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
    for (const t of temps) rmSync(t, { recursive: true, force: true })
  })

  function temp(prefix: string): string {
    const d = mkdtempSync(join(tmpdir(), prefix))
    temps.push(d)
    return d
  }

  /** What actions/checkout leaves: a detached checkout of the commit, optionally with the token persisted. */
  function checkout(branch: string, sha: string, persist: boolean): string {
    const ws = join(temp('fixflow-e2e-ws-'), 'repo')
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: ws, encoding: 'utf8' })
    execFileSync('git', ['clone', '-q', '--branch', branch, gh.gitDir, ws])
    git('checkout', '-q', '--detach', sha)
    if (persist) git('config', '--local', 'http.https://github.com/.extraheader', EXTRAHEADER)
    return ws
  }

  /** Every file under `dir` (.git included, its index aside) with mode and bytes, plus git status; and times. */
  function snapshot(dir: string): { files: Record<string, string>; times: Record<string, number[]> } {
    const files: Record<string, string> = {}
    const times: Record<string, number[]> = {}
    const walk = (d: string): void => {
      for (const name of readdirSync(d).sort()) {
        const full = join(d, name)
        const st = lstatSync(full)
        const rel = full.slice(dir.length + 1)
        if (st.isDirectory()) walk(full)
        else {
          files[rel] =
            `${st.mode.toString(8)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`
          times[rel] = [st.mtimeMs]
        }
      }
    }
    walk(dir)
    // git refreshes the index's stat data at will; what it means is the status.
    delete files['.git/index']
    delete times['.git/index']
    files['(status)'] = execFileSync('git', ['status', '--porcelain', '--ignored', '-uall'], {
      cwd: dir,
      encoding: 'utf8'
    })
    return { files, times }
  }

  /** Same bytes, modes, status; same modification times (to a microsecond: they go through a double). */
  function expectUnchanged(dir: string, before: ReturnType<typeof snapshot>): void {
    const after = snapshot(dir)
    expect(after.files).toEqual(before.files)
    for (const [path, [mtime]] of Object.entries(before.times)) {
      const now = after.times[path]![0]!
      if (Math.abs(now - mtime!) > 0.001) throw new Error(`${path}: mtime ${mtime} became ${now}`)
    }
  }

  interface Verified {
    r: ActionRun
    body: string
    sent: SwitchableBedrock['requests']
    ws: string
    ms: number
    pr: number
    id: string
  }

  /** The on-failure job of a new PR with `verify` set, the Converse replies given in order (the last repeats). */
  async function verifyRun(o: {
    replies: ConverseReply[]
    verify: string
    inputs?: Record<string, string>
    env?: Record<string, string>
    persist?: boolean
  }): Promise<Verified> {
    n++
    const branch = `feature/verify-${n}`
    const sha = gh.seedCommit({ 'notes.txt': `verify ${n}\n` }, base, `verify ${n}`)
    const pr = gh.addPull({ head_sha: sha, head_ref: branch })
    const run = failedRun(gh, sha, { branch, event: 'pull_request', pulls: [pr.number] })
    const ws = checkout(branch, sha, o.persist ?? false)
    const before = snapshot(ws)
    let i = 0
    bedrock.handle = () => o.replies[Math.min(i++, o.replies.length - 1)]!
    const mark = bedrock.requests.length
    const started = Date.now()
    const r = await analyzeRun({
      gh,
      run,
      pull: pr,
      bedrock,
      inputs: { verify: o.verify, ...o.inputs },
      env: { GITHUB_WORKSPACE: ws, ...o.env }
    })
    const ms = Date.now() - started
    expectGreen(r)
    // Whatever happened, nothing of the patch or of the run is left in the workspace.
    expectUnchanged(ws, before)
    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    return { r, body: comments[0]!.body, sent: bedrock.since(mark), ws, ms, pr: pr.number, id: `${run.id}-1` }
  }

  it('a patch that makes the check pass -> passed, one model call, approve offered', async () => {
    const x = await verifyRun({ replies: [toolUseReply(SEED_PROPOSAL)], verify: CHECK })
    expect(x.r.outputs.status).toBe('pending')
    expect(x.r.outputs.verified).toBe('passed')
    expect(x.sent).toHaveLength(1)
    expect(x.body).toContain(`**Verified:** ✅ \`${CHECK}\` passed with this patch`)
    // The check ran on the patched file: its output (collapsed) shows the added line.
    expect(x.body).toMatch(/<details><summary>Output of the check[^]*pandas==2\.2\.3[^]*<\/details>/)
    expect(x.body).toContain('/fixflow approve')
    expect(x.body).not.toContain('Unverified')
  })

  it('a failing first patch and a repaired one -> two model calls, the second holding the failure; passed', async () => {
    const x = await verifyRun({
      replies: [toolUseReply(BAD), toolUseReply(SEED_PROPOSAL)],
      verify: CHECK
    })
    expect(x.sent).toHaveLength(2)
    expect(x.sent[0]!.raw).not.toContain('previous patch failed')
    const repair = x.sent[1]!.raw
    expect(repair).toContain('Your previous patch failed')
    expect(repair).toContain('+pandas')
    expect(repair).toContain('exit code 1')
    expect(x.r.outputs.verified).toBe('passed')
    expect(x.body).toContain('passed with this patch')
    expect(x.body).toContain('after 2 proposals')
    expect(x.body).toContain('+pandas==2.2.3')
    // The record keeps the verdict and the token use of both calls (the artifact is the stored record).
    const record = JSON.parse(
      Buffer.from(/fixflow:proposal:v1 ([A-Za-z0-9+/=]+)/.exec(x.body)![1]!, 'base64').toString('utf8')
    ) as { verification: { verified: string; attempts: number }; input_tokens: number }
    expect(record.verification).toMatchObject({ verified: 'passed', attempts: 2 })
  })

  it('both attempts fail -> failed, one comment, approve still offered and the patch marked unverified', async () => {
    const x = await verifyRun({ replies: [toolUseReply(BAD)], verify: CHECK })
    expect(x.sent).toHaveLength(2)
    expect(x.r.outputs.status).toBe('pending')
    expect(x.r.outputs.verified).toBe('failed')
    expect(x.body).toMatch(
      /\*\*Verified:\*\* ❌ `[^`]+` failed with this patch: exit code 1 after \d+\.\d s, after 2 proposals/
    )
    expect(x.body).toContain('Unverified patch')
    expect(x.body).toContain('/fixflow approve')
  })

  it('approve applies a proposal whose check failed; a record edited to say "passed" is refused', async () => {
    const world = { gh, bedrock, mainSha: base, close: () => Promise.resolve() } as World
    gh.setPermission('wendy', 'write')
    const failed = await verifyRun({
      replies: [toolUseReply(BAD)],
      verify: CHECK,
      inputs: { 'max-attempts': '1' }
    })
    const ok = await commentAndRun(world, failed.pr, `/fixflow approve ${failed.id}`, 'wendy')
    expect(ok.run.outputs.status).toBe('approved')
    expect(gh.branchSha(`fixflow/${failed.id}`)).toBeDefined()

    const forged = await verifyRun({
      replies: [toolUseReply(BAD)],
      verify: CHECK,
      inputs: { 'max-attempts': '1' }
    })
    const comment = gh.commentsOn({ kind: 'pr', number: forged.pr })[0]!
    const m = /fixflow:proposal:v1 ([A-Za-z0-9+/=]+)/.exec(comment.body)!
    const record = JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')) as {
      verification: { verified: string }
    }
    expect(record.verification.verified).toBe('failed')
    record.verification.verified = 'passed'
    comment.body = comment.body.replace(m[1]!, Buffer.from(JSON.stringify(record)).toString('base64'))
    const refused = await commentAndRun(world, forged.pr, `/fixflow approve ${forged.id}`, 'wendy')
    expect(refused.run.outputs.status).toBe('refused')
    expect(gh.branchSha(`fixflow/${forged.id}`)).toBeUndefined()
    expect(
      gh
        .commentsOn({ kind: 'pr', number: forged.pr })
        .map(c => c.body)
        .join('\n')
    ).toMatch(/does not match its hash/)
  })

  it('timeout -> the command is killed, failed with why, the workspace restored', async () => {
    const marker = `fixflow-verify-sleep-${process.pid}-${Date.now()}`
    const x = await verifyRun({
      replies: [toolUseReply(SEED_PROPOSAL)],
      verify: `echo started; (exec -a ${marker} sleep 120) & exec -a ${marker} sleep 120`,
      inputs: { 'verify-timeout': '2', 'max-attempts': '1' }
    })
    expect(x.r.outputs.verified).toBe('failed')
    expect(x.body).toMatch(/failed with this patch: timed out after 2 s \(process group killed\)/)
    expect(x.ms).toBeLessThan(20_000)
    const left = readdirSync('/proc').filter(p => {
      try {
        return /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker)
      } catch {
        return false
      }
    })
    expect(left).toEqual([])
  })

  it('the command sees no token: not in its environment, not in the git config', async () => {
    const dump = join(temp('fixflow-e2e-dump-'), 'dump.txt')
    const x = await verifyRun({
      replies: [toolUseReply(SEED_PROPOSAL)],
      verify:
        `{ env; echo ---; git config --list --show-origin; echo ---; cat .git/config; ` +
        `cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; } > ${dump}`,
      env: {
        AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEFAKESESSION0123456789abcdefFAKE',
        ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/oidc',
        MY_NPM_TOKEN: OTHER_SECRET
      },
      inputs: { 'fix-token': 'ghp_' + 'Fx1Fx2Fx3Fx4Fx5Fx6Fx7Fx8Fx9Fx0Fx1Fx2' },
      persist: true
    })
    expect(x.r.outputs.verified).toBe('passed')
    const seen = readFileSync(dump, 'utf8')
    // It did run, in the workspace, with the non-secret context.
    expect(seen).toContain(`GITHUB_REPOSITORY=${gh.fullName}`)
    expect(seen).toContain('[core]')
    for (const secret of [
      gh.token,
      'Fx1Fx2Fx3',
      AWS.AWS_ACCESS_KEY_ID,
      AWS.AWS_SECRET_ACCESS_KEY,
      'FwoGZXIvYXdzEFAKESESSION',
      RUNTIME_TOKEN,
      OIDC_TOKEN,
      OTHER_SECRET,
      EXTRAHEADER,
      CHECKOUT_TOKEN
    ]) {
      expect(seen).not.toContain(secret)
    }
    expect(seen).not.toMatch(/^INPUT_/m)
    expect(seen).not.toContain('extraheader')
    // The persisted credential is back for later steps (the snapshot equality covers .git/config byte for byte).
    expect(readFileSync(join(x.ws, '.git', 'config'), 'utf8')).toContain(EXTRAHEADER)
  })

  it('a secret in the check output -> redacted in the comment and in the repair prompt', async () => {
    // The values exist only in the output (built by the shell), never in the command text.
    const leaked = 'ghp_' + 'aB3'.repeat(12)
    const x = await verifyRun({
      replies: [toolUseReply(BAD)],
      verify:
        `echo "token ghp_$(printf 'aB3%.0s' {1..12})"; ` +
        `echo "aws $(echo ${Buffer.from(AWS.AWS_SECRET_ACCESS_KEY).toString('base64')} | base64 -d)"; exit 1`
    })
    expect(x.sent).toHaveLength(2)
    const repair = x.sent[1]!.raw
    expect(repair).toContain('token ')
    expect(repair).toContain('aws ')
    expect(repair).not.toContain(leaked)
    expect(repair).not.toContain(AWS.AWS_SECRET_ACCESS_KEY)
    expect(x.body).toContain('Output of the check')
    expect(x.body).not.toContain(leaked)
    expect(x.body).not.toContain(AWS.AWS_SECRET_ACCESS_KEY)
    expect(x.r.summary).not.toContain(leaked)
  })

  it('a workspace at another commit -> skipped with why, nothing run, the proposal still offered', async () => {
    const dump = join(temp('fixflow-e2e-dump-'), 'ran.txt')
    n++
    const branch = `feature/verify-${n}`
    const sha = gh.seedCommit({ 'notes.txt': `verify ${n}\n` }, base, `verify ${n}`)
    const pr = gh.addPull({ head_sha: sha, head_ref: branch })
    const run = failedRun(gh, sha, { branch, event: 'pull_request', pulls: [pr.number] })
    const ws = checkout(branch, base, false)
    const before = snapshot(ws)
    bedrock.handle = () => toolUseReply(SEED_PROPOSAL)
    const r = await analyzeRun({
      gh,
      run,
      pull: pr,
      bedrock,
      inputs: { verify: `touch ${dump}` },
      env: { GITHUB_WORKSPACE: ws }
    })
    expectGreen(r)
    expect(r.outputs.verified).toBe('skipped')
    const body = gh.commentsOn({ kind: 'pr', number: pr.number })[0]!.body
    expect(body).toMatch(
      /\*\*Verified:\*\* ⚪ not verified: the workspace is at [0-9a-f]{12}, not at the proposal's commit/
    )
    expect(body).toContain('/fixflow approve')
    expect(() => readFileSync(dump)).toThrow()
    expectUnchanged(ws, before)
  })
})
