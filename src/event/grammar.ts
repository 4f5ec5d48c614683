// The comment commands (README, Commands): only the first line counts, and only when it starts with `/fixflow`.

export type Command =
  | { verb: 'approve'; id?: string }
  | { verb: 'reject'; id?: string; reason?: string }
  | { verb: 'help' }
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
    default:
      return { verb: 'unknown', text: first }
  }
}

export const HELP = [
  'FixFlow commands (first line of a comment, by someone with write access):',
  '',
  '- `/fixflow approve [<id>]`: apply the proposed patch on a new branch `fixflow/<id>` and open a pull request. Without an id, the newest pending proposal of this thread.',
  '- `/fixflow reject [<id>] [reason]`: dismiss the proposal.',
  '- `/fixflow help`: this text.'
].join('\n')
