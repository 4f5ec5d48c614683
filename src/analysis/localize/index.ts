// Deterministic localization: which files of the failing commit a person would open first, from the failure lines.
// The resolvers are pure (lines and tree paths in, candidates out); this module reads the few test files whose
// imports matter, merges the candidates and ranks them by evidence.
import { EVIDENCE, type Candidate, type Evidence } from './types.js'
import { TreeIndex, baseName, dirName, isCode } from './tree.js'
import { jvmFrames, jvmNames } from './jvm.js'
import { isDataFile, pathMentions } from './paths.js'
import { dottedTests, goFailures, goTestFiles } from './tests.js'
import { implementationsOf, relatedByName, subjectsOf } from './subjects.js'
import { usedByTest } from './imports.js'

export type { Candidate, Evidence } from './types.js'
export { TreeIndex } from './tree.js'

export const DEFAULT_MAX_FILES = 8
/** Failing test files whose subjects and imports are followed (the first ones in the log). */
const MAX_TESTS_FOLLOWED = 3
/** Go test files read to find where a failing test function is defined. */
const MAX_GO_FILES_READ = 40
/** Files of each kind taken before any kind may take more: a long stack must not crowd out the test's subject. */
const QUOTA: Record<Evidence, number> = {
  frame: 4,
  'failing-test': 2,
  'under-test': 2,
  'used-by-test': 2,
  named: 1,
  manifest: 1,
  related: 0
}
const MANIFESTS = [
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'package.json',
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  'setup.cfg',
  'Pipfile',
  'go.mod',
  'Cargo.toml',
  'Gemfile',
  'composer.json',
  'build.sbt'
]

/** A failure that a dependency manifest fixes: a module, package or artifact that cannot be found. */
const MISSING_DEPENDENCY =
  /ModuleNotFoundError|No module named|Cannot find (?:module|package)|Could not resolve (?:dependencies|dependency)|package [\w.]+ does not exist|could not find (?:gem|crate)|cannot find package|no required module provides package|Unable to resolve dependency/i

export interface LocalizeOptions {
  maxFiles?: number
  /** Loads files in one batch before they are read one by one (the GitHub snapshot reads many in one request). */
  prefetch?: (paths: string[]) => Promise<void>
}

/** Reads a file of the tree (regular files only; undefined when it cannot). */
export type ReadFile = (path: string) => Promise<string | undefined>

export async function localize(
  failureLines: readonly string[],
  tree: TreeIndex,
  read: ReadFile,
  opts: LocalizeOptions = {}
): Promise<Candidate[]> {
  const lines = failureLines.map(l => (l.length > 2000 ? l.slice(0, 2000) : l))
  const found: Candidate[] = [
    ...jvmFrames(lines, tree),
    ...jvmNames(lines, tree),
    ...pathMentions(lines, tree),
    ...dottedTests(lines, tree)
  ]

  const go = goFailures(lines, tree)
  const goFiles =
    go.names.size && go.dirs.length
      ? tree.paths
          .filter(p => p.endsWith('_test.go') && go.dirs.includes(dirName(p)))
          .slice(0, MAX_GO_FILES_READ)
      : []
  // One batch for what is known so far (the files read below among them): each read may be a request.
  await opts.prefetch?.([...merge(found).map(c => c.path), ...goFiles, ...MANIFESTS.filter(m => tree.has(m))])
  if (goFiles.length) {
    const files = goFiles
    const contents = new Map<string, string>()
    for (const p of files) {
      const c = await read(p)
      if (c !== undefined) contents.set(p, c)
    }
    found.push(...goTestFiles(go, tree, contents))
  }

  // Follow the failing tests: the code they are named after, and what they use near the failing line.
  const tests = merge(found.filter(c => c.evidence === 'failing-test')).slice(0, MAX_TESTS_FOLLOWED)
  for (const t of tests) {
    found.push(...subjectsOf(t.path, tree, t.line, t.rank))
    found.push(...relatedByName(t.path, tree, t.line, t.rank))
    const content = await read(t.path)
    if (content !== undefined) found.push(...usedByTest(t.path, content, t.lines, tree, t.rank))
  }

  // Code the failing tests reach through an interface: its implementation next to it.
  for (const c of found.filter(c => c.evidence === 'under-test' || c.evidence === 'used-by-test')) {
    found.push(...implementationsOf(c, tree))
  }
  let ranked = merge(found)
  // A name that matched several files is settled when stronger evidence picked one of them.
  const settled = new Set(ranked.filter(c => c.evidence !== 'named').map(c => baseName(c.path)))
  ranked = ranked.filter(
    c => c.evidence !== 'named' || !c.reason.includes('ambiguous') || !settled.has(baseName(c.path))
  )
  // Fixtures and data files named in messages are noise when code is on offer.
  if (ranked.some(c => isCode(c.path)))
    ranked = ranked.filter(c => c.evidence === 'frame' || !isDataFile(c.path))
  const manifest = nearestManifest(tree, ranked[0]?.path)
  const missing = lines.find(l => MISSING_DEPENDENCY.test(l))
  if (manifest && !ranked.some(c => c.path === manifest)) {
    // A missing module or package is fixed in the manifest: then it ranks with the frames.
    const c: Candidate = missing
      ? {
          path: manifest,
          evidence: 'frame',
          reason: 'dependency manifest (a module is missing)',
          line: missing,
          lines: [],
          rank: -1
        }
      : {
          path: manifest,
          evidence: 'manifest',
          reason: 'build manifest of the failing module',
          line: '',
          lines: [],
          rank: 0
        }
    ranked = merge([...ranked, c])
  }
  return pick(ranked, opts.maxFiles ?? DEFAULT_MAX_FILES)
}

/** One candidate a path: the strongest evidence wins, line numbers are pooled. */
function merge(cands: Candidate[]): Candidate[] {
  const byPath = new Map<string, Candidate>()
  for (const c of cands) {
    const prev = byPath.get(c.path)
    if (!prev) {
      byPath.set(c.path, { ...c, lines: [...c.lines] })
      continue
    }
    const lines = [...new Set([...prev.lines, ...c.lines])]
    if (order(c) < order(prev)) byPath.set(c.path, { ...c, lines })
    else prev.lines = lines
  }
  return [...byPath.values()].sort((a, b) => order(a) - order(b))
}

function order(c: Candidate): number {
  return EVIDENCE.indexOf(c.evidence) * 1e7 + c.rank
}

/** Takes each kind up to its quota, then fills the remaining places in ranking order. */
function pick(ranked: Candidate[], max: number): Candidate[] {
  const taken = new Set<Candidate>()
  const used = new Map<Evidence, number>()
  for (const c of ranked) {
    if (taken.size >= max) break
    const n = used.get(c.evidence) ?? 0
    if (n < QUOTA[c.evidence]) {
      taken.add(c)
      used.set(c.evidence, n + 1)
    }
  }
  for (const c of ranked) {
    if (taken.size >= max) break
    taken.add(c)
  }
  return ranked.filter(c => taken.has(c))
}

/** The manifest closest above a file (a monorepo module's own), else the root's. */
function nearestManifest(tree: TreeIndex, path: string | undefined): string | undefined {
  let dir = path === undefined ? '' : dirName(path)
  for (;;) {
    for (const m of MANIFESTS) {
      const p = dir ? `${dir}/${m}` : m
      if (tree.has(p)) return p
    }
    if (!dir) return undefined
    dir = dirName(dir)
  }
}
