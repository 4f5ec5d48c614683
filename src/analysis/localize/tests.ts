// Failing tests named without a file: Go (`--- FAIL: TestX`, `FAIL\tmodule/pkg`), .NET and Python dotted ids.
import type { Candidate } from './types.js'
import { baseName, dirName, isTestPath, type TreeIndex } from './tree.js'

const GO_TEST = /^\s*--- FAIL: (\w+)/
const GO_PACKAGE = /^(?:FAIL|ok)\s+([\w.~-]+(?:\/[\w.~-]+)+)\s/
/** `Failed Ns.FooTests.Bar [12 ms]` (dotnet test), `tests.test_x.TestY.test_z` (unittest), `X.Y.Z` ids. */
const DOTTED = /\b((?:[A-Za-z_]\w*\.){1,}[A-Za-z_]\w*)\b/g
const DOTTED_EXTS = ['cs', 'fs', 'vb', 'py']

/** Go: failing test function names, and the tree folders of the failing packages. */
export function goFailures(
  lines: readonly string[],
  tree: TreeIndex
): { names: Set<string>; dirs: string[] } {
  const names = new Set<string>()
  const dirs: string[] = []
  for (const text of lines) {
    const t = GO_TEST.exec(text)
    if (t?.[1]) names.add(t[1].split('/')[0] ?? t[1])
    const p = GO_PACKAGE.exec(text)
    if (p?.[1] && text.startsWith('FAIL')) {
      const dir = goPackageDir(tree, p[1])
      if (dir !== undefined && !dirs.includes(dir)) dirs.push(dir)
    }
  }
  return { names, dirs }
}

/** The tree folder of a Go import path: its longest tail that is a folder (or the root for the module itself). */
function goPackageDir(tree: TreeIndex, importPath: string): string | undefined {
  const parts = importPath.split('/')
  for (let i = 1; i < parts.length; i++) {
    const rest = parts.slice(i).join('/')
    if (tree.hasDir(rest)) return rest
  }
  return tree.paths.some(p => p.endsWith('_test.go') && !p.includes('/')) ? '' : undefined
}

/** Go test files of the failing packages that define a failing test (`func TestX(`). */
export function goTestFiles(
  failures: { names: Set<string>; dirs: string[] },
  tree: TreeIndex,
  contents: ReadonlyMap<string, string>
): Candidate[] {
  const out: Candidate[] = []
  for (const [path, content] of contents) {
    if (!path.endsWith('_test.go') || !failures.dirs.includes(dirName(path))) continue
    content.split('\n').forEach((line, i) => {
      const m = /^func (Test\w+)\(/.exec(line)
      if (m?.[1] && failures.names.has(m[1])) {
        out.push({
          path,
          evidence: 'failing-test',
          reason: `defines the failing test ${m[1]}`,
          line: line.trim(),
          lines: [i + 1],
          rank: out.length
        })
      }
    })
  }
  return out.filter(c => tree.has(c.path))
}

/** Dotted test ids (.NET, unittest) resolved to files: `Ns.FooTests.Bar` -> `**\/FooTests.cs`, `a.b.c` -> `a/b/c.py`. */
export function dottedTests(lines: readonly string[], tree: TreeIndex): Candidate[] {
  const out: Candidate[] = []
  lines.forEach((text, i) => {
    if (!/\bfail|\berror|✗|✕|×/i.test(text)) return
    for (const m of text.matchAll(DOTTED)) {
      const parts = (m[1] ?? '').split('.')
      const path = resolveDotted(tree, parts)
      if (path) {
        const test = isTestPath(path)
        out.push({
          path,
          evidence: test ? 'failing-test' : 'named',
          reason: test ? 'test named as failing' : 'module named in the failure lines',
          line: text,
          lines: [],
          rank: i
        })
      }
    }
  })
  return out
}

function resolveDotted(tree: TreeIndex, parts: string[]): string | undefined {
  for (let k = parts.length; k >= 1; k--) {
    const head = parts.slice(0, k)
    for (const ext of DOTTED_EXTS) {
      // A module path (`a/b/c.py`) needs two segments; a class file (`FooTests.cs`) only its name.
      if (k >= 2) {
        const hits = tree.endingWith(`${head.join('/')}.${ext}`)
        if (hits.length === 1) return hits[0]
      }
      const last = head[head.length - 1] ?? ''
      if (ext !== 'py' && /^[A-Z]/.test(last)) {
        const hits = tree.withBase(`${last}.${ext}`)
        if (hits.length === 1 && hits[0] && baseName(hits[0]) === `${last}.${ext}`) return hits[0]
      }
    }
  }
  return undefined
}
