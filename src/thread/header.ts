import type { ProposalRecord } from '../types.js'
import type { RunInfo } from '../render/comment.js'

/**
 * The comment header of a stored proposal, rebuilt from the record alone (every transition re-renders it): the record
 * keeps the failed jobs with their log errors and the count of jobs not analysed, so a re-render loses no note.
 */
export function recordRunInfo(r: ProposalRecord): RunInfo {
  return {
    runId: r.run_id,
    attempt: r.run_attempt,
    workflow: r.workflow_name ?? '',
    runUrl: r.run_url,
    jobs: r.failed_jobs ?? [],
    skippedJobs: r.skipped_jobs ?? 0
  }
}
