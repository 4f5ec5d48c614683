// Runs the verification command: `bash -c <command>` with the command as one argument (never spliced into a
// string), in its own process group, with a byte cap on what is kept of its output and a deadline after which
// the whole group gets SIGTERM, then SIGKILL.

import { spawn } from 'node:child_process'

export interface RunOptions {
  command: string
  cwd: string
  env: Record<string, string>
  timeoutMs: number
  /** Time between SIGTERM and SIGKILL at the deadline. */
  graceMs: number
  /** Bytes of output kept (the end of it); everything beyond is counted and dropped. */
  maxBytes: number
  /** Program and arguments put in front of `bash -c` (an isolation wrapper), or []. */
  wrapper: string[]
  /** Called with the process group id once it runs (so a signal handler can kill it), and with undefined
   *  when it is gone. */
  onGroup?: (pgid: number | undefined) => void
}

export interface RunResult {
  exitCode?: number
  signal?: string
  timedOut: boolean
  durationMs: number
  /** The last maxBytes of stdout and stderr, interleaved as they arrived. */
  tail: Buffer
  totalBytes: number
  /** Set when the command could not be started at all. */
  spawnError?: string
}

/** After the command exits, how long its pipes may stay open (held by a leftover process) before we stop
 *  waiting; the leftovers are killed at exit anyway. */
const DRAIN_MS = 2000

export function runCommand(o: RunOptions): Promise<RunResult> {
  const started = Date.now()
  return new Promise(resolve => {
    const [program, ...prefix] = o.wrapper.length > 0 ? o.wrapper : ['bash']
    const args = o.wrapper.length > 0 ? [...prefix, 'bash', '-c', o.command] : ['-c', o.command]
    const child = spawn(program as string, args, {
      cwd: o.cwd,
      env: o.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const pgid = child.pid
    let chunks: Buffer[] = []
    let kept = 0
    let totalBytes = 0
    let timedOut = false
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    let done = false
    const timers: NodeJS.Timeout[] = []

    const killGroup = (signal: NodeJS.Signals): void => {
      if (pgid === undefined) return
      try {
        process.kill(-pgid, signal)
      } catch {
        // ESRCH: the group is already gone.
      }
    }
    const onData = (b: Buffer): void => {
      totalBytes += b.length
      chunks.push(b)
      kept += b.length
      if (kept > 2 * o.maxBytes) {
        const all = Buffer.concat(chunks)
        chunks = [all.subarray(all.length - o.maxBytes)]
        kept = o.maxBytes
      }
    }
    const finish = (spawnError?: string): void => {
      if (done) return
      done = true
      for (const t of timers) clearTimeout(t)
      o.onGroup?.(undefined)
      const all = Buffer.concat(chunks)
      resolve({
        exitCode: exit?.code ?? undefined,
        signal: exit?.signal ?? undefined,
        timedOut,
        durationMs: Date.now() - started,
        tail: all.length > o.maxBytes ? all.subarray(all.length - o.maxBytes) : all,
        totalBytes,
        spawnError
      })
    }

    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', e => {
      killGroup('SIGKILL')
      finish(e.message)
    })
    if (pgid !== undefined) o.onGroup?.(pgid)
    timers.push(
      setTimeout(() => {
        timedOut = true
        killGroup('SIGTERM')
        timers.push(setTimeout(() => killGroup('SIGKILL'), o.graceMs))
      }, o.timeoutMs)
    )
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      // Nothing the command started may outlive it: a background process would keep writing to the
      // workspace after it is restored.
      killGroup('SIGKILL')
      timers.push(setTimeout(() => finish(), DRAIN_MS))
    })
    child.on('close', () => finish())
  })
}
