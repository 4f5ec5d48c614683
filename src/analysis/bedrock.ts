// The Bedrock boundary: one Converse call with a forced tool whose input schema is the proposal, validated in code,
// at most one repair round. Retries of throttling and timeouts are the SDK's (bounded); everything else becomes a
// typed error the caller can explain. Redirected only through AWS_ENDPOINT_URL_BEDROCK_RUNTIME, which the SDK reads.
import type {
  BedrockRuntimeClient,
  ContentBlock,
  ConverseCommandInput,
  ConverseCommandOutput,
  Message,
  ToolChoice
} from '@aws-sdk/client-bedrock-runtime'
import { BoundedRetryStrategy } from '../aws/retry.js'
import type { ModelProposal } from '../types.js'
import { errorMessage } from '../errors.js'
import {
  PROPOSAL_JSON_SCHEMA,
  PROPOSAL_TOOL_NAME,
  parseModelReply,
  parseModelText,
  type ParseResult
} from './schema.js'

/**
 * Default model: Amazon Nova 2 Lite through its US cross-region inference profile (Nova 2 models are invoked through
 * inference profiles: `us.amazon.nova-2-lite-v1:0` or `global.amazon.nova-2-lite-v1:0`, per the Nova 2 user guide).
 */
export const DEFAULT_MODEL_ID = 'us.amazon.nova-2-lite-v1:0'

/** The default model id for a region: the US profile in US regions, the global profile elsewhere. */
export function defaultModelId(region: string): string {
  return region.startsWith('us-') ? DEFAULT_MODEL_ID : 'global.amazon.nova-2-lite-v1:0'
}

/** The model's reply failed validation twice (the reply and the one repair round). */
export class ModelReplyError extends Error {
  override name = 'ModelReplyError'
  constructor(
    message: string,
    readonly errors: string[]
  ) {
    super(message)
  }
}

/** Bedrock said the input is longer than the model's context: build a smaller prompt and ask once more. */
export class PromptTooLongError extends Error {
  override name = 'PromptTooLongError'
}

export type ModelUnavailableReason =
  | 'access' // AccessDenied: model access not enabled or IAM does not allow bedrock:InvokeModel
  | 'model-id' // wrong model id, or the model needs an inference profile
  | 'credentials' // no or invalid AWS credentials
  | 'throttled' // still throttled after the SDK's retries
  | 'timeout' // model timeouts after the SDK's retries
  | 'unavailable' // service errors, network errors
  | 'rejected' // any other request the service refused

/** The model could not be asked. `reason` tells a configuration fault (access, model-id, credentials) from an outage. */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError'
  constructor(
    message: string,
    readonly reason: ModelUnavailableReason,
    readonly code?: string
  ) {
    super(message)
  }
  /** True when the user must change configuration (not a passing outage). */
  get isConfigProblem(): boolean {
    return this.reason === 'access' || this.reason === 'model-id' || this.reason === 'credentials'
  }
}

export interface NovaClientOptions {
  region: string
  modelId: string
  /** Retries after the first attempt for throttling, timeouts and 5xx (default 3: four attempts in all). */
  maxRetries?: number
  /** Used as is (its own retry settings apply); otherwise one is built here. */
  client?: BedrockRuntimeClient
  log?: (msg: string) => void
  /** Base of the exponential backoff between retries (default 500 ms; tests pass a few ms). */
  retryBaseDelayMs?: number
  /** Longest wait for one Converse response (default 120 s). */
  requestTimeoutMs?: number
  /** Output token cap per call (default 3000: a tool reply with whole-line edits needs room). */
  maxTokens?: number
}

export interface ProposeOptions {
  maxTokens?: number
  abortSignal?: AbortSignal
  /** Read-only tools the model may call before proposing (a bounded second look at the repository). */
  lookup?: LookupTools
}

