// ProposalStore on DynamoDB through the low-level client. One item per proposal, attributes named as in
// ProposalRecord (src/types.ts). Every status change is a conditional write on the previous status. Redirected only
// through AWS_ENDPOINT_URL_DYNAMODB, which the SDK reads itself.
import type {
  AttributeValue,
  DynamoDBClient,
  DynamoDBClientConfig,
  QueryCommandInput
} from '@aws-sdk/client-dynamodb'
import { BoundedRetryStrategy } from '../aws/retry.js'
import type { ProposalRecord, Status } from '../types.js'
import { errorMessage } from '../errors.js'
import { StoreConfigError, StoreUnavailableError, type Claim, type ProposalStore } from './store.js'

export const STATUS_INDEX = 'status-timestamp-index'
export const REPO_INDEX = 'repo-timestamp-index'

/** The IAM actions the action needs on the table and its indexes. */
export const REQUIRED_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query'
]

export interface DynamoStoreOptions {
  table: string
  region: string
  /** Used as is (its own retry settings apply); otherwise one is built here. */
  client?: DynamoDBClient
  /** HTTP handler for the built client (tests), e.g. a NodeHttpHandler instance or its options. */
  requestHandler?: DynamoDBClientConfig['requestHandler']
  /** Attempts in all for throttling and 5xx (default 4). */
  maxAttempts?: number
  /** Base of the exponential backoff (default 100 ms; tests pass a few ms). */
  retryBaseDelayMs?: number
  log?: (msg: string) => void
}

// ---------------------------------------------------------------------------------------------------------------
// Marshalling: the few DynamoDB types FixFlow stores (S, N, BOOL, NULL, L, M). Undefined values are left out.

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain | undefined }

