// Verification: does the proposed patch make the failing check pass? Runs the user's command on the patched
// working tree, in the user's own runner, with no credential in reach, and leaves the tree as it found it
// (docs/security.md, threat 13, docs/verify.md).
//
//   verifyProposal  the action: the job's workspace (GITHUB_WORKSPACE), which must be a checkout of the commit.
//   verifyInCopy    the CLI: a temporary copy of a directory, which is never written.
//   recoverInterrupted  puts back what a killed verification left patched (call at start or in a post step).

import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { redactLines } from '../logs/redact.js'
import { errorMessage } from '../errors.js'
import type { Logger } from '../log.js'
import type { FileChange } from '../types.js'
import {
  emptyStash,
  hideCredentials,
  localConfigFiles,
  restoreCredentials,
  type CredentialStash
} from './credentials.js'
import { scrubbedEnv } from './env.js'
import { git } from './git.js'
import { isolationWrapper, type Isolation, type IsolationMode } from './isolation.js'
import { runCommand, type RunResult } from './run.js'
import { restoreRunnerFiles, saveRunnerFiles, type SavedFiles } from './runner-files.js'
import {
  applyChanges,
  checkPaths,
  checkTree,
  journalDir,
  recoverWorkspace,
  type AppliedPatch
} from './workspace.js'

export type { Isolation, IsolationMode } from './isolation.js'

export type Verdict = 'passed' | 'failed' | 'skipped'

export interface VerifyResult {
  verdict: Verdict
  /** Why skipped, or why failed when there is no exit code (timeout, signal, could not start). */
  reason?: string
  exitCode?: number
  durationMs: number
  /** The end of the command's output (stdout and stderr interleaved), ANSI-stripped and redacted. */
  outputTail: string
  /** Bytes the command wrote in all (only the tail is kept). */
  outputBytes: number
  command: string
  isolation?: Isolation
}

export interface VerifyCommon {
  changes: FileChange[]
  /** The user's shell command (the `verify` input), run as `bash -c <command>`. */
  command: string
  timeoutMs: number
  /** Live credentials (github-token, fix-token, AWS keys, ...): kept out of the environment and redacted. */
  secrets: readonly string[]
  log: Logger
  /** The environment to scrub for the command; default process.env. */
  env?: NodeJS.ProcessEnv
  /** Where the crash journal lives; default RUNNER_TEMP, else the system temp directory. */
  stateDir?: string
  /** How the command is isolated (see IsolationMode). verifyProposal defaults to 'require', verifyInCopy to
   *  'auto'. */
  isolation?: IsolationMode
  /** SIGTERM -> SIGKILL delay at the timeout; default 5 s. */
  graceMs?: number
  /** Output bytes kept (the end); default 256 KiB. */
  maxOutputBytes?: number
}

export interface VerifyProposalOptions extends VerifyCommon {
  /** The job's workspace: the top of a git checkout. */
  workspace: string
  /** The commit the proposal was made for; the workspace's HEAD must be it. */
  commitSha: string
}

export interface VerifyInCopyOptions extends VerifyCommon {
  /** The directory the CLI analysed; copied, never written. */
  repoDir: string
  /** When given, DIR must be a git checkout whose HEAD is this commit. */
  commitSha?: string
}

