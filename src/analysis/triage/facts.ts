// The facts `triage` weighs for `flaky`, read from the Actions API within a small request budget: did the same job
// (by name) pass on another attempt of this run, or in another run of the same workflow on the same head commit?
// One listing of the commit's recent runs, then one job listing per attempt or run looked at, the most telling first
// (other attempts of this run, then the commit's successful runs of the same event), until the budget is spent.

import type { GitHubApi, WorkflowRun } from '../../github/api.js'
import type { TriageFacts } from './classify.js'

export interface FactsOptions {
  /** Most API requests spent (default 4). */
  maxRequests?: number
  /** How many recent runs of the workflow for the commit are listed (default 10, one request). */
  recentRuns?: number
}

export const DEFAULT_FACT_REQUESTS = 4

/**
 * Facts for each failed job of `run` (by job name). `attempt` is the attempt whose failure is triaged. API errors
 * spend the request and leave the facts as they are: triage without them is the conservative `code`.
 */
export async function gatherFacts(
  gh: GitHubApi,
  run: WorkflowRun,
  attempt: number,
  failedJobs: string[],
  opts: FactsOptions = {}
): Promise<Map<string, TriageFacts>> {
  const facts = new Map<string, TriageFacts>(failedJobs.map(name => [name, {}]))
  let budget = opts.maxRequests ?? DEFAULT_FACT_REQUESTS
  const open = (): string[] => failedJobs.filter(n => !isFlaky(facts.get(n)))

  /** Conclusion of each job (by name) of one attempt of a run; undefined when the API failed. */
  const conclusions = async (
    runId: number,
    runAttempt: number
  ): Promise<Map<string, string | null> | undefined> => {
    budget--
    try {
      return new Map((await gh.listJobs(runId, runAttempt)).map(j => [j.name, j.conclusion]))
    } catch {
      return undefined
    }
  }

  // 1. Other attempts of this run, the latest first (a re-run that passed says the most).
  for (let a = Math.max(run.run_attempt, attempt); a >= 1 && budget > 0 && open().length > 0; a--) {
    if (a === attempt) continue
    const jobs = await conclusions(run.id, a)
    for (const name of open()) {
      if (jobs?.get(name) === 'success') facts.set(name, { ...facts.get(name), passedOnAttempts: [a] })
    }
  }

  // 2. Other runs of the same workflow on the same commit (push and pull_request, or a re-push).
  if (run.workflow_id === undefined || budget < 2 || open().length === 0) return facts
  budget--
  let others: WorkflowRun[]
  try {
    // Only runs of the same event built the same code: a pull_request run tests the merge of the head into the base,
    // so a push run of the same head passing says nothing about it (the base may have broken it).
    others = (await gh.recentRunsForCommit(run.workflow_id, run.head_sha, opts.recentRuns ?? 10)).filter(
      r => r.id !== run.id && r.status === 'completed' && r.event === run.event
    )
  } catch {
    return facts
  }
  // Runs that succeeded first: a failed run rarely shows the job passing.
  others.sort((a, b) => Number(b.conclusion === 'success') - Number(a.conclusion === 'success'))
  for (const other of others) {
    if (budget <= 0 || open().length === 0) break
    const jobs = await conclusions(other.id, other.run_attempt)
    for (const name of failedJobs) {
      const conclusion = jobs?.get(name)
      if (conclusion === undefined) continue // not run there (skipped, another matrix), or the listing failed
      const f = facts.get(name) ?? {}
      const seen = { runId: other.id, attempt: other.run_attempt, conclusion }
      facts.set(name, { ...f, sameCommitJobs: [...(f.sameCommitJobs ?? []), seen] })
    }
  }
  return facts
}

function isFlaky(f: TriageFacts | undefined): boolean {
  return (
    (f?.passedOnAttempts?.length ?? 0) > 0 || (f?.sameCommitJobs ?? []).some(j => j.conclusion === 'success')
  )
}