/** Tools answered in code between model calls; the proposal tool stays the only way to finish. */
export interface LookupTools {
  specs: readonly { name: string; description: string; schema: object }[]
  run(name: string, input: unknown): Promise<{ text: string; ok: boolean }>
  /** Model turns that may call them (each may call several); after that the proposal is forced. */
  maxRounds: number
}

export interface ProposeResult {
  proposal: ModelProposal
  usage: { inputTokens: number; outputTokens: number }
  /** HTTP attempts in all, the SDK's retries included. */
  attempts: number
  /** Model calls made: 1, or 2 after a repair round. */
  rounds: number
  /** True when the first reply was invalid and the repair round produced the proposal. */
  repaired: boolean
  /** Model turns spent on lookup tools. */
  lookups: number
}

/** Errors worth another attempt beyond the SDK's own classification (408 model timeouts are not in it). */
const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ModelTimeoutException',
  'ModelNotReadyException',
  'ServiceUnavailableException',
  'InternalServerException'
])

const TOO_LONG =
  /too long|too many (input )?tokens|context (length|window)|maximum (input )?(context|tokens?)|exceeds? (the )?(max|limit|context)|input length/i
const TOOL_CHOICE_UNSUPPORTED = /toolChoice/i

interface Round {
  result: ParseResult
  /** The assistant message to echo back in the repair round. */
  assistant: ContentBlock[]
  toolUseId?: string
  stopReason?: string
}

type BedrockSdk = typeof import('@aws-sdk/client-bedrock-runtime')

export class NovaClient {
  readonly modelId: string
  readonly region: string
  private readonly log: (msg: string) => void
  private readonly maxTokens: number
  private readonly opts: NovaClientOptions
  private sdk?: Promise<{ mod: BedrockSdk; client: BedrockRuntimeClient }>
  /** The client once built, for destroy(). */
  private client?: BedrockRuntimeClient
  /** Forced tool choice first; downgraded once if the model refuses the field. */
  private toolChoice: 'tool' | 'any' | 'auto' = 'tool'

  constructor(opts: NovaClientOptions) {
    this.modelId = opts.modelId
    this.region = opts.region
    this.log = opts.log ?? (() => {})
    this.maxTokens = opts.maxTokens ?? 3000
    this.opts = opts
  }

  /**
   * The SDK and its client, loaded on the first call: runs in rules mode never reach the model, and the SDK is a
   * large part of the bundle, so only a run that asks the model pays its parse time (ncc emits it as a chunk).
   */
  private connect(): Promise<{ mod: BedrockSdk; client: BedrockRuntimeClient }> {
    this.sdk ??= import('@aws-sdk/client-bedrock-runtime').then(mod => {
      const opts = this.opts
      const maxAttempts = Math.max(1, Math.floor(opts.maxRetries ?? 3) + 1)
      this.client =
        opts.client ??
        new mod.BedrockRuntimeClient({
          region: opts.region,
          customUserAgent: 'fixflow',
          maxAttempts,
          retryStrategy: new BoundedRetryStrategy(maxAttempts, opts.retryBaseDelayMs ?? 500, {
            retryableNames: RETRYABLE_NAMES
          }),
          requestHandler: { requestTimeout: opts.requestTimeoutMs ?? 120_000, disableConcurrentStreams: true }
        })
      return { mod, client: this.client }
    })
    return this.sdk
  }

  /** Closes the HTTP/2 sessions (the process can then exit without waiting for idle timeouts). */
  destroy(): void {
    this.client?.destroy()
  }

