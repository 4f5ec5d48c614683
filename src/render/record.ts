import type { ProposalRecord } from '../types.js'
import type { RunInfo } from './comment.js'

/** The comment header of a stored proposal, rebuilt from the record alone (approve and track re-render it). */
export function recordRunInfo(r: ProposalRecord): RunInfo {
  return {
    runId: r.run_id,
    attempt: r.run_attempt,
    workflow: r.workflow_name ?? '',
    runUrl: r.run_url,
    jobs: r.failed_jobs ?? [],
    skippedJobs: 0
  }
}

/** `...#issuecomment-123` and `...#commitcomment-123` both end in the comment id. */
export function commentIdFromUrl(url: string): number | undefined {
  const m = /#(?:issuecomment|commitcomment)-(\d+)$/.exec(url)
  return m?.[1] ? Number(m[1]) : undefined
}
