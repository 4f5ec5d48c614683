// The comment commands (README, Commands): only the first line counts, and only when it starts with `/fixflow`.

export type Command =
  | { verb: 'approve'; id?: string }
  | { verb: 'reject'; id?: string; reason?: string }
  | { verb: 'help' }
  /** Re-run the failed jobs of run `<run id>-<attempt>` (the thread's latest triaged run when omitted). */
  | { verb: 'rerun'; id?: string }
  | { verb: 'unknown'; text: string }

/** Proposal ids are `<run id>-<attempt>`; anything else is refused before any lookup. */
export const FAILURE_ID = /^[0-9]{1,20}-[0-9]{1,4}$/

export function parseCommand(body: string): Command | undefined {
  const first = (body.split(/\r?\n/, 1)[0] ?? '').trim()
  const tokens = first.split(/\s+/)
  if (tokens[0] !== '/fixflow') return undefined
  const verb = (tokens[1] ?? '').toLowerCase()
  const rest = tokens.slice(2)
  switch (verb) {
    case 'approve':
      return rest[0] === undefined ? { verb } : { verb, id: rest[0] }
    case 'reject': {
      const hasId = rest[0] !== undefined && FAILURE_ID.test(rest[0])
      const reason = (hasId ? rest.slice(1) : rest).join(' ').trim()
      return { verb, id: hasId ? rest[0] : undefined, reason: reason || undefined }
    }
    case 'help':
      return { verb }
    case 'rerun':
      if (rest[0] === undefined) return { verb }
      // A malformed id is not guessed at: the answer is the help text.
      return FAILURE_ID.test(rest[0]) ? { verb, id: rest[0] } : { verb: 'unknown', text: first }
    default:
      return { verb: 'unknown', text: first }
  }
}

export const HELP = [
  'FixFlow commands (first line of a comment, by someone with write access):',
  '',
  '- `/fixflow approve [<id>]`: apply the proposed patch on a new branch `fixflow/<id>` and open a pull request. Without an id, the newest pending proposal of this thread.',
  '- `/fixflow reject [<id>] [reason]`: dismiss the proposal.',
  '- `/fixflow rerun [<run id>-<attempt>]`: re-run the failed jobs of that run (once per attempt), for a failure FixFlow found transient, infrastructure or flaky. Without an id, the latest such run of this thread.',
  '- `/fixflow help`: this text.'
].join('\n')
