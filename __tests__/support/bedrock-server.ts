// A loopback Bedrock Runtime that speaks the Converse API over cleartext HTTP/2 (h2c), the protocol the SDK's
// NodeHttp2Handler uses. Point the real client at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME=<url>.
// No jest here: end-to-end tests run it in the test process and point a child process (the bundle) at it.
import http2 from 'node:http2'
import type { AddressInfo } from 'node:net'

/** Parsed JSON as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export interface ConverseCall {
  /** Model id decoded from the path /model/{modelId}/converse. */
  modelId: string
  body: Json
  raw: string
  headers: Record<string, string>
  /** 0-based position among all requests this server received. */
  index: number
}

export interface ConverseReply {
  status?: number
  body?: unknown
  headers?: Record<string, string>
}

export type ConverseHandler = (req: ConverseCall) => ConverseReply | Promise<ConverseReply>

export interface BedrockServer {
  url: string
  requests: ConverseCall[]
  close(): Promise<void>
}

export async function startBedrock(handler: ConverseHandler): Promise<BedrockServer> {
  const requests: ConverseCall[] = []
  const sessions = new Set<http2.ServerHttp2Session>()
  const server = http2.createServer()
  server.on('session', s => {
    sessions.add(s)
    s.on('close', () => sessions.delete(s))
  })
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const path = String(headers[':path'] ?? '')
        const m = /^\/model\/([^/]+)\/converse$/.exec(path.split('?')[0] ?? '')
        let reply: ConverseReply
        if (headers[':method'] !== 'POST' || !m) {
          reply = awsError(
            'UnknownOperationException',
            `no route for ${String(headers[':method'])} ${path}`,
            404
          )
        } else {
          let body: Json
          try {
            body = raw === '' ? {} : JSON.parse(raw)
          } catch {
            body = undefined
          }
          const flat: Record<string, string> = {}
          for (const [k, v] of Object.entries(headers)) if (!k.startsWith(':')) flat[k] = String(v)
          const call: ConverseCall = {
            modelId: decodeURIComponent(m[1] as string),
            body,
            raw,
            headers: flat,
            index: requests.length
          }
          requests.push(call)
          try {
            reply = await handler(call)
          } catch (e) {
            reply = awsError('InternalServerException', `test handler failed: ${String(e)}`, 500)
          }
        }
        if (stream.destroyed || stream.closed) return
        const payload = reply.body === undefined ? '' : JSON.stringify(reply.body)
        stream.respond({
          ':status': reply.status ?? 200,
          'content-type': 'application/json',
          'x-amzn-requestid': `req-${requests.length}`,
          ...reply.headers
        })
        stream.end(payload)
      })()
    })
    stream.on('error', () => {})
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sessions) s.destroy()
        server.close(() => resolve())
      })
  }
}

export interface ReplyOptions {
  inputTokens?: number
  outputTokens?: number
  stopReason?: string
}

function usage(o: ReplyOptions): { inputTokens: number; outputTokens: number; totalTokens: number } {
  const inputTokens = o.inputTokens ?? 1200
  const outputTokens = o.outputTokens ?? 180
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }
}

/** A Converse reply whose assistant message calls a tool (by default the proposal tool) with `input`. */
export function toolUseReply(
  input: unknown,
  opts: ReplyOptions & { name?: string; toolUseId?: string; text?: string } = {}
): ConverseReply {
  const content: unknown[] = []
  if (opts.text !== undefined) content.push({ text: opts.text })
  content.push({
    toolUse: { toolUseId: opts.toolUseId ?? 'tooluse_fixflow_1', name: opts.name ?? 'propose_fix', input }
  })
  return {
    body: {
      output: { message: { role: 'assistant', content } },
      stopReason: opts.stopReason ?? 'tool_use',
      usage: usage(opts),
      metrics: { latencyMs: 42 }
    }
  }
}

/** A Converse reply holding only text (the model ignored the tool). */
export function textReply(text: string, opts: ReplyOptions = {}): ConverseReply {
  return {
    body: {
      output: { message: { role: 'assistant', content: [{ text }] } },
      stopReason: opts.stopReason ?? 'end_turn',
      usage: usage(opts),
      metrics: { latencyMs: 42 }
    }
  }
}

/** HTTP status Bedrock Runtime answers each error type with. */
export const BEDROCK_ERROR_STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ServiceQuotaExceededException: 400,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelNotReadyException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
  UnrecognizedClientException: 403
}

/** An AWS JSON error reply: the type in x-amzn-errortype, the message in the body. */
export function awsError(type: string, message: string, status?: number): ConverseReply {
  return {
    status: status ?? BEDROCK_ERROR_STATUS[type] ?? 400,
    headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
    body: { message }
  }
}

/** A valid proposal, for tests that need one. */
export function sampleProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    root_cause:
      "The test job fails with ModuleNotFoundError: No module named 'pandas'; requirements.txt lacks it.",
    files_to_modify: [
      {
        file_path: 'requirements.txt',
        original: 'numpy==2.1.0\n',
        replacement: 'numpy==2.1.0\npandas==2.2.3\n'
      }
    ],
    confidence: 0.86,
    commit_message: 'fix(deps): add missing pandas to requirements.txt',
    ...overrides
  }
}
