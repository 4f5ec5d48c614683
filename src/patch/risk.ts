// Risk of a validated patch (docs/risk.md), computed from the files and lines it touches only; the model's
// confidence never enters. Every rule that fires adds a reason; the level is the highest one.

import { diffLines } from 'diff'
import type { FileChange, Risk, RiskLevel } from '../types.js'
import { changedChars, changedLines, longestAddedLine } from './diff.js'
import { isProtected, type TreeEntry } from './paths.js'

export interface RiskOptions {
  protectedPaths: string[]
  /** The commit's tree: files with mode 100755 count as executable scripts. Optional (additive). */
  tree?: Pick<TreeEntry, 'path' | 'mode'>[]
}

/** A patch with fewer changed lines than this, in source files only, is low risk. */
export const LOW_RISK_MAX_LINES = 10

/** Low risk also needs fewer changed characters than this: about ten ordinary lines of code. */
export const LOW_RISK_MAX_CHARS = 1000
/** Over this many changed characters nobody reviews the patch in a comment: high. */
export const HIGH_RISK_MIN_CHARS = 20_000
/** An added line longer than this is not read whole by a reviewer (minified code, a data blob): not low. */
export const MAX_REVIEWABLE_LINE = 500

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 }

/** npm lifecycle scripts that run on `npm install` (of the package or of a git dependency on it). */
const INSTALL_HOOKS = [
  'preinstall',
  'install',
  'postinstall',
  'preprepare',
  'prepare',
  'postprepare',
  'prepublish',
  'prepack',
  'postpack'
]

// Build scripts: code that CI and every developer run to build, not reviewed like source.
const BUILD_SCRIPT =
  /^(makefile|gnumakefile|.*\.mk|cmakelists\.txt|.*\.cmake|rakefile|gruntfile\.[cm]?js|gulpfile\.[cm]?js|build\.rs|dockerfile(\..*)?|.*\.dockerfile|containerfile|docker-compose.*\.ya?ml|compose\.ya?ml|justfile|taskfile\.ya?ml|noxfile\.py|tox\.ini|mvnw(\.cmd)?|gradlew(\.bat)?)$/
const SCRIPT_EXT = /\.(sh|bash|zsh|ksh|ps1|psm1|bat|cmd)$/
// Files whose change runs code at install time.
const INSTALL_CODE = /^(setup\.py|binding\.gyp|build\.py|hatch_build\.py|conanfile\.py)$/

const MANIFEST =
  /^(package\.json|pnpm-workspace\.yaml|requirements.*\.(txt|in)|constraints.*\.txt|pyproject\.toml|setup\.cfg|pipfile|environment\.ya?ml|go\.mod|go\.work|cargo\.toml|gemfile|.*\.gemspec|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|libs\.versions\.toml|.*\.(cs|fs|vb)proj|packages\.config|directory\.(packages|build)\.props|composer\.json|mix\.exs|package\.swift|podfile|pubspec\.yaml|deps\.edn|project\.clj|build\.sbt|stack\.yaml|.*\.cabal|cabal\.project|renv\.lock|vcpkg\.json|conanfile\.txt|deno\.jsonc?)$/
const LOCKFILE =
  /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock|go\.sum|cargo\.lock|gemfile\.lock|packages\.lock\.json|gradle\.lockfile|composer\.lock|mix\.lock|package\.resolved|podfile\.lock|pubspec\.lock|flake\.lock|deno\.lock)$/

const SOURCE_EXT =
  /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte|py|pyi|go|rs|java|kt|kts|scala|groovy|rb|php|cs|fs|vb|c|h|cc|cpp|cxx|hpp|hh|m|mm|swift|dart|ex|exs|erl|hrl|hs|clj|cljs|lua|r|jl|pl|pm|zig|nim|ml|mli|elm|sql|css|scss|sass|less|html)$/