  /**
   * Asks the model for a proposal. Throws PromptTooLongError (shrink the prompt and call again),
   * ModelReplyError (no valid proposal after one repair round) or ModelUnavailableError.
   */
  async propose(prompt: { system: string; user: string }, opts: ProposeOptions = {}): Promise<ProposeResult> {
    const messages: Message[] = [{ role: 'user', content: [{ text: prompt.user }] }]
    const usage = { inputTokens: 0, outputTokens: 0 }
    let attempts = 0
    let lastErrors: string[] = []

    let lookups = 0
    for (let round = 1; round <= 2; round++) {
      let reply: Round
      try {
        let out
        for (;;) {
          const canLook = opts.lookup !== undefined && lookups < opts.lookup.maxRounds
          out = await this.converse(prompt.system, messages, opts, canLook)
          attempts += out.attempts
          usage.inputTokens += out.output.usage?.inputTokens ?? 0
          usage.outputTokens += out.output.usage?.outputTokens ?? 0
          if (!canLook || !opts.lookup || !(await this.answerLookups(out.output, messages, opts.lookup)))
            break
          lookups++
        }
        reply = this.read(out.output, opts.maxTokens ?? this.maxTokens)
      } catch (e) {
        if (e instanceof InvalidToolSequence) {
          // Bedrock refused the model's own tool call (ModelErrorException): count it as an invalid reply.
          attempts += e.attempts
          reply = { result: { ok: false, errors: [e.message] }, assistant: [] }
        } else throw e
      }

      if (reply.result.ok) {
        if (round > 1) this.log(`bedrock: the repair round produced a valid proposal`)
        return {
          proposal: reply.result.proposal,
          usage,
          attempts,
          rounds: round,
          repaired: round > 1,
          lookups
        }
      }
      lastErrors = reply.result.errors
      this.log(`bedrock: reply ${round} failed validation: ${lastErrors.slice(0, 5).join('; ')}`)
      if (round === 2) break

      const fix =
        `Your reply is not a valid ${PROPOSAL_TOOL_NAME} call:\n` +
        lastErrors.map(e => `- ${e}`).join('\n') +
        `\nCall ${PROPOSAL_TOOL_NAME} again with the whole corrected proposal and nothing else.`
      if (reply.assistant.length > 0) messages.push({ role: 'assistant', content: reply.assistant })
      if (reply.toolUseId !== undefined) {
        messages.push({
          role: 'user',
          content: [{ toolResult: { toolUseId: reply.toolUseId, content: [{ text: fix }], status: 'error' } }]
        })
      } else if (reply.assistant.length > 0) {
        messages.push({ role: 'user', content: [{ text: fix }] })
      } else {
        // Nothing to answer to (the call itself failed): ask again with the errors appended to the request.
        messages.splice(0, messages.length, { role: 'user', content: [{ text: `${prompt.user}\n\n${fix}` }] })
      }
    }
    throw new ModelReplyError(
      `${this.modelId} did not return a valid proposal after one repair round: ${lastErrors.slice(0, 5).join('; ')}`,
      lastErrors
    )
  }

  /**
   * When the reply calls lookup tools (and not the proposal tool), answers every call in a toolResult message and
   * returns true: the conversation goes on. The tools are read-only and check their own inputs.
   */
  private async answerLookups(
    out: ConverseCommandOutput,
    messages: Message[],
    lookup: LookupTools
  ): Promise<boolean> {
    const content = out.output?.message?.content ?? []
    const names = new Set(lookup.specs.map(t => t.name))
    const calls = content.filter(b => b.toolUse?.name !== undefined && names.has(b.toolUse.name))
    if (!calls.length || content.some(b => b.toolUse?.name === PROPOSAL_TOOL_NAME)) return false
    const results: ContentBlock[] = []
    for (const b of calls) {
      const use = b.toolUse
      if (!use) continue
      const r = await lookup.run(use.name ?? '', use.input)
      this.log(`bedrock: the model called ${use.name ?? ''}: ${r.ok ? 'answered' : r.text}`)
      results.push({
        toolResult: {
          toolUseId: use.toolUseId,
          content: [{ text: r.text }],
          status: r.ok ? 'success' : 'error'
        }
      })
    }
    messages.push({
      role: 'assistant',
      content: content.filter(b => b.toolUse !== undefined || b.text?.trim())
    })
    messages.push({ role: 'user', content: results })
    return true
  }

