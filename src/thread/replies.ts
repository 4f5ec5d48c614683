// FixFlow's answers to a command: one reply per command comment, and reactions on the command itself.
import type { GitHubApi } from '../github/api.js'
import type { CommandComment } from '../event/event.js'
import type { Logger } from '../log.js'
import { code } from '../render/markdown.js'
import { errorMessage } from '../errors.js'
import { replyMarker } from './markers.js'

export type Reaction = 'eyes' | 'rocket' | '-1' | '+1'

/** Posts (or, on a re-run, updates) the one reply to `c`; returns its URL. */
export async function reply(gh: GitHubApi, c: CommandComment, text: string, error = false): Promise<string> {
  const marker = replyMarker(c.replyKey, error)
  // The command is quoted as code: whatever else the commenter wrote on that line stays inert in FixFlow's reply.
  const quoted = `> ${code(c.body.split(/\r?\n/, 1)[0]?.slice(0, 200) ?? '')}`
  const body = `${marker}\n${quoted}\n\n@${c.user} ${text}`
  const comment = await gh.upsertComment(c.thread, marker, body)
  return comment.html_url
}

/**
 * Whether this command was answered already (a re-run of the job): its reply is found as upsertComment finds it, by
 * a bot or by the token's own user (a PAT), never a comment quoting the marker.
 */
export async function answered(gh: GitHubApi, c: CommandComment): Promise<boolean> {
  return Boolean(await gh.findComment(c.thread, replyMarker(c.replyKey)))
}

/** A reaction on the command comment; a dispatched command has none. Best effort: a failure is only logged. */
export async function react(gh: GitHubApi, log: Logger, c: CommandComment, content: Reaction): Promise<void> {
  if (!c.id) return
  try {
    await gh.addReaction(c.thread, c.id, content)
  } catch (e) {
    log.warning(`could not add the ${content} reaction: ${errorMessage(e)}`)
  }
}
