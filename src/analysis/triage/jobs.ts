// Triage of every failed job of one run attempt: the run read once for its workflow and commit, the facts for
// `flaky` gathered within their request budget, then each job classified from its log tail.
import type { GitHubApi, WorkflowRun } from '../../github/api.js'
import { triage, type TriageVerdict } from './classify.js'
import { gatherFacts } from './facts.js'

export interface JobToTriage {
  name: string
  /** The job's conclusion from the API (failure, timed_out). */
  conclusion: string | null
  /** The end of its log; undefined when the log could not be read (then only the facts count). */
  tail?: string
}

/**
 * One verdict per job, in order. The facts (for `flaky`) are read only when a job's log alone says `code`: a
 * transient or infrastructure verdict from the log stands whatever other runs did. Without the run (an API error) the
 * facts stay empty: triage without them is the conservative `code`. Costs nothing more when no job's log says code,
 * else 1 request for the run plus at most DEFAULT_FACT_REQUESTS.
 */
export async function triageJobs(
  gh: GitHubApi,
  runId: number,
  attempt: number,
  jobs: JobToTriage[],
  log: (message: string) => void
): Promise<TriageVerdict[]> {
  const fromLog = jobs.map(j => triage(j.tail ?? '', { conclusion: j.conclusion }))
  const open = jobs.filter((_j, i) => fromLog[i]?.kind === 'code')
  if (!open.length) return fromLog
  let run: WorkflowRun | undefined
  try {
    run = await gh.getRun(runId)
  } catch (e) {
    log(`could not read run ${runId} for triage facts: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (!run) return fromLog
  const facts = await gatherFacts(gh, run, attempt, [...new Set(open.map(j => j.name))])
  return jobs.map((j, i) =>
    fromLog[i]?.kind === 'code'
      ? triage(j.tail ?? '', { ...facts.get(j.name), conclusion: j.conclusion })
      : (fromLog[i] as TriageVerdict)
  )
}
