// The completed run triaged by the workflow_run handling itself, when the on-failure job left no verdict to read
// (`comment-on-no-fix: never`, or no on-failure job at all): the failed jobs' log ends, read as analyze reads them.
import { LogUnavailableError, type GitHubApi } from '../../github/api.js'
import type { CompletedRun } from '../../event/event.js'
import type { TriageMark } from '../../thread/markers.js'
import { keepTail, TRIAGE_TAIL_BYTES, triageJobs, type JobToTriage } from '../../analysis/triage/index.js'
import { MAX_JOBS } from '../../constants.js'

export async function triageRun(
  gh: GitHubApi,
  run: CompletedRun,
  maxLogBytes: number,
  log: (message: string) => void
): Promise<TriageMark> {
  const failed = (await gh.listJobs(run.runId, run.attempt)).filter(
    j => j.status === 'completed' && (j.conclusion === 'failure' || j.conclusion === 'timed_out')
  )
  const jobs: JobToTriage[] = []
  for (const j of failed.slice(0, MAX_JOBS)) {
    try {
      const tail = keepTail(
        await gh.streamJobLog(j.id, maxLogBytes),
        Math.min(maxLogBytes, TRIAGE_TAIL_BYTES)
      )
      for await (const chunk of tail.chunks) void chunk
      jobs.push({ name: j.name, conclusion: j.conclusion, tail: tail.text() })
    } catch (e) {
      if (!(e instanceof LogUnavailableError)) throw e
      jobs.push({ name: j.name, conclusion: j.conclusion })
    }
  }
  const verdicts = await triageJobs(gh, run.runId, run.attempt, jobs, log)
  verdicts.forEach((v, i) => log(`triage '${jobs[i]?.name ?? ''}': ${v.kind} (${v.reason})`))
  // Failed jobs past the cap were not looked at: they may be code failures.
  const unread = failed.slice(MAX_JOBS).map(() => 'code' as const)
  return { runId: run.runId, attempt: run.attempt, kinds: [...verdicts.map(v => v.kind), ...unread] }
}
