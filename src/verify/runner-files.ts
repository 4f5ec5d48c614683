// The runner's file commands of the current step (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE,
// GITHUB_STEP_SUMMARY) are files under RUNNER_TEMP that the runner reads when FixFlow's step ends. The command
// runs as the same user and could append to them (found by listing RUNNER_TEMP even without the variables):
// set `verified=passed` as FixFlow's output, or put a PATH entry or an environment variable into every later
// step. Their bytes are saved before the command runs and written back after.

//
// The user's global git config ($HOME/.gitconfig, $XDG_CONFIG_HOME/git/config) is saved and put back the same way,
// an absent one removed again: the command could plant a filter, an fsmonitor or a hooks path there, which later
// git calls of the job (actions/checkout's post step, with the job's token) would run.

import { existsSync, lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const FILE_COMMANDS = ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']

export interface SavedFiles {
  /** `remove`: a file absent before is removed again (else made empty: the runner expects its files). */
  files: { path: string; bytes: Buffer | undefined; remove?: boolean }[]
}

/** The user's global git config files, as git finds them from `env`. */
function globalGitConfigs(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME
  const xdg = env.XDG_CONFIG_HOME || (home ? join(home, '.config') : undefined)
  return [home ? join(home, '.gitconfig') : undefined, xdg ? join(xdg, 'git', 'config') : undefined].filter(
    (p): p is string => p !== undefined
  )
}

/**
 * Saves the current step's file-command files named in `env` and the global git config files (absent ones are
 * remembered as absent).
 */
export function saveRunnerFiles(env: NodeJS.ProcessEnv): SavedFiles {
  const paths = [
    ...new Set(FILE_COMMANDS.map(n => env[n]).filter((p): p is string => typeof p === 'string' && p !== ''))
  ]
  const read = (path: string): Buffer | undefined => (existsSync(path) ? readFileSync(path) : undefined)
  return {
    files: [
      ...paths.map(path => ({ path, bytes: read(path) })),
      ...globalGitConfigs(env).map(path => ({ path, bytes: read(path), remove: true }))
    ]
  }
}

/** Writes the saved bytes back. Synchronous for the signal handler. */
export function restoreRunnerFiles(saved: SavedFiles): void {
  for (const f of saved.files) {
    // A symlink the command left in its place would carry the write elsewhere: it goes first.
    if (isLink(f.path)) rmSync(f.path)
    if (f.bytes === undefined && f.remove) rmSync(f.path, { force: true, recursive: true })
    else writeFileSync(f.path, f.bytes ?? '')
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}
