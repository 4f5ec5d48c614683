// The analyze flow: a failed run -> its failed jobs' logs -> a proposal (or why none) -> one comment in its thread.
import type { ProposalSource } from '../../thread/proposals.js'
import { StoreUnavailableError } from '../../store/store.js'
import type { JobContext } from '../../event/context.js'
import type { FailureEvent } from '../../event/event.js'
import { isOwnFixBranch } from '../../event/fix-branch.js'
import type { GitHubApi } from '../../github/api.js'
import type { Inputs } from '../../inputs.js'
import type { Analyzer } from '../../analysis/analyzer.js'
import { RepoSnapshot } from '../../analysis/context.js'
import type { Outcome, RunInfo } from '../../render/comment.js'
import { MAX_PROPOSALS_PER_HOUR } from '../../constants.js'
import type { ProposalRecord, Risk } from '../../types.js'
import type { Logger } from '../../log.js'
import { propose } from './propose.js'
import { resolveTarget, threadKey } from './target.js'
import { blockText, readFailures } from './failures.js'
import { markSuperseded } from './supersede.js'

export interface AnalyzeDeps {
  gh: GitHubApi
  /** The proposals of the thread the failure is discussed in. */
  proposals: ProposalSource
  analyzer: Analyzer
  inputs: Inputs
  job: JobContext
  event: FailureEvent
  /** Exact values to redact wherever they appear: the job's tokens and AWS credentials. */
  secrets: string[]
  log: Logger
  now?: () => Date
}

export interface AnalyzeResult {
  status: 'pending' | 'none' | 'unavailable' | 'refused' | ProposalRecord['status']
  failureId?: string
  risk?: Risk['level']
  confidence?: number
  commentUrl?: string
  /** The comment's text, for the job summary. */
  markdown?: string
  /** Files for the run artifact. */
  artifacts: Record<string, string>
}

