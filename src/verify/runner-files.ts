// The runner's file commands of the current step (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE,
// GITHUB_STEP_SUMMARY) are files under RUNNER_TEMP that the runner reads when FixFlow's step ends. The command
// runs as the same user and could append to them (found by listing RUNNER_TEMP even without the variables):
// set `verified=passed` as FixFlow's output, or put a PATH entry or an environment variable into every later
// step. Their bytes are saved before the command runs and written back after.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const FILE_COMMANDS = ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']

export interface SavedFiles {
  files: { path: string; bytes: Buffer | undefined }[]
}

/** Saves the current step's file-command files named in `env` (absent ones are remembered as absent). */
export function saveRunnerFiles(env: NodeJS.ProcessEnv): SavedFiles {
  const paths = [
    ...new Set(FILE_COMMANDS.map(n => env[n]).filter((p): p is string => typeof p === 'string' && p !== ''))
  ]
  return { files: paths.map(path => ({ path, bytes: existsSync(path) ? readFileSync(path) : undefined })) }
}

/** Writes the saved bytes back (an absent file is made empty: the runner expects it). Synchronous for the
 *  signal handler. */
export function restoreRunnerFiles(saved: SavedFiles): void {
  for (const f of saved.files) writeFileSync(f.path, f.bytes ?? '')
}
