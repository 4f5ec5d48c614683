import type { ProposalRecord } from '../types.js'
import { code, escapeInline } from './markdown.js'

const ICON: Record<ProposalRecord['status'], string> = {
  pending: '⏳',
  approved: '✅',
  rejected: '🚫',
  resolved: '🎉',
  failed: '❌',
  merged: '🚀',
  stale: '⌛'
}

/** The repository's recent proposals as a table for the job summary (`dashboard: true`). */
export function renderDashboard(repo: string, records: ProposalRecord[]): string {
  if (!records.length) return `### FixFlow proposals in ${escapeInline(repo)}\n\nNone yet.\n`
  const rows = records.map(r => {
    const where = r.pr_number !== undefined ? `#${r.pr_number}` : code(r.commit_sha.slice(0, 7))
    const link = r.comment_url ? `[comment](${r.comment_url})` : ''
    const fix = r.pr_url ? ` · [fix PR](${r.pr_url})` : ''
    const cause = escapeInline(r.root_cause.split('\n')[0]?.slice(0, 80) ?? '')
    return `| ${code(r.failure_id)} | ${ICON[r.status]} ${r.status} | ${r.risk_score} | ${Math.round(r.confidence * 100)}% | ${where} | ${r.timestamp.slice(0, 16).replace('T', ' ')} | ${cause} | ${link}${fix} |`
  })
  return [
    `### FixFlow proposals in ${escapeInline(repo)}`,
    '',
    '| id | status | risk | confidence | thread | when (UTC) | root cause | links |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    ''
  ].join('\n')
}
