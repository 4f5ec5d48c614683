import type { GitHubApi } from '../../github/api.js'
import type { Logger } from '../../log.js'
import type { ProposalRecord } from '../../types.js'
import { code } from '../../render/markdown.js'
import { bestEffort, oneLine } from '../../errors.js'

/**
 * Gets CI going on the fix branch, and says how it went. Never throws: the fix PR is open whatever happens here.
 * A PR opened with the fix token starts CI by itself; with the default token, the failed workflow is dispatched.
 */
export async function startCi(
  gh: GitHubApi,
  log: Logger,
  hasFixToken: boolean,
  r: ProposalRecord,
  branch: string
): Promise<string> {
  if (hasFixToken) return 'CI starts on it by itself (opened with the fix token).'
  const noCi = 'pull requests opened with the default GITHUB_TOKEN trigger no workflows.'
  const enable =
    'Pass a GitHub App token or PAT as `fix-token`, or add `workflow_dispatch:` to the failed workflow, or close and reopen the PR.'
  try {
    // Without the run, there is no workflow to dispatch: the note says how to start CI by hand.
    const run = await bestEffort(
      'read the failed run',
      () => gh.getRun(r.run_id),
      m => log.debug(m)
    )
    if (run?.workflow_id !== undefined && (await gh.dispatchWorkflow(run.workflow_id, branch)))
      return `CI was started on ${code(branch)} with workflow_dispatch.`
  } catch (e) {
    const why = oneLine(e, 200)
    log.warning(`could not dispatch the failed workflow on ${branch}: ${why}`)
    return `CI was not dispatched: the workflow_dispatch request failed (${code(why)}), and ${noCi} Run the failed workflow on ${code(branch)} by hand, or: ${enable}`
  }
  return `CI will not start by itself: ${noCi} ${enable}`
}
