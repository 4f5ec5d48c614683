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
