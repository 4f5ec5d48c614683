// Hides the credential actions/checkout persists in a workspace while the verification command runs.
//
// actions/checkout v4/v5 write `http.<server>/.extraheader = AUTHORIZATION: basic <base64 token>` into
// .git/config (and into each submodule's config under .git/modules). v6 writes the same header into a file
// $RUNNER_TEMP/git-credentials-<uuid>.config and points `includeIf.gitdir:<.git>.path` (and worktree and
// container variants) at it. Other tools leave the token in a remote URL (https://x-access-token:<t>@host/...).
//
// For the duration: the header keys and credential-bearing includes are unset, remote URLs lose their
// user-info, and an included credentials file is emptied (it sits outside the workspace where the command could
// read it directly). The original bytes of every file are held in memory only, never on disk: a copy on disk
// would be readable by the command (same user). The price: if FixFlow is killed before restoring, the
// credential stays removed, which fails closed (later git steps must authenticate again).

import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { homedir } from 'node:os'
import { git } from './git.js'

/** What must be written back: every local config file (the command may also have edited them) and every
 *  emptied credentials file, with its original bytes. */
export interface CredentialStash {
  files: { path: string; bytes: Buffer; atimeMs: number; mtimeMs: number }[]
  /** What was hidden, for the log: config keys and file paths, never values. */
  hidden: string[]
  /** The credential values found (header values, URL user-info), for redaction and the environment check
   *  only; never logged. */
  secrets: string[]
}

const EXTRAHEADER = /^http\.(.+\.)?extraheader$/i
const INCLUDE = /^include(if\..+)?\.path$/i
const REMOTE_URL = /^remote\..+\.(url|pushurl)$/i
/** Text that marks an included file as holding a credential. */
const CREDENTIAL_TEXT = /extraheader|authorization|password|x-access-token/i
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/@]+@/i

/** The repository's local config files: the common config, the worktree config, and submodules' configs. */
export function localConfigFiles(gitDir: string, commonDir: string): string[] {
  const files = [join(commonDir, 'config'), join(gitDir, 'config.worktree')]
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || !existsSync(dir)) return
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (!statSync(full).isDirectory()) continue
      if (existsSync(join(full, 'config')) && existsSync(join(full, 'HEAD'))) files.push(join(full, 'config'))
      walk(join(full, 'modules'), depth + 1)
      walk(full, depth + 1)
    }
  }
  walk(join(commonDir, 'modules'), 0)
  return [...new Set(files)].filter(f => existsSync(f))
}

export function emptyStash(): CredentialStash {
  return { files: [], hidden: [], secrets: [] }
}

/**
 * Removes persisted credentials from the config files. Every file's original bytes enter `stash` before it is
 * changed, so a caller interrupted mid-way (a signal) can restore from the stash it passed in.
 */
export async function hideCredentials(
  configFiles: string[],
  env: Record<string, string>,
  stash: CredentialStash = emptyStash()
): Promise<CredentialStash> {
  const saved = new Set<string>()
  const save = (path: string): void => {
    if (saved.has(path)) return
    saved.add(path)
    const st = statSync(path)
    stash.files.push({ path, bytes: readFileSync(path), atimeMs: st.atimeMs, mtimeMs: st.mtimeMs })
  }
  for (const file of configFiles) save(file)

  for (const file of configFiles) {
    const cwd = dirname(file)
    const list = await git(cwd, ['config', '--file', file, '--null', '--list'], env)
    if (list.code !== 0) throw new Error(`cannot read ${file}: ${list.stderr.trim()}`)
    const unset = new Set<string>()
    const rewrite: { key: string; values: string[] }[] = []
    for (const entry of list.stdout.split('\0')) {
      const nl = entry.indexOf('\n')
      if (nl <= 0) continue
      const key = entry.slice(0, nl)
      const value = entry.slice(nl + 1)
      if (EXTRAHEADER.test(key)) {
        unset.add(key)
        stash.secrets.push(...headerSecrets(value))
      } else if (INCLUDE.test(key)) {
        const target = includedPath(value, file)
        const text = target !== undefined && existsSync(target) ? readFileSync(target, 'utf8') : ''
        if (target !== undefined && CREDENTIAL_TEXT.test(text)) {
          for (const m of text.matchAll(/extraheader\s*=\s*(.+)/gi))
            stash.secrets.push(...headerSecrets(m[1] ?? ''))
          save(target)
          writeFileSync(target, '')
          stash.hidden.push(target)
          unset.add(key)
        } else if (/git-credentials-[^/]*\.config$/.test(value)) {
          // A checkout v6 include whose file is not on this file system (the container path): harmless, but
          // unset so nothing can recreate it under that name meanwhile.
          unset.add(key)
        }
      } else if (REMOTE_URL.test(key) && USERINFO.test(value)) {
        stash.secrets.push(...userInfoSecrets(value))
        const known = rewrite.find(r => r.key === key)
        if (known) known.values.push(value)
        else rewrite.push({ key, values: [value] })
      }
    }
    for (const key of unset) {
      await mustGit(cwd, ['config', '--file', file, '--unset-all', key], env)
      stash.hidden.push(`${file}: ${key}`)
    }
    for (const { key, values } of rewrite) {
      await mustGit(cwd, ['config', '--file', file, '--unset-all', key], env)
      for (const v of values)
        await mustGit(cwd, ['config', '--file', file, '--add', key, v.replace(USERINFO, '$1')], env)
      stash.hidden.push(`${file}: ${key} (user-info)`)
    }
  }
  return stash
}

/** Writes back every saved file byte for byte, with its times; a file that is unchanged is not rewritten.
 *  Synchronous so a signal handler can call it. */
export function restoreCredentials(stash: CredentialStash): void {
  for (const { path, bytes, atimeMs, mtimeMs } of stash.files) {
    // A symlink the command left in its place would carry the write elsewhere: it goes first.
    if (isSymlink(path)) rmSync(path)
    if (!existsSync(path) || !readFileSync(path).equals(bytes)) writeFileSync(path, bytes)
    utimesSync(path, atimeMs / 1000, mtimeMs / 1000)
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

/** `AUTHORIZATION: basic <b64>` -> the header credential and, decoded, the token inside it. */
function headerSecrets(value: string): string[] {
  const cred = value.trim().replace(/^"|"$/g, '').split(/\s+/).pop() ?? ''
  const out = [cred]
  const decoded = Buffer.from(cred, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon > 0) out.push(decoded.slice(colon + 1))
  return out.filter(s => s.length >= 8)
}

/** `https://user:token@host/...` -> the token (and a user part that may be the token itself). */
function userInfoSecrets(url: string): string[] {
  const info = /^[a-z][a-z0-9+.-]*:\/\/([^/@]+)@/i.exec(url)?.[1] ?? ''
  return info
    .split(':')
    .map(s => {
      try {
        return decodeURIComponent(s)
      } catch {
        return s
      }
    })
    .filter(s => s.length >= 8 && s !== 'x-access-token')
}

/** Where an include points: relative paths are relative to the including file, `~/` is the home directory. */
function includedPath(value: string, from: string): string | undefined {
  if (value === '') return undefined
  if (value.startsWith('~/')) return join(homedir(), value.slice(2))
  return isAbsolute(value) ? value : resolve(dirname(from), value)
}

async function mustGit(cwd: string, args: string[], env: Record<string, string>): Promise<void> {
  const r = await git(cwd, args, env)
  if (r.code !== 0) throw new Error(`git ${args.slice(0, 4).join(' ')} failed: ${r.stderr.trim()}`)
}
