// The "FixFlow dashboard" issue (`dashboard: issue`), like Renovate's Dependency Dashboard: one issue per repository
// listing pending proposals, active fix PRs, the resolved history and, collapsed, rejected and stale ones.
// Pure: entries in, markdown out. The entries also ride at the end of the body as FixFlow's index, so a repository
// without a table can rebuild the dashboard from the issue; that index is trusted only in an issue FixFlow wrote.
import type { ProposalRecord, RiskLevel, Status } from '../types.js'
import { code, escapeInline } from './markdown.js'
import { DASHBOARD_MARKER, dashboardIndexLine, readDashboardIndexLine } from '../thread/markers.js'

export const DASHBOARD_TITLE = 'FixFlow dashboard'
export const DASHBOARD_LABEL = 'fixflow'
export { DASHBOARD_MARKER }

/** What the dashboard keeps of one proposal. */
export interface DashboardEntry {
  id: string
  status: Status
  risk: RiskLevel
  confidence: number
  /** First line of the root cause (untrusted: model prose). */
  cause: string
  /** The PR number, or the commit for a push with no PR. */
  pr?: number
  commit: string
  threadUrl?: string
  prUrl?: string
  /** The fix PR's CI, as track last saw it. */
  ci?: 'running' | 'passed' | 'failed'
  created: string
  updated: string
}

const STATUSES: Status[] = ['pending', 'approved', 'rejected', 'resolved', 'failed', 'merged', 'stale']
const RISKS: RiskLevel[] = ['low', 'medium', 'high']
const BADGE: Record<RiskLevel, string> = { low: '🟢 low', medium: '🟡 medium', high: '🔴 high' }
const RESOLVED_DAYS = 30
const RESOLVED_MAX = 50
const CLOSED_MAX = 50
/** GitHub refuses issue bodies over 65,536 characters. */
const MAX_BODY = 65_000

export function entryOf(r: ProposalRecord): DashboardEntry {
  const ci: DashboardEntry['ci'] =
    r.status === 'approved'
      ? 'running'
      : r.status === 'resolved' || r.status === 'merged'
        ? 'passed'
        : undefined
  return {
    id: r.failure_id,
    status: r.status,
    risk: r.risk_score,
    confidence: r.confidence,
    cause: (r.root_cause.split('\n')[0] ?? '').slice(0, 200),
    ...(r.pr_number !== undefined ? { pr: r.pr_number } : {}),
    commit: r.commit_sha,
    ...(r.comment_url ? { threadUrl: r.comment_url } : {}),
    ...(r.pr_url ? { prUrl: r.pr_url } : {}),
    ...(r.status === 'failed' && r.pr_url ? { ci: 'failed' as const } : ci ? { ci } : {}),
    created: r.timestamp,
    updated: r.updated_at
  }
}

/** Newer wins per id; the result is newest first. */
export function mergeEntries(base: DashboardEntry[], updates: DashboardEntry[]): DashboardEntry[] {
  const byId = new Map<string, DashboardEntry>()
  for (const e of [...base, ...updates]) {
    const old = byId.get(e.id)
    if (!old || old.updated <= e.updated) byId.set(e.id, e)
  }
  return [...byId.values()].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))
}

function age(from: string, now: Date): string {
  const ms = now.getTime() - Date.parse(from)
  if (!Number.isFinite(ms)) return ''
  const h = Math.floor(ms / 3_600_000)
  return h < 1 ? '< 1 h' : h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`
}

/** Only URLs GitHub itself gave us become links. */
function link(url: string | undefined, text: string): string {
  return url && /^https?:\/\/[^\s()<>]+$/.test(url) ? `[${text}](${url})` : ''
}

function where(e: DashboardEntry): string {
  return e.pr !== undefined ? `#${e.pr}` : code(e.commit.slice(0, 7))
}

function howToApprove(e: DashboardEntry): string {
  return e.pr !== undefined
    ? code(`/fixflow approve ${e.id}`)
    : code(`gh workflow run fixflow.yml -f command=approve -f failure-id=${e.id}`)
}

interface Visible {
  pending: DashboardEntry[]
  active: DashboardEntry[]
  resolved: DashboardEntry[]
  closed: DashboardEntry[]
}

/** What the dashboard shows; nothing else is kept in its index, so it never grows without bound. */
function visible(entries: DashboardEntry[], now: Date): Visible {
  const cutoff = now.getTime() - RESOLVED_DAYS * 86_400_000
  return {
    pending: entries.filter(e => e.status === 'pending'),
    active: entries.filter(e => e.status === 'approved'),
    resolved: entries
      .filter(e => e.status === 'resolved' || e.status === 'merged' || e.status === 'failed')
      .filter(e => Date.parse(e.updated) >= cutoff)
      .sort((a, b) => (a.updated < b.updated ? 1 : -1))
      .slice(0, RESOLVED_MAX),
    closed: entries.filter(e => e.status === 'rejected' || e.status === 'stale').slice(0, CLOSED_MAX)
  }
}

