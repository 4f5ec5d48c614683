// Which run a rerun is about: the one the command names, or the latest triaged run FixFlow commented on in the thread;
// for the automatic re-run, the triage FixFlow's own comment on that run recorded.
import type { GitHubApi, Thread } from '../../github/api.js'
import type { CompletedRun } from '../../event/event.js'
import { isRunComment, readTriageMarker, runMarker, type TriageMark } from '../../thread/markers.js'

/**
 * The triage marker FixFlow wrote into one of its run comments, or undefined. The comment also quotes log text (the
 * triage evidence, the failure lines) that a PR author controls and that may carry a forged marker, so only the
 * comment's last line is read (where the renderer puts the real one), and only a marker for the comment's own run.
 */
export function ownTriageMarker(body: string): TriageMark | undefined {
  const last = body.slice(body.trimEnd().lastIndexOf('\n') + 1)
  const mark = readTriageMarker(last)
  return mark && body.startsWith(runMarker(mark.runId)) ? mark : undefined
}

/** The newest triage marker in FixFlow's own run comments of the thread (others' comments are never read for it). */
export async function latestTriaged(gh: GitHubApi, thread: Thread): Promise<TriageMark | undefined> {
  const comments = await gh.listComments(thread)
  for (const c of [...comments].reverse()) {
    if (!isRunComment(c.body)) continue
    const mark = ownTriageMarker(c.body)
    if (mark && (await gh.isOwnAuthor(c))) return mark
  }
  return undefined
}

/** The thread a completed run's FixFlow comment is in: its PR (payload, else looked up), else its commit. */
async function threadOf(gh: GitHubApi, run: CompletedRun): Promise<Thread> {
  if (run.prNumber !== undefined) return { kind: 'pr', number: run.prNumber }
  const open = (await gh.pullsForCommit(run.commitSha)).find(p => p.state === 'open')
  return open ? { kind: 'pr', number: open.number } : { kind: 'commit', sha: run.commitSha }
}

/**
 * What the on-failure job recorded for this run, read only from FixFlow's own comment: `commented` says whether
 * there is such a comment (one without a triage marker is a code failure's).
 */
export async function recordedTriage(
  gh: GitHubApi,
  run: CompletedRun
): Promise<{ commented: boolean; mark?: TriageMark }> {
  const comment = await gh.findComment(await threadOf(gh, run), runMarker(run.runId))
  return { commented: Boolean(comment), mark: comment ? ownTriageMarker(comment.body) : undefined }
}
