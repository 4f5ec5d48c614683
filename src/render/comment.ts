import type { ProposalRecord, Risk, Status } from '../types.js'
import {
  code,
  escapeInline,
  escapeProse,
  fence,
  fixflowText,
  type FixFlowText,
  md,
  prose,
  type Markdown
} from './markdown.js'

import { embedRecord, runMarker } from '../thread/markers.js'

// The markers are written and parsed in src/thread/markers.ts; re-exported for the renderer's callers.
export { embedRecord, readEmbeddedRecord, runMarker, visiblePart } from '../thread/markers.js'

export interface JobLine {
  name: string
  step?: string
  url?: string
  logError?: string
}

export interface RunInfo {
  runId: number
  attempt: number
  workflow: string
  runUrl?: string
  jobs: JobLine[]
  /** Failed jobs beyond the analysis cap. */
  skippedJobs: number
  /** The extracted failure lines (redacted), shown collapsed so every comment says why the run failed. */
  failureLines?: string
  /** Failed jobs left out of the analysis by triage (a re-run is their answer), shown under the jobs line. */
  triaged?: JobVerdict[]
}

/** A failed job triaged as one a re-run is the answer to (issue 11); `evidence` is redacted already. */
export interface JobVerdict {
  name: string
  kind: 'transient' | 'infrastructure' | 'flaky'
  reason: string
  evidence: string
  line?: number
}

/**
 * What to show. Root causes are untrusted (model prose) unless marked FixFlowText; a no-fix `reason` is always
 * FixFlow's own words (the rules analyzer's diagnosis or a fixed sentence) and keeps its inline code.
 */
export type Outcome =
  | {
      kind: 'proposal'
      record: ProposalRecord
      embed: boolean
      /** The `verify` command's redacted output tail, shown collapsed when the proposal is first posted. */
      verifyOutput?: string
    }
  | { kind: 'refused'; rootCause: string | FixFlowText; confidence?: number; reasons: string[] }
  | { kind: 'no-fix'; reason: string; rootCause?: string | FixFlowText }
  /** `retry`: what to do once the cause is fixed (FixFlow's words); re-running the failed jobs by default. */
  | { kind: 'unavailable'; reason: string; retry?: string }
  /**
   * No code failure: every analysed job failed for a reason a re-run answers. `rerunId` is the run's id for the
   * rerun command (omitted on a commit thread, where comments start no workflow); `data` the hidden triage marker.
   */
  | { kind: 'triage'; verdicts: JobVerdict[]; rerunId?: string; data: string }
  /** The same failure was analysed for another run of this workflow on the same commit (push and pull_request). */
  | { kind: 'same-failure'; failureId: string; url?: string; status: Status }

const BADGE: Record<Risk['level'], string> = { low: '🟢 low', medium: '🟡 medium', high: '🔴 high' }

/** GitHub refuses comments over 65,536 characters; leave room for the marker and the embed. */
export const MAX_COMMENT = 65_000
const MAX_DIFF_SHOWN = 30_000

function jobsLine(run: RunInfo): string {
  const jobs = run.jobs.map(j => {
    const name = j.url ? `[${escapeInline(j.name)}](${j.url})` : escapeInline(j.name)
    const step = j.step ? ` (step ${code(j.step)})` : ''
    const err = j.logError ? ` — log unavailable: ${escapeInline(j.logError)}` : ''
    return name + step + err
  })
  const more = run.skippedJobs ? `, and ${run.skippedJobs} more failed job(s) not analysed` : ''
  const triaged = (run.triaged ?? []).map(
    v =>
      `- Not analysed: ${escapeInline(v.name)} is ${v.kind} (${escapeInline(v.reason)}${v.evidence ? `: ${code(v.evidence.slice(0, 200))}` : ''}); re-run it.`
  )
  return [`**Failed:** ${jobs.join(', ') || 'no job'}${more}`, ...triaged].join('\n')
}

/** Failure lines shown at most; the whole block is in the run artifact. */
const MAX_LINES_SHOWN = 8000

/** The extracted failure lines, collapsed: a team without a model still sees why the run failed. */
function failureLinesBlock(run: RunInfo): string[] {
  const text = (run.failureLines ?? '').trim()
  if (!text) return []
  // eslint-disable-next-line no-control-regex -- log text: control characters have no place in a comment
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  const shown =
    clean.length > MAX_LINES_SHOWN
      ? clean.slice(0, MAX_LINES_SHOWN) + '\n… (cut here; the whole block is in the run artifact)'
      : clean
  return ['', '<details><summary>Failure lines</summary>', '', fence(shown, 'text'), '', '</details>']
}

