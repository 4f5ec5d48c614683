import { describe, it, expect, beforeEach, afterEach } from '@jest/globals'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  verifyInCopy,
  verifyProposal,
  recoverInterrupted,
  type VerifyProposalOptions
} from '../src/verify/index.js'
import { applyChanges, journalDir } from '../src/verify/workspace.js'
import type { Logger } from '../src/log.js'
import type { FileChange } from '../src/types.js'

// Fake credentials, shaped like the real ones so the redactor and the checks treat them as such.
const GITHUB_TOKEN = 'ghs_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'
const FIX_TOKEN = 'github_pat_' + '11ABCDEFG0abcdefghijklmnopqrstuvwxyz0123456789ABCDEF'
const RUNTIME_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJydW50aW1lIn0.c2lnbmF0dXJlLXJ1bnRpbWU'
const AWS_KEY = 'ASIA' + 'ZZZZ2222YYYY3333'
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'FAKEKEYFAKE'
const AWS_SESSION = 'IQoJb3JpZ2luX2VjEFAKESESSIONTOKENxyz0123456789abcdef'
const CHECKOUT_TOKEN = 'ghs_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8'
const CHECKOUT_V6_TOKEN = 'ghs_' + 'Mm1Nn2Bb3Vv4Cc5Xx6Zz7Ll8Kk9Jj0Hh1Gg2'
const SUB_TOKEN = 'ghs_' + 'Sb1Sb2Sb3Sb4Sb5Sb6Sb7Sb8Sb9Sb0Sb1Sb2Sb3S'
const URL_TOKEN = 'ghs_' + 'Qw1Er2Ty3Ui4Op5As6Df7Gh8Jk9Lz0Xc1Vb2'
const DB_PASSWORD = 'pg-Pa55w0rd-' + 'F4k3-Valu3'
const SECRETS = [GITHUB_TOKEN, FIX_TOKEN, RUNTIME_TOKEN, AWS_KEY, AWS_SECRET, AWS_SESSION]
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

let base: string
let ws: string
let out: string
let home: string
let runnerTemp: string
let messages: string[]

const log: Logger = {
  info: m => messages.push(m),
  warning: m => messages.push(`warning: ${m}`),
  debug: m => messages.push(`debug: ${m}`),
  startGroup: () => {},
  endGroup: () => {}
}

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home }
  }).trim()
}

/** A git checkout with a failing check (check.sh exits 1) and a few other files. */
function makeRepo(): string {
  mkdirSync(ws)
  writeFileSync(join(ws, 'check.sh'), '#!/bin/bash\necho checking\nexit 1\n')
  writeFileSync(join(ws, 'README.md'), '# demo\n')
  mkdirSync(join(ws, 'src'))
  writeFileSync(join(ws, 'src', 'app.txt'), 'version=1\r\nname=demo\r\n')
  writeFileSync(join(ws, '.gitignore'), '*.log\n')
  sh(ws, 'init', '-q', '-b', 'main')
  sh(ws, 'config', 'user.email', 't@example.com')
  sh(ws, 'config', 'user.name', 't')
  sh(ws, 'add', '-A')
  sh(ws, 'commit', '-q', '-m', 'first')
  return sh(ws, 'rev-parse', 'HEAD')
}

