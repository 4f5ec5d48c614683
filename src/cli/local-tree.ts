import { readdirSync, readFileSync, lstatSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join, relative, sep } from 'node:path'
import type { TreeEntry } from '../patch/paths.js'

const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  'dist',
  'build',
  '.tox'
])

/** Git's blob id of some content, so local files carry the same SHAs the API would report. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/** A working directory as a tree, the way listTree reports a commit (for the CLI; no git needed). */
export function localTree(root: string): {
  tree: TreeEntry[]
  read: (path: string) => Promise<{ content: string; sha: string } | undefined>
} {
  const tree: TreeEntry[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      const st = lstatSync(full)
      const path = relative(root, full).split(sep).join('/')
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full)
      } else if (st.isSymbolicLink()) {
        tree.push({ path, mode: '120000', sha: '' })
      } else if (st.isFile()) {
        // Blob SHAs are computed when a file is read: only the few files FixFlow reads need one.
        tree.push({ path, mode: st.mode & 0o111 ? '100755' : '100644', sha: '' })
      }
    }
  }
  walk(root)
  const byPath = new Map(tree.map(e => [e.path, e]))
  const read = (path: string): Promise<{ content: string; sha: string } | undefined> => {
    const e = byPath.get(path)
    if (!e || e.mode === '120000') return Promise.resolve(undefined)
    const bytes = readFileSync(join(root, path))
    return Promise.resolve({ content: bytes.toString('utf8'), sha: gitBlobSha(bytes) })
  }
  return { tree, read }
}
