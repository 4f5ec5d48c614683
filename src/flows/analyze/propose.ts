import type { Analyzer } from '../../analysis/analyzer.js'
import { carriesMarker } from '../../thread/markers.js'
import { AnalysisUnavailableError } from '../../analysis/analyzer.js'
import { gatherFiles, type RepoSnapshot } from '../../analysis/context.js'
import { validateProposal } from '../../analysis/validate.js'
import { redact } from '../../logs/redact.js'
import { unifiedDiff } from '../../patch/diff.js'
import { assessRisk } from '../../patch/risk.js'
import { proposalHash } from '../../patch/hash.js'
import type { PreviousAttempt } from '../../analysis/prompt.js'
import type { FileChange, JobFailure, ProposalRecord } from '../../types.js'
import type { Logger } from '../../log.js'

/** The opening of any of FixFlow's hidden markers (proposal record, run, triage, reply, dashboard). */

/** Everything about the failure that is not the patch: where it happened. */
export interface ProposalMeta {
  failureId: string
  repoName: string
  branch: string
  commitSha: string
  runId: number
  attempt: number
  workflow: string
  runUrl?: string
  prNumber?: number
  prUrl?: string
  fromFork: boolean
  now: Date
  /** Failed jobs of the run left out (over the job cap); kept in the record for the comment header. */
  skippedJobs?: number
}

export type ProposeResult =
  | { kind: 'proposal'; record: ProposalRecord; changes: FileChange[] }
  | {
      kind: 'refused'
      rootCause: string
      confidence: number
      reasons: string[]
      raw: unknown
      tokens?: Tokens
    }
  | { kind: 'no-fix'; reason: string; rootCause?: string; tokens?: Tokens }
  | { kind: 'unavailable'; reason: string }

/** What a reply without a usable patch cost, so repair rounds count every call (issue 10). */
export interface Tokens {
  input: number
  output: number
}

export interface ProposeInput {
  failures: JobFailure[]
  snapshot: RepoSnapshot
  analyzer: Analyzer
  protectedPaths: string[]
  maxPromptTokens: number
  secrets: string[]
  meta: ProposalMeta
  log: Logger
  /** A repair round (issue 10): the previous patch and the output of the check it failed. */
  previous?: PreviousAttempt
}

function commitMessage(proposed: string | undefined, rootCause: string): string {
  const clean = (s: string): string =>
    s
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  const subject = clean(proposed ?? '') || `fix: ${clean(rootCause)}`
  return subject.length > 72 ? subject.slice(0, 71) + '…' : subject
}

