// One proposal per failure, not per event (issue 11): a run of the same workflow on the same commit (push and
// pull_request both failing) that was analysed already, and identical failures in several jobs of one run.
import type { JobFailure, ProposalRecord } from '../../types.js'
import type { Target } from './target.js'

/** Another run's proposal for the same commit and workflow, newest first; a stale one does not count. */
export function sameFailure(
  recent: ProposalRecord[],
  target: Pick<Target, 'runId' | 'commitSha' | 'workflow'>
): ProposalRecord | undefined {
  return recent.find(
    r =>
      r.run_id !== target.runId &&
      r.commit_sha === target.commitSha &&
      r.workflow_name === target.workflow &&
      r.status !== 'stale'
  )
}

/** A failure's lines without what differs between matrix jobs that failed the same way: timestamps and timings. */
function signature(f: JobFailure): string {
  return f.extraction.blocks
    .flatMap(b => b.lines.map(l => l.text))
    .map(t =>
      t
        .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?\b/g, '')
        .replace(/\b\d+(?:\.\d+)?m?s\b/g, '')
        .trim()
    )
    .join('\n')
}

/**
 * Identical failures analysed once: one failure per distinct set of lines, named after every job that shows it
 * (the analyzer is told which jobs failed the same way). A job whose log could not be read stays on its own.
 */
export function groupIdentical(failures: JobFailure[]): JobFailure[] {
  const groups = new Map<string, JobFailure[]>()
  const out: JobFailure[][] = []
  for (const f of failures) {
    const key = signature(f)
    const group = f.logError || !key ? undefined : groups.get(key)
    if (group) {
      group.push(f)
      continue
    }
    const fresh = [f]
    if (!f.logError && key) groups.set(key, fresh)
    out.push(fresh)
  }
  return out.map(([first, ...same]) =>
    same.length && first
      ? { ...first, jobName: `${first.jobName} (the same failure in ${same.map(s => s.jobName).join(', ')})` }
      : (first as JobFailure)
  )
}
