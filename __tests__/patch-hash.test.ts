import { describe, it, expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { canonicalJson, proposalHash, shortHash, type HashedFields } from '../src/patch/hash.js'

const base = (): HashedFields => ({
  failure_id: 'ff-123-1',
  repo_name: 'octo/demo',
  commit_sha: '3f786850e387550fdab836ed7e6dc881de23001b',
  proposed_patch: [
    { file_path: 'requirements.txt', original: '', replacement: 'pandas==2.2.2\n' },
    { file_path: 'src/app.py', original: 'import numpy', replacement: 'import numpy\nimport pandas' }
  ],
  file_shas: { 'requirements.txt': 'a'.repeat(40), 'src/app.py': 'b'.repeat(40) },
  from_fork: false,
  protected_hits: ['src/app.py'],
  branch: 'feature/x',
  pr_number: 7
})

describe('proposalHash', () => {
  it('is the sha256 of the canonical JSON, in hex', () => {
    const r = base()
    const expected = createHash('sha256').update(canonicalJson(r)).digest('hex')
    expect(proposalHash(r)).toBe(expected)
    expect(proposalHash(r)).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each<[string, (r: HashedFields) => void]>([
    ['failure_id', r => (r.failure_id = 'ff-123-2')],
    ['repo_name', r => (r.repo_name = 'octo/demo2')],
    ['commit_sha', r => (r.commit_sha = 'c'.repeat(40))],
    ['an edit replacement', r => (r.proposed_patch[0]!.replacement = 'pandas==2.2.3\n')],
    ['an edit original', r => (r.proposed_patch[1]!.original = 'import numpy ')],
    ['an edit path', r => (r.proposed_patch[1]!.file_path = 'src/app2.py')],
    ['the order of edits', r => r.proposed_patch.reverse()],
    ['an added edit', r => r.proposed_patch.push({ file_path: 'x', original: '', replacement: 'y' })],
    ['a file sha', r => (r.file_shas['src/app.py'] = 'd'.repeat(40))],
    ['an added file sha', r => (r.file_shas['new.py'] = '')],
    // The security decisions and the target are covered too: an altered record cannot drop the fork defence or the
    // protected-path gate, nor move the fix to another branch or thread.
    ['from_fork', r => (r.from_fork = true)],
    ['protected_hits (dropped)', r => (r.protected_hits = undefined)],
    ['protected_hits (emptied)', r => (r.protected_hits = [])],
    ['protected_hits (another path)', r => (r.protected_hits = ['requirements.txt'])],
    ['branch', r => (r.branch = 'main')],
    ['pr_number', r => (r.pr_number = 8)],
    ['pr_number (dropped: a commit thread)', r => (r.pr_number = undefined)]
  ])('changes when %s changes', (_field, mutate) => {
    const r = base()
    mutate(r)
    expect(proposalHash(r)).not.toBe(proposalHash(base()))
  })

  it('does not depend on key order, at any depth', () => {
    const r = base()
    const reordered: HashedFields = {
      file_shas: { 'src/app.py': 'b'.repeat(40), 'requirements.txt': 'a'.repeat(40) },
      proposed_patch: r.proposed_patch.map(e => ({
        replacement: e.replacement,
        original: e.original,
        file_path: e.file_path
      })),
      pr_number: r.pr_number,
      protected_hits: r.protected_hits,
      branch: r.branch,
      from_fork: r.from_fork,
      commit_sha: r.commit_sha,
      repo_name: r.repo_name,
      failure_id: r.failure_id
    }
    expect(proposalHash(reordered)).toBe(proposalHash(r))
  })

  it('ignores the other fields of a full record', () => {
    const full = { ...base(), status: 'approved', diff: 'x', pr_url: 'https://example.com' }
    expect(proposalHash(full)).toBe(proposalHash(base()))
  })

  it('shortHash is the first 12 characters', () => {
    const h = proposalHash(base())
    expect(shortHash(h)).toBe(h.slice(0, 12))
    expect(shortHash(h)).toHaveLength(12)
  })
})

describe('canonicalJson', () => {
  it('sorts keys, keeps array order, leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: 'x' }], e: null })).toBe(
      '{"a":[3,{"c":"x"}],"b":1,"e":null}'
    )
  })
})
