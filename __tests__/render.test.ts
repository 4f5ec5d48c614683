import { describe, expect, it } from '@jest/globals'
import { code, escapeProse, fence } from '../src/render/markdown.js'
import {
  MAX_COMMENT,
  embedRecord,
  fitComment,
  readEmbeddedRecord,
  renderComment,
  runMarker,
  type RunInfo
} from '../src/render/comment.js'
import type { ProposalRecord } from '../src/types.js'
import { ThreadStore } from '../src/store/thread.js'
import type { GitHubApi } from '../src/github/api.js'

const run: RunInfo = {
  runId: 77,
  attempt: 2,
  workflow: 'CI',
  runUrl: 'https://github.com/o/r/actions/runs/77',
  jobs: [{ name: 'test', step: 'Run pytest' }],
  skippedJobs: 0
}

function record(over: Partial<ProposalRecord> = {}): ProposalRecord {
  return {
    failure_id: '77-2',
    repo_name: 'o/r',
    branch: 'feature',
    commit_sha: 'a'.repeat(40),
    run_id: 77,
    run_attempt: 2,
    root_cause: 'pandas is imported but not in requirements.txt',
    proposed_patch: [{ file_path: 'requirements.txt', original: '', replacement: 'pandas\n' }],
    diff: 'diff --git a/requirements.txt b/requirements.txt\n--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1 +1,2 @@\n numpy\n+pandas\n',
    risk_score: 'medium',
    risk_reasons: ['requirements.txt is a dependency manifest'],
    confidence: 0.9,
    status: 'pending',
    commit_message: 'fix(deps): add pandas',
    file_shas: { 'requirements.txt': 'b'.repeat(40) },
    proposal_hash: 'c'.repeat(64),
    from_fork: false,
    provider: 'bedrock',
    model_id: 'us.amazon.nova-pro-v1:0',
    input_tokens: 1,
    output_tokens: 1,
    timestamp: '2026-11-20T10:00:00.000Z',
    updated_at: '2026-11-20T10:00:00.000Z',
    pr_number: 5,
    ...over
  }
}

describe('escapeProse (threat 8)', () => {
  it.each([
    ['image', '![x](https://evil.example/p.png)', /!\[x\]\(/],
    ['link', '[click](https://evil.example)', /\[click\]\(/],
    ['mention', 'ping @octocat and @org/team', /@octocat|@org/],
    ['html comment', '<!-- fixflow:run:1 --> hidden', /<!--/],
    ['html tag', '<img src=x onerror=alert(1)><details open>', /<img|<details/],
    ['autolink', 'see https://evil.example/x and www.evil.example', /https:\/\/evil|www\.evil/]
  ])('makes a %s inert', (_name, payload, forbidden) => {
    const out = escapeProse(payload)
    expect(out).not.toMatch(forbidden)
  })

  it('keeps the words readable', () => {
    expect(escapeProse('Module pandas is missing')).toBe('Module pandas is missing')
  })

  it('caps the length', () => {
    expect(escapeProse('x'.repeat(5000), 100).length).toBeLessThanOrEqual(101)
  })
})

describe('fence and code', () => {
  it('fences a diff that contains backtick runs with a longer fence', () => {
    const body = 'a\n````\nb\n'
    const out = fence(body, 'diff')
    expect(out.startsWith('`````diff\n')).toBe(true)
    expect(out.endsWith('\n`````')).toBe(true)
  })

  it('wraps a value with backticks in a longer run', () => {
    expect(code('a`b')).toBe('``a`b``')
  })
})

describe('renderComment', () => {
  it('starts with the run marker and shows root cause, risk, confidence, diff and the approve command', () => {
    const body = renderComment(run, { kind: 'proposal', record: record(), embed: false })
    expect(body.startsWith(runMarker(77))).toBe(true)
    expect(body).toContain('pandas is imported but not in requirements')
    expect(body).toContain('🟡 medium')
    expect(body).toContain('90%')
    expect(body).toContain('+pandas')
    expect(body).toContain('/fixflow approve 77-2')
    expect(body).toContain('requirements.txt is a dependency manifest')
    expect(body).not.toContain('fixflow:proposal:v1')
  })

  it('embeds the record only when asked, and reads it back', () => {
    const r = record()
    const body = renderComment(run, { kind: 'proposal', record: r, embed: true })
    expect(readEmbeddedRecord(body)).toEqual(r)
    expect(readEmbeddedRecord(embedRecord(r).replace('v1 ', 'v1 !!'))).toBeUndefined()
  })

  it('folds a stale proposal away and offers no approve command in view', () => {
    const body = renderComment(run, { kind: 'proposal', record: record({ status: 'stale' }), embed: false })
    const beforeDetails = body.split('<details>')[0] ?? ''
    expect(beforeDetails).toContain('Outdated')
    expect(beforeDetails).not.toContain('/fixflow approve')
  })

  it('on a commit thread (no PR) tells to approve through workflow_dispatch, since commit comments start no workflow', () => {
    const body = renderComment(run, {
      kind: 'proposal',
      record: record({ pr_number: undefined }),
      embed: false
    })
    expect(body).toContain('gh workflow run fixflow.yml -f command=approve -f failure-id=77-2')
    expect(body).not.toContain('/fixflow approve')
  })

  it('asks an admin or maintainer to name a proposal that touches protected paths', () => {
    const body = renderComment(run, {
      kind: 'proposal',
      record: record({ protected_hits: ['.github/workflows/ci.yml'] }),
      embed: false
    })
    expect(body).toContain('only an admin or maintainer')
  })

  it('explains an unavailable analysis and a refused patch without an approve command', () => {
    const un = renderComment(run, { kind: 'unavailable', reason: 'ThrottlingException after 4 attempts' })
    expect(un).toContain('could not analyse')
    expect(un).not.toContain('/fixflow approve')
    const ref = renderComment(run, {
      kind: 'refused',
      rootCause: 'x',
      reasons: ['../x escapes the repository']
    })
    expect(ref).toContain('escapes the repository')
    expect(ref).not.toContain('/fixflow approve')
  })
})

describe('escapeProse block markers', () => {
  it('keeps a line from becoming a heading, list or quote', () => {
    expect(escapeProse('# title\n- item\n2. two\n> quote')).toBe(
      '\\# title  \n\\- item  \n2\\. two  \n&gt; quote'
    )
  })
})

describe('renderComment size', () => {
  it('keeps the embedded record whole under the comment limit by showing less of a long diff', () => {
    // ~28 KB of diff: shown whole beside its ~38 KB embed it would pass the limit.
    const diff = 'diff --git a/x b/x\n' + '+line of a long change\n'.repeat(1200)
    const r = record({ diff })
    const body = renderComment(run, { kind: 'proposal', record: r, embed: true })
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT)
    expect(body).toContain('diff cut here')
    expect(readEmbeddedRecord(body)).toEqual(r)
  })
})

describe('ThreadStore.save', () => {
  const render = (r: ProposalRecord) =>
    fitComment(renderComment(run, { kind: 'proposal', record: r, embed: true }))
  const store = new ThreadStore(undefined as unknown as GitHubApi, { kind: 'pr', number: 5 }, render)

  it('accepts a proposal its comment can carry', async () => {
    await expect(store.save(record())).resolves.toBeUndefined()
  })

  it('refuses one too large for a comment, so no approve command is shown for it', async () => {
    const diff = '+x'.repeat(40_000)
    await expect(store.save(record({ diff }))).rejects.toThrow(
      /too large to keep in a comment.*dynamodb-table/
    )
  })
})
