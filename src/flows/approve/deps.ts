// What the approve flow runs with, what it returns, and its answers to the commenter.
import type { GitHubApi } from '../../github/api.js'
import type { JobContext } from '../../event/context.js'
import type { CommandComment, CommandEvent, Ignored } from '../../event/event.js'
import type { ProposalSource } from '../../thread/proposals.js'
import { react, reply, type Reaction } from '../../thread/replies.js'
import type { Logger } from '../../log.js'

export interface ApproveDeps {
  gh: GitHubApi
  /** Client used to push the fix branch and open the PR: the fix-token's when given, so CI runs on it. */
  fixGh: GitHubApi
  hasFixToken: boolean
  /** This job's `protected-paths` input: re-checked at approve, whatever the record says. */
  protectedPaths: string[]
  proposals: ProposalSource
  job: JobContext
  event: CommandEvent | Ignored
  log: Logger
  now?: () => Date
}

export type ApproveStatus = 'none' | 'refused' | 'pending' | 'approved' | 'rejected'

export interface ApproveResult {
  status: ApproveStatus
  failureId?: string
  prUrl?: string
  prNumber?: number
  /** The fix branch, `fixflow/<id>`, when the fix PR is open. */
  branch?: string
  commentUrl?: string
}

/** The flow's answers, bound to its command. */
export interface Answer {
  c: CommandComment
  reply(text: string, error?: boolean): Promise<string>
  react(content: Reaction): Promise<void>
  /** A refusal: a thumbs-down and a reply saying why; nothing else happens. */
  refuse(text: string, failureId?: string): Promise<ApproveResult>
}

export function answerTo(deps: ApproveDeps, c: CommandComment): Answer {
  const a: Answer = {
    c,
    reply: (text, error = false) => reply(deps.gh, c, text, error),
    react: content => react(deps.gh, deps.log, c, content),
    refuse: async (text, failureId) => {
      deps.log.info(`refused: ${text}`)
      await a.react('-1')
      const url = await a.reply(text)
      return { status: 'refused', failureId, commentUrl: url }
    }
  }
  return a
}