/** Every file under `dir` (the .git directory too) with its SHA-256 and mode, plus git status. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name)
      const st = lstatSync(full)
      const rel = full.slice(dir.length + 1)
      if (st.isDirectory()) {
        files[rel] = `dir ${st.mode.toString(8)}`
        walk(full)
      } else {
        const bytes = st.isSymbolicLink() ? Buffer.from('link') : readFileSync(full)
        files[rel] = `${st.mode.toString(8)} ${createHash('sha256').update(bytes).digest('hex')}`
      }
    }
  }
  walk(dir)
  // .git/index holds stat data git refreshes at will; the status below is what it means.
  delete files['.git/index']
  files['(git status)'] = execFileSync('git', ['status', '--porcelain', '--ignored', '-uall'], {
    cwd: dir,
    encoding: 'utf8'
  })
  return files
}

function change(path: string, after: string, before?: string): FileChange {
  const full = join(ws, path)
  if (before === undefined && !existsSync(full)) return { path, before: '', after, created: true }
  return { path, before: before ?? readFileSync(full, 'utf8'), after, created: false }
}

function options(commitSha: string, changes: FileChange[], command: string): VerifyProposalOptions {
  return {
    workspace: ws,
    commitSha,
    changes,
    command,
    timeoutMs: 20_000,
    secrets: SECRETS,
    log,
    env: { PATH: process.env.PATH, HOME: home, RUNNER_TEMP: runnerTemp, LANG: 'C.UTF-8' },
    stateDir: runnerTemp
  }
}

/** Processes of this machine whose command line contains `marker` (pids seen from here). */
function processesWith(marker: string): string[] {
  return readdirSync('/proc')
    .filter(p => /^\d+$/.test(p))
    .filter(p => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker)
      } catch {
        return false
      }
    })
}

async function eventually(test: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (test()) return true
    await new Promise(r => setTimeout(r, 50))
  }
  return test()
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'fixflow-verify-'))
  ws = join(base, 'workspace')
  out = join(base, 'out')
  home = join(base, 'home')
  runnerTemp = join(base, 'runner-temp')
  for (const d of [out, home, runnerTemp]) mkdirSync(d)
  messages = []
})

afterEach(() => {
  rmSync(base, { recursive: true, force: true })
})

