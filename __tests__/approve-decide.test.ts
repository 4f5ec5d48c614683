// Approve's security decision as a pure function: each refusal, and the reads it asks for, in order.
import { describe, expect, it } from '@jest/globals'
import { decideApproval, type ApprovalFacts } from '../src/flows/approve/decide.js'
import { proposalHash } from '../src/patch/hash.js'
import { unifiedDiff } from '../src/patch/diff.js'
import { renderRecord } from '../src/thread/proposals.js'
import type { ProposalRecord } from '../src/types.js'

const SHA = 'a'.repeat(40)
const BLOB = 'b'.repeat(40)

function record(o: Partial<ProposalRecord> = {}): ProposalRecord {
  const r: ProposalRecord = {
    failure_id: '10-1',
    repo_name: 'acme/widgets',
    branch: 'feature',
    commit_sha: SHA,
    run_id: 10,
    run_attempt: 1,
    pr_number: 1,
    root_cause: 'missing dependency',
    proposed_patch: [{ file_path: 'requirements.txt', original: 'a\n', replacement: 'a\nb\n' }],
    diff: unifiedDiff([{ path: 'requirements.txt', before: 'a\n', after: 'a\nb\n', created: false }]),
    risk_score: 'low',
    risk_reasons: [],
    confidence: 0.9,
    status: 'pending',
    commit_message: 'fix: b',
    file_shas: { 'requirements.txt': BLOB },
    proposal_hash: '',
    from_fork: false,
    provider: 'rules',
    model_id: 'rules',
    input_tokens: 0,
    output_tokens: 0,
    timestamp: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...o
  }
  r.proposal_hash = proposalHash(r)
  return r
}

/** By default the thread shows exactly the record (its own rendering, with the table). */
function facts(o: Partial<ApprovalFacts> = {}): ApprovalFacts {
  const rec = o.record ?? record()
  return {
    record: rec,
    command: { verb: 'approve' },
    permission: 'write',
    ownRepo: 'acme/widgets',
    prNumber: 1,
    embedded: false,
    protectedPaths: [],
    shown: renderRecord(rec, false),
    ...o
  }
}

const tree = [{ path: 'requirements.txt', mode: '100644', sha: BLOB }]
const files = new Map([['requirements.txt', { sha: BLOB, content: 'a\n' }]])
const pr = { head_sha: SHA, head_repo: 'acme/widgets' }

