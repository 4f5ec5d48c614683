// FixFlow killed while the command runs: SIGTERM (a cancelled job) restores at once; SIGKILL leaves the patch,
// which the journal puts back on the next start. Runs the engine in a separate Node process (the TypeScript
// source, types stripped) so the test can kill it.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { recoverInterrupted } from '../src/verify/index.js'

const HEADER = `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_' + 'Kk1Ll2Mm3Nn4Oo5Pp6Qq7Rr8Ss9Tt0Uu1Vv2').toString('base64')}`

let base: string
let ws: string
let state: string

const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: ws, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: base } }).trim()

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name)
      const st = lstatSync(full)
      if (st.isDirectory()) walk(full)
      else files[full.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(full)).digest('hex')
    }
  }
  walk(dir)
  delete files['.git/index']
  return files
}

/** Starts the engine in a child Node process on the workspace; resolves once the command runs. */
async function startVerification(marker: string): Promise<ReturnType<typeof spawn>> {
  const script = join(base, 'run.mjs')
  writeFileSync(
    script,
    `import { registerHooks } from 'node:module'
registerHooks({
  resolve(spec, ctx, next) {
    try { return next(spec, ctx) } catch (e) {
      if (spec.startsWith('.') && spec.endsWith('.js')) return next(spec.slice(0, -3) + '.ts', ctx)
      throw e
    }
  }
})
const { verifyProposal } = await import(${JSON.stringify(resolve('src/verify/index.ts'))})
const [ws, sha, state, marker] = process.argv.slice(2)
const log = { info() {}, warning() {}, debug() {}, startGroup() {}, endGroup() {} }
await verifyProposal({
  workspace: ws, commitSha: sha, stateDir: state, secrets: [], log, timeoutMs: 60000,
  changes: [
    { path: 'check.sh', before: 'exit 1\\n', after: 'exit 0\\n', created: false },
    { path: 'added/new.txt', before: '', after: 'new\\n', created: true }
  ],
  command: 'echo running > ' + state + '/started; sleep ' + marker
})
`
  )
  const sha = git('rev-parse', 'HEAD')
  const child = spawn(process.execPath, [script, ws, sha, state, marker], {
    env: { PATH: process.env.PATH, HOME: base },
    stdio: 'ignore'
  })
  const end = Date.now() + 20_000
  while (!existsSync(join(state, 'started')) && Date.now() < end) await new Promise(r => setTimeout(r, 50))
  expect(existsSync(join(state, 'started'))).toBe(true)
  return child
}

function processesWith(marker: string): string[] {
  return readdirSync('/proc').filter(p => {
    try {
      return /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker)
    } catch {
      return false
    }
  })
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'fixflow-verify-kill-'))
  ws = join(base, 'ws')
  state = join(base, 'state')
  mkdirSync(ws)
  mkdirSync(state)
  writeFileSync(join(ws, 'check.sh'), 'exit 1\n')
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 't@example.com')
  git('config', 'user.name', 't')
  git('config', 'http.https://github.com/.extraheader', HEADER)
  git('add', '-A')
  git('commit', '-q', '-m', 'first')
})

afterEach(() => {
  rmSync(base, { recursive: true, force: true })
})

describe('FixFlow killed during verification', () => {
  it('SIGTERM: the command is killed and the workspace and its credential are restored before exiting', async () => {
    const before = snapshot(ws)
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.2468`
    const child = await startVerification(marker)
    // Mid-run the patch is applied and the credential hidden.
    expect(readFileSync(join(ws, 'check.sh'), 'utf8')).toBe('exit 0\n')
    expect(readFileSync(join(ws, '.git/config'), 'utf8')).not.toContain('extraheader')
    const exited = new Promise<NodeJS.Signals | null>(r => child.on('exit', (_c, s) => r(s)))
    child.kill('SIGTERM')
    expect(await exited).toBe('SIGTERM')
    expect(snapshot(ws)).toEqual(before)
    expect(processesWith(marker)).toEqual([])
  })

  it('SIGKILL: the next start puts the files back from the journal; the credential stays removed', async () => {
    const before = snapshot(ws)
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.1357`
    const child = await startVerification(marker)
    const exited = new Promise(r => child.on('exit', r))
    child.kill('SIGKILL')
    await exited
    for (const pid of processesWith(marker)) process.kill(Number(pid), 'SIGKILL') // the runner's orphan cleanup
    expect(readFileSync(join(ws, 'check.sh'), 'utf8')).toBe('exit 0\n')
    expect(recoverInterrupted(ws, state)).toEqual(['check.sh', 'added/new.txt'])
    const after = snapshot(ws)
    expect({ ...after, '.git/config': '' }).toEqual({ ...before, '.git/config': '' })
    // Fails closed: the persisted credential is gone (never written to disk by FixFlow), the rest of the config
    // is intact.
    const config = readFileSync(join(ws, '.git/config'), 'utf8')
    expect(config).not.toContain('extraheader')
    expect(config).toContain('email = t@example.com')
  })
})
