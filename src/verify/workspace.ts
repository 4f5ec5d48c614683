// Applies a proposal to a working tree and puts every touched file back afterwards, byte for byte.
//
// Before the first write, a journal (the original bytes and modes of the touched files, the list of created
// files) is written outside the workspace. Restoring normally uses the copy held in memory; the journal is for
// a FixFlow process that died mid-run (SIGKILL, runner crash): recoverWorkspace() on the next start (or in a
// post step) puts the files back. The journal holds repository content only, never a credential.

import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { checkPath } from '../patch/paths.js'
import type { FileChange } from '../types.js'

interface SavedFile {
  path: string
  /** Original bytes; absent for a file the patch creates. */
  bytes?: Buffer
  mode?: number
  /** Times in milliseconds with their fraction (a Date would drop the sub-millisecond part). */
  atimeMs?: number
  mtimeMs?: number
}

/** A workspace with a proposal applied; restore() undoes it. */
export interface AppliedPatch {
  restore(): void
}

/** Why a path of the proposal may not be written at all (empty list, unsafe or repeated path), or undefined. */
export function checkPaths(changes: FileChange[]): string | undefined {
  if (changes.length === 0) return 'the proposal changes no file'
  const seen = new Set<string>()
  for (const c of changes) {
    const bad = checkPath(c.path)
    if (bad !== undefined) return `${JSON.stringify(c.path)}: ${bad}`
    if (seen.has(c.path)) return `${c.path}: changed twice`
    seen.add(c.path)
  }
  return undefined
}

