// A bare git repository driven through `git` plumbing, the object store behind the fake GitHub API. Every call
// passes its arguments as an array (no shell) and refs/revisions are validated before they reach git, so test data
// shaped like an option (`--upload-pack=x`) is never read as one. Plain Node: no jest here.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, lstatSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'

/** A file given to `seedCommit`: text (mode 100644), null (delete it), or content with an explicit mode. */
export type SeedFile = string | null | { content: string; mode?: '100644' | '100755' | '120000' }

export interface TreeEntry {
  mode: string
  type: 'blob' | 'tree' | 'commit'
  sha: string
  path: string
  /** Blob size in bytes (blobs only). */
  size?: number
}

export interface CommitInfo {
  sha: string
  tree: string
  parents: string[]
  message: string
  author: { name: string; email: string; date: string }
  committer: { name: string; email: string; date: string }
}

export interface Signature {
  name: string
  email: string
  /** ISO 8601; defaults to now. */
  date?: string
}

const SHA = /^[0-9a-f]{40}$/
const MAX_BUFFER = 512 * 1024 * 1024

/** A revision we are willing to hand to git: a full SHA or a sane ref name (never an option). */
export function isSafeRev(rev: string): boolean {
  return SHA.test(rev) || (/^[A-Za-z0-9._/-]+$/.test(rev) && !rev.startsWith('-') && !rev.includes('..'))
}

/** A tree path GitHub would accept: relative, no empty, `.`, `..` or `.git` segments. */
export function isSafeTreePath(path: string): boolean {
  if (path === '' || path.includes('\0') || path.startsWith('/') || path.endsWith('/')) return false
  return path.split('/').every(s => s !== '' && s !== '.' && s !== '..' && s.toLowerCase() !== '.git')
}

export class GitStore {
  readonly dir: string
  private readonly env: NodeJS.ProcessEnv

