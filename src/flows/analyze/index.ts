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
import type { RunInfo } from '../../render/comment.js'
import { MAX_PROPOSALS_PER_HOUR } from '../../constants.js'
import type { ProposalRecord, Risk } from '../../types.js'
import type { Logger } from '../../log.js'
import { propose } from './propose.js'
import { resolveTarget, threadKey } from './target.js'
import { blockText, readFailures } from './failures.js'
import { markSuperseded } from './supersede.js'
import { recoverWorkspace, verifyStep } from './verify.js'
import { triageFailures } from './triage.js'
import { groupIdentical, sameFailure } from './dedupe.js'
import { triageMarker } from '../../thread/markers.js'
import { noticeText } from './notice.js'
import { publisher } from './publish.js'

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
  /** `triaged`: no code failure, a re-run is the answer (issue 11). */
  status: 'pending' | 'none' | 'triaged' | 'unavailable' | 'refused' | ProposalRecord['status']
  failureId?: string
  risk?: Risk['level']
  confidence?: number
  commentUrl?: string
  /** The `verify` command's verdict on the proposal shown (absent when `verify` is not set). */
  verified?: 'passed' | 'failed' | 'skipped'
  /** The proposal's root cause as stored (the `root-cause` output is made from it). */
  rootCause?: string
  /** The comment's text, for the job summary. */
  markdown?: string
  /** Files for the run artifact. */
  artifacts: Record<string, string>
  /** The `::notice` text pointing at the proposal or the triage verdict. */
  notice?: string
}

export async function analyze(deps: AnalyzeDeps): Promise<AnalyzeResult> {
  const jobs: string[] = []
  const result = await analyzeRun(deps, jobs)
  return { ...result, notice: jobs.length ? noticeText(result, jobs) : undefined }
}

/** The flow; `jobs` receives the names of the failed jobs read. */
async function analyzeRun(deps: AnalyzeDeps, jobs: string[]): Promise<AnalyzeResult> {
  const { gh, analyzer, inputs, job, log } = deps
  const now = deps.now ?? (() => new Date())
  const repoName = `${job.owner}/${job.repo}`
  const verifyDeps = { inputs, workspace: job.workspace, secrets: deps.secrets, log }
  recoverWorkspace(verifyDeps)

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
  const {
    failures: read,
    triage: tails,
    skipped
  } = await readFailures(deps, {
    ...target,
    defaultBranch: deps.event.defaultBranch,
    workflowId: deps.event.workflowId
  })
  log.endGroup()
  if (!read.length) {
    log.info(`No failed job in run ${target.runId} attempt ${target.attempt}: nothing to analyse.`)
    return { status: 'none', artifacts: {} }
  }
  jobs.push(...read.map(f => f.jobName))
  log.startGroup('FixFlow: triage')
  const triaged = await triageFailures(deps, target, read, tails)
  log.endGroup()
  // Identical failures (a matrix) are analysed once, and every job that shows one is listed.
  const failures = groupIdentical(triaged.code)

  const store = deps.proposals.forThread(target.thread)
  const failureId = `${target.runId}-${target.attempt}`
  const run: RunInfo = {
    runId: target.runId,
    attempt: target.attempt,
    workflow: target.workflow,
    runUrl: target.runUrl,
    jobs: read.map(f => ({ name: f.jobName, step: f.stepName, url: f.htmlUrl, logError: f.logError })),
    skippedJobs: skipped,
    failureLines: blockText(read),
    triaged: triaged.code.length ? triaged.others : undefined
  }
  const artifacts: Record<string, string> = { 'failure-block.txt': blockText(read) + '\n' }
  const publish = publisher(store, run, inputs, log)

  if (!failures.length) {
    // No code failure: what was seen and why no patch, with the rerun command; no model call.
    const { url, markdown } = await publish({
      kind: 'triage',
      verdicts: triaged.others,
      rerunId: target.thread.kind === 'pr' ? failureId : undefined,
      // Failed jobs past the cap were not looked at: they may be code failures (as the workflow_run triage counts them).
      data: triageMarker({
        runId: target.runId,
        attempt: target.attempt,
        kinds: [...triaged.kinds, ...Array.from({ length: skipped }, () => 'code' as const)]
      })
    })
    return { status: 'triaged', commentUrl: url || undefined, markdown, artifacts }
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
      verified: existing.verification?.verified,
      rootCause: existing.root_cause,
      commentUrl: url,
      markdown,
      artifacts: { ...artifacts, ...proposalArtifacts(existing) }
    }
  }

  const twin = sameFailure(recent, target)
  if (twin) {
    log.info(
      `run ${twin.run_id} of '${target.workflow}' on this commit was analysed already: ${twin.failure_id}`
    )
    const { url, markdown } = await publish({
      kind: 'same-failure',
      failureId: twin.failure_id,
      url: twin.comment_url,
      status: twin.status
    })
    return { status: 'none', failureId: twin.failure_id, commentUrl: url || undefined, markdown, artifacts }
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
  const proposeInput = {
    failures,
    snapshot,
    analyzer,
    protectedPaths: inputs.protectedPaths,
    maxPromptTokens: inputs.maxPromptTokens,
    secrets: deps.secrets,
    log,
    meta: { ...target, failureId, repoName, now: now(), skippedJobs: skipped }
  }
  // Verified (and repaired) before it is kept or shown: the comment says whether the user's check passed with it.
  const { result, output } = await verifyStep(await propose(proposeInput), proposeInput, verifyDeps)

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
  // Every job the analysed failures stand for, identical matrix jobs included (not part of the hash).
  record.failed_jobs = run.jobs.filter((_j, i) => triaged.kinds[i] === 'code')
  // Store first: an approve command must never be shown for a proposal that was not kept.
  try {
    await store.keep(record)
  } catch (e) {
    if (e instanceof StoreUnavailableError) return storeDown(e)
    throw e
  }
  const { url: commentUrl, markdown } = await publish({
    kind: 'proposal',
    record,
    embed: false,
    verifyOutput: output
  })
  await store.rememberCommentUrl(record, commentUrl, log)
  record.comment_url = commentUrl

  await markSuperseded(deps, store, target, recent, failureId, record)

  return {
    status: 'pending',
    failureId,
    risk: record.risk_score,
    confidence: record.confidence,
    verified: record.verification?.verified,
    rootCause: record.root_cause,
    commentUrl,
    markdown,
    artifacts: { ...artifacts, ...proposalArtifacts(record) }
  }
}

function proposalArtifacts(record: ProposalRecord): Record<string, string> {
  return { 'fix.patch': record.diff, 'proposal.json': JSON.stringify(record, null, 2) + '\n' }
}
