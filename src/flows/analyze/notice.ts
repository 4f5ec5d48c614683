// The `::notice` annotation on the FixFlow job (issue 11): where the proposal or the triage verdict is. Built from
// trusted parts (status, id, the comment URL GitHub returned) and the failed jobs' names made plain.
import type { AnalyzeResult } from './index.js'

/** A name from the run (job names are the workflow author's text): one line, no control characters, short. */
function plain(name: string): string {
  const s = name
    // eslint-disable-next-line no-control-regex -- an annotation is one line of plain text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    // Inside the notice's own command these are data, but a name is never printed as a command (threat 12).
    .replace(/::/g, ': :')
    .replace(/##\[/g, '# #[')
    .trim()
  return s.length > 80 ? s.slice(0, 79) + '…' : s
}

/** The notice text, or undefined when there is nothing to point at. */
export function noticeText(r: AnalyzeResult, jobs: string[]): string | undefined {
  const names = jobs.slice(0, 5).map(plain).join(', ') + (jobs.length > 5 ? `, +${jobs.length - 5} more` : '')
  const where = r.commentUrl && /^https:\/\/\S+$/.test(r.commentUrl) ? r.commentUrl : 'the job summary'
  switch (r.status) {
    case 'pending':
      return `FixFlow proposed a fix (${r.failureId ?? ''}) for ${names}: ${where}`
    case 'triaged':
      return `FixFlow found no code failure in ${names} (a re-run is the answer): ${where}`
    case 'none':
      return r.failureId
        ? `FixFlow: the same failure was analysed as ${r.failureId}: ${where}`
        : r.commentUrl || r.markdown
          ? `FixFlow proposed no fix for ${names}: ${where}`
          : undefined
    default:
      return `FixFlow (${r.status}) for ${names}: ${where}`
  }
}
