// One typed builder for proposal records in tests: every field filled with plausible, obviously fake values.
import type { ProposalRecord } from '../src/types.js'

let seq = 0

export function makeRecord(overrides: Partial<ProposalRecord> = {}): ProposalRecord {
  seq++
  const at = new Date(Date.UTC(2026, 10, 1, 0, 0, seq)).toISOString()
  return {
    failure_id: `octo-app-900${seq}-1`,
    repo_name: 'octo/app',
    branch: 'feature/x',
    commit_sha: 'c'.repeat(40),
    run_id: 9000 + seq,
    run_attempt: 1,
    workflow_name: 'CI',
    pr_number: 7,
    root_cause: "ModuleNotFoundError: No module named 'pandas'",
    proposed_patch: [
      { file_path: 'requirements.txt', original: 'numpy==2.1.0\n', replacement: 'numpy==2.1.0\npandas==2.2.3\n' }
    ],
    diff: '--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1 +1,2 @@\n numpy==2.1.0\n+pandas==2.2.3\n',
    risk_score: 'medium',
    risk_reasons: ['requirements.txt is a dependency manifest'],
    confidence: 0.86,
    status: 'pending',
    commit_message: 'fix(deps): add pandas',
    file_shas: { 'requirements.txt': 'b'.repeat(40) },
    proposal_hash: 'h'.repeat(64),
    from_fork: false,
    provider: 'bedrock',
    model_id: 'us.amazon.nova-2-lite-v1:0',
    input_tokens: 1500,
    output_tokens: 210,
    timestamp: at,
    updated_at: at,
    comment_url: `https://github.com/octo/app/pull/7#issuecomment-${100 + seq}`,
    ...overrides
  }
}
