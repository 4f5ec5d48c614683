// Triage of every failed job of one run attempt: the run read once for its workflow and commit, the facts for
// `flaky` gathered within their request budget, then each job classified from its log tail.
import type { GitHubApi, WorkflowRun } from '../../github/api.js'
import { triage, type TriageFacts, type TriageVerdict } from './classify.js'
import { gatherFacts } from './facts.js'

export interface JobToTriage {
  name: string
  /** The job's conclusion from the API (failure, timed_out). */
  conclusion: string | null
  /** The end of its log; undefined when the log could not be read (then only the facts count). */
  tail?: string
}

/**
 * One verdict per job, in order. Without the run (an API error) the facts stay empty: triage without them is the
 * conservative `code`. Costs 1 request for the run plus at most DEFAULT_FACT_REQUESTS.
 */
export async function triageJobs(
  gh: GitHubApi,
  runId: number,
  attempt: number,
  jobs: JobToTriage[],
  log: (message: string) => void
): Promise<TriageVerdict[]> {
  let run: WorkflowRun | undefined
  try {
    run = await gh.getRun(runId)
  } catch (e) {
    log(`could not read run ${runId} for triage facts: ${e instanceof Error ? e.message : String(e)}`)
  }
  const names = [...new Set(jobs.map(j => j.name))]
  const facts = run ? await gatherFacts(gh, run, attempt, names) : new Map<string, TriageFacts>()
  return jobs.map(j => triage(j.tail ?? '', { ...facts.get(j.name), conclusion: j.conclusion }))
}