export async function analyze(deps: AnalyzeDeps): Promise<AnalyzeResult> {
  const { gh, analyzer, inputs, job, log } = deps
  const now = deps.now ?? (() => new Date())
  const repoName = `${job.owner}/${job.repo}`

  // A fork's code in a privileged run: nothing of it is read, sent or written (issue 7, threat 12).
  if (deps.event.untrusted) {
    log.warning(`not analysed: ${deps.event.untrusted}`)
    return { status: 'none', artifacts: {} }
  }
  log.startGroup('FixFlow: which run failed')
  const target = await resolveTarget(gh, job, deps.event)
  log.info(
    `run ${target.runId} attempt ${target.attempt}, commit ${target.commitSha.slice(0, 7)} on '${target.branch}', ` +
      (target.prNumber !== undefined ? `PR #${target.prNumber}` : 'no PR (commit comment)')
  )
  log.endGroup()

  // A fork's branch may carry the prefix too; only this repository's fix branches are FixFlow's.
  if (isOwnFixBranch(target.branch, target.origin, 'ours')) {
    // A failure on FixFlow's own fix branch is tracked (the fix failed), never answered with another fix.
    log.info(`'${target.branch}' is a FixFlow fix branch: no new proposal on top of a proposal.`)
    return { status: 'none', artifacts: {} }
  }

  log.startGroup('FixFlow: failed jobs and their logs')
  const { failures, skipped } = await readFailures(deps, target)
  log.endGroup()
  if (!failures.length) {
    log.info(`No failed job in run ${target.runId} attempt ${target.attempt}: nothing to analyse.`)
    return { status: 'none', artifacts: {} }
  }

  const store = deps.proposals.forThread(target.thread)
  const failureId = `${target.runId}-${target.attempt}`
  const run: RunInfo = {
    runId: target.runId,
    attempt: target.attempt,
    workflow: target.workflow,
    runUrl: target.runUrl,
    jobs: failures.map(f => ({ name: f.jobName, step: f.stepName, url: f.htmlUrl, logError: f.logError })),
    skippedJobs: skipped
  }
  const artifacts: Record<string, string> = { 'failure-block.txt': blockText(failures) + '\n' }
  const publish = async (outcome: Outcome): Promise<{ url: string; markdown: string }> => {
    const shown = await store.show(run, outcome)
    log.info(`comment: ${shown.url}`)
    return shown
  }

  // The store cannot be reached (after its retries): no approve command may be offered for a proposal that is not
  // kept, so the thread says analysis is unavailable and why, and the job stays green.
  const storeDown = async (e: StoreUnavailableError): Promise<AnalyzeResult> => {
    log.warning(`proposal store unavailable: ${e.message}`)
    const { url, markdown } = await publish({
      kind: 'unavailable',
      reason: `the proposal store is unavailable, so no fix can be offered for approval: ${e.message}`
    })
    return { status: 'unavailable', commentUrl: url, markdown, artifacts }
  }

  // A re-run of this job for an attempt already answered: show what is stored, never a second proposal. A pending
  // one too: asking again could store a different patch under an id the thread already shows.
  let existing: ProposalRecord | undefined
  let recent: ProposalRecord[]
  try {
    existing = await store.get(failureId)
    recent = await store.list(repoName, threadKey(target))
  } catch (e) {
    if (e instanceof StoreUnavailableError) return storeDown(e)
    throw e
  }
  if (existing) {
    log.info(`proposal ${failureId} is already ${existing.status}; showing it again`)
    const { url, markdown } = await publish({ kind: 'proposal', record: existing, embed: false })
    if (!existing.comment_url) await store.rememberCommentUrl(existing, url, log)
    await markSuperseded(deps, store, target, recent, failureId)
    return {
      status: existing.status,
      failureId,
      risk: existing.risk_score,
      confidence: existing.confidence,
      commentUrl: url,
      markdown,
      artifacts: { ...artifacts, ...proposalArtifacts(existing) }
    }
  }

  const hourAgo = now().getTime() - 3600_000
  const lastHour = recent.filter(r => r.failure_id !== failureId && Date.parse(r.timestamp) > hourAgo)
  if (lastHour.length >= MAX_PROPOSALS_PER_HOUR) {
    log.warning(
      `${lastHour.length} proposals in this thread in the last hour (cap ${MAX_PROPOSALS_PER_HOUR}): not analysing again.`
    )
    return { status: 'none', artifacts }
  }

  const tree = await gh.listTree(target.commitSha)
  const snapshot = new RepoSnapshot(
    tree,
    path => gh.getFile(path, target.commitSha),
    paths => gh.getFiles(paths, target.commitSha)
  )
  const result = await propose({
    failures,
    snapshot,
    analyzer,
    protectedPaths: inputs.protectedPaths,
    maxPromptTokens: inputs.maxPromptTokens,
    secrets: deps.secrets,
    log,
    meta: { ...target, failureId, repoName, now: now(), skippedJobs: skipped }
  })

  if (result.kind !== 'proposal') {
    const { url, markdown } = await publish(result)
    await markSuperseded(deps, store, target, recent, failureId)
    if (result.kind === 'refused') {
      artifacts['proposal.json'] =
        JSON.stringify({ refused: result.reasons, proposal: result.raw }, null, 2) + '\n'
    }
    return { status: result.kind === 'no-fix' ? 'none' : result.kind, commentUrl: url, markdown, artifacts }
  }

  const record = result.record
  // Store first: an approve command must never be shown for a proposal that was not kept.
  try {
    await store.keep(record)
  } catch (e) {
    if (e instanceof StoreUnavailableError) return storeDown(e)
    throw e
  }
  const { url: commentUrl, markdown } = await publish({ kind: 'proposal', record, embed: false })
  await store.rememberCommentUrl(record, commentUrl, log)
  record.comment_url = commentUrl

  await markSuperseded(deps, store, target, recent, failureId, record)

  return {
    status: 'pending',
    failureId,
    risk: record.risk_score,
    confidence: record.confidence,
    commentUrl,
    markdown,
    artifacts: { ...artifacts, ...proposalArtifacts(record) }
  }
}

function proposalArtifacts(record: ProposalRecord): Record<string, string> {
  return { 'fix.patch': record.diff, 'proposal.json': JSON.stringify(record, null, 2) + '\n' }
}
