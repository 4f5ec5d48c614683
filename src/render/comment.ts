import type { ProposalRecord, Risk, Status } from '../types.js'
import { code, escapeInline, escapeProse, fence } from './markdown.js'

/** Hidden marker that starts every FixFlow comment of one workflow run: the comment is found again by it. */
export function runMarker(runId: number): string {
  return `<!-- fixflow:run:${runId} -->`
}

const EMBED = /^<!-- fixflow:proposal:v1 ([A-Za-z0-9+/=]+) -->$/

/** The proposal kept inside its comment when there is no table (base64 JSON in an HTML comment, the last line). */
export function embedRecord(record: ProposalRecord): string {
  return `<!-- fixflow:proposal:v1 ${Buffer.from(JSON.stringify(record), 'utf8').toString('base64')} -->`
}

/**
 * The record on the comment's LAST line, where renderComment puts it, and nowhere else: a marker that the model's
 * diff or prose carries sits inside the comment (a fence, escaped prose), so it is never read.
 */
export function readEmbeddedRecord(body: string): ProposalRecord | undefined {
  const text = body.trimEnd()
  const m = EMBED.exec(text.slice(text.lastIndexOf('\n') + 1))
  if (!m?.[1]) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'))
    if (value && typeof value === 'object' && typeof (value as ProposalRecord).failure_id === 'string') {
      return value as ProposalRecord
    }
  } catch {
    // A damaged embed is no proposal; approve then refuses with "unknown id".
  }
  return undefined
}

/**
 * The comment as a reader sees it: without the embedded record on its last line (the record itself is what the
 * thread store read from that line, so only the rest needs comparing with the record's own rendering).
 */
export function visiblePart(body: string): string {
  const text = body.trimEnd()
  const cut = text.lastIndexOf('\n')
  return EMBED.test(text.slice(cut + 1)) ? text.slice(0, Math.max(cut, 0)).trimEnd() : text
}

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
}

export type Outcome =
  | { kind: 'proposal'; record: ProposalRecord; embed: boolean }
  | { kind: 'refused'; rootCause: string; confidence?: number; reasons: string[] }
  | { kind: 'no-fix'; reason: string; rootCause?: string }
  | { kind: 'unavailable'; reason: string }

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
  return `**Failed:** ${jobs.join(', ') || 'no job'}${more}`
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

function proposalBody(r: ProposalRecord, maxDiff?: number): string[] {
  return [
    `**Root cause:** ${escapeProse(r.root_cause)}`,
    '',
    `**Risk:** ${BADGE[r.risk_score]} · **Confidence:** ${Math.round(r.confidence * 100)}%`,
    ...r.risk_reasons.map(reason => `- ${escapeInline(reason)}`),
    '',
    ...diffBlock(r.diff, Object.keys(r.file_shas).length, maxDiff),
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
      const maxDiff = maxDiffShown(embedded)
      const body = [...proposalBody(r, maxDiff), footer(r)]
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
          ...proposalBody(r, maxDiff),
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
        `**Root cause:** ${escapeProse(outcome.rootCause)}`,
        '',
        'A patch was proposed but refused, so there is nothing to approve:',
        ...outcome.reasons.map(r => `- ${escapeInline(r)}`)
      ]
      break
    case 'no-fix':
      lines = [
        ...header(run, 'no fix proposed'),
        jobsLine(run),
        '',
        ...(outcome.rootCause ? [`**Root cause:** ${escapeProse(outcome.rootCause)}`, ''] : []),
        escapeProse(outcome.reason)
      ]
      break
    case 'unavailable':
      lines = [
        ...header(run, 'analysis unavailable'),
        jobsLine(run),
        '',
        `FixFlow could not analyse this failure: ${escapeProse(outcome.reason)}`,
        '',
        'Re-run the failed jobs to try again once this is fixed.'
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