describe('decideApproval', () => {
  it('asks for the PR, the comment, the tree, then the files, and plans the fix on the proposal commit', () => {
    expect(decideApproval(facts({ pr, shown: undefined }))).toEqual({ kind: 'read-comment' })
    expect(decideApproval(facts())).toEqual({ kind: 'read-pull', number: 1 })
    expect(decideApproval(facts({ pr }))).toEqual({ kind: 'read-tree', base: SHA })
    expect(decideApproval(facts({ pr, tree }))).toEqual({
      kind: 'read-files',
      base: SHA,
      paths: ['requirements.txt']
    })
    const d = decideApproval(facts({ pr, tree, files }))
    expect(d).toMatchObject({ kind: 'apply', plan: { base: SHA } })
    expect(d.kind === 'apply' ? d.plan.contents.get('requirements.txt') : undefined).toBe('a\n')
  })
  it('refuses a closed proposal and an altered one before reading anything', () => {
    expect(decideApproval(facts({ record: record({ status: 'rejected' }) }))).toMatchObject({
      kind: 'refuse'
    })
    const altered = { ...record(), commit_sha: 'c'.repeat(40) }
    expect(decideApproval(facts({ record: altered }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('does not match its hash')
    })
  })
  it('needs an admin or maintainer naming the id for protected paths', () => {
    const r = record({
      proposed_patch: [{ file_path: '.github/workflows/ci.yml', original: 'a', replacement: 'b' }]
    })
    expect(decideApproval(facts({ record: r }))).toMatchObject({ kind: 'refuse' })
    expect(decideApproval(facts({ record: r, permission: 'admin' }))).toMatchObject({ kind: 'refuse' })
    expect(
      decideApproval(facts({ record: r, permission: 'admin', command: { verb: 'approve', id: '10-1' } }))
    ).toEqual({ kind: 'read-pull', number: 1 })
  })
  it("offers the patch for a fork's PR instead of writing a branch", () => {
    expect(decideApproval(facts({ pr: { head_sha: SHA, head_repo: 'mallory/widgets' } }))).toEqual({
      kind: 'offer-patch'
    })
    expect(decideApproval(facts({ record: record({ from_fork: true }), prNumber: undefined }))).toEqual({
      kind: 'offer-patch'
    })
  })
  it('applies on a moved PR head only when the touched file is unchanged there', () => {
    const moved = { head_sha: 'd'.repeat(40), head_repo: 'acme/widgets' }
    expect(decideApproval(facts({ pr: moved }))).toEqual({ kind: 'read-tree', base: 'd'.repeat(40) })
    const changed = [{ path: 'requirements.txt', mode: '100644', sha: 'e'.repeat(40) }]
    expect(decideApproval(facts({ pr: moved, tree: changed }))).toEqual({
      kind: 'read-files',
      base: 'd'.repeat(40),
      paths: []
    })
    expect(decideApproval(facts({ pr: moved, tree: changed, files: new Map() }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('is outdated')
    })
    const link = [{ path: 'requirements.txt', mode: '120000', sha: BLOB }]
    expect(decideApproval(facts({ pr, tree: link, files: new Map() }))).toMatchObject({ kind: 'refuse' })
  })
  it('refuses unless the thread shows exactly this record, whole', () => {
    const rec = record()
    const shown = renderRecord(rec, false)
    expect(decideApproval(facts({ pr, shown: null }))).toMatchObject({ kind: 'refuse' })
    expect(decideApproval(facts({ pr, shown: shown.replace('+b', '+c') }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('does not show exactly this proposal')
    })
    // The embedded record line is the record itself (the store read it there): the rest must match.
    const withEmbed = renderRecord(rec, true)
    expect(decideApproval(facts({ pr, embedded: true, shown: withEmbed }))).toEqual({
      kind: 'read-tree',
      base: SHA
    })
    expect(
      decideApproval(facts({ pr, embedded: true, shown: withEmbed.replace('missing dependency', 'typo') }))
    ).toMatchObject({ kind: 'refuse' })
    const big = 'x'.repeat(40_000)
    const huge = record({ diff: big })
    expect(decideApproval(facts({ pr, record: huge }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('too large to show whole')
    })
  })
  it("re-checks the approve job's own protected-paths", () => {
    expect(decideApproval(facts({ protectedPaths: ['*.txt'] }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('protected paths')
    })
    expect(
      decideApproval(
        facts({ protectedPaths: ['*.txt'], permission: 'maintain', command: { verb: 'approve', id: '10-1' } })
      )
    ).toEqual({ kind: 'read-pull', number: 1 })
  })
  it('refuses a record whose shown diff is not what its patch makes', () => {
    const lying = record({
      diff: unifiedDiff([{ path: 'requirements.txt', before: 'a\n', after: 'a\nc\n', created: false }])
    })
    expect(decideApproval(facts({ record: lying, pr, tree, files }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('does not produce the diff')
    })
  })
  it('goes on with an approved proposal without fix PR only when told to resume it', () => {
    const half = record({ status: 'approved', claim_token: 'comment-1' })
    expect(decideApproval(facts({ record: half, pr }))).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('already applied')
    })
    expect(decideApproval(facts({ record: half, pr, resume: true }))).toEqual({
      kind: 'read-tree',
      base: SHA
    })
    const done = record({ status: 'approved', pr_url: 'https://github.com/acme/widgets/pull/9' })
    expect(decideApproval(facts({ record: done, pr, resume: true }))).toMatchObject({ kind: 'refuse' })
  })
})
