// Turns a schema-valid model proposal into real file changes, or refuses it with every reason found. Nothing
// here trusts the model: paths are checked, originals must match the files at the commit exactly once, sizes
// are capped. Protected paths are not refused here: they are reported so risk forces them high and approve
// asks for explicit approval (SECURITY.md threat 4).

import { applyEdits } from '../patch/apply.js'
import { changedLines } from '../patch/diff.js'
import { checkPath, isProtected } from '../patch/paths.js'
import type { FileChange, FileEdit, ModelProposal } from '../types.js'

export interface RepoAtCommit {
  getFile(path: string): Promise<{ content: string; sha: string } | undefined>
  /** The commit's recursive tree. Empty = unknown: symlink and parent-directory checks are then skipped. */
  tree: { path: string; mode: string; sha: string }[]
}

export interface ValidateOptions {
  protectedPaths: string[]
  /** Default 5. */
  maxFiles?: number
  /** Added plus removed lines over all files; default 200. */
  maxChangedLines?: number
}

export type ValidationResult =
  { ok: true; changes: FileChange[]; protectedHits: string[] } | { ok: false; reasons: string[] }

export const DEFAULT_MAX_FILES = 5
export const DEFAULT_MAX_CHANGED_LINES = 200

export async function validateProposal(
  p: ModelProposal,
  repo: RepoAtCommit,
  opts: ValidateOptions
): Promise<ValidationResult> {
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES
  const maxLines = opts.maxChangedLines ?? DEFAULT_MAX_CHANGED_LINES
  const reasons: string[] = []
  const edits = Array.isArray(p.files_to_modify) ? p.files_to_modify : []
  if (edits.length === 0) return { ok: false, reasons: ['the proposal modifies no files'] }

  // Group per file, keeping the model's order within a file and the order files first appear.
  const groups = new Map<string, FileEdit[]>()
  for (const e of edits) {
    const why = checkPath(e.file_path, repo.tree)
    if (why !== undefined) {
      reasons.push(`${JSON.stringify(e.file_path)}: ${why}`)
      continue
    }
    const list = groups.get(e.file_path) ?? []
    list.push(e)
    groups.set(e.file_path, list)
  }
  if (groups.size > maxFiles)
    reasons.push(`the proposal touches ${groups.size} files; at most ${maxFiles} allowed`)

  const dirs = directoriesOf(repo.tree)
  const changes: FileChange[] = []
  for (const [path, fileEdits] of groups) {
    const file = await repo.getFile(path)
    if (file === undefined) {
      const why = creationRefusal(path, fileEdits, repo.tree, dirs)
      if (why !== undefined) {
        reasons.push(`${path}: ${why}`)
        continue
      }
    } else if (file.content.includes('\u0000')) {
      reasons.push(`${path}: binary file`)
      continue
    }
    const applied = applyEdits(file?.content, fileEdits)
    if (!applied.ok) {
      reasons.push(applied.reason)
      continue
    }
    if (file !== undefined && applied.after === file.content) {
      reasons.push(`${path}: the edits change nothing`)
      continue
    }
    changes.push({
      path,
      before: file?.content ?? '',
      after: applied.after,
      ...(file ? { beforeSha: file.sha } : {}),
      created: file === undefined
    })
  }

  const lines = changedLines(changes)
  if (lines > maxLines) reasons.push(`the proposal changes ${lines} lines; at most ${maxLines} allowed`)
  if (reasons.length > 0) return { ok: false, reasons }

  const protectedHits = changes.map(c => c.path).filter(path => isProtected(path, opts.protectedPaths))
  return { ok: true, changes, protectedHits }
}

/** Every directory the tree implies, from explicit tree entries and from the parents of every path. */
function directoriesOf(tree: RepoAtCommit['tree']): Set<string> {
  const dirs = new Set<string>([''])
  for (const e of tree) {
    if (e.mode === '040000') dirs.add(e.path)
    for (let i = e.path.indexOf('/'); i !== -1; i = e.path.indexOf('/', i + 1)) dirs.add(e.path.slice(0, i))
  }
  return dirs
}

/**
 * Why a missing file may not be created. Creating is meant only when the first edit has an empty original;
 * the parent directory must exist (a CI fix adds a file next to others, it does not invent a layout), and
 * nothing may already sit at that path.
 */
function creationRefusal(
  path: string,
  edits: FileEdit[],
  tree: RepoAtCommit['tree'],
  dirs: Set<string>
): string | undefined {
  if (edits[0]?.original !== '') return 'file does not exist at the commit'
  if (tree.length === 0) return undefined
  if (dirs.has(path)) return 'a directory exists at that path'
  if (tree.some(e => e.path === path)) return 'the path exists in the tree but could not be read'
  const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
  if (!dirs.has(parent)) return `cannot create a file in a directory that does not exist (${parent})`
  return undefined
}
