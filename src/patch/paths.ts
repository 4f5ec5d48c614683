// Path safety (may FixFlow write this path at all?) and protection (does writing it need a separate, explicit
// approval?). Both are pure string checks: model output is untrusted, so every file_path goes through checkPath
// before anything reads or writes it (SECURITY.md threats 3 and 4).

export interface TreeEntry {
  path: string
  mode: string
}

const MAX_PATH = 4096

/** Git modes that must never be written through: a symlink could point outside the repository, a gitlink is
 *  another repository. */
const LINK_MODES: Record<string, string> = { '120000': 'a symlink', '160000': 'a submodule' }

/**
 * Why `path` may not be written, or undefined when it is a plain repository-relative path.
 * `tree` (the commit's recursive tree) lets it refuse paths that are, or go through, a symlink or submodule.
 */
export function checkPath(path: string, tree?: TreeEntry[]): string | undefined {
  if (typeof path !== 'string' || path.length === 0) return 'empty path'
  if (path.length > MAX_PATH) return `path longer than ${MAX_PATH} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'path contains a control character'
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
      ['.pre-commit-config.yaml', 'lefthook.yml', 'lefthook.yaml', '.lefthook.yml'].includes(b) ||
      under('.husky', '.devcontainer', '.githooks')(p),
    why: 'hooks or dev environment that run code on other machines'
  }
]

/**
 * Why `path` is protected, or undefined. `extra` are the `protected-paths` globs: `*` and `?` stay within one
 * segment, `**` spans any number; a pattern without `/` matches the file name at any depth; a pattern also
 * protects everything under a directory it matches.
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

/** Whether the glob matches `path` or one of its leading directories. */
export function globMatches(pattern: string, path: string): boolean {
  let p = pattern.replace(/^\/+/, '').replace(/\/+$/, '')
  if (p === '') return false
  if (!p.includes('/')) p = `**/${p}`
  const re = globToRegExp(p)
  const segments = path.split('/')
  for (let i = segments.length; i >= 1; i--) {
    if (re.test(segments.slice(0, i).join('/'))) return true
  }
  return false
}

function globToRegExp(glob: string): RegExp {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` = zero or more directories; a bare `**` = anything.
      if (glob[i + 2] === '/') {
        out += '(?:[^/]+/)*'
        i += 2
      } else {
        out += '.*'
        i += 1
      }
    } else if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${out}$`)
}
