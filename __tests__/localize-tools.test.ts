import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { RepoSnapshot, type TreeEntry } from '../src/analysis/context.js'
import { ContextTools, isSecretLooking } from '../src/analysis/localize/tools.js'
import { buildPrompt } from '../src/analysis/prompt.js'
import type { JobFailure, RepoFile } from '../src/types.js'

const files: Record<string, string> = {
  'src/app.py': 'from src.util import helper\n\ndef main():\n    return helper()\n',
  'src/util.py': 'def helper():\n    return 1\n',
  'src/big.py': Array.from({ length: 2000 }, (_, i) => `x${i} = ${i}`).join('\n'),
  '.env': 'TOKEN=fake-not-a-secret',
  'deploy/id_rsa': 'fake key',
  'certs/server.pem': 'fake cert',
  'config/credentials.json': '{}'
}
const tree: TreeEntry[] = [
  ...Object.keys(files).map(path => ({ path, mode: '100644', sha: 'a'.repeat(40) })),
  { path: 'link.py', mode: '120000', sha: 'b'.repeat(40) },
  { path: 'linkdir', mode: '120000', sha: 'b'.repeat(40) },
  { path: 'vendor/lib', mode: '160000', sha: 'c'.repeat(40) }
]
const reads: string[] = []
function snapshot(): RepoSnapshot {
  return new RepoSnapshot(tree, path => {
    reads.push(path)
    const content = files[path]
    return Promise.resolve(content === undefined ? undefined : { content, sha: 'a'.repeat(40) })
  })
}
const shown: RepoFile[] = [{ path: 'src/app.py', content: files['src/app.py'] ?? '', sha: 'a'.repeat(40) }]

describe('ContextTools (the read-only second look)', () => {
  it('reads a file of the tree and records it with the model reason', async () => {
    const t = new ContextTools(snapshot(), shown)
    const r = await t.run('read_file', {
      path: 'src/util.py',
      reason: 'helper is called at the failing line'
    })
    expect(r).toEqual({ ok: true, text: files['src/util.py'] })
    expect(t.read).toEqual([
      { path: 'src/util.py', reason: 'read by the model: helper is called at the failing line' }
    ])
  })

  it.each([
    ['../etc/passwd', /"\.\." segment/],
    ['/etc/passwd', /absolute/],
    ['src/../.env', /"\.\." segment/],
    ['.git/config', /\.git/],
    ['link.py', /symlink/],
    ['linkdir/x.py', /through a symlink/],
    ['vendor/lib/x.c', /through a submodule/],
    ['.env', /secrets/],
    ['deploy/id_rsa', /secrets/],
    ['certs/server.pem', /secrets/],
    ['config/credentials.json', /secrets/],
    ['src/missing.py', /no file/],
    ['src/app.py', /already in the prompt/]
  ])('refuses %s', async (path, why) => {
    reads.length = 0
    const t = new ContextTools(snapshot(), shown)
    const r = await t.run('read_file', { path, reason: 'x' })
    expect(r.ok).toBe(false)
    expect(r.text).toMatch(why)
    expect(t.read).toEqual([])
    expect(reads).toEqual([])
  })

  it('bounds the number of files and the characters returned', async () => {
    const t = new ContextTools(snapshot(), [], { maxFiles: 1 })
    expect((await t.run('read_file', { path: 'src/util.py', reason: 'a' })).ok).toBe(true)
    expect((await t.run('read_file', { path: 'src/app.py', reason: 'b' })).text).toMatch(/at most 1 files/)
    const small = new ContextTools(snapshot(), [], { maxChars: 100 })
    expect((await small.run('read_file', { path: 'src/big.py', reason: 'c' })).text).toMatch(
      /budget is spent/
    )
    const windowed = new ContextTools(snapshot(), [], { maxFileChars: 500 })
    const w = await windowed.run('read_file', { path: 'src/big.py', reason: 'd', line: 1000 })
    expect(w.text).toMatch(/^\[lines \d+-\d+ of 2000\]\n/)
    expect(w.text).toContain('x999 = 999')
    expect(w.text.length).toBeLessThan(600)
  })

  it('lists a folder and finds a symbol in the files already fetched only', async () => {
    const t = new ContextTools(snapshot(), shown)
    expect((await t.run('list_directory', { path: 'src' })).text).toBe('app.py\nbig.py\nutil.py')
    const root = (await t.run('list_directory', { path: '' })).text.split('\n')
    expect(root).toContain('src/')
    // Symlinks and submodules are not offered.
    expect(root).not.toContain('link.py')
    expect(root).not.toContain('vendor/')
    expect((await t.run('list_directory', { path: '../' })).ok).toBe(false)
    expect((await t.run('find_symbol', { name: 'helper' })).text).toBe(
      'src/app.py:1: from src.util import helper\nsrc/app.py:4: return helper()'
    )
    expect((await t.run('find_symbol', { name: 'a(b' })).ok).toBe(false)
    expect((await t.run('rm_rf', {})).ok).toBe(false)
  })

  it('knows secret-looking names', () => {
    for (const p of ['.env', '.env.production', 'a/.npmrc', 'k/server.key', '.ssh/config', 'x/secrets.yml'])
      expect(isSecretLooking(p)).toBe(true)
    for (const p of ['src/env.ts', 'src/keys.py', 'docs/secrets-management.md', 'environment.yml'])
      expect(isSecretLooking(p)).toBe(false)
  })
})

describe('prompt budget with windows', () => {
  const failure: JobFailure = {
    jobId: 1,
    jobName: 'test',
    extraction: {
      blocks: [{ kind: 'x', lines: [{ n: 1, text: '  File "src/big.py", line 1500, in f' }] }],
      tokens: 10,
      totalLines: 1
    }
  }
  it('shows the lines around each referenced line of a large file', () => {
    const big = { path: 'src/big.py', content: files['src/big.py'] ?? '', sha: '', focus: [400, 1500] }
    const p = buildPrompt({ repo: 'o/r', failures: [failure], files: [big], maxTokens: 3000 })
    expect(p.truncatedFiles).toEqual(['src/big.py'])
    expect(p.user).toContain('x399 = 399')
    expect(p.user).toContain('x1499 = 1499')
    expect(p.user).not.toContain('x900 = 900')
    expect(p.user).toMatch(/\[… lines \d+-\d+ not shown …\]/)
  })

  it('always holds the budget, whatever the files and focus lines', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lines: fc.integer({ min: 1, max: 3000 }),
            width: fc.integer({ min: 1, max: 120 }),
            focus: fc.array(fc.integer({ min: -5, max: 3200 }), { maxLength: 6 })
          }),
          { maxLength: 8 }
        ),
        fc.integer({ min: 1500, max: 20000 }),
        (specs, maxTokens) => {
          const fs: RepoFile[] = specs.map((s, i) => ({
            path: `src/f${i}.py`,
            content: Array.from({ length: s.lines }, (_, j) => `${j}`.padEnd(s.width, 'x')).join('\n'),
            sha: '',
            focus: s.focus
          }))
          const p = buildPrompt({ repo: 'o/r', failures: [failure], files: fs, maxTokens })
          expect(p.estimatedTokens).toBeLessThanOrEqual(maxTokens)
        }
      ),
      { numRuns: 150 }
    )
  })
})