describe('verifyProposal', () => {
  it('passes when the patch makes the command pass, and leaves the workspace byte-identical', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    const r = await verifyProposal(
      options(sha, [change('check.sh', '#!/bin/bash\necho checking\nexit 0\n')], 'bash check.sh')
    )
    expect(r).toMatchObject({ verdict: 'passed', exitCode: 0, command: 'bash check.sh' })
    expect(r.outputTail).toBe('checking')
    expect(r.durationMs).toBeGreaterThanOrEqual(0)
    expect(snapshot(ws)).toEqual(before)
  })

  it('fails with the exit code and the tail of the output', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    const lines = Array.from({ length: 200 }, (_, i) => `echo line-${i}`).join('\n')
    const r = await verifyProposal(
      options(sha, [change('check.sh', `#!/bin/bash\n${lines}\necho boom >&2\nexit 3\n`)], 'bash check.sh')
    )
    expect(r).toMatchObject({ verdict: 'failed', exitCode: 3 })
    expect(r.outputTail.split('\n')).toHaveLength(60)
    expect(r.outputTail.endsWith('line-199\nboom')).toBe(true)
    expect(r.outputTail).not.toContain('line-100\n')
    expect(snapshot(ws)).toEqual(before)
  })

  it('runs the patched files: edits, a created file in a new directory, CRLF kept; all undone after', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    const r = await verifyProposal(
      options(
        sha,
        [
          change('src/app.txt', 'version=2\r\nname=demo\r\n'),
          change('tests/new/case.txt', 'created\n'),
          change('check.sh', '#!/bin/bash\ncat src/app.txt tests/new/case.txt\nexit 0\n')
        ],
        'bash check.sh | od -c | head -3'
      )
    )
    expect(r.verdict).toBe('passed')
    expect(r.outputTail).toContain('v   e   r   s   i   o   n   =   2  \\r  \\n')
    expect(existsSync(join(ws, 'tests'))).toBe(false)
    expect(snapshot(ws)).toEqual(before)
  })

  it.each(['process-group', 'require'] as const)(
    'kills the whole process group at the timeout, grandchildren too, and restores the workspace (%s)',
    async isolation => {
      const sha = makeRepo()
      const before = snapshot(ws)
      const marker = `${Math.floor(Math.random() * 1e6) + 1000}.4321`
      const started = Date.now()
      const r = await verifyProposal({
        ...options(
          sha,
          [change('check.sh', '#!/bin/bash\nexit 0\n')],
          `(sleep ${marker} &) ; sleep ${marker}`
        ),
        timeoutMs: 1000,
        graceMs: 500,
        isolation
      })
      expect(r.verdict).toBe('failed')
      expect(r.reason).toMatch(/^timed out after 1 s/)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(await eventually(() => processesWith(marker).length === 0)).toBe(true)
      expect(snapshot(ws)).toEqual(before)
    }
  )

  it('sends SIGKILL after the grace period to a command that ignores SIGTERM', async () => {
    const sha = makeRepo()
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.1234`
    const r = await verifyProposal({
      ...options(sha, [change('check.sh', '#!/bin/bash\nexit 0\n')], `trap '' TERM; sleep ${marker}; true`),
      timeoutMs: 500,
      graceMs: 500,
      isolation: 'process-group'
    })
    expect(r.verdict).toBe('failed')
    expect(r.reason).toMatch(/timed out/)
    expect(await eventually(() => processesWith(marker).length === 0)).toBe(true)
  })

  it('in a PID namespace, a grandchild that leaves the process group (setsid) dies with the command', async () => {
    const sha = makeRepo()
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.5678`
    const r = await verifyProposal({
      ...options(
        sha,
        [change('check.sh', '#!/bin/bash\nexit 0\n')],
        `setsid sleep ${marker} & sleep 0.3; exit 0`
      )
    })
    expect(r.isolation).toBe('pid-namespace')
    expect(r.verdict).toBe('passed')
    expect(await eventually(() => processesWith(marker).length === 0)).toBe(true)
  })

  it('the command sees no token: environment, git config (checkout v4, v6, remote URL) and other processes', async () => {
    const sha = makeRepo()
    // actions/checkout v4/v5: the header in .git/config. v6: an includeIf to a credentials file in RUNNER_TEMP.
    sh(
      ws,
      'config',
      'http.https://github.com/.extraheader',
      `AUTHORIZATION: basic ${b64(`x-access-token:${CHECKOUT_TOKEN}`)}`
    )
    const credFile = join(runnerTemp, `git-credentials-${randomUUID()}.config`)
    writeFileSync(
      credFile,
      `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${b64(`x-access-token:${CHECKOUT_V6_TOKEN}`)}\n`
    )
    sh(ws, 'config', `includeIf.gitdir:${join(ws, '.git')}.path`, credFile)
    sh(ws, 'remote', 'add', 'origin', `https://x-access-token:${URL_TOKEN}@github.com/o/r.git`)
    // A submodule's own config (checkout writes the header there too with submodules: true).
    const sub = join(ws, '.git', 'modules', 'lib')
    mkdirSync(sub, { recursive: true })
    writeFileSync(join(sub, 'HEAD'), 'ref: refs/heads/main\n')
    writeFileSync(
      join(sub, 'config'),
      `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${b64(`x-access-token:${SUB_TOKEN}`)}\n`
    )
    const credBefore = readFileSync(credFile)
    const before = snapshot(ws)
    // Another process of the same user holding a token in its environment, as FixFlow's own process does.
    const holder: ChildProcess = spawn('sleep', ['30'], {
      env: { PATH: process.env.PATH, HOLDER_TOKEN: GITHUB_TOKEN }
    })
    try {
      const env = {
        PATH: process.env.PATH,
        HOME: home,
        LANG: 'C.UTF-8',
        CI: 'true',
        RUNNER_TEMP: runnerTemp,
        RUNNER_TRACKING_ID: 'github_0123',
        pythonLocation: '/opt/hostedtoolcache/Python/3.12.0/x64',
        GITHUB_TOKEN,
        GH_TOKEN: GITHUB_TOKEN,
        'INPUT_GITHUB-TOKEN': GITHUB_TOKEN,
        'INPUT_FIX-TOKEN': FIX_TOKEN,
        INPUT_VERIFY: 'bash check.sh',
        ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
        ACTIONS_RUNTIME_URL: 'https://pipelines.example/abc/',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: RUNTIME_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x',
        ACTIONS_CACHE_URL: 'https://cache.example/abc/',
        ACTIONS_RESULTS_URL: 'https://results.example/',
        AWS_ACCESS_KEY_ID: AWS_KEY,
        AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        AWS_SESSION_TOKEN: AWS_SESSION,
        AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/awscreds/token',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Zm9vYmFyYmF6cXV4cXV1eA==',
        DATABASE_URL: `postgres://app:${DB_PASSWORD}@db:5432/app`,
        MY_API_KEY: 'k-' + DB_PASSWORD,
        // An allowed name carrying a secret value: dropped by value.
        LC_PAPER: FIX_TOKEN
      }
      const command = [
        `env > ${out}/env.txt`,
        `git config --list --show-origin > ${out}/git.txt 2>&1`,
        `cat ${runnerTemp}/git-credentials-*.config >> ${out}/git.txt 2>&1`,
        `cat .git/modules/*/config >> ${out}/git.txt 2>&1`,
        `for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done > ${out}/proc.txt 2>/dev/null`,
        'bash check.sh'
      ].join('; ')
      const r = await verifyProposal({
        ...options(sha, [change('check.sh', '#!/bin/bash\nexit 0\n')], command),
        env,
        secrets: [GITHUB_TOKEN, FIX_TOKEN, RUNTIME_TOKEN, AWS_KEY, AWS_SECRET, AWS_SESSION]
      })
      expect(r.verdict).toBe('passed')
      expect(r.isolation).toBe('pid-namespace')
      const dumped = ['env.txt', 'git.txt', 'proc.txt']
        .map(f => readFileSync(join(out, f), 'utf8'))
        .join('\n')
      // The dumps worked: harmless variables and the repository's own config are there.
      expect(dumped).toContain('CI=true')
      expect(dumped).toContain('RUNNER_TRACKING_ID=github_0123')
      expect(dumped).toContain('pythonLocation=/opt/hostedtoolcache/Python/3.12.0/x64')
      expect(dumped).toContain('user.email=t@example.com')
      expect(dumped).toContain('remote.origin.url=https://github.com/o/r.git')
      expect(dumped).toContain('bare = false')
      const forbidden = [
        GITHUB_TOKEN,
        FIX_TOKEN,
        RUNTIME_TOKEN,
        AWS_KEY,
        AWS_SECRET,
        AWS_SESSION,
        CHECKOUT_TOKEN,
        CHECKOUT_V6_TOKEN,
        SUB_TOKEN,
        URL_TOKEN,
        DB_PASSWORD,
        b64(`x-access-token:${CHECKOUT_TOKEN}`),
        b64(`x-access-token:${CHECKOUT_V6_TOKEN}`),
        b64(`x-access-token:${SUB_TOKEN}`)
      ]
      for (const secret of forbidden) expect(dumped).not.toContain(secret)
      for (const name of [
        'GITHUB_TOKEN',
        'GH_TOKEN',
        'INPUT_',
        'ACTIONS_',
        'AWS_',
        'extraheader',
        'MY_API_KEY',
        'DATABASE_URL'
      ]) {
        expect(dumped).not.toContain(name)
      }
      // Everything is back: the persisted credentials, and every file.
      expect(readFileSync(credFile)).toEqual(credBefore)
      expect(snapshot(ws)).toEqual(before)
      expect(sh(ws, 'config', 'remote.origin.url')).toContain(URL_TOKEN)
    } finally {
      holder.kill('SIGKILL')
    }
  })

  it('without user namespaces: skipped by default, a warned process-group run when asked for', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    // A PATH with bash and git but no unshare, as on a runner where the namespace cannot be made.
    const bin = join(base, 'bin')
    mkdirSync(bin)
    for (const tool of ['bash', 'git', 'cat']) {
      execFileSync('ln', [
        '-s',
        execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
        join(bin, tool)
      ])
    }
    const env = { PATH: bin, HOME: home }
    const patch = [change('check.sh', '#!/bin/bash\nexit 0\n')]
    const r1 = await verifyProposal({ ...options(sha, patch, 'bash check.sh'), env })
    expect(r1.verdict).toBe('skipped')
    expect(r1.reason).toMatch(/cannot be isolated/)
    expect(snapshot(ws)).toEqual(before)
    const r2 = await verifyProposal({ ...options(sha, patch, 'bash check.sh'), env, isolation: 'auto' })
    expect(r2).toMatchObject({ verdict: 'passed', isolation: 'process-group' })
    expect(messages.some(m => m.startsWith('warning: verify: no PID namespace'))).toBe(true)
    expect(snapshot(ws)).toEqual(before)
  })

  it('leaves files the command made beyond the patch, and names them in a warning', async () => {
    const sha = makeRepo()
    const r = await verifyProposal(
      options(sha, [change('check.sh', '#!/bin/bash\nexit 0\n')], 'bash check.sh && echo x > stray.txt')
    )
    expect(r.verdict).toBe('passed')
    expect(readFileSync(join(ws, 'stray.txt'), 'utf8')).toBe('x\n')
    expect(readFileSync(join(ws, 'check.sh'), 'utf8')).toBe('#!/bin/bash\necho checking\nexit 1\n')
    expect(messages).toContain(
      'warning: verify: the command changed files beyond the patch, left as they are: stray.txt'
    )
  })

  it('keeps only the end of a large output, counting all of it, and drops the cut line', async () => {
    const sha = makeRepo()
    const token = 'ghp_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8'
    const cmd = `head -c 3000000 /dev/zero | tr '\\0' a; echo " ${token}"; echo END`
    const r = await verifyProposal({
      ...options(sha, [change('check.sh', '#!/bin/bash\nexit 0\n')], cmd),
      maxOutputBytes: 20
    })
    expect(r.verdict).toBe('passed')
    expect(r.outputBytes).toBe(3_000_000 + 1 + token.length + 1 + 4)
    // The kept 20 bytes start inside the token line: that partial line is dropped, not shown half-redacted.
    expect(r.outputTail).toBe('END')
  })

  it("restores the step's runner files the command appended to, and defuses workflow commands in the tail", async () => {
    const sha = makeRepo()
    // The runner's file commands for FixFlow's step, with what FixFlow wrote before verifying.
    const files = join(runnerTemp, '_runner_file_commands')
    mkdirSync(files)
    const output = join(files, 'set_output_1')
    const envFile = join(files, 'set_env_1')
    const pathFile = join(files, 'add_path_1')
    writeFileSync(output, 'failure-id<<EOF\n1-1\nEOF\n')
    writeFileSync(envFile, '')
    const command = [
      `for f in ${files}/set_output_*; do echo verified=passed >> $f; done`,
      `for f in ${files}/set_env_*; do echo LD_PRELOAD=/tmp/evil.so >> $f; done`,
      `for f in ${files}/add_path_*; do echo /tmp/evil >> $f; done`,
      `touch ${files}/add_path_1`,
      'echo "::set-output name=verified::passed"',
      'echo "  ##[add-path]/tmp/evil"',
      'exit 1'
    ].join('; ')
    const r = await verifyProposal({
      ...options(sha, [change('check.sh', 'exit 0\n')], command),
      env: {
        PATH: process.env.PATH,
        HOME: home,
        RUNNER_TEMP: runnerTemp,
        GITHUB_OUTPUT: output,
        GITHUB_ENV: envFile,
        GITHUB_PATH: pathFile
      }
    })
    expect(r.verdict).toBe('failed')
    expect(readFileSync(output, 'utf8')).toBe('failure-id<<EOF\n1-1\nEOF\n')
    expect(readFileSync(envFile, 'utf8')).toBe('')
    expect(readFileSync(pathFile, 'utf8')).toBe('')
    expect(r.outputTail).toBe(':\u200b:set-output name=verified::passed\n  #\u200b#[add-path]/tmp/evil')
  })

  it('redacts secrets in the output tail: known values and token shapes', async () => {
    const sha = makeRepo()
    const r = await verifyProposal(
      options(
        sha,
        [
          change(
            'check.sh',
            `#!/bin/bash\necho "token ${FIX_TOKEN}"\necho "aws ${AWS_SECRET}"\necho password=Zx9Qw8Er7Ty6\nexit 1\n`
          )
        ],
        'bash check.sh'
      )
    )
    expect(r.verdict).toBe('failed')
    expect(r.outputTail).not.toContain(FIX_TOKEN)
    expect(r.outputTail).not.toContain(AWS_SECRET)
    expect(r.outputTail).not.toContain('Zx9Qw8Er7Ty6')
    expect(r.outputTail).toContain('token ***')
  })

  it('skips a workspace on another commit, with why, and touches nothing', async () => {
    const first = makeRepo()
    writeFileSync(join(ws, 'README.md'), '# demo 2\n')
    sh(ws, 'commit', '-q', '-am', 'second')
    const second = sh(ws, 'rev-parse', 'HEAD')
    sh(ws, 'checkout', '-q', first)
    const before = snapshot(ws)
    const r = await verifyProposal(options(second, [change('check.sh', 'exit 0\n')], 'touch ran'))
    expect(r.verdict).toBe('skipped')
    expect(r.reason).toBe(
      `the workspace is at ${first.slice(0, 12)}, not at the proposal's commit ${second.slice(0, 12)} ` +
        '(check out that commit: see docs/verify.md)'
    )
    expect(existsSync(join(ws, 'ran'))).toBe(false)
    expect(snapshot(ws)).toEqual(before)
  })

  it('skips when a touched file has local modifications, or a created path exists (even ignored)', async () => {
    const sha = makeRepo()
    writeFileSync(join(ws, 'check.sh'), '#!/bin/bash\nexit 1 # local\n')
    const r1 = await verifyProposal(
      options(sha, [change('check.sh', 'exit 0\n', '#!/bin/bash\necho checking\nexit 1\n')], 'touch ran')
    )
    expect(r1).toMatchObject({ verdict: 'skipped', reason: 'local modifications in the workspace: check.sh' })
    sh(ws, 'checkout', '--', 'check.sh')
    writeFileSync(join(ws, 'debug.log'), 'mine\n')
    const r2 = await verifyProposal(
      options(sha, [{ path: 'debug.log', before: '', after: 'x', created: true }], 'touch ran')
    )
    expect(r2).toMatchObject({
      verdict: 'skipped',
      reason: 'local modifications in the workspace: debug.log'
    })
    expect(readFileSync(join(ws, 'debug.log'), 'utf8')).toBe('mine\n')
    expect(existsSync(join(ws, 'ran'))).toBe(false)
  })

  it('skips unsafe paths and a path through a symlink', async () => {
    const sha = makeRepo()
    const r1 = await verifyProposal(
      options(sha, [{ path: '../x', before: '', after: 'x', created: true }], 'true')
    )
    expect(r1.verdict).toBe('skipped')
    expect(r1.reason).toContain('".." segment')
    execFileSync('ln', ['-s', out, join(ws, 'linked')])
    const r2 = await verifyProposal({
      ...options(sha, [{ path: 'linked/evil.txt', before: '', after: 'x', created: true }], 'true'),
      commitSha: sha
    })
    expect(r2.verdict).toBe('skipped')
    expect(existsSync(join(out, 'evil.txt'))).toBe(false)
  })

  it('restores the workspace when something throws after the patch is applied', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    const throwing: Logger = {
      ...log,
      info: m => {
        if (m.startsWith('verify: running')) throw new Error('logger broke')
      }
    }
    const r = await verifyProposal({
      ...options(sha, [change('check.sh', 'exit 0\n')], 'true'),
      log: throwing
    })
    expect(r).toMatchObject({ verdict: 'skipped', reason: 'verification could not run: logger broke' })
    expect(snapshot(ws)).toEqual(before)
  })

  it('puts back, on the next start, what a killed run left patched (from its journal)', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    // What a SIGKILLed FixFlow leaves: the patch applied and the journal written, nothing restored.
    const realWs = ws
    applyChanges(
      realWs,
      [change('check.sh', 'exit 0\n'), change('new/file.txt', 'n\n')],
      journalDir(runnerTemp, realWs)
    )
    expect(readFileSync(join(ws, 'check.sh'), 'utf8')).toBe('exit 0\n')
    expect(recoverInterrupted(ws, runnerTemp)).toEqual(['check.sh', 'new/file.txt'])
    expect(snapshot(ws)).toEqual(before)
    // And verifyProposal does it by itself before running.
    applyChanges(realWs, [change('README.md', 'patched\n')], journalDir(runnerTemp, realWs))
    const r = await verifyProposal(
      options(sha, [change('check.sh', '#!/bin/bash\nexit 0\n')], 'bash check.sh')
    )
    expect(r.verdict).toBe('passed')
    expect(messages.some(m => m.includes('restored README.md'))).toBe(true)
    expect(snapshot(ws)).toEqual(before)
  })

  it('restores a touched file the command replaced with a symlink, without writing through it', async () => {
    const sha = makeRepo()
    const before = snapshot(ws)
    const target = join(out, 'target.txt')
    writeFileSync(target, 'outside\n')
    const r = await verifyProposal(
      options(sha, [change('src/app.txt', 'version=2\n')], `rm -rf src && ln -s ${out} src && echo done`)
    )
    expect(r.verdict).toBe('passed')
    expect(readFileSync(target, 'utf8')).toBe('outside\n')
    expect(existsSync(join(out, 'app.txt'))).toBe(false)
    expect(lstatSync(join(ws, 'src')).isDirectory()).toBe(true)
    expect(snapshot(ws)).toEqual(before)
  })
})

