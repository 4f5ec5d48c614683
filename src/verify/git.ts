// Git as FixFlow itself calls it during verification: never through a shell, with an environment that holds
// no credential and no GIT_* redirection, with the repository's own hooks and fsmonitor disabled and without the
// user's global config (the verification command may have planted them in .git/config or $HOME: they must never
// run with FixFlow's rights).

import { execFile } from 'node:child_process'

export interface GitResult {
  code: number
  stdout: string
  stderr: string
}

const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.allow=never']

/**
 * Runs git in `cwd` with `env` (already scrubbed by the caller); resolves whatever the exit code. `wrapper` (the
 * command's isolation, `unshare ... --`) runs git inside it: after the command ran, the repository's git directory
 * and config are the command's to have changed (a `.git` file pointing elsewhere, a `commondir`), so git may run a
 * filter from them and must not do so beside FixFlow's tokens.
 */
export function git(
  cwd: string,
  args: string[],
  env: Record<string, string>,
  wrapper: readonly string[] = []
): Promise<GitResult> {
  const [program, ...before] = wrapper.length ? [...wrapper, 'git'] : ['git']
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...before, ...SAFE, ...args],
      // No global config: the command can write $HOME/.gitconfig (a clean filter `git status` would run here,
      // outside its isolation, beside FixFlow's tokens). The system config is not the command's to write.
      {
        cwd,
        env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_GLOBAL: '/dev/null' },
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8'
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`git could not run: ${error.message}`))
          return
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
      }
    )
  })
}