const WHY_NO_PATCH: Record<JobVerdict['kind'], string> = {
  transient: 'a network or registry error, not something in the code; a re-run usually passes',
  infrastructure: 'the runner failed (disk, memory, a lost or timed-out runner), not the code',
  flaky: 'the same job passed on the same code, so the code alone does not explain the failure'
}

function verdictLines(v: JobVerdict): string[] {
  const where = v.line !== undefined ? ` (log line ${v.line})` : ''
  return [
    `**${escapeInline(v.name)}: ${v.kind}** — ${escapeInline(v.reason)}: ${WHY_NO_PATCH[v.kind]}.`,
    ...(v.evidence ? ['', `Evidence${where}:`, '', fence(v.evidence.slice(0, 500), 'text')] : []),
    ''
  ]
}

/** Only GitHub web URLs become links. */
function safeUrl(url: string | undefined): string | undefined {
  return url && /^https:\/\/[^\s()<>]+$/.test(url) ? url : undefined
}

function header(run: RunInfo, title: string): string[] {
  const runRef = run.runUrl ? `[run ${run.runId}](${run.runUrl})` : `run ${run.runId}`
  const attempt = run.attempt > 1 ? `, attempt ${run.attempt}` : ''
  return [
    runMarker(run.runId),
    `### 🔧 FixFlow — ${title}`,
    `${escapeInline(run.workflow)} · ${runRef}${attempt}`,
    ''
  ]
}

function diffBlock(diff: string, files: number, maxShown = MAX_DIFF_SHOWN): string[] {
  const lines = diff.split('\n').length
  const shown =
    diff.length > maxShown
      ? diff.slice(0, maxShown) + '\n… (diff cut here; the whole patch is in the run artifact)\n'
      : diff
  // Long diffs start collapsed so the root cause stays on the first screen.
  const open = lines <= 40 ? ' open' : ''
  return [
    `<details${open}><summary>Patch: ${files} file(s), ${lines} diff lines</summary>`,
    '',
    fence(shown, 'diff'),
    '',
    '</details>'
  ]
}

/** Only GitHub web URLs become links: the URL comes from an event payload, not from model or user text. */
function outcomeLink(r: ProposalRecord): string {
  return r.outcome_url && /^https:\/\/[^\s()<>]+$/.test(r.outcome_url) ? ` [Details](${r.outcome_url})` : ''
}

function statusLines(r: ProposalRecord, whole = true): string[] {
  const id = code(r.failure_id)
  switch (r.status) {
    case 'pending': {
      if (!whole) {
        return [
          `⚠️ This patch is too large to show whole in a comment, so it cannot be approved from here: nobody approves what they were not shown. The whole patch is in this run's artifact ${code(`fixflow-${r.failure_id}`)}; review it and apply it by hand.`
        ]
      }
      const approve = r.protected_hits?.length
        ? [
            `⚠️ This patch touches protected paths (${r.protected_hits.map(code).join(', ')}): only an admin or maintainer can apply it, by naming the id explicitly:`,
            '',
            fence(`/fixflow approve ${r.failure_id}`)
          ]
        : [
            '**To apply it**, a maintainer with write access comments:',
            '',
            fence(`/fixflow approve ${r.failure_id}`)
          ]
      if (r.pr_number === undefined) {
        // Commit comments start no workflow: on a commit thread the command runs as a workflow_dispatch.
        const who = r.protected_hits?.length
          ? `⚠️ This patch touches protected paths (${r.protected_hits.map(code).join(', ')}): only an admin or maintainer can apply it, by running the FixFlow workflow (Actions → FixFlow → Run workflow) with this id explicitly, or:`
          : '**To apply it**, a maintainer with write access runs the FixFlow workflow (Actions → FixFlow → Run workflow) with this id, or:'
        return [
          who,
          '',
          fence(`gh workflow run fixflow.yml -f command=approve -f failure-id=${r.failure_id}`),
          '',
          `To dismiss it: ${code(`gh workflow run fixflow.yml -f command=reject -f failure-id=${r.failure_id}`)}`
        ]
      }
      return [...approve, '', `To dismiss it: ${code(`/fixflow reject ${r.failure_id} <reason>`)}`]
    }
    case 'approved':
      return [
        `✅ Approved${r.approved_by ? ` by ${code(r.approved_by)}` : ''}${r.pr_url ? ` — fix PR: ${r.pr_url}` : ''}. Waiting for its CI.`
      ]
    case 'resolved':
      return [`🎉 Resolved: CI passed on the fix${r.pr_url ? ` (${r.pr_url})` : ''}.${outcomeLink(r)}`]
    case 'failed':
      return [
        `❌ CI failed on the fix${r.pr_url ? ` (${r.pr_url})` : ''}.${r.outcome_note ? ' ' + escapeInline(r.outcome_note) : ''}${outcomeLink(r)}`
      ]
    case 'merged':
      return [`🚀 Merged${r.pr_url ? `: ${r.pr_url}` : ''}.`]
    case 'rejected':
      return [
        `🚫 Rejected${r.approved_by ? ` by ${code(r.approved_by)}` : ''}.${r.outcome_note ? ' ' + escapeInline(r.outcome_note) : ''}`
      ]
    case 'stale':
      return [`⌛ Outdated: a newer commit failed and got its own proposal. ${id} can no longer be approved.`]
  }
}