describe('verifyInCopy', () => {
  it('verifies in a temporary copy and never writes the directory', async () => {
    makeRepo()
    const before = snapshot(ws)
    const temps = readdirSync(runnerTemp)
    const r = await verifyInCopy({
      repoDir: ws,
      changes: [change('check.sh', '#!/bin/bash\necho in-copy; pwd\nexit 0\n')],
      command: 'bash check.sh && touch made-by-command',
      timeoutMs: 20_000,
      secrets: [],
      log,
      env: { PATH: process.env.PATH, HOME: home },
      stateDir: runnerTemp
    })
    expect(r.verdict).toBe('passed')
    expect(r.outputTail).toContain('in-copy')
    expect(r.outputTail).not.toContain(ws)
    expect(snapshot(ws)).toEqual(before)
    expect(readdirSync(runnerTemp)).toEqual(temps)
  })

  it('works on a plain directory (no git) and reports a failing command', async () => {
    mkdirSync(ws)
    writeFileSync(join(ws, 'check.sh'), 'exit 1\n')
    const r = await verifyInCopy({
      repoDir: ws,
      changes: [change('check.sh', 'exit 4\n')],
      command: 'bash check.sh',
      timeoutMs: 20_000,
      secrets: [],
      log,
      env: { PATH: process.env.PATH, HOME: home },
      stateDir: runnerTemp
    })
    expect(r).toMatchObject({ verdict: 'failed', exitCode: 4 })
    expect(readFileSync(join(ws, 'check.sh'), 'utf8')).toBe('exit 1\n')
    expect(statSync(ws).isDirectory()).toBe(true)
  })
})
