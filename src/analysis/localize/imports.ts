// Modules a failing test uses, read from the test's own source: imports and, for the JVM, same-package classes.
// Those used on the lines around the failing line come first: that is where the failing call is.
import type { Candidate } from './types.js'
import { baseName, dirName, extOf, isTestPath, type TreeIndex } from './tree.js'
import { resolveJvmClass } from './jvm.js'

/** Lines either side of a failing line whose identifiers count as "used at the failure". */
const NEAR = 6
const MAX_PER_TEST = 6
/** Import and package lines: they declare a use, they are not one. */
const IMPORT_LINE = /^\s*(?:import|package|from|use|using|require|require_relative)\b/

interface Use {
  path: string
  /** 0-based line of the test file where it is used or imported. */
  at: number
}

export function usedByTest(
  testPath: string,
  content: string,
  failingLines: readonly number[],
  tree: TreeIndex,
  rank: number
): Candidate[] {
  const ext = extOf(testPath)
  const lines = content.split('\n')
  let uses: Use[]
  if (['java', 'kt', 'scala', 'groovy'].includes(ext)) uses = jvmUses(testPath, lines, tree)
  else if (ext === 'py') uses = pythonUses(testPath, lines, tree)
  else if (/^(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(ext)) uses = jsUses(testPath, lines, tree)
  else if (ext === 'rb') uses = rubyUses(lines, tree)
  else if (ext === 'php') uses = phpUses(lines, tree)
  else if (ext === 'go') uses = goUses(testPath, tree)
  else uses = []
  // Score: used near a failing line, then how often the file's name occurs in the test.
  const scored = new Map<string, { near: boolean; count: number; at: number }>()
  for (const u of uses) {
    if (u.path === testPath || isTestPath(u.path)) continue
    const name = baseName(u.path).replace(/\.[^.]+$/, '')
    const re = new RegExp(`\\b${name.replace(/[^\w]/g, '\\$&')}\\b`)
    let count = 0
    let near = false
    lines.forEach((l, i) => {
      if (IMPORT_LINE.test(l) || !re.test(l)) return
      count++
      if (failingLines.some(f => Math.abs(f - 1 - i) <= NEAR)) near = true
    })
    const prev = scored.get(u.path)
    if (!prev) scored.set(u.path, { near, count, at: u.at })
  }
  return [...scored.entries()]
    .sort((a, b) => Number(b[1].near) - Number(a[1].near) || b[1].count - a[1].count || a[1].at - b[1].at)
    .slice(0, MAX_PER_TEST)
    .map(([path, s], i) => ({
      path,
      evidence: 'used-by-test' as const,
      reason: s.near
        ? `used by ${baseName(testPath)} at the failing line`
        : `imported by ${baseName(testPath)}`,
      line: (lines[s.at] ?? '').trim(),
      lines: [],
      rank: rank + (s.near ? 0 : 0.5) + i / 100
    }))
}

function jvmUses(testPath: string, lines: string[], tree: TreeIndex): Use[] {
  const uses: Use[] = []
  let pkg: string[] = []
  const imported = new Set<string>()
  lines.forEach((l, at) => {
    const p = /^\s*package\s+([\w.]+)/.exec(l)
    if (p?.[1]) pkg = p[1].split('.')
    const m = /^\s*import\s+(?:static\s+)?([\w.]+?)(?:\.\*)?\s*;?\s*$/.exec(l)
    if (!m?.[1]) return
    const parts = m[1].split('.')
    // `import a.b.C`, `import static a.b.C.m`, `import a.b.C.Inner`: the first capitalised segment is the file.
    const ci = parts.findIndex(s => /^[A-Z]/.test(s))
    if (ci < 0) return
    const path = resolveJvmClass(tree, parts.slice(0, ci), parts[ci] ?? '')
    if (path) {
      uses.push({ path, at })
      imported.add(parts[ci] ?? '')
    }
  })
  // Classes of the same package need no import: capitalised names used in the test that are files of that package.
  const dir = pkg.join('/')
  const seen = new Set<string>()
  lines.forEach((l, at) => {
    if (/^\s*(import|package)\b/.test(l)) return
    for (const m of l.matchAll(/\b([A-Z][A-Za-z0-9_]*)\b/g)) {
      const name = m[1] ?? ''
      if (seen.has(name) || imported.has(name)) continue
      seen.add(name)
      for (const ext of ['java', 'kt', 'scala', 'groovy']) {
        const hit = tree.endingWith(dir ? `${dir}/${name}.${ext}` : `${name}.${ext}`)[0]
        if (hit && hit !== testPath) {
          uses.push({ path: hit, at })
          break
        }
      }
    }
  })
  return uses
}

function pythonUses(testPath: string, lines: string[], tree: TreeIndex): Use[] {
  const uses: Use[] = []
  const here = dirName(testPath)
  lines.forEach((l, at) => {
    const from = /^\s*from\s+(\.*)([\w.]*)\s+import\s+([\w, ()]+)/.exec(l)
    const imp = /^\s*import\s+([\w.]+)/.exec(l)
    const mods: string[] = []
    let base = ''
    if (from) {
      const dots = from[1]?.length ?? 0
      base = dots
        ? here
            .split('/')
            .slice(0, Math.max(0, here.split('/').length - (dots - 1)))
            .join('/')
        : ''
      const mod = from[2] ?? ''
      mods.push(mod)
      for (const n of (from[3] ?? '').split(/[,()\s]+/).filter(Boolean)) mods.push(mod ? `${mod}.${n}` : n)
    } else if (imp?.[1]) mods.push(imp[1])
    for (const mod of mods) {
      const rel = mod.replace(/\./g, '/')
      const cands = [`${rel}.py`, `${rel}/__init__.py`].map(c => (base ? `${base}/${c}` : c))
      for (const c of cands) {
        const hit = tree.has(c) ? c : tree.endingWith(c)[0]
        if (hit) {
          uses.push({ path: hit, at })
          break
        }
      }
    }
  })
  return uses
}

const JS_EXTS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js']

function jsUses(testPath: string, lines: string[], tree: TreeIndex): Use[] {
  const uses: Use[] = []
  lines.forEach((l, at) => {
    for (const m of l.matchAll(
      /(?:from\s+|require\(\s*|import\(\s*|jest\.mock\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g
    )) {
      const target = normalize(`${dirName(testPath)}/${m[1] ?? ''}`)
      if (target === undefined) continue
      const noJs = target.replace(/\.(js|mjs|cjs)$/, '') // ESM TypeScript imports name the emitted .js
      for (const suffix of JS_EXTS) {
        const hit = [target + suffix, noJs + suffix].find(c => tree.has(c))
        if (hit) {
          uses.push({ path: hit, at })
          break
        }
      }
    }
  })
  return uses
}

function rubyUses(lines: string[], tree: TreeIndex): Use[] {
  const uses: Use[] = []
  lines.forEach((l, at) => {
    const m = /^\s*require(?:_relative)?\s+['"]([\w./-]+)['"]/.exec(l)
    if (!m?.[1]) return
    const hit = tree.endingWith(`${m[1].replace(/^(\.\.?\/)+/, '')}.rb`)[0]
    if (hit) uses.push({ path: hit, at })
  })
  return uses
}

function phpUses(lines: string[], tree: TreeIndex): Use[] {
  const uses: Use[] = []
  lines.forEach((l, at) => {
    const m = /^\s*use\s+([\w\\]+)\s*(?:as\s+\w+)?;/.exec(l)
    if (!m?.[1]) return
    const parts = m[1].split('\\')
    // PSR-4 maps a namespace prefix to a folder: try ever shorter namespace tails.
    for (let i = 0; i < parts.length; i++) {
      const hit = tree.endingWith(`${parts.slice(i).join('/')}.php`)[0]
      if (hit) {
        uses.push({ path: hit, at })
        break
      }
    }
  })
  return uses
}

function goUses(testPath: string, tree: TreeIndex): Use[] {
  // A Go test sits in its package: the package's other files are what it exercises (a few, closest names first).
  const dir = dirName(testPath)
  return tree.paths
    .filter(p => dirName(p) === dir && p.endsWith('.go') && !p.endsWith('_test.go'))
    .map(path => ({ path, at: 0 }))
}

function normalize(path: string): string | undefined {
  const out: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (!out.length) return undefined
      out.pop()
    } else out.push(seg)
  }
  return out.join('/')
}
