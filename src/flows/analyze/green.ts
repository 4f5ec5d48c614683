// The same jobs in the latest green run of the workflow (issue 12): lines a passing run also printed are weak evidence
// of what failed. Cheap or skipped: a few requests to find the run, then one log per failed job that passed there;
// anything that goes wrong leaves the comparison out, never the analysis.
import type { GitHubApi } from '../../github/api.js'
import { weakLines } from '../../logs/extract.js'
import { errorMessage } from '../../errors.js'
import type { Logger } from '../../log.js'

/** Weak lines per job name, and the GitHub requests spent finding them. */
export interface GreenBaseline {
  weak: Map<string, Set<string>>
  requests: number
}

export async function greenBaseline(
  gh: Pick<GitHubApi, 'latestSuccessfulRun' | 'listJobs' | 'streamJobLog'>,
  target: { branch: string; defaultBranch?: string; workflowId?: number | string },
  jobNames: string[],
  maxBytes: number,
  log: Logger
): Promise<GreenBaseline> {
  const out: GreenBaseline = { weak: new Map(), requests: 0 }
  // Only when the run's workflow is known without asking (GITHUB_WORKFLOW_REF, or the workflow_run payload).
  const workflowId = target.workflowId
  if (!jobNames.length || workflowId === undefined) return out
  try {
    let green
    for (const branch of new Set([target.branch, target.defaultBranch].filter((b): b is string => !!b))) {
      out.requests++
      green = await gh.latestSuccessfulRun(workflowId, branch)
      if (green) break
    }
    if (!green) {
      log.info(`no green run of this workflow to compare the logs with (${out.requests} request(s))`)
      return out
    }
    out.requests++
    const passed = (await gh.listJobs(green.id, green.run_attempt)).filter(j => j.conclusion === 'success')
    for (const name of new Set(jobNames)) {
      const job = passed.find(j => j.name === name)
      if (!job) continue
      out.requests++
      const parts: Buffer[] = []
      for await (const chunk of await gh.streamJobLog(job.id, maxBytes)) parts.push(chunk)
      out.weak.set(name, weakLines(Buffer.concat(parts).toString('utf8')))
    }
    log.info(
      `compared with green run ${green.id}: ${out.weak.size} job log(s), ${out.requests} request(s) in all`
    )
  } catch (e) {
    log.info(`no comparison with a green run: ${errorMessage(e)}`)
  }
  return out
}
