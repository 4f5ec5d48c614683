// Keeps the repository's "FixFlow dashboard" issue (`dashboard: issue`) up to date: found again by its marker in an
// issue FixFlow's own identity wrote, created once, and written so that concurrent runs lose no entry.
import type { GitHubApi, Issue } from '../github/api.js'
import { errorMessage } from '../errors.js'
import type { ProposalRecord } from '../types.js'
import {
  DASHBOARD_LABEL,
  entryOf,
  DASHBOARD_MARKER,
  DASHBOARD_TITLE,
  mergeEntries,
  readDashboardIndex,
  renderDashboardIssue,
  type DashboardEntry
} from '../render/dashboard-issue.js'

export interface DashboardDeps {
  gh: GitHubApi
  log: (message: string) => void
  now?: () => Date
  /** Waits between attempts (jittered); tests pass a short one. */
  sleep?: (ms: number) => Promise<void>
}

/** Writes that another run overwrote in between are tried again, this many times in all. */
const ATTEMPTS = 4
/** How long a concurrent writer has to land before we read back (GitHub paces a token's writes about 1 s apart). */
const SETTLE_MS = 1500

/** FixFlow's own open dashboard issues, oldest first (the oldest is the one kept). */
async function ownDashboards(gh: GitHubApi): Promise<Issue[]> {
  const found: Issue[] = []
  for (const i of await gh.listIssues(DASHBOARD_LABEL)) {
    if (i.body.startsWith(DASHBOARD_MARKER) && (await gh.isOwnAuthor(i))) found.push(i)
  }
  return found.sort((a, b) => a.number - b.number)
}

/**
 * The entries an issue holds, trusted only while FixFlow is the last one who edited its body: an edit by anyone else
 * voids the index (the next write rebuilds it from this run and the table).
 */
async function indexOf(gh: GitHubApi, issue: Issue): Promise<DashboardEntry[]> {
  const editor = await gh.issueEditor(issue.number)
  if (editor && !(await gh.isOwnAuthor(editor))) return []
  return readDashboardIndex(issue.body)
}

function holds(body: string, entries: DashboardEntry[]): boolean {
  const have = new Map(readDashboardIndex(body).map(e => [e.id, e.updated]))
  return entries.every(e => (have.get(e.id) ?? '') >= e.updated)
}

/**
 * Puts `entries` (what this run changed) on the dashboard; `base` is the table's view of the repository when there
 * is a table. Returns the issue, or undefined when it could not be written (the caller logs and goes on).
 */
export async function updateDashboard(
  deps: DashboardDeps,
  entries: DashboardEntry[],
  base: DashboardEntry[] = []
): Promise<Issue> {
  const { gh, log } = deps
  const now = deps.now ?? ((): Date => new Date())
  const sleep = deps.sleep ?? ((ms: number): Promise<void> => new Promise(r => setTimeout(r, ms)))
  for (let attempt = 1; ; attempt++) {
    let issues = await ownDashboards(gh)
    if (!issues.length) {
      const body = renderDashboardIssue(mergeEntries(base, entries), now())
      const created = await gh.createIssue({ title: DASHBOARD_TITLE, body, labels: [DASHBOARD_LABEL] })
      log(`Created the dashboard issue #${created.number}`)
      // Another run may have created one at the same moment: the oldest is kept, the others folded into it.
      issues = await ownDashboards(gh)
      if (!issues.some(i => i.number === created.number)) issues.push(created)
      if (issues.length === 1) return created
    }
    const [keep, ...extra] = issues as [Issue, ...Issue[]]
    let current = await indexOf(gh, keep)
    for (const dup of extra) {
      current = mergeEntries(current, await indexOf(gh, dup))
      await gh.updateIssue(dup.number, {
        state: 'closed',
        body: `FixFlow keeps one dashboard: #${keep.number}.`
      })
      log(`Closed duplicate dashboard issue #${dup.number} (kept #${keep.number})`)
    }
    const body = renderDashboardIssue(mergeEntries(mergeEntries(current, base), entries), now())
    await gh.updateIssue(keep.number, { body })
    // GitHub has no conditional update for issues. A run that read the body before our write may still write its
    // own version after it: wait a little (jittered, so two runs do not keep colliding), read back, and merge again
    // if our entries were overwritten. Each rewrite merges what it read, so two racing runs converge.
    await sleep(SETTLE_MS + Math.floor(Math.random() * SETTLE_MS))
    const after = await gh.getIssue(keep.number)
    if (holds(after.body, entries) || attempt >= ATTEMPTS) {
      if (!holds(after.body, entries)) log(`The dashboard issue #${keep.number} changed under us; giving up`)
      return after
    }
  }
}

/**
 * `dashboard: issue`: after a flow, the proposals it kept or moved go on the dashboard issue; with a table, the
 * repository's recent proposals from it rebuild the rest. Best effort: a dashboard that cannot be written never fails
 * the job that did the real work.
 */
export async function refreshDashboardIssue(opts: {
  gh: GitHubApi
  proposals: { touchedRecords(): Promise<ProposalRecord[]> }
  /** The table's recent proposals of this repository, when there is a table. */
  recent?: () => Promise<ProposalRecord[]>
  log: { info(m: string): void; warning(m: string): void }
}): Promise<void> {
  try {
    const records = await opts.proposals.touchedRecords()
    if (!records.length) return
    const base = opts.recent ? (await opts.recent()).map(entryOf) : []
    const issue = await updateDashboard(
      { gh: opts.gh, log: m => opts.log.info(m) },
      records.map(entryOf),
      base
    )
    opts.log.info(`dashboard: ${issue.html_url}`)
  } catch (e) {
    opts.log.warning(
      `could not update the FixFlow dashboard issue (the job needs issues: write): ${errorMessage(e)}`
    )
  }
}