  private request(
    system: string,
    messages: Message[],
    opts: ProposeOptions,
    canLook = false
  ): ConverseCommandInput {
    // While lookups remain, any tool may be called (`any` still forces a tool call); then the proposal is forced.
    const choice = canLook && this.toolChoice !== 'auto' ? 'any' : this.toolChoice
    const toolChoice: ToolChoice =
      choice === 'tool'
        ? { tool: { name: PROPOSAL_TOOL_NAME } }
        : choice === 'any'
          ? { any: {} }
          : { auto: {} }
    const input: ConverseCommandInput = {
      modelId: this.modelId,
      system: [{ text: system }],
      messages,
      inferenceConfig: { maxTokens: opts.maxTokens ?? this.maxTokens, temperature: 0 },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: PROPOSAL_TOOL_NAME,
              description:
                'Submit the root cause of the CI failure and the minimal patch that fixes it. Call exactly once.',
              inputSchema: { json: PROPOSAL_JSON_SCHEMA as unknown as Record<string, never> }
            }
          },
          // Offered on every call once given: Bedrock wants the tools of earlier turns declared.
          ...(opts.lookup?.specs ?? []).map(t => ({
            toolSpec: {
              name: t.name,
              description: t.description,
              inputSchema: { json: t.schema as unknown as Record<string, never> }
            }
          }))
        ],
        toolChoice
      }
    }
    // Nova calls tools most reliably with greedy decoding (Nova user guide, tool use troubleshooting).
    if (/nova/i.test(this.modelId)) input.additionalModelRequestFields = { inferenceConfig: { topK: 1 } }
    return input
  }

  private async converse(
    system: string,
    messages: Message[],
    opts: ProposeOptions,
    canLook = false
  ): Promise<{ output: ConverseCommandOutput; attempts: number }> {
    for (;;) {
      try {
        const { mod, client } = await this.connect()
        const output = await client.send(
          new mod.ConverseCommand(this.request(system, messages, opts, canLook)),
          {
            abortSignal: opts.abortSignal
          }
        )
        return { output, attempts: output.$metadata.attempts ?? 1 }
      } catch (e) {
        const name = (e as { name?: string }).name ?? ''
        const msg = errorMessage(e)
        if (
          name === 'ValidationException' &&
          TOOL_CHOICE_UNSUPPORTED.test(msg) &&
          this.toolChoice !== 'auto'
        ) {
          // Some models refuse a forced tool; with one tool, `any` forces the same call, `auto` is the last resort.
          const next = this.toolChoice === 'tool' ? 'any' : 'auto'
          this.log(
            `bedrock: ${this.modelId} refused toolChoice.${this.toolChoice} (${msg}); retrying with ${next}`
          )
          this.toolChoice = next
          continue
        }
        throw this.mapError(e)
      }
    }
  }

  private read(out: ConverseCommandOutput, maxTokens: number): Round {
    const content = out.output?.message?.content ?? []
    const stopReason = out.stopReason
    const toolUses = content.filter(b => b.toolUse !== undefined)
    const mine = toolUses.find(b => b.toolUse?.name === PROPOSAL_TOOL_NAME) ?? toolUses[0]
    // Echo only what the conversation needs: text and tool calls (no reasoning or other blocks).
    const assistant: ContentBlock[] = content.filter(
      b => b.toolUse !== undefined || (typeof b.text === 'string' && b.text.trim() !== '')
    )
    let result: ParseResult
    let toolUseId: string | undefined
    if (mine?.toolUse !== undefined) {
      toolUseId = mine.toolUse.toolUseId
      const input: unknown = mine.toolUse.input
      if (mine.toolUse.name !== PROPOSAL_TOOL_NAME) {
        result = { ok: false, errors: [`unknown tool "${mine.toolUse.name}"; call ${PROPOSAL_TOOL_NAME}`] }
      } else if (typeof input === 'string') {
        result = parseModelText(input)
      } else {
        result = parseModelReply(input)
      }
    } else {
      const text = content
        .map(b => b.text ?? '')
        .filter(t => t !== '')
        .join('\n')
      result = parseModelText(text)
    }
    if (!result.ok && stopReason === 'max_tokens') {
      result = {
        ok: false,
        errors: [
          `the reply was cut off at the output limit of ${maxTokens} tokens; keep root_cause short and edit fewer lines`,
          ...result.errors
        ]
      }
    }
    return { result, assistant, toolUseId, stopReason }
  }

  private mapError(e: unknown): Error {
    if (e instanceof Error && e.name === 'AbortError') return e
    const name = (e as { name?: string }).name ?? 'Error'
    const msg = errorMessage(e)
    const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1
    const id = this.modelId
    const region = this.region
    switch (name) {
      case 'ValidationException':
        if (TOO_LONG.test(msg)) return new PromptTooLongError(`the prompt is too long for ${id}: ${msg}`)
        if (/on-demand throughput|inference profile/i.test(msg))
          return new ModelUnavailableError(
            `${id} cannot be invoked directly in ${region}: ${msg}. Use its cross-region inference profile id ` +
              `as model-id (for example us.${id.replace(/^(us|eu|apac|global)\./, '')} or global.…).`,
            'model-id',
            name
          )
        return new ModelUnavailableError(`Bedrock rejected the request to ${id}: ${msg}`, 'rejected', name)
      case 'AccessDeniedException':
        return new ModelUnavailableError(
          `Bedrock denied access to ${id} in ${region}: ${msg}. Enable model access for ${id} in the Bedrock console ` +
            `(${region}) and allow bedrock:InvokeModel on the model and inference-profile ARNs in the role's IAM ` +
            `policy (docs/aws-setup.md).`,
          'access',
          name
        )
      case 'ResourceNotFoundException':
        return new ModelUnavailableError(
          `Bedrock does not know the model ${id} in ${region}: ${msg}. Check the model-id input: a Nova model id ` +
            `(amazon.nova-pro-v1:0) or an inference profile (${DEFAULT_MODEL_ID}); newer models are reachable ` +
            `only through an inference profile, and some are offered in a few regions only.`,
          'model-id',
          name
        )
      case 'UnrecognizedClientException':
      case 'InvalidSignatureException':
      case 'ExpiredTokenException':
      case 'CredentialsProviderError':
        return new ModelUnavailableError(
          `AWS credentials were refused or missing for Bedrock in ${region}: ${msg}. Configure them with ` +
            `aws-actions/configure-aws-credentials (OIDC role) before FixFlow runs.`,
          'credentials',
          name
        )
      case 'ThrottlingException':
      case 'ServiceQuotaExceededException':
        return new ModelUnavailableError(
          `Bedrock kept throttling requests to ${id} in ${region} (${attempts} attempts): ${msg}`,
          'throttled',
          name
        )
      case 'ModelTimeoutException':
        return new ModelUnavailableError(`${id} timed out (${attempts} attempts): ${msg}`, 'timeout', name)
      case 'ModelErrorException':
        if (/tool ?use|invalid sequence/i.test(msg)) return new InvalidToolSequence(msg, attempts)
        return new ModelUnavailableError(`${id} failed to answer: ${msg}`, 'unavailable', name)
      default:
        return new ModelUnavailableError(
          `Bedrock is unavailable for ${id} in ${region} (${attempts} attempts): ${name}: ${msg}`,
          'unavailable',
          name
        )
    }
  }
}

/** Internal: the model produced a malformed tool call that Bedrock refused; handled as an invalid reply. */
class InvalidToolSequence extends Error {
  constructor(
    message: string,
    readonly attempts: number
  ) {
    super(`the model produced an invalid tool call (${message})`)
  }
}
