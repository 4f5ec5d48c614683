// Every hidden marker FixFlow writes into a thread or a fix PR, and how it is read back: one file, one syntax.
// Nothing outside this file writes or parses marker text (the dashboard issue's markers included).
import type { Thread } from '../github/api.js'
import type { ProposalRecord } from '../types.js'
import { num, str } from '../event/context.js'

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

/** Whether untrusted text (a diff, a path) carries something that looks like one of FixFlow's markers. */
export function carriesMarker(text: string): boolean {
  return /<!--\s*fixflow:/i.test(text)
}

/** Start of every run comment (`<!-- fixflow:run:<run id> -->`): what the thread store looks for. */
const RUN_PREFIX = '<!-- fixflow:run:'

/** Whether a comment body is one of FixFlow's run comments (author checks are the caller's). */
export function isRunComment(body: string): boolean {
  return body.startsWith(RUN_PREFIX)
}

/**
 * One reply per command: a re-run of the job updates it instead of adding another. A reply about an error gets its
 * own marker (`:error`), which the re-run check does not count, so re-running the job tries again.
 */
export function replyMarker(replyKey: string, error = false): string {
  return `<!-- fixflow:reply:${replyKey}${error ? ':error' : ''} -->`
}

/** The fix PR body's first line: which proposal, and the thread it came from (track answers there). */
export function originLine(o: { id: string; pr?: number; sha: string }): string {
  return `<!-- fixflow:origin ${JSON.stringify({ id: o.id, pr: o.pr ?? null, sha: o.sha })} -->`
}

/**
 * The thread named by a fix PR body's origin line, or undefined when there is none or it is malformed. Read only
 * from the first line, where originLine is written: the model text below it never names a thread.
 */
export function readOrigin(body: string | undefined): Thread | undefined {
  const m = body ? /^<!-- fixflow:origin (\{[^\n]*?\}) -->(?:\r?\n|$)/.exec(body) : null
  if (!m?.[1]) return undefined
  try {
    const o = JSON.parse(m[1]) as { pr?: unknown; sha?: unknown }
    const n = num(o.pr)
    if (n !== undefined) return { kind: 'pr', number: n }
    const sha = str(o.sha)
    return sha && /^[0-9a-f]{40}$/.test(sha) ? { kind: 'commit', sha } : undefined
  } catch {
    // A malformed origin line names no thread: track then says it cannot find the proposal's thread.
    return undefined
  }
}

/** `...#issuecomment-123` and `...#commitcomment-123` both end in the comment id. */
export function commentIdFromUrl(url: string): number | undefined {
  const m = /#(?:issuecomment|commitcomment)-(\d+)$/.exec(url)
  return m?.[1] ? Number(m[1]) : undefined
}

/** What the on-failure job found in a run (issue 11), kept for the FixFlow workflow's `workflow_run` handling. */
export interface TriageMark {
  runId: number
  attempt: number
  /** The verdict of each failed job analysed (job names are not kept: they are not needed to decide). */
  kinds: ('transient' | 'infrastructure' | 'flaky' | 'code')[]
}

const TRIAGE = /<!-- fixflow:triage:v1 ([A-Za-z0-9+/=]{1,2000}) -->/
const KINDS = new Set(['transient', 'infrastructure', 'flaky', 'code'])

/** The hidden triage marker of a run comment: base64 JSON, so no log or job text can end the HTML comment. */
export function triageMarker(t: TriageMark): string {
  const json = JSON.stringify({ run: t.runId, attempt: t.attempt, kinds: t.kinds })
  return `<!-- fixflow:triage:v1 ${Buffer.from(json, 'utf8').toString('base64')} -->`
}

/** The triage marker of a comment FixFlow wrote (the caller checks the author), or undefined when malformed. */
export function readTriageMarker(body: string): TriageMark | undefined {
  const m = TRIAGE.exec(body)
  if (!m?.[1]) return undefined
  try {
    const o = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as Record<string, unknown>
    const runId = num(o.run)
    const attempt = num(o.attempt)
    const kinds = o.kinds
    if (runId === undefined || attempt === undefined || !Array.isArray(kinds) || kinds.length > 100)
      return undefined
    if (!kinds.every(k => typeof k === 'string' && KINDS.has(k))) return undefined
    return { runId, attempt, kinds: kinds as TriageMark['kinds'] }
  } catch {
    return undefined
  }
}

/** Starts the dashboard issue's body: how FixFlow finds its dashboard issue again. */
export const DASHBOARD_MARKER = '<!-- fixflow:dashboard -->'
const DASHBOARD_INDEX_PREFIX = '<!-- fixflow:dashboard-index:v1 '
/** The index must be the very end of the body; anything after it (an edit) voids it. */
const DASHBOARD_INDEX_AT_END = /<!-- fixflow:dashboard-index:v1 ([A-Za-z0-9_-]*) -->\s*$/

/** The dashboard issue's index line (base64url JSON), written as the body's last line. */
export function dashboardIndexLine(value: unknown): string {
  return `${DASHBOARD_INDEX_PREFIX}${Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')} -->`
}

/**
 * The index value of a dashboard body FixFlow wrote, or undefined: only a body that starts with the marker, and only
 * the index at its very end, once (the caller checks every field of what it gets).
 */
export function readDashboardIndexLine(body: string): unknown {
  if (!body.startsWith(DASHBOARD_MARKER)) return undefined
  const m = DASHBOARD_INDEX_AT_END.exec(body)
  if (!m || body.indexOf(DASHBOARD_INDEX_PREFIX) !== m.index) return undefined
  try {
    return JSON.parse(Buffer.from(m[1] ?? '', 'base64url').toString('utf8'))
  } catch {
    return undefined // a damaged index: rebuilt from this run's entry (and the table, when there is one)
  }
}