/** The rules analyzer's root cause is FixFlow's own text; a model's is untrusted prose. */
function rootCauseOf(r: ProposalRecord): Markdown {
  return r.provider === 'rules' ? fixflowText(r.root_cause) : escapeProse(r.root_cause)
}

function proposalBody(r: ProposalRecord, maxDiff?: number, verifyOutput?: string): string[] {
  return [
    md`**Root cause:** ${rootCauseOf(r)}`,
    '',
    `**Risk:** ${BADGE[r.risk_score]} · **Confidence:** ${Math.round(r.confidence * 100)}%`,
    ...r.risk_reasons.map(reason => md`- ${escapeInline(reason)}`),
    '',
    ...verifiedLines(r, verifyOutput),
    ...diffBlock(r.diff, Object.keys(r.file_shas).length, maxDiff),
    '',
    ...contextBlock(r)
  ]
}

/** Which repository files the model saw and why (collapsed): a reviewer can tell a guess from an informed fix. */
function contextBlock(r: ProposalRecord): string[] {
  const files = r.context_files ?? []
  if (!files.length) return []
  return [
    `<details><summary>Files the model saw: ${files.length}</summary>`,
    '',
    ...files.map(f => `- ${code(f.path)} — ${escapeInline(f.reason)}`),
    '',
    '</details>',
    ''
  ]
}

const MAX_COMMAND_SHOWN = 200

/** The `verify` verdict (issue 10): passed, failed with how and the output, or not run and why. */
export function verifiedLines(r: ProposalRecord, output?: string): string[] {
  const v = r.verification
  if (!v) return []
  const shown = v.command.length > MAX_COMMAND_SHOWN ? v.command.slice(0, MAX_COMMAND_SHOWN) + '…' : v.command
  const seconds = `${(v.duration_ms / 1000).toFixed(1)} s`
  const tries = v.attempts > 1 ? `, after ${v.attempts} proposals` : ''
  let line: string
  if (v.verified === 'passed') {
    line = `**Verified:** ✅ ${code(shown)} passed with this patch (${seconds}${tries})`
  } else if (v.verified === 'failed') {
    const how = v.exit_code !== undefined ? `exit code ${v.exit_code}` : escapeInline(v.reason ?? 'failed')
    line =
      `**Verified:** ❌ ${code(shown)} failed with this patch: ${how} after ${seconds}${tries}. ` +
      '⚠️ **Unverified patch:** review it closely before approving.'
  } else {
    line = `**Verified:** ⚪ not verified: ${escapeInline(v.reason ?? 'the check was not run')}. ⚠️ **Unverified patch.**`
  }
  if (!output) return [line, '']
  // The output comes from code the model wrote: a fenced block keeps it inert (no HTML, links or mentions).
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const text = output.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  const lines = text.split('\n').length
  return [
    line,
    '',
    `<details><summary>Output of the check (last ${lines} lines)</summary>`,
    '',
    fence(text, 'text'),
    '',
    '</details>',
    ''
  ]
}

function footer(r: ProposalRecord): string {
  const via = r.provider === 'rules' ? 'built-in rules' : code(r.model_id)
  return `<sub>id ${code(r.failure_id)} · hash ${code(r.proposal_hash.slice(0, 12))} · commit ${code(r.commit_sha.slice(0, 7))} · ${via}</sub>`
}

const FINAL: Status[] = ['stale', 'rejected']