const MAX_COMMAND = 10_000
const TAIL_LINES = 60
const TAIL_CHARS = 6000
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g
/** `::cmd` and the older `##[cmd`, at the start of a line after optional blanks. */
const WORKFLOW_COMMAND = /^([ \t]*)(::|##\[)/gm
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/** Runs `command` on `workspace` with the proposal applied; restores the workspace whatever happens. */
export async function verifyProposal(o: VerifyProposalOptions): Promise<VerifyResult> {
  if (!SHA.test(o.commitSha)) return skipped(o, `commit ${JSON.stringify(o.commitSha)} is not a full SHA`)
  return verifyTree(o.workspace, o.commitSha, { ...o, isolation: o.isolation ?? 'require' })
}

/** Copies `repoDir` to a temporary folder, verifies there, removes the copy. `repoDir` is only read. */
export async function verifyInCopy(o: VerifyInCopyOptions): Promise<VerifyResult> {
  if (o.commitSha !== undefined && !SHA.test(o.commitSha)) {
    return skipped(o, `commit ${JSON.stringify(o.commitSha)} is not a full SHA`)
  }
  if (!existsSync(o.repoDir) || !statSync(o.repoDir).isDirectory()) {
    return skipped(o, `${o.repoDir} is not a directory`)
  }
  const temp = mkdtempSync(join(o.stateDir ?? tmpdir(), 'fixflow-verify-copy-'))
  try {
    const copy = join(temp, 'repo')
    cpSync(o.repoDir, copy, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true })
    return await verifyTree(copy, o.commitSha, { ...o, stateDir: temp, isolation: o.isolation ?? 'auto' })
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

/** Restores what a verification killed mid-run left patched in `workspace`; returns the restored paths. */
export function recoverInterrupted(workspace: string, stateDir?: string, env = process.env): string[] {
  if (!existsSync(workspace)) return []
  const root = realpathSync(workspace)
  const journal = journalDir(stateDir ?? env.RUNNER_TEMP ?? tmpdir(), root)
  return existsSync(journal) ? recoverWorkspace(root, journal) : []
}

/** Checks, isolates, runs, restores. One verification at a time per workspace. Throws only when the
 *  workspace cannot be restored. */
async function verifyTree(
  workspace: string,
  commitSha: string | undefined,
  o: VerifyCommon
): Promise<VerifyResult> {
  const bad = checkOptions(o)
  if (bad !== undefined) return skipped(o, bad)
  if (!isAbsolute(workspace) || !existsSync(workspace)) {
    return skipped(o, `workspace ${workspace} does not exist`)
  }
  const root = realpathSync(workspace)
  const source = o.env ?? process.env
  const stateRoot = o.stateDir ?? source.RUNNER_TEMP ?? tmpdir()
  const restored = recoverInterrupted(root, stateRoot, source)
  if (restored.length > 0) {
    o.log.warning(`verify: restored ${restored.join(', ')} left patched by an interrupted run`)
  }
  // FixFlow's own git calls get the scrubbed environment too: nothing they run may see a token.
  const gitEnv = scrubbedEnv(source, o.secrets).env
  const repo = await preflight(root, commitSha, o.changes, gitEnv)
  if (typeof repo === 'string') return skipped(o, repo)

  const isolated = isolationWrapper(o.isolation ?? 'require', source.PATH ?? '/usr/bin:/bin')
  if (isolated === undefined) {
    return skipped(
      o,
      "the command cannot be isolated from FixFlow's credentials here (no unprivileged user namespaces); see docs/verify.md"
    )
  }
  if (isolated.isolation === 'process-group') {
    o.log.warning(
      'verify: no PID namespace here; the command runs in a process group only (see docs/verify.md)'
    )
  }
  const statusBefore = repo ? await status(root, gitEnv) : undefined
  try {
    return await runPatched(root, repo, journalDir(stateRoot, root), isolated, gitEnv, source, o)
  } finally {
    if (statusBefore !== undefined) {
      // In the command's isolation: the git directory is the command's to have changed by now.
      const extra = changedSince(statusBefore, await status(root, gitEnv, isolated.wrapper))
      if (extra.length > 0) {
        o.log.warning(
          `verify: the command changed files beyond the patch, left as they are: ${extra.join(', ')}`
        )
      }
    }
  }
}

/** Why the proposal cannot be verified on this tree, or its git directories (undefined: not a git checkout,
 *  allowed only without a commit to check). Writes nothing. */
async function preflight(
  root: string,
  commitSha: string | undefined,
  changes: FileChange[],
  env: Record<string, string>
): Promise<GitDirs | undefined | string> {
  const badPath = checkPaths(changes)
  if (badPath !== undefined) return badPath
  const repo = await gitDirs(root, env)
  if (commitSha !== undefined) {
    if (repo === undefined) return `the workspace ${root} is not a git checkout`
    if (repo.toplevel !== root) return `the workspace ${root} is not the top of its git checkout`
    if (repo.head !== commitSha) {
      // A pull_request job's checkout defaults to the merge commit; the proposal is made for the PR's head.
      return (
        `the workspace is at ${repo.head.slice(0, 12)}, not at the proposal's commit ${commitSha.slice(0, 12)} ` +
        '(check out that commit: see docs/verify.md)'
      )
    }
    const dirty = await localChanges(
      root,
      changes.map(c => c.path),
      env
    )
    if (dirty.length > 0) return `local modifications in the workspace: ${dirty.slice(0, 5).join(', ')}`
  }
  return checkTree(root, changes) ?? repo
}

/**
 * Hides the persisted credentials, applies the patch, runs the command, and undoes both, also when something
 * throws or the process gets SIGINT/SIGTERM (a cancelled job).
 */
async function runPatched(
  root: string,
  repo: GitDirs | undefined,
  journal: string,
  isolated: { wrapper: string[]; isolation: Isolation },
  gitEnv: Record<string, string>,
  source: NodeJS.ProcessEnv,
  o: VerifyCommon
): Promise<VerifyResult> {
  let stash: CredentialStash | undefined
  let applied: AppliedPatch | undefined
  let pgid: number | undefined
  let runnerFiles: SavedFiles | undefined = saveRunnerFiles(source)
  const undo = (): void => {
    if (runnerFiles) restoreRunnerFiles(runnerFiles)
    runnerFiles = undefined
    // Config first: it may hold what the command planted (core.fsmonitor), and git runs next.
    if (stash) restoreCredentials(stash)
    stash = undefined
    applied?.restore()
    applied = undefined
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    if (pgid !== undefined) killGroup(pgid)
    try {
      undo()
    } finally {
      // Die of the same signal, as the runner expects, even if a restore failed.
      stopListening()
      process.kill(process.pid, signal)
    }
  }
  const stopListening = (): void => {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    if (repo) {
      stash = emptyStash()
      await hideCredentials(localConfigFiles(repo.gitDir, repo.commonDir), gitEnv, stash)
      if (stash.hidden.length > 0)
        o.log.info(`verify: persisted credentials hidden for the run: ${stash.hidden.length}`)
    }
    const secrets = [...o.secrets, ...(stash?.secrets ?? [])]
    const commandEnv = scrubbedEnv(source, secrets)
    for (const d of commandEnv.dropped) o.log.debug(`verify: ${d.name} not passed to the command (${d.why})`)
    applied = applyChanges(root, o.changes, journal)
    const seconds = Math.round(o.timeoutMs / 1000)
    o.log.info(`verify: running ${JSON.stringify(o.command)} (${isolated.isolation}, timeout ${seconds} s)`)
    const run = await runCommand({
      command: o.command,
      cwd: root,
      env: commandEnv.env,
      timeoutMs: o.timeoutMs,
      graceMs: o.graceMs ?? 5000,
      maxBytes: o.maxOutputBytes ?? 256 * 1024,
      wrapper: isolated.wrapper,
      onGroup: g => (pgid = g)
    })
    return { ...verdictOf(run, o, secrets), isolation: isolated.isolation }
  } catch (e) {
    return skipped(o, `verification could not run: ${errorMessage(e)}`)
  } finally {
    try {
      undo()
    } finally {
      stopListening()
    }
  }
}

/** Paths whose `git status` entry differs between two `--porcelain -z` outputs (at most 5, for the log). */
function changedSince(before: string, after: string): string[] {
  const entries = (s: string): Set<string> => new Set(s.split('\0').filter(Boolean))
  const a = entries(before)
  const b = entries(after)
  const changed = [...b].filter(e => !a.has(e)).concat([...a].filter(e => !b.has(e)))
  return [...new Set(changed.map(e => e.slice(3)))].slice(0, 5)
}

function verdictOf(run: RunResult, o: VerifyCommon, secrets: string[]): VerifyResult {
  const outputTail = tailText(run.tail, run.totalBytes > run.tail.length, secrets)
  const base = { durationMs: run.durationMs, outputTail, outputBytes: run.totalBytes, command: o.command }
  if (run.spawnError !== undefined)
    return { ...base, verdict: 'failed', reason: `could not start: ${run.spawnError}` }
  if (run.timedOut) {
    return {
      ...base,
      verdict: 'failed',
      reason: `timed out after ${Math.round(o.timeoutMs / 1000)} s (process group killed)`
    }
  }
  if (run.exitCode === 0) return { ...base, verdict: 'passed', exitCode: 0 }
  if (run.exitCode !== undefined) return { ...base, verdict: 'failed', exitCode: run.exitCode }
  return { ...base, verdict: 'failed', reason: `killed by ${run.signal ?? 'a signal'}` }
}

/** The last lines of the output as text: no terminal escapes, no secrets. */
function tailText(bytes: Buffer, cut: boolean, secrets: string[]): string {
  let text = bytes.toString('utf8')
  // A cut line may start inside a token the redactor would no longer recognise: drop it.
  if (cut) text = text.slice(text.indexOf('\n') + 1)
  // No terminal escapes, and no line the runner would take as a workflow command (`::set-output`, `##[...]`)
  // if a caller ever logs the tail.
  text = text
    .replace(ANSI, '')
    .replace(WORKFLOW_COMMAND, (_m, blanks: string, cmd: string) => `${blanks}${cmd[0]}\u200b${cmd.slice(1)}`)
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  // Redact the whole kept text before cutting it, so a PEM block or a token cut by the cut is still found.
  const redacted = redactLines(lines, secrets).lines.slice(-TAIL_LINES).join('\n')
  return redacted.length > TAIL_CHARS ? redacted.slice(redacted.length - TAIL_CHARS) : redacted
}

function checkOptions(o: VerifyCommon): string | undefined {
  if (typeof o.command !== 'string' || o.command.trim() === '') return 'no verify command'
  if (o.command.length > MAX_COMMAND) return `the verify command is longer than ${MAX_COMMAND} characters`
  if (o.command.includes('\0')) return 'the verify command contains a NUL character'
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) return `timeout ${o.timeoutMs} ms is not positive`
  return undefined
}

function skipped(o: VerifyCommon, reason: string): VerifyResult {
  o.log.info(`verify: skipped: ${reason}`)
  return { verdict: 'skipped', reason, durationMs: 0, outputTail: '', outputBytes: 0, command: o.command }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL')
  } catch {
    // already gone
  }
}