function sections({ pending, active, resolved, closed }: Visible, now: Date): string[] {
  const out: string[] = ['### Pending', '']
  if (pending.length) {
    out.push(
      '| id | risk | confidence | root cause | thread | age | approve with |',
      '|---|---|---|---|---|---|---|'
    )
    for (const e of pending)
      out.push(
        `| ${code(e.id)} | ${BADGE[e.risk]} | ${Math.round(e.confidence * 100)}% | ${escapeInline(e.cause)} | ${where(e)} ${link(e.threadUrl, 'comment')} | ${age(e.created, now)} | ${howToApprove(e)} |`
      )
  } else out.push('Nothing waiting for approval.')
  out.push('', '### Active fix PRs', '')
  if (active.length) {
    out.push('| id | fix PR | CI | thread |', '|---|---|---|---|')
    for (const e of active)
      out.push(
        `| ${code(e.id)} | ${link(e.prUrl, 'fix PR') || '—'} | ${e.ci ?? 'running'} | ${where(e)} ${link(e.threadUrl, 'comment')} |`
      )
  } else out.push('No fix PR open.')
  out.push('', `### Resolved (last ${RESOLVED_DAYS} days)`, '')
  if (resolved.length) {
    out.push('| id | outcome | fix PR | thread | when (UTC) |', '|---|---|---|---|---|')
    for (const e of resolved)
      out.push(
        `| ${code(e.id)} | ${e.status} | ${link(e.prUrl, 'fix PR') || '—'} | ${where(e)} ${link(e.threadUrl, 'comment')} | ${e.updated.slice(0, 16).replace('T', ' ')} |`
      )
  } else out.push('None yet.')
  out.push('', `<details><summary>Rejected / stale (${closed.length})</summary>`, '')
  if (closed.length) {
    out.push('| id | status | root cause | thread |', '|---|---|---|---|')
    for (const e of closed)
      out.push(
        `| ${code(e.id)} | ${e.status} | ${escapeInline(e.cause)} | ${where(e)} ${link(e.threadUrl, 'comment')} |`
      )
  } else out.push('None.')
  out.push('', '</details>')
  return out
}

/**
 * The whole issue body. The index keeps what the sections need to be rebuilt; when the body would pass GitHub's
 * limit the oldest closed entries go first, then the oldest resolved ones.
 */
export function renderDashboardIssue(all: DashboardEntry[], now: Date): string {
  const shown = visible(mergeEntries([], all), now)
  let entries = mergeEntries([], [...shown.pending, ...shown.active, ...shown.resolved, ...shown.closed])
  for (;;) {
    const body = [
      DASHBOARD_MARKER,
      `## ${DASHBOARD_TITLE}`,
      '',
      '_Kept up to date by FixFlow after every analysis, approval and fix-PR outcome. Edits to this issue are overwritten._',
      '',
      ...sections(visible(entries, now), now),
      '',
      dashboardIndexLine(entries)
    ].join('\n')
    if (body.length <= MAX_BODY || entries.length === 0) return body
    const drop =
      [...entries].reverse().find(e => e.status === 'rejected' || e.status === 'stale') ??
      [...entries].reverse().find(e => e.status !== 'pending' && e.status !== 'approved') ??
      entries[entries.length - 1]
    entries = entries.filter(e => e !== drop)
  }
}

function isEntry(v: unknown): v is DashboardEntry {
  if (!v || typeof v !== 'object') return false
  const e = v as Record<string, unknown>
  return (
    typeof e.id === 'string' &&
    /^[A-Za-z0-9._-]{1,200}$/.test(e.id) &&
    STATUSES.includes(e.status as Status) &&
    RISKS.includes(e.risk as RiskLevel) &&
    typeof e.confidence === 'number' &&
    e.confidence >= 0 &&
    e.confidence <= 1 &&
    typeof e.cause === 'string' &&
    typeof e.commit === 'string' &&
    /^[0-9a-f]{7,64}$/.test(e.commit) &&
    (e.pr === undefined || (typeof e.pr === 'number' && Number.isInteger(e.pr))) &&
    (e.threadUrl === undefined || typeof e.threadUrl === 'string') &&
    (e.prUrl === undefined || typeof e.prUrl === 'string') &&
    (e.ci === undefined || e.ci === 'running' || e.ci === 'passed' || e.ci === 'failed') &&
    typeof e.created === 'string' &&
    typeof e.updated === 'string'
  )
}

/**
 * The entries of a dashboard body FixFlow wrote: only the index at the very end counts, and every entry is checked
 * field by field. The caller has already made sure that FixFlow's own identity wrote the issue.
 */
export function readDashboardIndex(body: string): DashboardEntry[] {
  const value = readDashboardIndexLine(body)
  return Array.isArray(value) ? value.filter(isEntry) : []
}