/** Failure lines -> analysis -> validated patch -> diff and risk -> the record to store. Shared by the action and the CLI. */
export async function propose(input: ProposeInput): Promise<ProposeResult> {
  const { snapshot, analyzer, meta, log, failures } = input
  log.startGroup(`FixFlow: analysis (${analyzer.provider})`)
  const files = await gatherFiles(snapshot, failures)
  log.info(`context: ${files.map(f => f.path).join(', ') || 'no repository files'}`)
  let result
  try {
    result = await analyzer.analyze({
      repoName: meta.repoName,
      failures,
      files,
      snapshot,
      maxPromptTokens: input.maxPromptTokens,
      previous: input.previous
    })
  } catch (e) {
    if (!(e instanceof AnalysisUnavailableError)) throw e
    log.warning(`analysis unavailable: ${e.message}`)
    return { kind: 'unavailable', reason: e.message }
  } finally {
    log.endGroup()
  }
  if (result.kind === 'none') return { kind: 'no-fix', reason: result.reason }

  const proposal = result.proposal
  const tokens: Tokens = { input: result.inputTokens, output: result.outputTokens }
  // The model may echo a secret it saw in a file: the prose is redacted like the log was.
  const clean = (text: string): string => redact(text, input.secrets).text
  const rootCause = clean(proposal.root_cause)
  const commitSubject = proposal.commit_message === undefined ? undefined : clean(proposal.commit_message)
  // What a refusal keeps of the reply for the run artifact: everything redacted, never the raw text.
  const refusedRaw = {
    ...proposal,
    root_cause: rootCause,
    commit_message: commitSubject,
    files_to_modify: proposal.files_to_modify.map(e => ({
      ...e,
      original: clean(e.original),
      replacement: clean(e.replacement)
    }))
  }
  const checked = await validateProposal(proposal, snapshot, { protectedPaths: input.protectedPaths })
  if (!checked.ok) {
    log.warning(`proposal refused: ${checked.reasons.join('; ')}`)
    return {
      kind: 'refused',
      rootCause,
      confidence: proposal.confidence,
      reasons: checked.reasons,
      raw: refusedRaw,
      tokens
    }
  }
  // A patch must not carry a secret into the repository (a model can echo one it saw in a file).
  const secretEdits = proposal.files_to_modify.filter(
    e => redact(e.replacement, input.secrets).count > redact(e.original, input.secrets).count
  )
  if (secretEdits.length) {
    const reasons = secretEdits.map(e => `the replacement for ${e.file_path} contains a secret-looking value`)
    return {
      kind: 'refused',
      rootCause,
      confidence: proposal.confidence,
      reasons,
      raw: { ...refusedRaw, files_to_modify: [] },
      tokens
    }
  }
  // FixFlow's comment keeps the proposal in a hidden `<!-- fixflow:… -->` marker and shows the diff and the files
  // the model saw as code: a patch, a context line or a repository path carrying that text could plant a second
  // record the thread store reads instead of the real one (SECURITY.md threat 10). No real fix needs it.
  const shownText = [
    unifiedDiff(checked.changes),
    ...(result.contextFiles ?? []).flatMap(f => [f.path, f.reason])
  ]
  if (shownText.some(t => carriesMarker(t))) {
    return {
      kind: 'refused',
      rootCause,
      confidence: proposal.confidence,
      reasons: [
        "the patch or a file path it shows contains FixFlow's own hidden-marker text (`<!-- fixflow:`)"
      ],
      raw: { ...refusedRaw, files_to_modify: [] },
      tokens
    }
  }
  if (!checked.changes.length) {
    return {
      kind: 'no-fix',
      rootCause,
      reason: 'The analysis found the cause but proposed no file change.',
      tokens
    }
  }
  const risk = assessRisk(checked.changes, { protectedPaths: input.protectedPaths, tree: snapshot.tree })
  const stamp = meta.now.toISOString()
  const record: ProposalRecord = {
    failure_id: meta.failureId,
    repo_name: meta.repoName,
    branch: meta.branch,
    commit_sha: meta.commitSha,
    run_id: meta.runId,
    run_attempt: meta.attempt,
    workflow_name: meta.workflow,
    pr_number: meta.prNumber,
    root_cause: rootCause,
    proposed_patch: proposal.files_to_modify,
    diff: unifiedDiff(checked.changes),
    risk_score: risk.level,
    risk_reasons: risk.reasons,
    confidence: proposal.confidence,
    status: 'pending',
    commit_message: commitMessage(commitSubject, rootCause),
    file_shas: Object.fromEntries(checked.changes.map(c => [c.path, c.beforeSha ?? ''])),
    proposal_hash: '',
    from_fork: meta.fromFork,
    provider: analyzer.provider,
    model_id: analyzer.modelId,
    input_tokens: result.inputTokens,
    output_tokens: result.outputTokens,
    timestamp: stamp,
    updated_at: stamp,
    failed_jobs: failures.map(f => ({
      name: f.jobName,
      step: f.stepName,
      url: f.htmlUrl,
      logError: f.logError
    })),
    skipped_jobs: meta.skippedJobs || undefined,
    run_url: meta.runUrl,
    protected_hits: checked.protectedHits.length ? checked.protectedHits : undefined,
    context_files: result.contextFiles?.length ? result.contextFiles : undefined
  }
  record.proposal_hash = proposalHash(record)
  log.info(
    `proposal ${record.failure_id}: risk ${risk.level}, confidence ${proposal.confidence}, hash ${record.proposal_hash.slice(0, 12)}`
  )
  return { kind: 'proposal', record, changes: checked.changes }
}
