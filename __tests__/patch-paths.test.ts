import { describe, it, expect } from '@jest/globals'
import { checkPath, globMatches, GlobPatternError, isProtected, repoPathOf } from '../src/patch/paths.js'
import { eolOf, toEol } from '../src/patch/eol.js'

const tree = [
  { path: 'src', mode: '040000' },
  { path: 'src/app.py', mode: '100644' },
  { path: 'root', mode: '120000' }, // a symlink to /
  { path: 'docs/link.md', mode: '120000' },
  { path: 'vendor/lib', mode: '160000' },
  { path: 'scripts/run.sh', mode: '100755' }
]

describe('checkPath', () => {
  it.each([
    ['', 'empty'],
    ['../x', '".." segment'],
    ['src/../../x', '".." segment'],
    ['./src/app.py', '"." segment'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\system32', 'backslash'],
    ['C:/Windows', 'drive letter'],
    ['src\\app.py', 'backslash'],
    ['src/a\u0000b', 'control character'],
    ['src/a\nb', 'control character'],
    ['src/\u202egnp.py', 'bidirectional'],
    ['src/a\u2066b.py', 'bidirectional'],
    ['--upload-pack=x', 'starts with "-"'],
    ['src/-rf', 'starts with "-"'],
    ['.git/config', '.git'],
    ['sub/.git/hooks/pre-commit', '.git'],
    ['.GIT/config', '.git'],
    ['.git./config', '.git'],
    ['src//app.py', 'empty segment'],
    ['src/', 'empty segment'],
    ['~/.ssh/id_rsa', '~']
  ])('refuses %j (%s)', (path, why) => {
    expect(checkPath(path)).toContain(why)
  })

  it('refuses a path through a symlink, a symlink itself, and anything in a submodule', () => {
    expect(checkPath('root/etc/passwd', tree)).toBe('path goes through a symlink (root)')
    expect(checkPath('root', tree)).toBe('path is a symlink')
    expect(checkPath('docs/link.md', tree)).toBe('path is a symlink')
    expect(checkPath('vendor/lib/x.c', tree)).toBe('path goes through a submodule (vendor/lib)')
  })

  it.each([
    'src/app.py',
    'src/new_module.py',
    'requirements.txt',
    '.github2/x',
    'a/b-c/d.e',
    'scripts/run.sh'
  ])('accepts %j', path => {
    expect(checkPath(path, tree)).toBeUndefined()
  })

  it('refuses a non-string path from a sloppy model reply', () => {
    expect(checkPath(42 as unknown as string)).toBe('empty path')
  })
})

describe('isProtected', () => {
  it.each([
    ['.github/workflows/ci.yml', '.github/'],
    ['.github/CODEOWNERS', '.github/'],
    ['.GitHub/workflows/ci.yml', '.github/'],
    ['CODEOWNERS', 'CODEOWNERS'],
    ['docs/CODEOWNERS', 'CODEOWNERS'],
    ['.gitmodules', '.gitmodules'],
    ['.npmrc', 'package manager'],
    ['packages/a/.npmrc', 'package manager'],
    ['.yarnrc.yml', 'package manager'],
    ['.yarnrc', 'package manager'],
    ['.pypirc', 'package manager'],
    ['.pnpmfile.cjs', 'package manager'],
    ['.cargo/config.toml', 'package manager'],
    ['gradle/wrapper/gradle-wrapper.properties', 'package manager'],
    ['.gitlab-ci.yml', 'CI'],
    ['Jenkinsfile', 'CI'],
    ['ci/Jenkinsfile.release', 'CI'],
    ['.circleci/config.yml', 'CI'],
    ['azure-pipelines.yml', 'CI'],
    ['.travis.yml', 'CI'],
    ['bitbucket-pipelines.yml', 'CI'],
    ['.husky/pre-commit', 'hooks'],
    ['.pre-commit-config.yaml', 'hooks'],
    ['.devcontainer/devcontainer.json', 'hooks'],
    ['.devcontainer.json', 'dev environment'],
    ['apps/web/.devcontainer.json', 'dev environment'],
    ['.devcontainer/python/devcontainer.json', 'dev environment'],
    ['.yarn/releases/yarn-4.5.0.cjs', 'package manager'],
    ['tools/.yarn/releases/yarn-4.5.0.cjs', 'package manager'],
    ['.yarn/plugins/@yarnpkg/plugin-x.cjs', 'package manager'],
    ['.pnp.cjs', 'package manager'],
    ['.pnp.loader.mjs', 'package manager'],
    ['.pnpmfile.cjs', 'package manager'],
    ['.envrc', 'dev environment'],
    ['services/api/.envrc', 'dev environment'],
    ['lefthook.yml', 'hooks'],
    ['lefthook-local.yaml', 'hooks'],
    ['.lefthook.yml', 'hooks'],
    ['.lefthook/pre-commit/lint.sh', 'hooks'],
    ['.pre-commit-config.yaml', 'hooks'],
    ['.pre-commit-hooks.yaml', 'hooks'],
    ['.vscode/tasks.json', 'tasks'],
    ['web/.vscode/tasks.json', 'tasks'],
    ['.gitpod.yml', 'dev environment'],
    ['.gitpod.Dockerfile', 'dev environment'],
    ['action.yml', 'GitHub Action'],
    ['actions/setup/action.yaml', 'GitHub Action'],
    ['netlify.toml', 'deployment'],
    ['site/vercel.json', 'deployment'],
    ['.readthedocs.yaml', 'deployment'],
    ['bitrise.yml', 'deployment']
  ])('%s is protected (%s)', (path, why) => {
    expect(isProtected(path, [])).toContain(why)
  })

  it.each([
    'src/app.py',
    'Makefile',
    'requirements.txt',
    'package.json',
    'docs/github.md',
    'my.github/x',
    '.vscode/settings.json',
    'docs/action.yml.md',
    'src/reaction.yml',
    'envrc.md'
  ])('%s is not protected by default', path => {
    expect(isProtected(path, [])).toBeUndefined()
  })

  it('adds the protected-paths globs', () => {
    const extra = ['deploy/**', '*.pem', 'infra/*.tf', 'config/secret?.yml', 'Makefile']
    expect(isProtected('deploy/prod/values.yaml', extra)).toBe('matches protected-paths "deploy/**"')
    expect(isProtected('keys/server.pem', extra)).toBe('matches protected-paths "*.pem"')
    expect(isProtected('infra/main.tf', extra)).toBe('matches protected-paths "infra/*.tf"')
    expect(isProtected('infra/modules/x.tf', extra)).toBeUndefined()
    expect(isProtected('config/secret1.yml', extra)).toBeDefined()
    expect(isProtected('config/secret12.yml', extra)).toBeUndefined()
    expect(isProtected('Makefile', extra)).toBeDefined()
    expect(isProtected('src/app.py', extra)).toBeUndefined()
  })
})

describe('globMatches', () => {
  it.each([
    ['deploy', 'deploy/x/y', true],
    ['deploy/', 'deploy/x', true],
    ['/deploy', 'deploy/x', true],
    ['deploy', 'src/deploy', true],
    ['src/deploy', 'lib/src/deploy', false],
    ['**/secrets/**', 'a/b/secrets/c', true],
    ['**/secrets/**', 'secrets/c', true],
    ['src/**/*.sql', 'src/db/m/001.sql', true],
    ['src/**/*.sql', 'src/001.sql', true],
    ['*.sql', 'src/001.sql', true],
    ['src/*.sql', 'src/db/001.sql', false],
    ['a.b', 'aXb', false],
    ['\\(x\\)', '(x)', true],
    ['*.{tf,tfvars}', 'infra/prod/main.tf', true],
    ['*.{tf,tfvars}', 'prod.tfvars', true],
    ['*.{tf,tfvars}', 'main.tfstate', false],
    ['infra/*.{tf,tfvars}', 'infra/modules/x.tf', false],
    ['secret[0-9].yml', 'config/secret7.yml', true],
    ['secret[0-9].yml', 'config/secretX.yml', false],
    ['+(prod|stage)/**', 'prod/values.yaml', true],
    ['deploy/!(*.md)', 'deploy/run.sh', true],
    ['deploy/!(*.md)', 'deploy/README.md', false],
    ['*.pem', '.hidden.pem', true],
    ['Deploy/**', 'deploy/x', true],
    ['/deploy', 'src/deploy/x', false],
    ['/deploy', 'deploy/x', true],
    ['', 'anything', false]
  ])('%j vs %j -> %s', (pattern, path, expected) => {
    expect(globMatches(pattern, path)).toBe(expected)
  })
})

describe('protected-paths patterns that cannot be parsed', () => {
  it.each(['a[', 'a{b', '@(x', '[z-a]', '!src/**'])('%j throws instead of protecting nothing', pattern => {
    expect(() => isProtected('src/a.py', [pattern])).toThrow(GlobPatternError)
  })
})

describe('repoPathOf: a path as a log prints it, as a repository path', () => {
  const paths = ['src/app.py', 'app.py', 'lib/x.ts']
  it.each([
    ['/home/runner/work/r/r/src/app.py', 'src/app.py'],
    ['./src/app.py', 'src/app.py'],
    ['C:\\a\\r\\lib\\x.ts', 'lib/x.ts'],
    ['other/app.py', 'app.py'],
    ['/usr/lib/python3/x.py', undefined]
  ])('%s -> %s (longest suffix in the tree), from an array or a set', (logPath, want) => {
    expect(repoPathOf(logPath, paths)).toBe(want)
    expect(repoPathOf(logPath, new Set(paths))).toBe(want)
  })
})

describe('eolOf / toEol: the one end-of-line rule', () => {
  it('takes the ending most lines use; LF without breaks or on a tie', () => {
    expect(eolOf('a\r\nb\r\nc\n')).toBe('\r\n')
    expect(eolOf('a\r\nb\nc\n')).toBe('\n')
    expect(eolOf('a\r\nb\n')).toBe('\n')
    expect(eolOf('one line')).toBe('\n')
  })
  it('rewrites every break to the ending given', () => {
    expect(toEol('a\r\nb\nc', '\r\n')).toBe('a\r\nb\r\nc')
    expect(toEol('a\r\nb\nc', '\n')).toBe('a\nb\nc')
  })
})