export function marshal(value: unknown): AttributeValue {
  if (value === null) return { NULL: true }
  switch (typeof value) {
    case 'string':
      return { S: value }
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot store the number ${value} in DynamoDB`)
      return { N: String(value) }
    case 'boolean':
      return { BOOL: value }
    case 'object':
      if (Array.isArray(value)) return { L: value.map(v => marshal(v === undefined ? null : v)) }
      return { M: marshalItem(value as Record<string, unknown>) }
    default:
      throw new TypeError(`cannot store a ${typeof value} in DynamoDB`)
  }
}

export function marshalItem(obj: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {}
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = marshal(v)
  return out
}

export function unmarshal(av: AttributeValue): Plain {
  if (av.S !== undefined) return av.S
  if (av.N !== undefined) return Number(av.N)
  if (av.BOOL !== undefined) return av.BOOL
  if (av.NULL !== undefined) return null
  if (av.L !== undefined) return av.L.map(unmarshal)
  if (av.M !== undefined) return unmarshalItem(av.M)
  if (av.SS !== undefined) return [...av.SS]
  if (av.NS !== undefined) return av.NS.map(Number)
  throw new TypeError(`unsupported DynamoDB attribute type ${Object.keys(av).join(',')}`)
}

export function unmarshalItem(item: Record<string, AttributeValue>): { [k: string]: Plain } {
  const out: { [k: string]: Plain } = {}
  for (const [k, v] of Object.entries(item)) out[k] = unmarshal(v)
  return out
}

// ---------------------------------------------------------------------------------------------------------------

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException'
])
const CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'CredentialsProviderError'
])
/** Attributes that identify an item; `transition` never rewrites them. */
const IMMUTABLE = new Set(['failure_id'])
const MAX_PAGES = 20

type DynamoSdk = typeof import('@aws-sdk/client-dynamodb')

export class DynamoStore implements ProposalStore {
  readonly kind = 'dynamodb' as const
  readonly table: string
  readonly region: string
  private readonly log: (msg: string) => void
  private readonly opts: DynamoStoreOptions
  private sdk?: Promise<{ mod: DynamoSdk; client: DynamoDBClient }>
  /** The client once built, for destroy(). */
  private client?: DynamoDBClient

  constructor(opts: DynamoStoreOptions) {
    this.table = opts.table
    this.region = opts.region
    this.log = opts.log ?? (() => {})
    this.opts = opts
  }

  /**
   * The SDK and its client, loaded on the first request: most runs of the action keep proposals in their threads,
   * and the SDK is a large part of the bundle, so only a run that uses the table pays its parse time (ncc emits it
   * as a chunk next to dist/index.js).
   */
  private connect(): Promise<{ mod: DynamoSdk; client: DynamoDBClient }> {
    this.sdk ??= import('@aws-sdk/client-dynamodb').then(mod => {
      const opts = this.opts
      const maxAttempts = Math.max(1, opts.maxAttempts ?? 4)
      this.client =
        opts.client ??
        new mod.DynamoDBClient({
          region: opts.region,
          customUserAgent: 'fixflow',
          maxAttempts,
          retryStrategy: new BoundedRetryStrategy(maxAttempts, opts.retryBaseDelayMs ?? 100, {
            maxDelayMs: 10_000
          }),
          ...(opts.requestHandler !== undefined ? { requestHandler: opts.requestHandler } : {})
        })
      return { mod, client: this.client }
    })
    return this.sdk
  }

  /** Closes idle connections so the process can exit at once. */
  destroy(): void {
    this.client?.destroy()
  }

  /**
   * Writes the proposal. A second save of the same failure_id replaces the item only while it is still pending, so
   * a re-run of the same attempt neither duplicates it nor clobbers an approved, rejected or resolved proposal.
   */
  async save(record: ProposalRecord): Promise<void> {
    try {
      const { mod, client } = await this.connect()
      await client.send(
        new mod.PutItemCommand({
          TableName: this.table,
          Item: marshalItem(record as unknown as Record<string, unknown>),
          ConditionExpression: 'attribute_not_exists(failure_id) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': { S: 'pending' } }
        })
      )
    } catch (e) {
      if (nameOf(e) === 'ConditionalCheckFailedException') {
        this.log(`dynamodb: ${record.failure_id} is no longer pending; the earlier item is kept`)
        return
      }
      throw this.mapError(e, 'PutItem')
    }
  }

  async get(failureId: string): Promise<ProposalRecord | undefined> {
    try {
      const { mod, client } = await this.connect()
      const out = await client.send(
        new mod.GetItemCommand({
          TableName: this.table,
          Key: { failure_id: { S: failureId } },
          ConsistentRead: true
        })
      )
      return out.Item ? (unmarshalItem(out.Item) as unknown as ProposalRecord) : undefined
    } catch (e) {
      throw this.mapError(e, 'GetItem')
    }
  }

  /**
   * Conditional status change (see ProposalStore). With a claim, the token and claimed_at are written with it, and
   * the same write also succeeds when the item is already in `to` under this token: the SDK retries a write whose
   * response was lost, and without the token that retry would fail its own condition and report "already
   * approved" for an approve that won. With `takeOver`, an approved item without pr_url held by that token moves
   * to this token instead.
   */
  async transition(
    failureId: string,
    from: Status | Status[],
    to: Status,
    fields: Partial<ProposalRecord> = {},
    claim?: Claim
  ): Promise<boolean> {
    const froms = Array.isArray(from) ? from : [from]
    if (froms.length === 0) return false
    const names: Record<string, string> = { '#status': 'status' }
    const values: Record<string, AttributeValue> = { ':to': { S: to } }
    const sets = ['#status = :to']
    froms.forEach((s, i) => {
      values[`:from${i}`] = { S: s }
    })
    const updates: Record<string, unknown> = { updated_at: new Date().toISOString(), ...fields }
    delete updates['status']
    delete updates['claim_token']
    delete updates['claimed_at']
    let i = 0
    for (const [k, v] of Object.entries(updates)) {
      if (v === undefined || IMMUTABLE.has(k)) continue
      names[`#f${i}`] = k
      values[`:f${i}`] = marshal(v)
      sets.push(`#f${i} = :f${i}`)
      i++
    }
    let condition = `#status IN (${froms.map((_, j) => `:from${j}`).join(', ')})`
    if (claim) {
      names['#claim'] = 'claim_token'
      names['#claimed'] = 'claimed_at'
      values[':claim'] = { S: claim.token }
      values[':claimed'] = { S: new Date().toISOString() }
      sets.push('#claim = :claim', '#claimed = :claimed')
      if (claim.held) condition = `(${condition} AND #claim = :claim)`
      // Already where this claim was going: our own earlier write, whose answer was lost.
      condition = `${condition} OR (#status = :to AND #claim = :claim)`
      if (claim.takeOver !== undefined) {
        names['#pr'] = 'pr_url'
        values[':previous'] = { S: claim.takeOver }
        values[':approved'] = { S: 'approved' }
        condition += ' OR (#status = :approved AND #claim = :previous AND attribute_not_exists(#pr))'
      }
    }
    try {
      const { mod, client } = await this.connect()
      await client.send(
        new mod.UpdateItemCommand({
          TableName: this.table,
          Key: { failure_id: { S: failureId } },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `attribute_exists(failure_id) AND (${condition})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values
        })
      )
      return true
    } catch (e) {
      if (nameOf(e) === 'ConditionalCheckFailedException') return false
      throw this.mapError(e, 'UpdateItem')
    }
  }

  /**
   * The repository's newest proposals (the dashboard), newest first; with `status`, only those in it. The status is
   * a filter on the repository index, applied after each page is read, so pages are read until `limit` items match.
   */
  async listRecent(repo: string, limit = 20, status?: Status): Promise<ProposalRecord[]> {
    const input: QueryCommandInput = {
      TableName: this.table,
      IndexName: REPO_INDEX,
      KeyConditionExpression: 'repo_name = :repo',
      ExpressionAttributeValues: { ':repo': { S: repo } },
      ScanIndexForward: false
    }
    if (status !== undefined) {
      input.FilterExpression = '#status = :status'
      input.ExpressionAttributeNames = { '#status': 'status' }
      ;(input.ExpressionAttributeValues as Record<string, AttributeValue>)[':status'] = { S: status }
    }
    return this.queryUpTo(input, limit)
  }

  /**
   * Proposals in one status across every repository, newest first (the static dashboard): the status index, paged,
   * at most `limit` items.
   */
  async listByStatus(status: Status, limit = 200): Promise<ProposalRecord[]> {
    return this.queryUpTo(
      {
        TableName: this.table,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': { S: status } },
        ScanIndexForward: false
      },
      limit
    )
  }

  /** Pages a query until `limit` items came back (each page asks only for what is missing) or the pages run out. */
  private async queryUpTo(input: QueryCommandInput, limit: number): Promise<ProposalRecord[]> {
    const out: ProposalRecord[] = []
    try {
      const { mod, client } = await this.connect()
      let start: Record<string, AttributeValue> | undefined
      for (let page = 0; page < MAX_PAGES && out.length < limit; page++) {
        const res = await client.send(
          new mod.QueryCommand({ ...input, Limit: limit - out.length, ExclusiveStartKey: start })
        )
        for (const item of res.Items ?? []) out.push(unmarshalItem(item) as unknown as ProposalRecord)
        start = res.LastEvaluatedKey
        if (!start) break
      }
    } catch (e) {
      throw this.mapError(e, 'Query')
    }
    return out
  }

  /**
   * Proposals of one thread, newest first: a PR's (by pr_number), or a commit's when there is no PR (by commit_sha,
   * items without pr_number). Reads the repository index; GSI reads are eventually consistent.
   */
  async listForThread(
    repo: string,
    thread: { pr_number?: number; commit_sha?: string }
  ): Promise<ProposalRecord[]> {
    const input: QueryCommandInput = {
      TableName: this.table,
      IndexName: REPO_INDEX,
      KeyConditionExpression: 'repo_name = :repo',
      ScanIndexForward: false,
      ExpressionAttributeValues: { ':repo': { S: repo } }
    }
    const values = input.ExpressionAttributeValues as Record<string, AttributeValue>
    if (thread.pr_number !== undefined) {
      input.FilterExpression = 'pr_number = :pr'
      values[':pr'] = { N: String(thread.pr_number) }
    } else if (thread.commit_sha !== undefined) {
      input.FilterExpression = 'commit_sha = :sha AND attribute_not_exists(pr_number)'
      values[':sha'] = { S: thread.commit_sha }
    } else {
      return []
    }
    const out: ProposalRecord[] = []
    try {
      const { mod, client } = await this.connect()
      let start: Record<string, AttributeValue> | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await client.send(new mod.QueryCommand({ ...input, ExclusiveStartKey: start }))
        for (const item of res.Items ?? []) out.push(unmarshalItem(item) as unknown as ProposalRecord)
        start = res.LastEvaluatedKey
        if (!start) break
      }
    } catch (e) {
      throw this.mapError(e, 'Query')
    }
    // The index orders by timestamp; equal timestamps fall back to the id for a stable order.
    return out.sort((a, b) =>
      a.timestamp === b.timestamp
        ? b.failure_id.localeCompare(a.failure_id)
        : a.timestamp < b.timestamp
          ? 1
          : -1
    )
  }

  private mapError(e: unknown, op: string): Error {
    const name = nameOf(e)
    const msg = errorMessage(e)
    const where = `DynamoDB table "${this.table}" in ${this.region}`
    if (name === 'ResourceNotFoundException') {
      return new StoreConfigError(
        `${where} was not found (or lacks the index ${REPO_INDEX}): ${msg}. Create it with ` +
          `\`fixflow init-table --table ${this.table} --region ${this.region}\` or the CloudFormation template in ` +
          `docs/cloudformation.yml, or fix the dynamodb-table / aws-region inputs.`
      )
    }
    if (name === 'AccessDeniedException') {
      return new StoreConfigError(
        `Access to ${where} was denied (${op}): ${msg}. Allow ${REQUIRED_ACTIONS.join(', ')} on ` +
          `arn:aws:dynamodb:${this.region}:<account>:table/${this.table} and .../table/${this.table}/index/* ` +
          `in the role's IAM policy (docs/aws-setup.md).`
      )
    }
    if (CREDENTIALS.has(name)) {
      return new StoreConfigError(
        `AWS credentials were refused or missing for ${where}: ${msg}. Configure them with ` +
          `aws-actions/configure-aws-credentials before FixFlow runs.`
      )
    }
    if (name === 'ValidationException' && /key|schema/i.test(msg)) {
      return new StoreConfigError(
        `${where} does not have the expected layout (${op}): ${msg}. Its partition key must be failure_id (S); ` +
          `\`fixflow init-table\` creates it right.`
      )
    }
    const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts
    const tries = attempts !== undefined ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''
    const why = THROTTLING.has(name) ? 'kept throttling requests' : 'could not be reached'
    return new StoreUnavailableError(`${where} ${why}${tries} (${op}): ${name}: ${msg}`)
  }
}

function nameOf(e: unknown): string {
  return (e as { name?: string } | undefined)?.name ?? ''
}