/** Why the changes cannot be applied to this tree as they are (a path or content mismatch), or undefined. */
export function checkTree(root: string, changes: FileChange[]): string | undefined {
  const badPath = checkPaths(changes)
  if (badPath !== undefined) return badPath
  for (const c of changes) {
    const segments = c.path.split('/')
    for (let i = 1; i < segments.length; i++) {
      const prefix = join(root, ...segments.slice(0, i))
      if (!existsSync(prefix)) break
      const st = lstatSync(prefix)
      if (st.isSymbolicLink()) return `${c.path}: goes through a symlink (${segments.slice(0, i).join('/')})`
      if (!st.isDirectory()) return `${c.path}: ${segments.slice(0, i).join('/')} is not a directory`
    }
    const full = join(root, c.path)
    const exists = existsSync(full) || isLink(full)
    if (c.created) {
      if (exists) return `${c.path}: the proposal creates it but it exists in the workspace`
      continue
    }
    if (!exists) return `${c.path}: missing from the workspace`
    const st = lstatSync(full)
    if (!st.isFile()) return `${c.path}: not a regular file in the workspace`
    if (!readFileSync(full).equals(Buffer.from(c.before, 'utf8'))) {
      return `${c.path}: differs in the workspace from the file the proposal was made for`
    }
  }
  return undefined
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

/** Journal directory for one workspace, under `stateRoot` (RUNNER_TEMP, else the system temp directory). */
export function journalDir(stateRoot: string, workspace: string): string {
  const id = createHash('sha256').update(workspace).digest('hex').slice(0, 16)
  return join(stateRoot, 'fixflow-verify', id)
}

interface Manifest {
  workspace: string
  files: { path: string; saved: boolean; mode?: number; atimeMs?: number; mtimeMs?: number }[]
  dirs: string[]
}

/**
 * Saves the touched files (memory and journal), then writes every change's `after`. Call checkTree first.
 * If writing fails half way, what was written is restored before the error is thrown.
 */
export function applyChanges(root: string, changes: FileChange[], journal: string): AppliedPatch {
  const saved: SavedFile[] = changes.map(c => {
    const full = join(root, c.path)
    if (c.created) return { path: c.path }
    const st = lstatSync(full)
    return {
      path: c.path,
      bytes: readFileSync(full),
      mode: st.mode & 0o7777,
      atimeMs: st.atimeMs,
      mtimeMs: st.mtimeMs
    }
  })
  const dirs = missingDirs(root, changes)
  writeJournal(journal, root, saved, dirs)

  const restore = (): void => {
    restoreFiles(root, saved, dirs)
    rmSync(journal, { recursive: true, force: true })
  }
  try {
    for (const d of dirs) mkdirSync(join(root, d))
    for (const c of changes) writeFileSync(join(root, c.path), c.after)
  } catch (e) {
    restore()
    throw e
  }
  return { restore }
}

/** Directories a created file needs that do not exist yet, parents first. */
function missingDirs(root: string, changes: FileChange[]): string[] {
  const dirs: string[] = []
  for (const c of changes.filter(x => x.created)) {
    const segments = c.path.split('/')
    for (let i = 1; i < segments.length; i++) {
      const d = segments.slice(0, i).join('/')
      if (!dirs.includes(d) && !existsSync(join(root, d))) dirs.push(d)
    }
  }
  return dirs
}

function writeJournal(journal: string, workspace: string, saved: SavedFile[], dirs: string[]): void {
  mkdirSync(journal, { recursive: true, mode: 0o700 })
  const manifest: Manifest = { workspace, files: [], dirs }
  saved.forEach((f, i) => {
    if (f.bytes) writeFileSync(join(journal, `${i}.orig`), f.bytes)
    manifest.files.push({
      path: f.path,
      saved: f.bytes !== undefined,
      mode: f.mode,
      atimeMs: f.atimeMs,
      mtimeMs: f.mtimeMs
    })
  })
  // The manifest appears last and atomically: a journal without one was never acted on.
  writeFileSync(join(journal, 'manifest.tmp'), JSON.stringify(manifest))
  renameSync(join(journal, 'manifest.tmp'), join(journal, 'manifest.json'))
}

/** Puts saved files back (bytes, mode, times), removes created files and directories. Synchronous on purpose:
 *  it also runs from a signal handler. */
function restoreFiles(root: string, saved: SavedFile[], dirs: string[]): void {
  for (const f of saved) {
    realParents(root, f.path)
    const full = join(root, f.path)
    // Whatever the command left at the path (a directory, a symlink) goes first: writeFileSync would follow a
    // symlink out of the workspace.
    if (existsSync(full) || isLink(full)) {
      const st = lstatSync(full)
      if (!st.isFile() || f.bytes === undefined) rmSync(full, { recursive: true, force: true })
    }
    if (f.bytes === undefined) continue
    if (existsSync(full)) rmSync(full, { force: true })
    writeFileSync(full, f.bytes, { mode: f.mode })
    if (f.mode !== undefined) chmodSync(full, f.mode)
    if (f.atimeMs !== undefined && f.mtimeMs !== undefined)
      utimesSync(full, f.atimeMs / 1000, f.mtimeMs / 1000)
  }
  for (const d of [...dirs].reverse()) rmSync(join(root, d), { recursive: true, force: true })
}

/** Makes every directory above `path` a real directory again: the command may have swapped one for a symlink
 *  pointing out of the workspace, and restoring through it would write elsewhere. */
function realParents(root: string, path: string): void {
  const segments = path.split('/')
  for (let i = 1; i < segments.length; i++) {
    const full = join(root, ...segments.slice(0, i))
    if (isLink(full) || (existsSync(full) && !lstatSync(full).isDirectory())) {
      rmSync(full, { recursive: true, force: true })
    }
    if (!existsSync(full)) mkdirSync(full)
  }
}

/**
 * Restores a workspace a killed verification left patched, from its journal. Returns the restored paths
 * ([] when there was nothing to do). Paths in the journal are checked again: the command could have edited it.
 */
export function recoverWorkspace(root: string, journal: string): string[] {
  const manifestPath = join(journal, 'manifest.json')
  if (!existsSync(manifestPath)) {
    rmSync(journal, { recursive: true, force: true })
    return []
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest
  if (manifest.workspace !== root)
    throw new Error(`verification journal ${journal} belongs to ${manifest.workspace}`)
  const saved: SavedFile[] = manifest.files.map((f, i) => {
    const bad = checkPath(f.path)
    if (bad !== undefined)
      throw new Error(`verification journal ${journal}: ${JSON.stringify(f.path)}: ${bad}`)
    if (!f.saved) return { path: f.path }
    return {
      path: f.path,
      bytes: readFileSync(join(journal, `${i}.orig`)),
      mode: f.mode,
      atimeMs: f.atimeMs,
      mtimeMs: f.mtimeMs
    }
  })
  for (const d of manifest.dirs) {
    const bad = checkPath(d)
    if (bad !== undefined) throw new Error(`verification journal ${journal}: ${JSON.stringify(d)}: ${bad}`)
  }
  restoreFiles(root, saved, manifest.dirs)
  rmSync(journal, { recursive: true, force: true })
  return saved.map(f => f.path)
}
