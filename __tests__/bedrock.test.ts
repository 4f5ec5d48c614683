// NovaClient through the real @aws-sdk/client-bedrock-runtime (HTTP/2) against a loopback Converse server,
// redirected only by AWS_ENDPOINT_URL_BEDROCK_RUNTIME.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DEFAULT_MODEL_ID,
  ModelReplyError,
  ModelUnavailableError,
  NovaClient,
  PromptTooLongError
} from '../src/analysis/bedrock.js'
import { PROPOSAL_JSON_SCHEMA, PROPOSAL_TOOL_NAME } from '../src/analysis/schema.js'
import {
  awsError,
  sampleProposal,
  startBedrock,
  textReply,
  toolUseReply,
  type BedrockServer,
  type ConverseHandler
} from './support/bedrock-server.js'

const saved = { ...process.env }
let server: BedrockServer
let handler: ConverseHandler = () => awsError('InternalServerException', 'no handler set')
const clients: NovaClient[] = []

beforeAll(async () => {
  server = await startBedrock(req => handler(req))
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFIXFLOWTEST0'
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-loopback-tests-only'
  process.env.AWS_REGION = 'us-east-1'
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = server.url
  delete process.env.AWS_PROFILE
  delete process.env.AWS_SESSION_TOKEN
})

afterEach(() => {
  server.requests.length = 0
  while (clients.length) clients.pop()?.destroy()
})

afterAll(async () => {
  await server.close()
  process.env = saved
})

function nova(opts: { maxRetries?: number; log?: (m: string) => void } = {}): NovaClient {
  const c = new NovaClient({ region: 'us-east-1', modelId: DEFAULT_MODEL_ID, retryBaseDelayMs: 5, ...opts })
  clients.push(c)
  return c
}

const prompt = {
  system: 'You are FixFlow (test system prompt).',
  user: 'Job 1 failed: ModuleNotFoundError (test user prompt)'
}

/** Answers with the given replies in order, repeating the last one. */
function sequence(...replies: ReturnType<ConverseHandler>[]): ConverseHandler {
  let i = 0
  return () => replies[Math.min(i++, replies.length - 1)] as ReturnType<ConverseHandler>
}

