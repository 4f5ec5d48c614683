// The code a test exercises, by the naming conventions of each ecosystem: FooTest -> Foo, test_foo.py -> foo.py,
// foo.test.ts -> foo.ts, foo_test.go -> foo.go, foo_spec.rb -> foo.rb, FooTests.cs -> Foo.cs.
import type { Candidate } from './types.js'
import { baseName, dirName, extOf, familyOf, isTestPath, sharedTail, type TreeIndex } from './tree.js'

/** Subject stems of a test file name, best first (`FooBarTest` -> `FooBar`). */
export function subjectStems(testPath: string): string[] {
  const base = baseName(testPath)
  const stem = base.replace(/\.[^.]+$/, '')
  const out: string[] = []
  const add = (s: string | undefined): void => {
    if (s && s !== stem && !out.includes(s)) out.push(s)
  }
  add(
    /^(.+?)(?:Unit|Integration|Int|Functional)?(?:Tests?|IT|ITCase|Spec|Specs|TestCase|TestSuite)$/.exec(
      stem
    )?.[1]
  )
  add(/^(.+?)(?:Tests?|IT|ITCase|Spec|Specs|TestCase|TestSuite)$/.exec(stem)?.[1])
  add(/^Test(?=[A-Z])(.+)$/.exec(stem)?.[1])
  add(/^test_(.+)$/.exec(stem)?.[1])
  add(/^(.+?)_(?:test|spec|tests)$/.exec(stem)?.[1])
  add(/^(.+?)\.(?:test|spec|e2e|unit)$/.exec(stem)?.[1])
  return out
}

/** Files named like the subject of `testPath`, in its language family, closest folder first. */
export function subjectsOf(
  testPath: string,
  tree: TreeIndex,
  evidenceLine: string,
  rank: number
): Candidate[] {
  const exts = familyOf(extOf(testPath))
  if (!exts.length) return []
  const testDir = dirName(testPath).split('/')
  const out: Candidate[] = []
  for (const stem of subjectStems(testPath)) {
    const hits: string[] = []
    for (const ext of exts) {
      for (const p of tree.withBase(`${stem}.${ext}`)) if (!isTestPath(p)) hits.push(p)
      // A package's own entry: tests/test_foo.py -> foo/__init__.py, foo.test.ts -> foo/index.ts
      for (const idx of ['__init__', 'index', 'mod']) {
        for (const p of tree.withBase(`${idx}.${ext}`)) {
          if (baseName(dirName(p)) === stem && !isTestPath(p)) hits.push(p)
        }
      }
    }
    if (!hits.length) continue
    // Mirrored layouts (src/test/java/a/b vs src/main/java/a/b, tests/a vs a/) share the most trailing folders.
    const score = (p: string): number => sharedTail(dirName(p).split('/'), testDir)
    hits.sort((a, b) => score(b) - score(a) || a.length - b.length)
    const best = score(hits[0] ?? '')
    for (const path of hits.filter(p => score(p) === best).slice(0, 2)) {
      out.push({
        path,
        evidence: 'under-test',
        reason: `exercised by ${baseName(testPath)} (by name)`,
        line: evidenceLine,
        lines: [],
        rank
      })
    }
    break
  }
  return out.length ? out : similarNames(testPath, tree, evidenceLine, rank)
}

/** Word stems of an identifier: `DateSerializationTest` -> date, serializ (suffixes folded so -er ~ -ation). */
export function nameStems(name: string): string[] {
  let got = STEMS.get(name)
  if (!got) {
    got = stemsOf(name)
    if (STEMS.size > 50_000) STEMS.clear()
    STEMS.set(name, got)
  }
  return got
}

/** Stems by name: every followed test scans the tree's names, so each name is split once. */
const STEMS = new Map<string, string[]>()

function stemsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .map(w => w.toLowerCase())
    .filter(w => w.length > 1 && !/^(test|tests|spec|it|case|should|when)$/.test(w))
    .map(w => w.replace(/(ations?|ers?|ings?|ors?|ions?|s)$/, ''))
    .filter(w => w.length > 1)
}

