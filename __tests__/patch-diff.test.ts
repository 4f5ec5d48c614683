import { describe, it, expect, beforeEach, afterEach } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { changedLines, unifiedDiff } from '../src/patch/diff.js'
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

let repo = ''
const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'core.autocrlf=false', ...args], { cwd: repo, encoding: 'utf8' })

/** A real repository holding each change's `before`, to check the diff the way a developer would use it. */
function commitBefore(changes: FileChange[]): void {
  for (const c of changes.filter(c => !c.created)) {
    mkdirSync(dirname(join(repo, c.path)), { recursive: true })
    writeFileSync(join(repo, c.path), c.before)
  }
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'before')
}

function applyAndRead(changes: FileChange[]): Record<string, string> {
  const patch = join(repo, '..', `${repo.split('/').pop() ?? 'x'}.patch`)
  writeFileSync(patch, unifiedDiff(changes))
  git('apply', '--check', patch)
  git('apply', patch)
  rmSync(patch)
  return Object.fromEntries(changes.map(c => [c.path, readFileSync(join(repo, c.path), 'utf8')]))
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'fixflow-diff-'))
  git('init', '-q')
})
afterEach(() => {
  rmSync(repo, { recursive: true, force: true })
})

describe('unifiedDiff', () => {
  it('writes git-style headers with 3 lines of context', () => {
    const before = fixture('app.py')
    const after = before.replace('timeout=10', 'timeout=30')
    const d = unifiedDiff([change('src/app.py', before, after)])
    const lines = d.split('\n')
    expect(lines.slice(0, 3)).toEqual([
      'diff --git a/src/app.py b/src/app.py',
      '--- a/src/app.py',
      '+++ b/src/app.py'
    ])
    expect(lines[3]).toMatch(/^@@ -\d+,7 \+\d+,7 @@$/)
    expect(lines.filter(l => l.startsWith(' '))).toHaveLength(6)
    expect(lines).toContain('-    resp = requests.get(url, timeout=10)')
    expect(lines).toContain('+    resp = requests.get(url, timeout=30)')
  })

  it('marks created files with new file mode and /dev/null', () => {
    const d = unifiedDiff([created('tests/test_new.py', 'def test_x():\n    assert True\n')])
    expect(d.split('\n').slice(0, 5)).toEqual([
      'diff --git a/tests/test_new.py b/tests/test_new.py',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/tests/test_new.py',
      '@@ -0,0 +1,2 @@'
    ])
  })

  it('produces a patch git apply accepts: several files, a created one, no final newline', () => {
    const changes = [
      change(
        'requirements.txt',
        fixture('requirements.txt'),
        `${fixture('requirements.txt')}pandas==2.2.2\n`
      ),
      change(
        'src/app.py',
        fixture('app.py'),
        fixture('app.py').replace('import requests\n', 'import requests\nimport pandas as pd\n')
      ),
      change(
        'pyproject.toml',
        fixture('pyproject.toml'),
        fixture('pyproject.toml').replace('"requests>=2.31",', '"requests>=2.31",\n    "pandas>=2.2",')
      ),
      change('notes.txt', 'a\nb', 'a\nc'),
      created('src/pkg/__init__.py', '__all__ = ["x"]\n')
    ]
    commitBefore(changes)
    const after = applyAndRead(changes)
    for (const c of changes) expect(after[c.path]).toBe(c.after)
  })

  it('produces a patch git apply accepts for a CRLF file, keeping CRLF', () => {
    const before = 'line 1\r\nline 2\r\nline 3\r\nline 4\r\nline 5\r\n'
    const changes = [change('win.txt', before, before.replace('line 3\r\n', 'line three\r\nline 3.5\r\n'))]
    commitBefore(changes)
    expect(applyAndRead(changes)['win.txt']).toBe(changes[0]!.after)
  })

  it('produces a patch git apply accepts for a created empty file and a path with spaces', () => {
    const changes = [created('pkg/__init__.py', ''), change('docs/my notes.md', '# a\n', '# b\n')]
    commitBefore(changes)
    const after = applyAndRead(changes)
    expect(after['pkg/__init__.py']).toBe('')
    expect(after['docs/my notes.md']).toBe('# b\n')
  })

  it('is empty for no changes', () => {
    expect(unifiedDiff([])).toBe('')
  })
})

describe('changedLines', () => {
  it('counts added plus removed lines', () => {
    expect(changedLines([change('a', 'x\ny\nz\n', 'x\nY\nz\nw\n')])).toBe(3)
    expect(changedLines([created('b', 'one\ntwo\n'), change('c', 'same\n', 'same\n')])).toBe(2)
    expect(changedLines([])).toBe(0)
  })
})
