import { describe, it, expect } from '@jest/globals'
import { checkPath, globMatches, isProtected } from '../src/patch/paths.js'

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
    ['.devcontainer/devcontainer.json', 'hooks']
  ])('%s is protected (%s)', (path, why) => {
    expect(isProtected(path, [])).toContain(why)
  })

  it.each(['src/app.py', 'Makefile', 'requirements.txt', 'package.json', 'docs/github.md', 'my.github/x'])(
    '%s is not protected by default',
    path => {
      expect(isProtected(path, [])).toBeUndefined()
    }
  )

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
    ['(x)', '(x)', true],
    ['', 'anything', false]
  ])('%j vs %j -> %s', (pattern, path, expected) => {
    expect(globMatches(pattern, path)).toBe(expected)
  })
})
