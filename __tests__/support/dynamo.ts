// dynalite (in memory) on a loopback port, behind a small HTTP proxy that can inject faults at the HTTP layer, so
// tests through the real AWS SDK see its retries run. Point the client at `endpoint` with
// AWS_ENDPOINT_URL_DYNAMODB=<endpoint>. No jest here: end-to-end tests run it for a child process too.
import http from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void
  close(cb: (err?: Error) => void): void
  address(): AddressInfo | string | null
  closeAllConnections?: () => void
}
type DynaliteFactory = (opts: {
  createTableMs?: number
  deleteTableMs?: number
  updateTableMs?: number
}) => DynaliteServer

// dynalite ships no types: load it through require with a typed signature.
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory

export interface Fault {
  /** Only requests for this operation (X-Amz-Target suffix, e.g. 'PutItem'); all when absent. */
  op?: string
  status: number
  type: string
  message: string
  /** Forward the request first, then answer the fault: the write happened, its response was lost. */
  afterForward?: boolean
}

export interface DynamoRequest {
  /** Operation from X-Amz-Target, e.g. 'PutItem'. */
  op: string
  body: string
  /** The fault answered instead of forwarding, if any. */
  fault?: string
}

export interface LocalDynamo {
  /** The proxy: what clients use (AWS_ENDPOINT_URL_DYNAMODB). */
  endpoint: string
  /** dynalite itself, without faults. */
  directEndpoint: string
  /** Every request the proxy saw, in order. */
  requests: DynamoRequest[]
  /** The next n requests (of `op`, if given) are answered 400 ProvisionedThroughputExceededException (or `type`). */
  throttleNext(
    n: number,
    opts?: { op?: string; type?: 'ProvisionedThroughputExceededException' | 'ThrottlingException' }
  ): void
  /** The next n requests (of `op`, if given) are answered with this status and error type, not forwarded. */
  failNext(n: number, fault: Partial<Fault> & { status: number }): void
  /**
   * The next n requests (of `op`, if given) reach dynalite, but their responses are lost: the client gets a 500
   * InternalServerError instead (what a dropped connection or a gateway error looks like to the SDK, which retries).
   */
  loseNextResponse(n: number, opts?: { op?: string }): void
  /** Forget pending faults and recorded requests. */
  reset(): void
  close(): Promise<void>
}

const PREFIX = 'com.amazonaws.dynamodb.v20120810#'

export async function startDynamo(opts: { createTableMs?: number } = {}): Promise<LocalDynamo> {
  const ms = opts.createTableMs ?? 20
  const db = dynalite({ createTableMs: ms, deleteTableMs: ms, updateTableMs: ms })
  await new Promise<void>((resolve, reject) =>
    db.listen(0, '127.0.0.1', err => (err ? reject(err) : resolve()))
  )
  const dbPort = (db.address() as AddressInfo).port
  const faults: Fault[] = []
  const requests: DynamoRequest[] = []

  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const target = String(req.headers['x-amz-target'] ?? '')
      const op = target.split('.').pop() ?? ''
      const i = faults.findIndex(f => f.op === undefined || f.op === op)
      const f = i !== -1 ? (faults.splice(i, 1)[0] as Fault) : undefined
      const answerFault = (fault: Fault): void => {
        const payload = JSON.stringify({ __type: `${PREFIX}${fault.type}`, message: fault.message })
        res.writeHead(fault.status, {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': Buffer.byteLength(payload),
          'x-amzn-requestid': `fault-${requests.length}`
        })
        res.end(payload)
      }
      if (f && !f.afterForward) {
        requests.push({ op, body: body.toString('utf8'), fault: f.type })
        answerFault(f)
        return
      }
      requests.push({
        op,
        body: body.toString('utf8'),
        ...(f ? { fault: `${f.type} (after forwarding)` } : {})
      })
      const headers = { ...req.headers, host: `127.0.0.1:${dbPort}` }
      const up = http.request(
        { host: '127.0.0.1', port: dbPort, method: req.method, path: req.url, headers },
        upRes => {
          if (f) {
            upRes.resume()
            upRes.on('end', () => answerFault(f))
            return
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers)
          upRes.pipe(res)
        }
      )
      up.on('error', e => {
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end(String(e))
      })
      up.end(body)
    })
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
  const proxyPort = (proxy.address() as AddressInfo).port

  const push = (n: number, f: Fault): void => {
    for (let k = 0; k < n; k++) faults.push({ ...f })
  }
  return {
    endpoint: `http://127.0.0.1:${proxyPort}`,
    directEndpoint: `http://127.0.0.1:${dbPort}`,
    requests,
    throttleNext(n, o = {}) {
      const type = o.type ?? 'ProvisionedThroughputExceededException'
      push(n, {
        op: o.op,
        status: 400,
        type,
        message:
          type === 'ThrottlingException'
            ? 'Rate of requests exceeds the allowed throughput.'
            : 'The level of configured provisioned throughput for the table was exceeded.'
      })
    },
    failNext(n, f) {
      push(n, {
        op: f.op,
        status: f.status,
        type: f.type ?? (f.status >= 500 ? 'InternalServerError' : 'ValidationException'),
        message: f.message ?? 'injected fault'
      })
    },
    loseNextResponse(n, o = {}) {
      push(n, {
        op: o.op,
        status: 500,
        type: 'InternalServerError',
        message: 'response lost',
        afterForward: true
      })
    },
    reset() {
      faults.length = 0
      requests.length = 0
    },
    close: async () => {
      proxy.closeAllConnections()
      await new Promise<void>(resolve => proxy.close(() => resolve()))
      db.closeAllConnections?.()
      await new Promise<void>(resolve => db.close(() => resolve()))
    }
  }
}
