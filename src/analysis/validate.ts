// Turns a schema-valid model proposal into real file changes, or refuses it with every reason found. Nothing
// here trusts the model: paths are checked, originals must match the files at the commit exactly once, sizes
// are capped. Protected paths are not refused here: they are reported so risk forces them high and approve
// asks for explicit approval (docs/security.md, threat 4). What a replacement may contain, and which files may be
// rewritten at all, is checked here too (threat 11): a reviewer must see in the diff every byte that changes.

import { createHash } from 'node:crypto'
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
    const hidden = hiddenCharacters(e)
    if (hidden !== undefined) {
      reasons.push(`${e.file_path}: the replacement adds ${hidden}`)
      continue
    }
    const list = groups.get(e.file_path) ?? []
    list.push(e)
    groups.set(e.file_path, list)
  }
  if (groups.size > maxFiles)
    reasons.push(`the proposal touches ${groups.size} files; at most ${maxFiles} allowed`)

  const dirs = directoriesOf(repo.tree)
  const folded = foldedPaths(repo.tree, dirs)
  const changes: FileChange[] = []
  for (const [path, fileEdits] of groups) {
    const file = await repo.getFile(path)
    if (file === undefined) {
      const why = creationRefusal(path, fileEdits, repo.tree, dirs) ?? caseCollision(path, folded, groups)
      if (why !== undefined) {
        reasons.push(`${path}: ${why}`)
        continue
      }
    } else if (file.content.includes('\u0000')) {
      reasons.push(`${path}: binary file`)
      continue
    } else if (!decodedExactly(file)) {
      reasons.push(
        `${path}: not valid UTF-8; FixFlow edits text and would re-encode bytes nobody reviewed, so it leaves this file alone`
      )
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

// Characters a reviewer cannot see in a diff but that change what code does: NUL and the C0/C1 controls other
// than tab, LF and CR (terminal escapes, form feeds that hide text in some viewers), DEL, and the Unicode
// bidirectional embedding, override and isolate controls that reorder how code displays ("Trojan Source",
// CVE-2021-42574). The left-to-right and right-to-left marks (U+200E, U+200F, U+061C) are allowed: they cannot
// reorder a run of text, only nudge neutral characters, and right-to-left strings in source use them.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * The first hidden character the replacement adds, described, or undefined. A character already present the
 * same number of times in the text being replaced is kept as it was (a form feed in GNU sources), not added.
 */
function hiddenCharacters(e: FileEdit): string | undefined {
  if (typeof e.replacement !== 'string' || typeof e.original !== 'string') return undefined
  const before = counts(e.original)
  for (const [c, n] of counts(e.replacement)) {
    if (n <= (before.get(c) ?? 0)) continue
    const code = `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`
    const kind =
      c === '\u0000'
        ? 'a NUL character'
        : c >= '\u202a'
          ? 'a bidirectional control character'
          : 'a control character'
    return `${kind} (${code}), which a reviewer cannot see in the diff`
  }
  return undefined
}

function counts(text: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const m of text.matchAll(HIDDEN)) out.set(m[0], (out.get(m[0]) ?? 0) + 1)
  return out
}

/**
 * Whether the decoded content is the file's bytes exactly. A UTF-8 decoder puts U+FFFD where bytes are invalid,
 * so only content holding U+FFFD can differ; it is then compared with the blob by its git hash (a file may hold a
 * real U+FFFD). Writing re-encoded content back would silently change every invalid byte, edited or not.
 */
function decodedExactly(file: { content: string; sha: string }): boolean {
  if (!file.content.includes('\ufffd')) return true
  return gitBlobSha(file.content) === file.sha.toLowerCase()
}

/** The git blob id of `content` written as UTF-8. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8')
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

/** Every path and directory of the tree by its lower-case form. */
function foldedPaths(tree: RepoAtCommit['tree'], dirs: Set<string>): Map<string, string> {
  const out = new Map<string, string>()
  for (const p of [...dirs, ...tree.map(e => e.path)]) out.set(p.toLowerCase(), p)
  return out
}

/**
 * A new file whose path differs from an existing path (or another new file of the proposal) only by case: on a
 * case-insensitive checkout (macOS, Windows) it overwrites that file, and the diff shows an innocent new file.
 */
function caseCollision(
  path: string,
  folded: Map<string, string>,
  groups: Map<string, FileEdit[]>
): string | undefined {
  const lower = path.toLowerCase()
  const existing = folded.get(lower)
  if (existing !== undefined && existing !== path)
    return `differs only by case from the existing "${existing}"`
  const other = [...groups.keys()].find(p => p !== path && p.toLowerCase() === lower)
  if (other !== undefined) return `differs only by case from "${other}", also in this proposal`
  return undefined
}
