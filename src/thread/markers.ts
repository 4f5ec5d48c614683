// Every hidden marker FixFlow writes into a thread or a fix PR, and how it is read back: one file, one syntax.
// The run marker and the embedded record are written by the comment renderer (render/comment.ts, the markdown
// module's owner) and re-exported here, so that nothing outside this file parses marker text.
import type { Thread } from '../github/api.js'
import { num, str } from '../event/context.js'

export { embedRecord, readEmbeddedRecord, runMarker } from '../render/comment.js'

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