  constructor(defaultBranch = 'main') {
    this.dir = mkdtempSync(join(tmpdir(), 'fake-github-'))
    // Isolated from the user's git configuration so the tests behave the same on every machine.
    this.env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      LANG: 'C'
    }
    this.git(['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`])
  }

  /** Runs git in the repository and returns stdout as a Buffer. */
  gitBuffer(args: string[], input?: string | Buffer, extraEnv?: NodeJS.ProcessEnv): Buffer {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      input,
      maxBuffer: MAX_BUFFER,
      stdio: ['pipe', 'pipe', 'pipe']
    })
  }

  git(args: string[], input?: string | Buffer, extraEnv?: NodeJS.ProcessEnv): string {
    return this.gitBuffer(args, input, extraEnv).toString('utf8')
  }

  /** Writes a blob; returns its SHA. */
  hashBlob(content: string | Buffer): string {
    return this.git(['hash-object', '-w', '--stdin'], content).trim()
  }

  /** The object's type, or undefined when it does not exist. */
  typeOf(sha: string): string | undefined {
    if (!SHA.test(sha)) return undefined
    try {
      return this.git(['cat-file', '-t', sha]).trim()
    } catch {
      return undefined
    }
  }

  /** SHA of the commit a revision (SHA, branch, `refs/...`) names, or undefined. */
  resolveCommit(rev: string): string | undefined {
    return this.resolve(`${rev}`, 'commit')
  }

  /** SHA of the tree a revision names (a tree SHA, or a commit-ish), or undefined. */
  resolveTree(rev: string): string | undefined {
    return this.resolve(rev, 'tree')
  }

  private resolve(rev: string, kind: 'commit' | 'tree'): string | undefined {
    if (!isSafeRev(rev)) return undefined
    try {
      return (
        this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{${kind}}`]).trim() ||
        undefined
      )
    } catch {
      return undefined
    }
  }

  readBlob(sha: string): Buffer {
    return this.gitBuffer(['cat-file', 'blob', sha])
  }

  /** Entries of a tree-ish: recursive lists every blob (and, with `withTrees`, every subtree too, as GitHub does). */
  lsTree(
    treeish: string,
    opts: { recursive?: boolean; withTrees?: boolean; path?: string } = {}
  ): TreeEntry[] {
    const args = ['ls-tree', '-z', '--long']
    if (opts.recursive) args.push('-r')
    if (opts.withTrees) args.push('-t')
    args.push('--end-of-options', treeish)
    if (opts.path !== undefined) args.push('--', opts.path)
    const out = this.git(args)
    const entries: TreeEntry[] = []
    for (const record of out.split('\0')) {
      if (!record) continue
      const tab = record.indexOf('\t')
      const [mode, type, sha, size] = record.slice(0, tab).split(/ +/)
      entries.push({
        mode: mode ?? '',
        type: type as TreeEntry['type'],
        sha: sha ?? '',
        path: record.slice(tab + 1),
        ...(type === 'blob' && size !== undefined ? { size: Number(size) } : {})
      })
    }
    return entries
  }

  /**
   * Builds nested trees from a flat map of blob (or gitlink) paths and returns the root tree SHA. Objects are not
   * checked here (mktree --missing); the API layer checks what the caller sent.
   */
  mkTree(flat: Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }>): string {
    const here: string[] = []
    const dirs = new Map<string, Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }>>()
    for (const [path, entry] of flat) {
      const slash = path.indexOf('/')
      if (slash < 0) {
        here.push(`${entry.mode} ${entry.type} ${entry.sha}\t${path}\0`)
        continue
      }
      const dir = path.slice(0, slash)
      const sub = dirs.get(dir) ?? new Map()
      sub.set(path.slice(slash + 1), entry)
      dirs.set(dir, sub)
    }
    for (const [dir, sub] of dirs) here.push(`040000 tree ${this.mkTree(sub)}\t${dir}\0`)
    return this.git(['mktree', '-z', '--missing'], here.join('')).trim()
  }

  /** The blobs and gitlinks of a tree-ish as a flat map (path -> entry), for editing. */
  flatTree(treeish: string): Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }> {
    const flat = new Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }>()
    for (const e of this.lsTree(treeish, { recursive: true })) {
      if (e.type === 'blob' || e.type === 'commit')
        flat.set(e.path, { mode: e.mode, type: e.type, sha: e.sha })
    }
    return flat
  }

  commitTree(
    tree: string,
    parents: string[],
    message: string,
    author?: Signature,
    committer?: Signature
  ): string {
    const now = new Date().toISOString()
    const a = author ?? { name: 'FixFlow Test', email: 'test@example.com' }
    const c = committer ?? a
    const args = ['commit-tree', tree]
    for (const p of parents) args.push('-p', p)
    return this.git(args, message, {
      GIT_AUTHOR_NAME: a.name,
      GIT_AUTHOR_EMAIL: a.email,
      GIT_AUTHOR_DATE: a.date ?? now,
      GIT_COMMITTER_NAME: c.name,
      GIT_COMMITTER_EMAIL: c.email,
      GIT_COMMITTER_DATE: c.date ?? now
    }).trim()
  }

  commitInfo(sha: string): CommitInfo | undefined {
    if (this.typeOf(sha) !== 'commit') return undefined
    const raw = this.git(['cat-file', 'commit', sha])
    const blank = raw.indexOf('\n\n')
    const header = blank < 0 ? raw : raw.slice(0, blank)
    const message = blank < 0 ? '' : raw.slice(blank + 2)
    let tree = ''
    const parents: string[] = []
    const sig = (line: string): { name: string; email: string; date: string } => {
      const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line)
      return m
        ? { name: m[1] ?? '', email: m[2] ?? '', date: new Date(Number(m[3]) * 1000).toISOString() }
        : { name: '', email: '', date: '' }
    }
    let author = sig('')
    let committer = sig('')
    for (const line of header.split('\n')) {
      const space = line.indexOf(' ')
      const key = line.slice(0, space)
      const value = line.slice(space + 1)
      if (key === 'tree') tree = value
      else if (key === 'parent') parents.push(value)
      else if (key === 'author') author = sig(value)
      else if (key === 'committer') committer = sig(value)
    }
    return { sha, tree, parents, message, author, committer }
  }

  /**
   * Sets a ref. With `expectOld` the update is compare-and-swap: '' means "must not exist yet". Returns false when
   * the expectation does not hold.
   */
  updateRef(ref: string, sha: string, expectOld?: string): boolean {
    const args = ['update-ref', '--end-of-options', ref, sha]
    if (expectOld !== undefined) args.push(expectOld === '' ? '0'.repeat(40) : expectOld)
    try {
      this.git(args)
      return true
    } catch {
      return false
    }
  }

  /** Is `ancestor` reachable from `descendant`? */
  isAncestor(ancestor: string, descendant: string): boolean {
    try {
      this.git(['merge-base', '--is-ancestor', ancestor, descendant])
      return true
    } catch {
      return false
    }
  }

  /** Every ref (refs/heads/..., refs/tags/...) and its SHA. */
  refs(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const line of this.git(['for-each-ref', '--format=%(refname) %(objectname)']).split('\n')) {
      const [name, sha] = line.split(' ')
      if (name && sha) out[name] = sha
    }
    return out
  }

  /**
   * A commit whose tree is `parent`'s tree with `files` applied (null deletes), or just `files` without a parent.
   */
  seedCommit(files: Record<string, SeedFile>, parent?: string, message = 'seed'): string {
    const flat = parent
      ? this.flatTree(parent)
      : new Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }>()
    for (const [path, file] of Object.entries(files)) {
      if (!isSafeTreePath(path)) throw new Error(`seedCommit: bad path ${JSON.stringify(path)}`)
      for (const existing of [...flat.keys()]) if (existing.startsWith(`${path}/`)) flat.delete(existing)
      if (file === null) {
        flat.delete(path)
        continue
      }
      const content = typeof file === 'string' ? file : file.content
      const mode = typeof file === 'string' ? '100644' : (file.mode ?? '100644')
      flat.set(path, { mode, type: 'blob', sha: this.hashBlob(content) })
    }
    const tree = this.mkTree(flat)
    return this.commitTree(tree, parent ? [parent] : [], message)
  }

  /** The files of a directory on disk (symlinks kept as symlinks, executables as 100755), for seedCommit. */
  static readDir(dir: string): Record<string, SeedFile> {
    const files: Record<string, SeedFile> = {}
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        if (name === '.git') continue
        const full = join(d, name)
        const rel = relative(dir, full).split(sep).join('/')
        const st = lstatSync(full)
        if (st.isSymbolicLink()) files[rel] = { content: readlinkSync(full), mode: '120000' }
        else if (st.isDirectory()) walk(full)
        else files[rel] = { content: readFileSync(full, 'utf8'), mode: st.mode & 0o111 ? '100755' : '100644' }
      }
    }
    walk(dir)
    return files
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
