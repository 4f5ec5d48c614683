// propose() on refused replies: what it keeps of the model's reply (for the run artifact) is redacted like the rest.
import { describe, expect, it } from '@jest/globals'
import { propose, type ProposeInput } from '../src/flows/analyze/propose.js'
import { RepoSnapshot } from '../src/analysis/context.js'
import type { Analyzer } from '../src/analysis/analyzer.js'
import type { ModelProposal } from '../src/types.js'

const TOKEN = `ghp_${'FakeFixFlow0'.repeat(3)}`
const REQUIREMENTS = 'numpy==2.1.3\n'
const quiet = { info: () => {}, warning: () => {}, debug: () => {}, startGroup: () => {}, endGroup: () => {} }

function input(proposal: ModelProposal): ProposeInput {
  const analyzer: Analyzer = {
    provider: 'bedrock',
    modelId: 'test-model',
    analyze: () => Promise.resolve({ kind: 'proposal', proposal, inputTokens: 1, outputTokens: 1 })
  }
  const snapshot = new RepoSnapshot(
    [{ path: 'requirements.txt', mode: '100644', sha: 'a'.repeat(40) }],
    path =>
      Promise.resolve(
        path === 'requirements.txt' ? { content: REQUIREMENTS, sha: 'a'.repeat(40) } : undefined
      )
  )
  return {
    failures: [],
    snapshot,
    analyzer,
    protectedPaths: [],
    maxPromptTokens: 6000,
    secrets: [],
    log: quiet,
    meta: {
      failureId: '12-1',
      repoName: 'acme/widgets',
      branch: 'feature',
      commitSha: 'b'.repeat(40),
      runId: 12,
      attempt: 1,
      workflow: 'CI',
      fromFork: false,
      now: new Date('2026-01-01T00:00:00Z')
    }
  }
}

describe('propose: a refused reply keeps no secret', () => {
  it('refused by validation (a path outside the repository): every text of the reply is redacted', async () => {
    const r = await propose(
      input({
        root_cause: `the token ${TOKEN} expired`,
        files_to_modify: [{ file_path: '../x', original: `a ${TOKEN}`, replacement: `b ${TOKEN}` }],
        confidence: 0.5,
        commit_message: `fix: rotate ${TOKEN}`
      })
    )
    expect(r.kind).toBe('refused')
    const raw = JSON.stringify(r.kind === 'refused' ? r.raw : undefined)
    expect(raw).toContain('the token ')
    expect(raw).toContain('../x')
    expect(raw).not.toContain(TOKEN)
  })

  it('refused for a secret in a replacement: the root cause is redacted and the replacements dropped', async () => {
    const r = await propose(
      input({
        root_cause: `the token ${TOKEN} is missing`,
        files_to_modify: [
          {
            file_path: 'requirements.txt',
            original: REQUIREMENTS,
            replacement: `${REQUIREMENTS}# ${TOKEN}\n`
          }
        ],
        confidence: 0.5
      })
    )
    expect(r).toMatchObject({ kind: 'refused', raw: { files_to_modify: [] } })
    const raw = JSON.stringify(r.kind === 'refused' ? r.raw : undefined)
    expect(raw).toContain('is missing')
    expect(raw).not.toContain(TOKEN)
  })
})
