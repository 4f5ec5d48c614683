import type { JobFailure, RepoFile } from '../types.js'
import { repoPathOf, type TreeEntry } from '../patch/paths.js'

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

  private isFile(path: string): boolean {
    const mode = this.byPath.get(path)?.mode
    return mode === '100644' || mode === '100755'
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.getFile(path))?.content
  }
}

/** Dependency manifests per ecosystem, in the order they help the model most. Lockfiles are too big to send. */
const MANIFESTS = [
  /(^|\/)requirements[^/]*\.txt$/,
  /(^|\/)pyproject\.toml$/,
  /(^|\/)setup\.(cfg|py)$/,
  /(^|\/)Pipfile$/,
  /(^|\/)package\.json$/,
  /(^|\/)tsconfig\.json$/,
  /(^|\/)go\.mod$/,
  /(^|\/)Cargo\.toml$/,
  /(^|\/)Gemfile$/,
  /(^|\/)pom\.xml$/,
  /(^|\/)build\.gradle(\.kts)?$/,
  /\.csproj$/
]

const MAX_FILES = 12
const MAX_FILE_BYTES = 100_000
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

/** The files sent to the model: those the failure names, then the manifests of the ecosystems present. */
export async function gatherFiles(snapshot: RepoSnapshot, failures: JobFailure[]): Promise<RepoFile[]> {
  const named = mentionedPaths(failures, snapshot.paths)
  const namedDirs = new Set(named.map(p => p.split('/').slice(0, -1).join('/')))
  // Manifests at the root, and beside the named files (monorepos keep one per package).
  const manifests = snapshot.paths
    .filter(p => MANIFESTS.some(re => re.test(p)))
    .filter(p => {
      const dir = p.split('/').slice(0, -1).join('/')
      return dir === '' || [...namedDirs].some(d => d === dir || d.startsWith(dir + '/'))
    })
    .sort((a, b) => a.split('/').length - b.split('/').length)
  const wanted = [...new Set([...named, ...manifests])].slice(0, MAX_FILES)
  await snapshot.prefetch(wanted)
  const files: RepoFile[] = []
  for (const path of wanted) {
    const f = await snapshot.getFile(path)
    if (f && f.content.length <= MAX_FILE_BYTES && !f.content.includes('\u0000')) {
      files.push({ path, content: f.content, sha: f.sha })
    }
  }
  return files
}
