import { describe, it, expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { validateProposal, type RepoAtCommit } from '../src/analysis/validate.js'
import type { FileEdit, ModelProposal } from '../src/types.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/patch/${name}`, import.meta.url), 'utf8')

/** A repository at a commit, in memory: the real data shapes, no mocking library. */
function repoOf(
  files: Record<string, string>,
  extraTree: { path: string; mode: string }[] = []
): RepoAtCommit {
  const sha = (p: string): string => Buffer.from(p).toString('hex').padEnd(40, '0').slice(0, 40)
  const tree = [
    ...Object.keys(files).map(path => ({ path, mode: '100644', sha: sha(path) })),
    ...extraTree.map(e => ({ ...e, sha: sha(e.path) }))
  ]
  return {
    tree,
    getFile: path =>
      Promise.resolve(path in files ? { content: files[path] as string, sha: sha(path) } : undefined)
  }
}

const REPO = repoOf(
  {
    'requirements.txt': fixture('requirements.txt'),
    'src/app.py': fixture('app.py'),
    'package.json': fixture('package.json'),
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    'win.py': 'a = 1\r\nb = 2\r\n',
    'dup.py': 'x = 1\nx = 1\n'
  },
  [
    { path: 'root', mode: '120000' },
    { path: 'tests', mode: '040000' }
  ]
)
const proposal = (...files_to_modify: FileEdit[]): ModelProposal => ({
  root_cause: 'pandas is missing',
  files_to_modify,
  confidence: 0.9
})
const e = (file_path: string, original: string, replacement: string): FileEdit => ({
  file_path,
  original,
  replacement
})
const opts = { protectedPaths: [] as string[] }

describe('validateProposal', () => {
  it('accepts the seed fix: append pandas to requirements.txt', async () => {
    const r = await validateProposal(proposal(e('requirements.txt', '', 'pandas==2.2.2')), REPO, opts)
    expect(r).toEqual({
      ok: true,
      protectedHits: [],
      changes: [
        {
          path: 'requirements.txt',
          before: fixture('requirements.txt'),
          after: `${fixture('requirements.txt')}pandas==2.2.2\n`,
          beforeSha: (await REPO.getFile('requirements.txt'))!.sha,
          created: false
        }
      ]
    })
  })

  it('groups several edits to one file and applies them in order', async () => {
    const r = await validateProposal(
      proposal(
        e('src/app.py', 'import requests', 'import requests\nimport pandas as pd'),
        e('requirements.txt', '', 'pandas==2.2.2'),
        e('src/app.py', 'import pandas as pd', 'import pandas as pd  # data frames')
      ),
      REPO,
      opts
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.changes.map(c => c.path)).toEqual(['src/app.py', 'requirements.txt'])
    expect(r.changes[0]!.after).toContain('import requests\nimport pandas as pd  # data frames\n')
  })

  it.each([
    ['../x', '"../x": path has a ".." segment'],
    ['/etc/passwd', '"/etc/passwd": absolute path'],
    ['root/etc/passwd', '"root/etc/passwd": path goes through a symlink (root)'],
    ['--upload-pack=x', '"--upload-pack=x": path segment "--upload-pack=x" starts with "-"'],
    ['.git/hooks/post-checkout', '".git/hooks/post-checkout": path inside .git']
  ])('refuses %s', async (path, reason) => {
    const r = await validateProposal(proposal(e(path, '', 'x')), REPO, opts)
    expect(r).toEqual({ ok: false, reasons: [reason] })
  })

  it('does not refuse a protected path but reports it (risk and approve handle it)', async () => {
    const r = await validateProposal(
      proposal(
        e('.github/workflows/ci.yml', 'jobs: {}', 'jobs: { x: {} }'),
        e('requirements.txt', '', 'pandas')
      ),
      REPO,
      opts
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.protectedHits).toEqual(['.github/workflows/ci.yml'])
    const glob = await validateProposal(proposal(e('src/app.py', 'timeout=10', 'timeout=30')), REPO, {
      protectedPaths: ['src/**']
    })
    expect(glob.ok && glob.protectedHits).toEqual(['src/app.py'])
  })

  it('refuses an original found zero or several times, and a missing file', async () => {
    const r = await validateProposal(
      proposal(
        e('src/app.py', 'import pandas', 'x'),
        e('dup.py', 'x = 1', 'x = 2'),
        e('missing.py', 'a', 'b')
      ),
      REPO,
      opts
    )
    expect(r).toEqual({
      ok: false,
      reasons: [
        'src/app.py: original text not found; it must occur exactly once',
        'dup.py: original text found 2 times; it must occur exactly once',
        'missing.py: file does not exist at the commit'
      ]
    })
  })

  it('matches across CRLF and keeps the file CRLF', async () => {
    const r = await validateProposal(proposal(e('win.py', 'a = 1\nb = 2', 'a = 1\nb = 3')), REPO, opts)
    expect(r.ok && r.changes[0]!.after).toBe('a = 1\r\nb = 3\r\n')
  })

  it('creates a file in an existing directory, not in a new one, not over a directory', async () => {
    const ok = await validateProposal(proposal(e('tests/__init__.py', '', '')), REPO, opts)
    expect(ok).toEqual({
      ok: true,
      protectedHits: [],
      changes: [{ path: 'tests/__init__.py', before: '', after: '', created: true }]
    })
    expect(await validateProposal(proposal(e('new_dir/x.py', '', 'x = 1\n')), REPO, opts)).toEqual({
      ok: false,
      reasons: ['new_dir/x.py: cannot create a file in a directory that does not exist (new_dir)']
    })
    expect(await validateProposal(proposal(e('src', '', 'x')), REPO, opts)).toEqual({
      ok: false,
      reasons: ['src: a directory exists at that path']
    })
  })

  it('refuses edits that change nothing', async () => {
    const r = await validateProposal(proposal(e('src/app.py', 'timeout=10', 'timeout=10')), REPO, opts)
    expect(r).toEqual({ ok: false, reasons: ['src/app.py: the edits change nothing'] })
  })

  it('refuses an empty proposal', async () => {
    expect(await validateProposal(proposal(), REPO, opts)).toEqual({
      ok: false,
      reasons: ['the proposal modifies no files']
    })
  })

  it('caps the number of files', async () => {
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${i}.py`, 'a\n']))
    const edits = Object.keys(files).map(p => e(p, 'a', 'b'))
    const r = await validateProposal(proposal(...edits), repoOf(files), opts)
    expect(r).toEqual({ ok: false, reasons: ['the proposal touches 7 files; at most 5 allowed'] })
    expect((await validateProposal(proposal(...edits), repoOf(files), { ...opts, maxFiles: 7 })).ok).toBe(
      true
    )
  })

  it('caps the number of changed lines', async () => {
    const big = Array.from({ length: 150 }, (_, i) => `line ${i}`).join('\n')
    const r = await validateProposal(
      proposal(e('src/app.py', '', big), e('requirements.txt', '', big)),
      REPO,
      opts
    )
    expect(r).toEqual({ ok: false, reasons: ['the proposal changes 300 lines; at most 200 allowed'] })
    expect(
      (await validateProposal(proposal(e('src/app.py', '', big)), REPO, { ...opts, maxChangedLines: 149 })).ok
    ).toBe(false)
  })

  it('is never half-valid: one bad edit refuses all, with every reason', async () => {
    const r = await validateProposal(
      proposal(e('requirements.txt', '', 'pandas'), e('../x', '', 'y'), e('src/app.py', 'nope', 'x')),
      REPO,
      opts
    )
    expect(r).toEqual({
      ok: false,
      reasons: [
        '"../x": path has a ".." segment',
        'src/app.py: original text not found; it must occur exactly once'
      ]
    })
  })

  it('refuses binary files', async () => {
    const r = await validateProposal(
      proposal(e('bin.dat', 'a', 'b')),
      repoOf({ 'bin.dat': 'a\u0000b' }),
      opts
    )
    expect(r).toEqual({ ok: false, reasons: ['bin.dat: binary file'] })
  })

  it('skips tree-based checks when the tree is unknown', async () => {
    const repo: RepoAtCommit = { tree: [], getFile: () => Promise.resolve(undefined) }
    const r = await validateProposal(proposal(e('new_dir/x.py', '', 'x = 1\n')), repo, opts)
    expect(r.ok).toBe(true)
  })
})

describe('validateProposal: what a reviewer cannot see', () => {
  it.each([
    ['a NUL character (U+0000)', 'x = "\u0000"'],
    ['a control character (U+001B)', 'print("\u001b[2J")'],
    ['a control character (U+0008)', 'ok = True  # \u0008\u0008\u0008\u0008'],
    ['a control character (U+009B)', 'x = "\u009b"'],
    ['a bidirectional control character (U+202E)', 'access = "user\u202e \u2066// admin\u2069\u2066"'],
    ['a bidirectional control character (U+2067)', 'y = 1 # \u2067'],
    ['a bidirectional control character (U+202A)', 'z = "\u202a"']
  ])('refuses a replacement that adds %s, with the reason', async (what, replacement) => {
    const r = await validateProposal(proposal(e('src/app.py', 'timeout=10', replacement)), REPO, opts)
    expect(r).toEqual({
      ok: false,
      reasons: [`src/app.py: the replacement adds ${what}, which a reviewer cannot see in the diff`]
    })
  })

  it('accepts tab, CRLF, right-to-left marks, and a form feed the replaced text already had', async () => {
    const repo = repoOf({ 'gnu.c': 'int a;\n\f\nint b;\n', 'win.py': 'a = 1\r\nb = 2\r\n' })
    const ok = await validateProposal(
      proposal(
        e('gnu.c', 'int a;\n\f\nint b;', 'int a = 1;\n\f\nint b;'),
        e('win.py', 'b = 2', 'b = 3\t# \u200fשלום\u200e')
      ),
      repo,
      opts
    )
    expect(ok.ok).toBe(true)
  })

  it('refuses a new file that differs from an existing path only by case', async () => {
    const r = await validateProposal(proposal(e('src/App.py', '', 'import os\n')), REPO, opts)
    expect(r).toEqual({
      ok: false,
      reasons: ['src/App.py: differs only by case from the existing "src/app.py"']
    })
    const dir = await validateProposal(proposal(e('TESTS', '', 'x\n')), REPO, opts)
    expect(dir).toEqual({ ok: false, reasons: ['TESTS: differs only by case from the existing "tests"'] })
  })

  it('refuses two new files that differ only by case', async () => {
    const r = await validateProposal(
      proposal(e('tests/conftest.py', '', 'a = 1\n'), e('tests/Conftest.py', '', 'b = 2\n')),
      REPO,
      opts
    )
    expect(r).toEqual({
      ok: false,
      reasons: [
        'tests/conftest.py: differs only by case from "tests/Conftest.py", also in this proposal',
        'tests/Conftest.py: differs only by case from "tests/conftest.py", also in this proposal'
      ]
    })
  })

  it('refuses a file that is not valid UTF-8 instead of re-encoding it, and keeps one that holds a real U+FFFD', async () => {
    // Latin-1 bytes decoded as UTF-8 (what the GitHub client does): each invalid byte became U+FFFD.
    const latin1 = Buffer.from('name = "Jos\xe9"\nport = 80\n', 'latin1')
    const blobSha = (bytes: Buffer): string =>
      createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    const real = 'marker = "\ufffd"\nport = 80\n'
    const repo: RepoAtCommit = {
      tree: [
        { path: 'latin1.py', mode: '100644', sha: blobSha(latin1) },
        { path: 'real.py', mode: '100644', sha: blobSha(Buffer.from(real)) }
      ],
      getFile: path =>
        Promise.resolve(
          path === 'latin1.py'
            ? { content: latin1.toString('utf8'), sha: blobSha(latin1) }
            : path === 'real.py'
              ? { content: real, sha: blobSha(Buffer.from(real)) }
              : undefined
        )
    }
    const refused = await validateProposal(proposal(e('latin1.py', 'port = 80', 'port = 8080')), repo, opts)
    expect(refused).toEqual({
      ok: false,
      reasons: [
        'latin1.py: not valid UTF-8; FixFlow edits text and would re-encode bytes nobody reviewed, so it leaves this file alone'
      ]
    })
    const kept = await validateProposal(proposal(e('real.py', 'port = 80', 'port = 8080')), repo, opts)
    expect(kept.ok).toBe(true)
  })
})
