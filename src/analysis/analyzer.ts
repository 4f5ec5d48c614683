import type { JobFailure, ModelProposal, RepoFile } from '../types.js'
import { buildPrompt, type PreviousAttempt } from './prompt.js'
import { NovaClient, PromptTooLongError } from './bedrock.js'
import { analyzeWithRules } from './rules.js'
import type { RepoSnapshot } from './context.js'
import { errorMessage } from '../errors.js'
import { CONTEXT_TOOL_SPECS, ContextTools, FIND_TOOL, LIST_TOOL, READ_TOOL } from './localize/tools.js'

/** Model turns that may call the lookup tools, and files they may read. */
export const LOOKUP_ROUNDS = 2
export const LOOKUP_FILES = 4

/** Told to the model when the lookup tools are offered (they are also declared in the tool config). */
const LOOKUP_NOTE =
  `If the fix needs a repository file that is not shown, you may first call ${READ_TOOL} (up to ${LOOKUP_FILES} ` +
  `files), ${LIST_TOOL} or ${FIND_TOOL}, in at most ${LOOKUP_ROUNDS} turns; then call the proposal tool.\n`

export interface AnalysisInput {
  repoName: string
  failures: JobFailure[]
  files: RepoFile[]
  snapshot: RepoSnapshot
  maxPromptTokens: number
  /** A repair round: the previous patch failed the `verify` command (issue 10). */
  previous?: PreviousAttempt
}

export type AnalysisResult =
  | {
      kind: 'proposal'
      proposal: ModelProposal
      inputTokens: number
      outputTokens: number
      /** The repository files the model saw (in the prompt or read through the lookup tools), and why. */
      contextFiles?: { path: string; reason: string }[]
    }
  | { kind: 'none'; reason: string }

/** The model (or the rules) could not be asked: the thread says so and the job stays green. */
export class AnalysisUnavailableError extends Error {
  override name = 'AnalysisUnavailableError'
}

export interface Analyzer {
  readonly provider: 'bedrock' | 'rules'
  readonly modelId: string
  analyze(input: AnalysisInput): Promise<AnalysisResult>
}

export class BedrockAnalyzer implements Analyzer {
  readonly provider = 'bedrock'
  constructor(
    private readonly nova: NovaClient,
    readonly modelId: string,
    private readonly log: (m: string) => void = () => {},
    /** The bounded second look (read-only tools); off, the model sees only the prompt. */
    private readonly lookup = true
  ) {}

  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    let budget = input.maxPromptTokens
    // One smaller prompt after "input too long": the model's context can be smaller than the configured budget.
    for (let round = 0; round < 2; round++) {
      const prompt = buildPrompt({
        repo: input.repoName,
        failures: input.failures,
        files: input.files,
        maxTokens: budget,
        previous: input.previous
      })
      if (prompt.droppedFiles.length)
        this.log(`prompt: left out ${prompt.droppedFiles.join(', ')} to fit ${budget} tokens`)
      this.log(`asking ${this.modelId} (~${prompt.estimatedTokens} prompt tokens)`)
      // Lookup results may add half the prompt budget again, so one conversation stays bounded.
      const tools = this.lookup
        ? new ContextTools(input.snapshot, input.files, { maxFiles: LOOKUP_FILES, maxChars: budget * 2 })
        : undefined
      const user = tools ? `${prompt.user}\n${LOOKUP_NOTE}` : prompt.user
      try {
        const reply = await this.nova.propose(
          { system: prompt.system, user },
          tools
            ? {
                lookup: {
                  specs: CONTEXT_TOOL_SPECS,
                  run: (n, i) => tools.run(n, i),
                  maxRounds: LOOKUP_ROUNDS
                }
              }
            : {}
        )
        const shown = input.files.filter(f => !prompt.droppedFiles.includes(f.path))
        return {
          kind: 'proposal',
          proposal: reply.proposal,
          inputTokens: reply.usage.inputTokens,
          outputTokens: reply.usage.outputTokens,
          contextFiles: [
            ...shown.map(f => ({ path: f.path, reason: f.reason ?? 'in the prompt' })),
            ...(tools?.read ?? [])
          ]
        }
      } catch (e) {
        if (e instanceof PromptTooLongError && round === 0) {
          budget = Math.max(500, Math.floor(budget / 2))
          this.log(`the model said the prompt is too long; retrying once with ${budget} tokens`)
          continue
        }
        throw new AnalysisUnavailableError(errorMessage(e))
      }
    }
    throw new AnalysisUnavailableError('the prompt stayed too long for the model after shrinking it')
  }
}

/** The embedded default: certain text edits for common failure classes, no model call. */
export class RulesAnalyzer implements Analyzer {
  readonly provider = 'rules'
  readonly modelId = 'rules'

  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    const r = await analyzeWithRules(input.failures, input.snapshot)
    if (r.rule === undefined) return { kind: 'none', reason: r.reason }
    return { kind: 'proposal', proposal: r.proposal, inputTokens: 0, outputTokens: 0 }
  }
}

/** AWS credentials the SDK's default chain would find (OIDC web identity, keys, profile, container role). */
export function hasAwsCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_PROFILE ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
  )
}