/**
 * No file is named after the test: the files of its language whose names hold every word of the test's name
 * (`DateSerializationTest` -> `DateSerializer`, `DateTimeSerializerBase`), fewest extra words first.
 */
function similarNames(testPath: string, tree: TreeIndex, evidenceLine: string, rank: number): Candidate[] {
  const words = nameStems(baseName(testPath).replace(/\.[^.]+$/, ''))
  if (!words.length) return []
  const exts = new Set(familyOf(extOf(testPath)))
  const scored: { path: string; extra: number }[] = []
  for (const p of tree.paths) {
    if (!exts.has(extOf(p)) || isTestPath(p)) continue
    const stems = nameStems(baseName(p).replace(/\.[^.]+$/, ''))
    if (words.every(w => stems.some(s => s.startsWith(w) || w.startsWith(s)))) {
      scored.push({ path: p, extra: stems.length - words.length })
    }
  }
  scored.sort((a, b) => a.extra - b.extra || a.path.length - b.path.length)
  return scored.slice(0, 2).map((s, i) => ({
    path: s.path,
    evidence: 'under-test' as const,
    reason: `named like the failing test ${baseName(testPath)}`,
    line: evidenceLine,
    lines: [],
    rank: rank + 0.5 + i / 100
  }))
}

/**
 * Files of the test's language that share words with its name (`ParserAutoCloseTest` -> `YAMLParser`): weak
 * evidence, used only to fill places nothing stronger took. Most shared words first, then fewest other words,
 * then the closest folder.
 */
export function relatedByName(
  testPath: string,
  tree: TreeIndex,
  evidenceLine: string,
  rank: number
): Candidate[] {
  const words = nameStems(baseName(testPath).replace(/\.[^.]+$/, '')).filter(w => w.length > 2)
  if (!words.length) return []
  const exts = new Set(familyOf(extOf(testPath)))
  const testDir = dirName(testPath).split('/')
  const scored: { path: string; shared: number; extra: number; near: number }[] = []
  for (const p of tree.paths) {
    if (!exts.has(extOf(p)) || isTestPath(p) || p === testPath) continue
    const stems = nameStems(baseName(p).replace(/\.[^.]+$/, ''))
    // The last word of a compound name is its head (`TestSqlVariable` is about a variable): it weighs more.
    let shared = 0
    let count = 0
    words.forEach((w, i) => {
      if (!stems.some(s => s.startsWith(w) || w.startsWith(s))) return
      count++
      shared += i === words.length - 1 ? 1.5 : 1
    })
    if (!shared) continue
    scored.push({
      path: p,
      shared,
      extra: stems.length - count,
      near: sharedTail(dirName(p).split('/'), testDir)
    })
  }
  scored.sort(
    (a, b) => b.shared - a.shared || b.near - a.near || a.extra - b.extra || a.path.length - b.path.length
  )
  return scored.slice(0, 4).map((s, i) => ({
    path: s.path,
    evidence: 'related' as const,
    reason: `named like the failing test ${baseName(testPath)}`,
    line: evidenceLine,
    lines: [],
    rank: rank + i / 100
  }))
}

/**
 * The implementation of an interface or abstract class a test uses (`Diff` -> `DiffImpl`, `DefaultDiff`): the code
 * that runs is there. Placed right after the file it implements.
 */
export function implementationsOf(c: Candidate, tree: TreeIndex): Candidate[] {
  const ext = extOf(c.path)
  const stem = baseName(c.path).replace(/\.[^.]+$/, '')
  const dir = dirName(c.path).split('/')
  const out: Candidate[] = []
  for (const name of [`${stem}Impl.${ext}`, `Default${stem}.${ext}`]) {
    const hits = tree.withBase(name).filter(p => !isTestPath(p))
    hits.sort((a, b) => sharedTail(dirName(b).split('/'), dir) - sharedTail(dirName(a).split('/'), dir))
    const path = hits[0]
    if (path) {
      out.push({
        ...c,
        path,
        reason: `implements ${baseName(c.path)} (${c.reason})`,
        lines: [],
        rank: c.rank + 0.001
      })
    }
  }
  return out
}