/** Scores the changes; `opts.protectedPaths` are the `protected-paths` input globs. */
export function assessRisk(changes: FileChange[], opts: RiskOptions): Risk {
  const reasons: { level: RiskLevel; text: string }[] = []
  const add = (level: RiskLevel, text: string): void => {
    reasons.push({ level, text })
  }
  const executable = new Set((opts.tree ?? []).filter(e => e.mode === '100755').map(e => e.path))
  let onlySource = true

  for (const c of changes) {
    const base = (c.path.slice(c.path.lastIndexOf('/') + 1) || c.path).toLowerCase()
    const prot = isProtected(c.path, opts.protectedPaths)
    if (prot) add('high', `${c.path}: protected path (${prot})`)
    if (BUILD_SCRIPT.test(base)) add('high', `${c.path}: build script`)
    if (SCRIPT_EXT.test(base) || executable.has(c.path)) add('high', `${c.path}: executable script`)
    if (INSTALL_CODE.test(base)) add('high', `${c.path}: runs code at package install or build`)

    if (base === 'package.json') packageJsonReasons(c, add)
    else if (base === 'pyproject.toml' || base === 'setup.cfg') buildSectionReasons(c, add)

    if (MANIFEST.test(base)) add('medium', `${c.path}: dependency manifest`)
    else if (LOCKFILE.test(base)) add('medium', `${c.path}: lockfile`)

    if (!SOURCE_EXT.test(base) || prot || MANIFEST.test(base) || LOCKFILE.test(base)) {
      onlySource = false
      if (!reasons.some(r => r.text.startsWith(`${c.path}:`))) add('medium', `${c.path}: non-source file`)
    }
  }

  // Size in characters as well as lines: a one-line change in a minified file can carry a whole program.
  const chars = changedChars(changes)
  const widest = longestAddedLine(changes)
  if (chars >= HIGH_RISK_MIN_CHARS)
    add('high', `${chars} changed characters (too large to review; high from ${HIGH_RISK_MIN_CHARS})`)
  else if (chars >= LOW_RISK_MAX_CHARS)
    add('medium', `${chars} changed characters (low risk needs fewer than ${LOW_RISK_MAX_CHARS})`)
  if (widest > MAX_REVIEWABLE_LINE)
    add(
      'medium',
      `an added line of ${widest} characters (low risk needs lines of at most ${MAX_REVIEWABLE_LINE})`
    )

  const lines = changedLines(changes)
  if (lines >= LOW_RISK_MAX_LINES)
    add('medium', `${lines} changed lines (low risk needs fewer than ${LOW_RISK_MAX_LINES})`)
  else if (onlySource && reasons.length === 0) add('low', `${lines} changed lines in source files only`)
  if (changes.length === 0) add('medium', 'no changes')

  const level = reasons.reduce<RiskLevel>((max, r) => (RANK[r.level] > RANK[max] ? r.level : max), 'low')
  return { level, reasons: reasons.map(r => r.text) }
}

type Add = (level: RiskLevel, text: string) => void

function scriptsOf(text: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(text)
    if (json === null || typeof json !== 'object') return undefined
    const scripts = (json as { scripts?: unknown }).scripts
    return scripts !== null && typeof scripts === 'object' ? (scripts as Record<string, unknown>) : {}
  } catch {
    return undefined
  }
}

/** Install hooks added or altered -> high; other scripts changed -> medium (CI runs `npm test` and friends). */
function packageJsonReasons(c: FileChange, add: Add): void {
  const before = c.created ? {} : scriptsOf(c.before)
  const after = scriptsOf(c.after)
  if (before === undefined || after === undefined) {
    add('high', `${c.path}: not valid JSON, install scripts cannot be checked`)
    return
  }
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    k => JSON.stringify(before[k]) !== JSON.stringify(after[k])
  )
  const hooks = changed.filter(k => INSTALL_HOOKS.includes(k))
  const others = changed.filter(k => !INSTALL_HOOKS.includes(k))
  if (hooks.length > 0) add('high', `${c.path}: install hook changed (${hooks.join(', ')})`)
  if (others.length > 0) add('medium', `${c.path}: scripts changed (${others.join(', ')})`)
}

// Sections of pyproject.toml / setup.cfg that choose or configure the build backend, i.e. code run at install.
const BUILD_SECTION = /build-system|build|hook|cmdclass|setup_requires|egg_info|sdist|bdist/i

/** A changed line inside (or naming) a build section of pyproject.toml / setup.cfg -> high. */
function buildSectionReasons(c: FileChange, add: Add): void {
  let oldSection = ''
  let newSection = ''
  const hit = new Set<string>()
  for (const part of diffLines(c.created ? '' : c.before, c.after)) {
    for (const line of part.value.split('\n').slice(0, part.count)) {
      const header = /^\s*\[+([^\]]+)\]+/.exec(line)?.[1]?.trim()
      if (!part.added && header !== undefined) oldSection = header
      if (!part.removed && header !== undefined) newSection = header
      if (!part.added && !part.removed) continue
      const section = part.added ? newSection : oldSection
      // A dotted or top-level key can name a build table too (`build-system.requires = ...`).
      const key = /^\s*([A-Za-z0-9_.-]+)\s*[=:]/.exec(line)?.[1] ?? ''
      if (BUILD_SECTION.test(section) || BUILD_SECTION.test(key)) hit.add(section || key)
    }
  }
  if (hit.size > 0) add('high', `${c.path}: build configuration changed ([${[...hit].join('], [')}])`)
}
