// Which run failed, on which commit, and the thread to answer in: the payload's facts, and the PR looked up.
import type { GitHubApi, Thread } from '../../github/api.js'
import type { JobContext } from '../../event/context.js'
import type { FailureEvent } from '../../event/event.js'
import { headOrigin, type HeadOrigin } from '../../event/fix-branch.js'

/** Where the failure happened: the run, the commit the developer pushed, and the thread to answer in. */
export interface Target {
  runId: number
  attempt: number
  workflow: string
  runUrl: string
  commitSha: string
  branch: string
  prNumber?: number
  prUrl?: string
  fromFork: boolean
  origin: HeadOrigin
  thread: Thread
}

export async function resolveTarget(gh: GitHubApi, job: JobContext, event: FailureEvent): Promise<Target> {
  const repoName = `${job.owner}/${job.repo}`
  const { runId, attempt, workflow, commitSha, branch } = event
  let { prNumber, headRepo } = event
  if (!/^[0-9a-f]{40}$/.test(commitSha)) {
    throw new Error(
      `The failing commit '${commitSha}' is not a commit SHA; cannot read the repository at it.`
    )
  }
  let prUrl: string | undefined
  if (prNumber === undefined) {
    const open = (await gh.pullsForCommit(commitSha)).filter(p => p.state === 'open')
    const first = open[0]
    if (first) {
      prNumber = first.number
      prUrl = first.html_url
      headRepo = first.head_repo ?? headRepo
    }
  }
  return {
    runId,
    attempt,
    workflow,
    runUrl: `${job.serverUrl}/${repoName}/actions/runs/${runId}`,
    commitSha,
    branch,
    prNumber,
    prUrl: prUrl ?? (prNumber !== undefined ? `${job.serverUrl}/${repoName}/pull/${prNumber}` : undefined),
    fromFork: headOrigin(headRepo, repoName) === 'fork',
    origin: headOrigin(headRepo, repoName),
    thread: prNumber !== undefined ? { kind: 'pr', number: prNumber } : { kind: 'commit', sha: commitSha }
  }
}

export function threadKey(target: Target): { pr_number?: number; commit_sha?: string } {
  return target.prNumber !== undefined ? { pr_number: target.prNumber } : { commit_sha: target.commitSha }
}
