// The analyze flow's verification step (issue 10): before a proposal is stored or shown, the user's `verify` command
// runs with its patch applied. When the check fails and attempts remain, the model gets its previous patch and the
// check's (redacted) output and proposes again; that proposal is validated, risk-scored and verified the same way.
// The engine (src/verify/) runs the command and keeps it away from credentials; this file decides the rounds.
import { proposalHash } from '../../patch/hash.js'
import { recoverInterrupted, verifyProposal, type VerifyResult } from '../../verify/index.js'
import { errorMessage } from '../../errors.js'
import { redact } from '../../logs/redact.js'
import type { Inputs } from '../../inputs.js'
import type { Logger } from '../../log.js'
import type { FileChange, ProposalRecord, VerificationRecord } from '../../types.js'
import { propose, type ProposeInput, type ProposeResult } from './propose.js'

export type Proposed = Extract<ProposeResult, { kind: 'proposal' }>

/** Runs the check on one patch: the job's workspace in the action, a temporary copy in the CLI. */
export type Check = (changes: FileChange[]) => Promise<VerifyResult>

export interface Verified {
  /** The last valid proposal; its record carries the verdict, attempts and token use, and is hashed with them. */
  proposed: Proposed
  /** The engine's result for that proposal; its output tail is shown once and never stored. */
  result: VerifyResult
}

/** What the step needs from the flow. */
export interface VerifyStepDeps {
  inputs: Pick<Inputs, 'verify' | 'verifyTimeoutSeconds' | 'maxAttempts'>
  /** The job's workspace (GITHUB_WORKSPACE): a checkout of the failing commit prepared by the user's steps. */
  workspace?: string
  secrets: string[]
  log: Logger
}

/**
 * The flow's step: with `verify` set, a proposal comes back verified (repaired while attempts remain), with the
 * output tail to show; anything else comes back as it was.
 */
export async function verifyStep(
  result: ProposeResult,
  input: ProposeInput,
  deps: VerifyStepDeps
): Promise<{ result: ProposeResult; output?: string }> {
  if (result.kind !== 'proposal' || !deps.inputs.verify) return { result }
  const { proposed, result: run } = await verifyWithRepair(
    result,
    input,
    workspaceCheck(deps, input.meta.commitSha),
    deps.inputs.maxAttempts
  )
  return { result: proposed, output: run.outputTail }
}

/** Puts back what a verification killed mid-run left patched in the workspace (a SIGKILL leaves a journal). */
export function recoverWorkspace(deps: VerifyStepDeps): void {
  if (!deps.inputs.verify || !deps.workspace) return
  try {
    const restored = recoverInterrupted(deps.workspace)
    if (restored.length)
      deps.log.warning(`verify: restored ${restored.join(', ')} left by an interrupted run`)
  } catch (e) {
    // verifyProposal tries again before it writes anything, and skips when it cannot.
    deps.log.warning(`verify: could not restore an interrupted run's files: ${errorMessage(e)}`)
  }
}

/** The action's check: the job's workspace, which must be a checkout of the proposal's commit. */
function workspaceCheck(deps: VerifyStepDeps, commitSha: string): Check {
  const { inputs, workspace, secrets, log } = deps
  return changes =>
    workspace
      ? verifyProposal({
          workspace,
          commitSha,
          changes,
          command: inputs.verify,
          timeoutMs: inputs.verifyTimeoutSeconds * 1000,
          secrets,
          log
        })
      : Promise.resolve(
          notRun(inputs.verify, 'GITHUB_WORKSPACE is not set: there is no workspace to verify in')
        )
}

/**
 * Verifies `first`; while the check fails and attempts remain, asks for a repaired proposal and verifies that. The
 * rules analyzer would answer the same again, so its proposals get one check and no repair round.
 */
export async function verifyWithRepair(
  first: Proposed,
  input: ProposeInput,
  check: Check,
  maxAttempts: number
): Promise<Verified> {
  const { log } = input
  let proposed = first
  let attempts = 1
  let tokensIn = first.record.input_tokens
  let tokensOut = first.record.output_tokens
  let result = await checked(check, proposed, attempts, maxAttempts, log)
  while (result.verdict === 'failed' && attempts < maxAttempts && input.analyzer.provider !== 'rules') {
    attempts++
    log.info(
      `verify: the check failed; asking for a repaired proposal (attempt ${attempts} of ${maxAttempts})`
    )
    const next = await propose({
      ...input,
      previous: { diff: proposed.record.diff, verification: failureReport(result, input.secrets) }
    })
    if (next.kind === 'refused' || next.kind === 'no-fix') {
      tokensIn += next.tokens?.input ?? 0
      tokensOut += next.tokens?.output ?? 0
    }
    if (next.kind !== 'proposal') {
      const why = next.kind === 'refused' ? next.reasons.join('; ') : next.reason
      log.warning(
        `verify: the repair round gave no usable proposal (${next.kind}: ${why}); keeping the last one`
      )
      break
    }
    tokensIn += next.record.input_tokens
    tokensOut += next.record.output_tokens
    proposed = next
    result = await checked(check, proposed, attempts, maxAttempts, log)
  }
  const record: ProposalRecord = {
    ...proposed.record,
    input_tokens: tokensIn,
    output_tokens: tokensOut,
    verification: verificationRecord(result, attempts, input.secrets)
  }
  record.proposal_hash = proposalHash(record)
  return { proposed: { ...proposed, record }, result }
}

async function checked(
  check: Check,
  proposed: Proposed,
  attempt: number,
  maxAttempts: number,
  log: Logger
): Promise<VerifyResult> {
  log.startGroup(
    `FixFlow: verification of ${proposed.record.failure_id} (attempt ${attempt} of ${maxAttempts})`
  )
  try {
    const r = await check(proposed.changes)
    log.info(`verify: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}, ${Math.round(r.durationMs)} ms`)
    return r
  } finally {
    log.endGroup()
  }
}

/** What the model reads about the failed check in a repair round: the verdict and the redacted output tail. */
export function failureReport(r: VerifyResult, secrets: string[]): string {
  const how = r.exitCode !== undefined ? `exit code ${r.exitCode}` : (r.reason ?? 'failed')
  return [
    `Command: ${redact(r.command, secrets).text}`,
    `Result: ${how} after ${(r.durationMs / 1000).toFixed(1)} s`,
    'Output (last lines):',
    r.outputTail || '(no output)'
  ].join('\n')
}

function verificationRecord(r: VerifyResult, attempts: number, secrets: string[]): VerificationRecord {
  return {
    verified: r.verdict,
    // Shown in the thread: a secret the workflow put in its command (`${{ secrets.X }}`) must not be.
    command: redact(r.command, secrets).text,
    exit_code: r.exitCode,
    duration_ms: Math.round(r.durationMs),
    reason: r.reason,
    attempts,
    // Kept so that every rendering of the comment (approve compares the thread with one) shows the same output.
    ...(r.outputTail ? { output_tail: lastChars(redact(r.outputTail, secrets).text, MAX_STORED_OUTPUT) } : {})
  }
}

/** The output tail kept on the record: the end of what the check printed, enough to see why it failed. */
const MAX_STORED_OUTPUT = 4000

function lastChars(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(text.length - max)
  const nl = cut.indexOf('\n')
  return nl >= 0 ? cut.slice(nl + 1) : cut
}

function notRun(command: string, reason: string): VerifyResult {
  return { verdict: 'skipped', reason, durationMs: 0, outputTail: '', outputBytes: 0, command }
}