describe('NovaClient against a loopback Converse server', () => {
  it('sends a forced tool call with the proposal schema and reads the tool input', async () => {
    handler = sequence(toolUseReply(sampleProposal(), { inputTokens: 1500, outputTokens: 210 }))
    const r = await nova().propose(prompt)

    expect(r.proposal).toEqual({
      root_cause: sampleProposal().root_cause,
      files_to_modify: sampleProposal().files_to_modify,
      confidence: 0.86,
      commit_message: 'fix(deps): add missing pandas to requirements.txt'
    })
    expect(r).toMatchObject({
      usage: { inputTokens: 1500, outputTokens: 210 },
      attempts: 1,
      rounds: 1,
      repaired: false
    })

    expect(server.requests).toHaveLength(1)
    const req = server.requests[0]!
    expect(req.modelId).toBe(DEFAULT_MODEL_ID)
    expect(req.headers['user-agent'] ?? req.headers['x-amz-user-agent']).toMatch(/fixflow/)
    expect(req.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEFIXFLOWTEST0\//)
    expect(req.body.toolConfig.toolChoice).toEqual({ tool: { name: PROPOSAL_TOOL_NAME } })
    expect(req.body.toolConfig.tools).toHaveLength(1)
    expect(req.body.toolConfig.tools[0].toolSpec.name).toBe(PROPOSAL_TOOL_NAME)
    expect(req.body.toolConfig.tools[0].toolSpec.inputSchema.json).toEqual(PROPOSAL_JSON_SCHEMA)
    expect(req.body.inferenceConfig.temperature).toBeLessThanOrEqual(0.2)
    expect(req.body.inferenceConfig.maxTokens).toBeGreaterThanOrEqual(1000)
    expect(req.body.system).toEqual([{ text: prompt.system }])
    expect(req.body.messages).toEqual([{ role: 'user', content: [{ text: prompt.user }] }])
  })

  it('accepts a text reply holding the JSON in a fence (text fallback), validated the same way', async () => {
    handler = sequence(
      textReply(
        'Here is the fix:\n```json\n' +
          JSON.stringify(sampleProposal({ confidence: 0.5 }), null, 2) +
          '\n```\nDone.'
      )
    )
    const r = await nova().propose(prompt)
    expect(r.proposal.confidence).toBe(0.5)
    expect(r.proposal.files_to_modify[0]?.file_path).toBe('requirements.txt')
    expect(server.requests).toHaveLength(1)
  })

  it('runs one repair round: the errors go back as an error toolResult, the corrected call is used', async () => {
    handler = sequence(
      toolUseReply(sampleProposal({ confidence: 7 }), {
        toolUseId: 'tu-1',
        inputTokens: 1000,
        outputTokens: 100
      }),
      toolUseReply(sampleProposal({ confidence: 0.7 }), {
        toolUseId: 'tu-2',
        inputTokens: 1300,
        outputTokens: 120
      })
    )
    const r = await nova().propose(prompt)
    expect(r.repaired).toBe(true)
    expect(r.rounds).toBe(2)
    expect(r.proposal.confidence).toBe(0.7)
    expect(r.usage).toEqual({ inputTokens: 2300, outputTokens: 220 })

    expect(server.requests).toHaveLength(2)
    const msgs = server.requests[1]!.body.messages
    expect(msgs).toHaveLength(3)
    expect(msgs[1].role).toBe('assistant')
    expect(msgs[1].content[0].toolUse).toMatchObject({ toolUseId: 'tu-1', name: PROPOSAL_TOOL_NAME })
    expect(msgs[2].role).toBe('user')
    const result = msgs[2].content[0].toolResult
    expect(result.toolUseId).toBe('tu-1')
    expect(result.status).toBe('error')
    expect(result.content[0].text).toMatch(/confidence/)
    expect(result.content[0].text).toMatch(/7/)
    // The tool stays forced in the repair round.
    expect(server.requests[1]!.body.toolConfig.toolChoice).toEqual({ tool: { name: PROPOSAL_TOOL_NAME } })
  })

  const malformed: [string, ReturnType<ConverseHandler>][] = [
    [
      'prose without JSON',
      textReply('The build failed because pandas is missing. Add it to requirements.txt.')
    ],
    [
      'JSON with wrong types in a fence',
      textReply(
        '```json\n{"root_cause": 12, "files_to_modify": "requirements.txt", "confidence": "high"}\n```'
      )
    ],
    [
      'truncated JSON',
      textReply(
        '{"root_cause": "pandas missing", "files_to_modify": [{"file_path": "requirements.txt", "orig'
      )
    ],
    [
      'a tool call with wrong types',
      toolUseReply({ root_cause: ['x'], files_to_modify: [{ file_path: 1 }], confidence: null })
    ],
    ['a tool call with confidence 7', toolUseReply(sampleProposal({ confidence: 7 }))],
    ['a tool call nested one level too deep', toolUseReply({ proposal: sampleProposal() })]
  ]
  it.each(malformed)('gives up with ModelReplyError after one repair round: %s', async (_label, reply) => {
    handler = sequence(reply)
    const err = await nova()
      .propose(prompt)
      .then(
        () => undefined,
        (e: unknown) => e
      )
    expect(err).toBeInstanceOf(ModelReplyError)
    expect((err as ModelReplyError).errors.length).toBeGreaterThan(0)
    expect(server.requests).toHaveLength(2)
    const last = server.requests[1]!.body.messages
    expect(JSON.stringify(last[last.length - 1])).toMatch(/not a valid propose_fix call/)
  })

  it('treats a refused tool sequence (ModelErrorException) as an invalid reply and repairs once', async () => {
    handler = sequence(
      awsError('ModelErrorException', 'The model produced an invalid sequence as part of ToolUse.'),
      toolUseReply(sampleProposal())
    )
    const r = await nova().propose(prompt)
    expect(r.repaired).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('retries throttling through the SDK and then succeeds', async () => {
    handler = sequence(
      awsError('ThrottlingException', 'Too many requests, please wait before trying again.'),
      awsError('ThrottlingException', 'Too many requests, please wait before trying again.'),
      toolUseReply(sampleProposal())
    )
    const r = await nova().propose(prompt)
    expect(r.attempts).toBe(3)
    expect(server.requests).toHaveLength(3)
    // The SDK marks retries in its own header.
    expect(server.requests[2]!.headers['amz-sdk-request']).toMatch(/attempt=3/)
  })

  it('retries model timeouts (408) and 503s too', async () => {
    handler = sequence(
      awsError('ModelTimeoutException', 'Model has timed out in processing the request.'),
      awsError('ServiceUnavailableException', 'Service unavailable.'),
      toolUseReply(sampleProposal())
    )
    const r = await nova().propose(prompt)
    expect(r.attempts).toBe(3)
  })

  it('bounds the retries when throttling never stops', async () => {
    handler = sequence(awsError('ThrottlingException', 'Too many requests'))
    const started = Date.now()
    const err = await nova({ maxRetries: 2 })
      .propose(prompt)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ModelUnavailableError)
    expect((err as ModelUnavailableError).reason).toBe('throttled')
    expect((err as Error).message).toMatch(/3 attempts/)
    expect(server.requests).toHaveLength(3)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('turns "input is too long" into PromptTooLongError without retrying', async () => {
    handler = sequence(awsError('ValidationException', 'Input is too long for requested model.'))
    const err = await nova()
      .propose(prompt)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PromptTooLongError)
    expect(server.requests).toHaveLength(1)
  })

  it('explains AccessDenied with the model, the region and the IAM action', async () => {
    handler = sequence(
      awsError('AccessDeniedException', "You don't have access to the model with the specified model ID.")
    )
    const err = await nova()
      .propose(prompt)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ModelUnavailableError)
    const e = err as ModelUnavailableError
    expect(e.reason).toBe('access')
    expect(e.isConfigProblem).toBe(true)
    expect(e.message).toContain(DEFAULT_MODEL_ID)
    expect(e.message).toContain('us-east-1')
    expect(e.message).toContain('bedrock:InvokeModel')
    expect(server.requests).toHaveLength(1)
  })

  it('explains an unknown model id', async () => {
    handler = sequence(awsError('ResourceNotFoundException', 'Model not found.'))
    const err = await nova()
      .propose(prompt)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ModelUnavailableError)
    expect((err as ModelUnavailableError).reason).toBe('model-id')
    expect((err as Error).message).toMatch(/inference profile/)
  })

  it('falls back to toolChoice "any" when the model refuses a forced tool', async () => {
    handler = req =>
      req.body.toolConfig.toolChoice.tool
        ? awsError(
            'ValidationException',
            "This model doesn't support the toolConfig.toolChoice.tool field. Remove toolConfig.toolChoice.tool and try again."
          )
        : toolUseReply(sampleProposal())
    const logs: string[] = []
    const client = nova({ log: m => logs.push(m) })
    const r = await client.propose(prompt)
    expect(r.proposal.confidence).toBe(0.86)
    expect(server.requests.map(q => Object.keys(q.body.toolConfig.toolChoice)[0])).toEqual(['tool', 'any'])
    expect(logs.join('\n')).toMatch(/retrying with any/)
    // Remembered for the next call.
    await client.propose(prompt)
    expect(server.requests[2]!.body.toolConfig.toolChoice).toEqual({ any: {} })
  })
})

describe('NovaClient lookup rounds (read-only tools in the same conversation)', () => {
  const specs = [{ name: 'read_file', description: 'read a file', schema: { type: 'object' } }]

  it('answers lookup calls with toolResults, allows any tool while rounds remain, then forces the proposal', async () => {
    const calls: { name: string; input: unknown }[] = []
    handler = sequence(
      toolUseReply(
        { path: 'src/a.py', reason: 'the failing import' },
        { name: 'read_file', toolUseId: 'look1' }
      ),
      toolUseReply({ path: 'src/b.py', reason: 'its caller' }, { name: 'read_file', toolUseId: 'look2' }),
      toolUseReply(sampleProposal())
    )
    const got = await nova().propose(prompt, {
      lookup: {
        specs,
        maxRounds: 2,
        run: (name, input) => {
          calls.push({ name, input })
          return Promise.resolve({ ok: true, text: `content of ${(input as { path: string }).path}` })
        }
      }
    })
    expect(got.lookups).toBe(2)
    expect(calls.map(c => (c.input as { path: string }).path)).toEqual(['src/a.py', 'src/b.py'])
    expect(server.requests).toHaveLength(3)
    interface Body {
      toolConfig: { toolChoice: unknown; tools: { toolSpec: { name: string } }[] }
      messages: { content: { toolResult?: unknown }[] }[]
    }
    const [first, second, third] = server.requests.map(r => r.body as Body)
    if (!first || !second || !third) throw new Error('three requests expected')
    expect(first.toolConfig.toolChoice).toEqual({ any: {} })
    expect(first.toolConfig.tools.map(t => t.toolSpec.name)).toEqual([PROPOSAL_TOOL_NAME, 'read_file'])
    expect(second.toolConfig.toolChoice).toEqual({ any: {} })
    // After two lookup turns the proposal tool is forced; the results went back as toolResults of their calls.
    expect(third.toolConfig.toolChoice).toEqual({ tool: { name: PROPOSAL_TOOL_NAME } })
    const results = third.messages.flatMap(m => m.content.filter(b => b.toolResult))
    expect(results).toEqual([
      { toolResult: { toolUseId: 'look1', content: [{ text: 'content of src/a.py' }], status: 'success' } },
      { toolResult: { toolUseId: 'look2', content: [{ text: 'content of src/b.py' }], status: 'success' } }
    ])
    expect(got.proposal).toEqual(sampleProposal())
  })

  it('offers no lookup tools unless asked to', async () => {
    handler = sequence(toolUseReply(sampleProposal()))
    const got = await nova().propose(prompt)
    expect(got.lookups).toBe(0)
    expect(server.requests[0]?.body.toolConfig.tools).toHaveLength(1)
    expect(server.requests[0]?.body.toolConfig.toolChoice).toEqual({ tool: { name: PROPOSAL_TOOL_NAME } })
  })
})
