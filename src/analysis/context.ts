import type { JobFailure, RepoFile } from '../types.js'
import { DEFAULT_MAX_FILES, TreeIndex, localize } from './localize/index.js'
import { repoPathOf, type TreeEntry } from '../patch/paths.js'
import { isSecretLooking } from './localize/tools.js'

export type { TreeEntry }

/** Reads files of the failing commit once each (context, rules and validation share it). */
export class RepoSnapshot {
  private readonly cache = new Map<string, Promise<{ content: string; sha: string } | undefined>>()
  readonly paths: string[]
  private readonly byPath: Map<string, TreeEntry>

  constructor(
    readonly tree: TreeEntry[],
    private readonly fetch: (path: string) => Promise<{ content: string; sha: string } | undefined>,
    /** Reads many files in one go (GraphQL); a file it cannot give falls back to `fetch`. */
    private readonly fetchMany?: (
      paths: string[]
    ) => Promise<Map<string, { content: string; sha: string } | undefined>>
  ) {
    this.byPath = new Map(tree.map(e => [e.path, e]))
    this.paths = tree.filter(e => e.mode !== '120000' && e.mode !== '160000').map(e => e.path)
  }

  has(path: string): boolean {
    return this.byPath.has(path)
  }

  getFile(path: string): Promise<{ content: string; sha: string } | undefined> {
    // Only regular files of the tree are read: symlinks and submodules are never followed.
    if (!this.isFile(path)) return Promise.resolve(undefined)
    let p = this.cache.get(path)
    if (!p) {
      p = this.fetch(path)
      this.cache.set(path, p)
    }
    return p
  }

  /** Loads files in one batch when the source can; later getFile calls are then served from the cache. */
  async prefetch(paths: string[]): Promise<void> {
    const todo = paths.filter(p => !this.cache.has(p) && this.isFile(p))
    if (!this.fetchMany || todo.length < 2) return
    let got: Map<string, { content: string; sha: string } | undefined>
    try {
      got = await this.fetchMany(todo)
    } catch {
      return // one file at a time, then
    }
    for (const p of todo) {
      const f = got.get(p)
      if (f) this.cache.set(p, Promise.resolve(f))
    }
  }

  /** A regular file of the tree (not a symlink, a submodule or a folder). */
  isRegularFile(path: string): boolean {
    return this.isFile(path)
  }

  private isFile(path: string): boolean {
    const mode = this.byPath.get(path)?.mode
    return mode === '100644' || mode === '100755'
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.getFile(path))?.content
  }
}

/** Larger files are not sent (windows of them would be, but reading megabytes of generated code is waste). */
const MAX_FILE_BYTES = 1_000_000
/** A path-looking token in a log line: `src/app.py`, `/home/runner/work/r/r/lib/x.ts:12:3`. */
const PATH_TOKEN = /(?:[A-Za-z]:)?[\w@.+-]*(?:[\\/][\w@.+-]+)*\.[A-Za-z0-9]{1,10}\b/g

/** Tree paths named in the failure lines, first mention first. Absolute runner paths match by suffix. */
export function mentionedPaths(failures: JobFailure[], paths: string[]): string[] {
  const set = new Set(paths)
  const found: string[] = []
  const seen = new Set<string>()
  for (const f of failures) {
    for (const block of f.extraction.blocks) {
      for (const line of block.lines) {
        for (const m of line.text.matchAll(PATH_TOKEN)) {
          const hit = repoPathOf(m[0], set)
          if (hit && !seen.has(hit)) {
            seen.add(hit)
            found.push(hit)
          }
        }
      }
    }
  }
  return found
}

/** A context file with why it was chosen, as `fixflow context --json` prints it. */
export interface ContextChoice {
  path: string
  reason: string
  /** The log line (or test line) that points at it. */
  evidence: string
  /** Lines of the file the evidence refers to. */
  lines: number[]
}

/** The failure lines of every job, in order, as the localizer reads them. */
export function failureLines(failures: JobFailure[]): string[] {
  return failures.flatMap(f => f.extraction.blocks.flatMap(b => b.lines.map(l => l.text)))
}

/**
 * The files sent to the model first, most telling first: localized from the failure lines over the failing
 * commit's tree (see src/analysis/localize/), each a readable text file of the tree.
 */
export async function gatherContext(
  snapshot: RepoSnapshot,
  failures: JobFailure[],
  maxFiles = DEFAULT_MAX_FILES
): Promise<{ files: RepoFile[]; choices: ContextChoice[] }> {
  const tree = new TreeIndex(snapshot.paths.filter(p => snapshot.isRegularFile(p)))
  const readText = async (path: string): Promise<string | undefined> => {
    const f = await snapshot.getFile(path)
    return f && isText(f.content) ? f.content : undefined
  }
  const cands = await localize(failureLines(failures), tree, readText, {
    maxFiles: maxFiles * 2,
    prefetch: paths => snapshot.prefetch(paths.slice(0, 40))
  })
  await snapshot.prefetch(cands.map(c => c.path))
  const files: RepoFile[] = []
  const choices: ContextChoice[] = []
  for (const c of cands) {
    if (files.length >= maxFiles) break
    // The lookup tool's rule, for the same reason: a log line naming a credentials file does not send it to the model.
    if (isSecretLooking(c.path)) continue
    const f = await snapshot.getFile(c.path)
    if (!f || !isText(f.content)) continue
    files.push({ path: c.path, content: f.content, sha: f.sha, reason: c.reason, focus: c.lines })
    choices.push({ path: c.path, reason: c.reason, evidence: c.line, lines: c.lines })
  }
  return { files, choices }
}

function isText(content: string): boolean {
  return content.length <= MAX_FILE_BYTES && !content.includes('\u0000')
}

/** The files sent to the model (see gatherContext). */
export async function gatherFiles(snapshot: RepoSnapshot, failures: JobFailure[]): Promise<RepoFile[]> {
  return (await gatherContext(snapshot, failures)).files
}
