// Path safety (may FixFlow write this path at all?) and protection (does writing it need a separate, explicit
// approval?). Both are pure string checks: model output is untrusted, so every file_path goes through checkPath
// before anything reads or writes it (docs/security.md, threats 3, 4 and 11).

import picomatch from 'picomatch'

/** One entry of a commit's tree, as GitHub's tree API and `git ls-tree` give it: path, git mode and object sha. */
export interface TreeEntry {
  path: string
  mode: string
  sha: string
}

const MAX_PATH = 4096

/** Git modes that must never be written through: a symlink could point outside the repository, a gitlink is
 *  another repository. */
const LINK_MODES: Record<string, string> = { '120000': 'a symlink', '160000': 'a submodule' }

/**
 * Why `path` may not be written, or undefined when it is a plain repository-relative path.
 * `tree` (the commit's recursive tree) lets it refuse paths that are, or go through, a symlink or submodule.
 */
export function checkPath(path: string, tree?: Pick<TreeEntry, 'path' | 'mode'>[]): string | undefined {
  if (typeof path !== 'string' || path.length === 0) return 'empty path'
  if (path.length > MAX_PATH) return `path longer than ${MAX_PATH} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'path contains a control character'
  // A path shown in the comment must read as what it is: bidi controls reorder how it displays.
  if (/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/.test(path))
    return 'path contains a bidirectional control character'
  if (path.includes('\\')) return 'path contains a backslash'
  if (path.startsWith('/')) return 'absolute path'
  if (/^[A-Za-z]:/.test(path)) return 'absolute path (drive letter)'
  if (path.startsWith('~')) return 'path starts with ~'

  const segments = path.split('/')
  for (const seg of segments) {
    if (seg === '') return 'path has an empty segment (// or a trailing /)'
    if (seg === '.' || seg === '..') return `path has a "${seg}" segment`
    // A leading dash turns a path into an option for git and most CLIs (--upload-pack=...).
    if (seg.startsWith('-')) return `path segment "${seg}" starts with "-"`
    if (isGitDir(seg)) return 'path inside .git'
  }

  if (tree && tree.length > 0) {
    const modes = new Map(tree.map(e => [e.path, e.mode]))
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/')
      const kind = LINK_MODES[modes.get(prefix) ?? '']
      if (kind === undefined) continue
      return i === segments.length ? `path is ${kind}` : `path goes through ${kind} (${prefix})`
    }
  }
  return undefined
}

/** `.git`, and the names Windows and macOS file systems fold onto it (`.GIT`, `.git.`, `.git `, `git~1`). */
function isGitDir(seg: string): boolean {
  const s = seg.toLowerCase().replace(/[. ]+$/, '')
  return s === '.git' || s === 'git~1'
}

interface Rule {
  test: (lower: string, base: string) => boolean
  why: string
}

const under =
  (...dirs: string[]) =>
  (p: string): boolean =>
    dirs.some(d => p.startsWith(`${d}/`) || p.includes(`/${d}/`))
const named =
  (...names: string[]) =>
  (_p: string, base: string): boolean =>
    names.includes(base)

// Built-in protection, matched case-insensitively so `.GitHub/` or `codeowners` cannot slip through on a
// case-insensitive checkout. Protected = changing it alters who may do what, what runs in CI, or what runs on
// other people's machines at install or commit time. Ordinary build scripts (Makefile, setup.py, build.rs) are
// not protected but risk.ts scores them high.
const RULES: Rule[] = [
  { test: p => p.startsWith('.github/'), why: 'under .github/ (workflows, actions and repository settings)' },
  { test: named('codeowners'), why: 'CODEOWNERS decides who must review' },
  { test: named('.gitmodules'), why: '.gitmodules points at other repositories' },
  {
    test: (p, b) =>
      ['.npmrc', '.pnpmfile.cjs', '.pypirc', 'pip.conf', '.condarc'].includes(b) ||
      b.startsWith('.yarnrc') ||
      /(^|\/)\.cargo\/config(\.toml)?$/.test(p) ||
      /(^|\/)\.bundle\/config$/.test(p) ||
      under('.mvn', '.yarn/plugins')(p) ||
      /(^|\/)gradle\/wrapper\//.test(p),
    why: 'package manager configuration (registries, credentials, install-time code)'
  },
  {
    test: (p, b) =>
      [
        '.gitlab-ci.yml',
        '.travis.yml',
        'bitbucket-pipelines.yml',
        '.drone.yml',
        'appveyor.yml',
        '.appveyor.yml',
        '.cirrus.yml',
        '.woodpecker.yml',
        'cloudbuild.yaml',
        'cloudbuild.yml',
        'buildspec.yml',
        'codemagic.yaml'
      ].includes(b) ||
      /^jenkinsfile(\..+)?$/.test(b) ||
      /^azure-pipelines.*\.ya?ml$/.test(b) ||
      under(
        '.circleci',
        '.gitlab',
        '.buildkite',
        '.azure-pipelines',
        '.woodpecker',
        '.semaphore',
        '.teamcity'
      )(p),
    why: 'CI configuration'
  },
  {
    test: (p, b) =>
      ['.pre-commit-config.yaml', '.pre-commit-hooks.yaml', '.envrc', '.devcontainer.json'].includes(b) ||
      /^lefthook.*\.(ya?ml|json|toml)$/.test(b) ||
      /(^|\/)\.lefthook/.test(p) ||
      /(^|\/)\.vscode\/tasks\.json$/.test(p) ||
      /^\.gitpod(\.ya?ml|\.dockerfile)$/.test(b) ||
      under('.husky', '.devcontainer', '.githooks')(p),
    why: 'hooks, tasks or dev environment that run code on other machines'
  },
  {
    test: (p, b) =>
      ['.pnp.cjs', '.pnp.js', '.pnp.loader.mjs'].includes(b) || under('.yarn/releases', '.yarn/sdks')(p),
    why: 'vendored package manager code that runs on every install'
  },
  {
    test: p => /(^|\/)action\.ya?ml$/.test(p),
    why: 'a GitHub Action definition (runs in the workflows that use it)'
  },
  {
    test: (_p, b) =>
      ['netlify.toml', 'vercel.json', '.readthedocs.yaml', '.readthedocs.yml', 'bitrise.yml'].includes(b),
    why: 'deployment or hosted-build configuration'
  }
]

// The built-in names above match at any depth: monorepos open, build and deploy sub-projects as their own roots
// (a nested .devcontainer.json, .envrc or action.yml runs just like a top-level one).

/**
 * Why `path` is protected, or undefined. `extra` are the `protected-paths` globs (see protectedMatcher).
 */
export function isProtected(path: string, extra: string[]): string | undefined {
  const lower = path.toLowerCase()
  const base = lower.slice(lower.lastIndexOf('/') + 1)
  for (const rule of RULES) if (rule.test(lower, base)) return rule.why
  for (const pattern of extra) {
    const p = pattern.trim()
    if (p !== '' && globMatches(p, path)) return `matches protected-paths "${p}"`
  }
  return undefined
}

/** A `protected-paths` pattern picomatch cannot parse, or one that could only remove protection. */
export class GlobPatternError extends Error {
  override name = 'GlobPatternError'
}

// picomatch options, chosen to read like a .gitignore: `*` also matches dot files, case is ignored (a
// case-insensitive checkout writes `Deploy/` where `deploy/**` is protected; protecting more is the safe side),
// and an unbalanced bracket, brace or parenthesis is an error instead of a literal character.
const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, nocase: true, strictBrackets: true }

const compiled = new Map<string, RegExp>()

/**
 * The `protected-paths` pattern as a RegExp, gitignore-like: a leading `/` anchors at the root, a trailing `/` is
 * dropped, and a pattern without `/` matches a name at any depth (`*.{tf,tfvars}` = `**\/*.{tf,tfvars}`).
 * Otherwise picomatch syntax: `*` and `?` stay within one segment, `**` spans segments, braces, classes
 * (`[0-9]`, `[[:digit:]]`) and extglobs (`+(a|b)`, `!(x)`). Throws GlobPatternError when the pattern cannot be
 * parsed, would match nothing, or is negated (a protected list can only add protection): fail closed.
 */
export function protectedMatcher(pattern: string): RegExp {
  const cached = compiled.get(pattern)
  if (cached) return cached
  let p = pattern.trim()
  if (p.startsWith('!')) {
    throw new GlobPatternError(`"${pattern}" is negated; protected-paths can only add protection`)
  }
  const anchored = p.startsWith('/')
  p = p.replace(/^\/+/, '').replace(/\/+$/, '')
  if (p === '') throw new GlobPatternError(`"${pattern}" names no path`)
  if (!anchored && !p.includes('/')) p = `**/${p}`
  let re: RegExp
  try {
    re = picomatch.makeRe(p, GLOB_OPTIONS)
  } catch (e) {
    throw new GlobPatternError(`"${pattern}" cannot be parsed: ${e instanceof Error ? e.message : String(e)}`)
  }
  // picomatch falls back to a never-matching /$^/ when its own output is not a valid RegExp (`[z-a]`).
  if (re.source === '$^') throw new GlobPatternError(`"${pattern}" cannot be parsed (it would match nothing)`)
  compiled.set(pattern, re)
  return re
}

/** Whether the glob matches `path` or one of its leading directories (a protected directory protects its files). */
export function globMatches(pattern: string, path: string): boolean {
  if (pattern.trim() === '') return false
  const re = protectedMatcher(pattern)
  const segments = path.split('/')
  for (let i = segments.length; i >= 1; i--) {
    if (re.test(segments.slice(0, i).join('/'))) return true
  }
  return false
}

/**
 * The one path-suffix resolver: a path as a log prints it (absolute on the runner, `./`-relative, Windows
 * separators) reduced to a repository path, the longest suffix that is in `paths`:
 * `/home/runner/work/r/r/src/x.py` -> `src/x.py`.
 */
export function repoPathOf(
  logPath: string,
  paths: ReadonlySet<string> | readonly string[]
): string | undefined {
  const has = (p: string): boolean => ('has' in paths ? paths.has(p) : paths.includes(p))
  const parts = logPath
    .replace(/\\/g, '/')
    .split('/')
    .filter(p => p !== '' && p !== '.')
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/')
    if (has(candidate)) return candidate
  }
  return undefined
}