/** The embedded record must survive whole: the shown diff gives way to it. */
function maxDiffShown(embedded: string): number {
  return Math.max(1000, Math.min(MAX_DIFF_SHOWN, MAX_COMMENT - embedded.length - 8000))
}

/**
 * Whether the comment shows the proposal's whole diff. A cut diff is never approvable from the comment: a reviewer
 * cannot approve what they were not shown.
 */
export function diffShownWhole(r: ProposalRecord, embed: boolean): boolean {
  return r.diff.length <= maxDiffShown(embed ? embedRecord(r) : '')
}

/** The one comment FixFlow keeps per failed run. */
export function renderComment(run: RunInfo, outcome: Outcome): string {
  let lines: string[]
  switch (outcome.kind) {
    case 'proposal': {
      const r = outcome.record
      const embedded = outcome.embed ? embedRecord(r) : ''
      const output = r.verification?.output_tail ?? outcome.verifyOutput ?? ''
      const maxDiff = maxDiffShown(embedded)
      const body = [...proposalBody(r, maxDiff, output), footer(r)]
      if (FINAL.includes(r.status)) {
        // Outdated or rejected proposals fold away so no approve command is left in view.
        lines = [
          ...header(run, r.status === 'stale' ? 'outdated proposal' : 'rejected proposal'),
          jobsLine(run),
          '',
          ...statusLines(r),
          '',
          '<details><summary>The proposal</summary>',
          '',
          ...body,
          '',
          '</details>'
        ]
      } else {
        lines = [
          ...header(run, 'proposed fix'),
          jobsLine(run),
          '',
          ...proposalBody(r, maxDiff, output),
          ...statusLines(r, r.diff.length <= maxDiff),
          '',
          footer(r)
        ]
      }
      if (embedded) lines.push('', embedded)
      break
    }
    case 'refused':
      lines = [
        ...header(run, 'analysis, no applicable fix'),
        jobsLine(run),
        '',
        md`**Root cause:** ${prose(outcome.rootCause)}`,
        '',
        'A patch was proposed but refused, so there is nothing to approve:',
        ...outcome.reasons.map(r => `- ${escapeInline(r)}`),
        ...failureLinesBlock(run)
      ]
      break
    case 'no-fix':
      lines = [
        ...header(run, 'no fix proposed'),
        jobsLine(run),
        '',
        ...(outcome.rootCause ? [md`**Root cause:** ${prose(outcome.rootCause)}`, ''] : []),
        fixflowText(outcome.reason),
        ...failureLinesBlock(run)
      ]
      break
    case 'triage': {
      const kinds = [...new Set(outcome.verdicts.map(v => v.kind))].join(', ')
      lines = [
        ...header(run, `${kinds} failure, no patch proposed`),
        jobsLine(run),
        '',
        ...outcome.verdicts.flatMap(verdictLines),
        'No patch is proposed: a code change would not fix this.',
        '',
        ...(outcome.rerunId
          ? [
              '**To re-run the failed jobs**, someone with write access comments:',
              '',
              fence(`/fixflow rerun ${outcome.rerunId}`)
            ]
          : [
              `Re-run the failed jobs from ${run.runUrl ? `the [run page](${run.runUrl})` : 'the run page'} (commit comments start no workflow).`
            ]),
        ...failureLinesBlock(run),
        '',
        outcome.data
      ]
      break
    }
    case 'same-failure': {
      const url = safeUrl(outcome.url)
      const where = url ? `[its comment](${url})` : 'its comment in this thread'
      lines = [
        ...header(run, 'same failure as another run'),
        jobsLine(run),
        '',
        `This commit failed the same way in another run of this workflow, analysed as ${code(outcome.failureId)} (${outcome.status}): see ${where}. No second analysis.`,
        ...failureLinesBlock(run)
      ]
      break
    }
    case 'unavailable':
      lines = [
        ...header(run, 'analysis unavailable'),
        jobsLine(run),
        '',
        `FixFlow could not analyse this failure: ${escapeProse(outcome.reason)}`,
        '',
        outcome.retry ?? 'Re-run the failed jobs to try again once this is fixed.',
        ...failureLinesBlock(run)
      ]
      break
  }
  return lines.join('\n')
}

/** Runs over the limit only by a huge diff; cut it and say where the rest is. */
export function fitComment(body: string): string {
  if (body.length <= MAX_COMMENT) return body
  return (
    body.slice(0, MAX_COMMENT - 200) + "\n\n… (comment cut at GitHub's size limit; see the run artifact)\n"
  )
}