interface GitDirs {
  toplevel: string
  head: string
  gitDir: string
  commonDir: string
}

async function gitDirs(root: string, env: Record<string, string>): Promise<GitDirs | undefined> {
  const r = await git(
    root,
    ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir', 'HEAD'],
    env
  )
  if (r.code !== 0) return undefined
  const [toplevel, gitDir, commonDir, head] = r.stdout.split('\n')
  if (!toplevel || !gitDir || !commonDir || !head) return undefined
  return { toplevel: realpathSync(toplevel), head, gitDir, commonDir: resolve(root, commonDir) }
}

/** Touched paths git reports as changed, untracked or ignored. */
async function localChanges(root: string, paths: string[], env: Record<string, string>): Promise<string[]> {
  const r = await git(
    root,
    [
      '--literal-pathspecs',
      'status',
      '--porcelain=v1',
      '-z',
      '--ignored=matching',
      '--untracked-files=all',
      '--',
      ...paths
    ],
    env
  )
  if (r.code !== 0) return [`git status failed: ${r.stderr.trim()}`]
  return r.stdout
    .split('\0')
    .filter(Boolean)
    .map(e => e.slice(3))
}

async function status(
  root: string,
  env: Record<string, string>,
  wrapper: readonly string[] = []
): Promise<string> {
  return (await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all'], env, wrapper)).stdout
}
