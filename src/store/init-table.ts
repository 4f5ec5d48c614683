// `fixflow init-table`: creates the proposals table with its two indexes (on demand) and waits until it is usable.
// Honours AWS_ENDPOINT_URL_DYNAMODB through the SDK, so a local DynamoDB or the tests' dynalite work the same way.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type TableDescription
} from '@aws-sdk/client-dynamodb'
import { errorMessage } from '../errors.js'
import { StoreConfigError } from './store.js'
import { REPO_INDEX, STATUS_INDEX } from './dynamo.js'

export interface InitTableOptions {
  table: string
  region: string
  client?: DynamoDBClient
  /** How long to wait for ACTIVE (default 5 minutes). */
  timeoutMs?: number
  /** Between two DescribeTable calls (default 2 s). */
  pollMs?: number
  log?: (msg: string) => void
}

const ATTRIBUTES = [
  { AttributeName: 'failure_id', AttributeType: 'S' as const },
  { AttributeName: 'status', AttributeType: 'S' as const },
  { AttributeName: 'repo_name', AttributeType: 'S' as const },
  { AttributeName: 'timestamp', AttributeType: 'S' as const }
]

/** Creates the table (or finds it) and waits until the table and both indexes are ACTIVE. */
export async function initTable(opts: InitTableOptions): Promise<'created' | 'exists'> {
  const client = opts.client ?? new DynamoDBClient({ region: opts.region, customUserAgent: 'fixflow' })
  const log = opts.log ?? (() => {})
  try {
    let result: 'created' | 'exists'
    try {
      await client.send(
        new CreateTableCommand({
          TableName: opts.table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: ATTRIBUTES,
          KeySchema: [{ AttributeName: 'failure_id', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            {
              IndexName: STATUS_INDEX,
              KeySchema: [
                { AttributeName: 'status', KeyType: 'HASH' },
                { AttributeName: 'timestamp', KeyType: 'RANGE' }
              ],
              Projection: { ProjectionType: 'ALL' }
            },
            {
              IndexName: REPO_INDEX,
              KeySchema: [
                { AttributeName: 'repo_name', KeyType: 'HASH' },
                { AttributeName: 'timestamp', KeyType: 'RANGE' }
              ],
              Projection: { ProjectionType: 'ALL' }
            }
          ]
        })
      )
      result = 'created'
      log(`creating table ${opts.table} in ${opts.region}`)
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceInUseException') throw e
      result = 'exists'
      log(`table ${opts.table} already exists in ${opts.region}`)
    }
    const table = await waitActive(client, opts.table, opts.timeoutMs ?? 300_000, opts.pollMs ?? 2000)
    checkLayout(table, opts.table)
    return result
  } catch (e) {
    if (e instanceof StoreConfigError) throw e
    const name = (e as { name?: string }).name ?? 'Error'
    if (name === 'AccessDeniedException')
      throw new StoreConfigError(
        `Creating ${opts.table} in ${opts.region} was denied: ${errorMessage(e)}. It needs dynamodb:CreateTable and ` +
          `dynamodb:DescribeTable (run it once with an administrator's credentials, not the action's role).`
      )
    throw e
  } finally {
    if (!opts.client) client.destroy()
  }
}

async function waitActive(
  client: DynamoDBClient,
  table: string,
  timeoutMs: number,
  pollMs: number
): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }))
    const ready =
      Table?.TableStatus === 'ACTIVE' &&
      (Table.GlobalSecondaryIndexes ?? []).every(i => i.IndexStatus === 'ACTIVE')
    if (ready && Table) return Table
    if (Date.now() >= deadline)
      throw new Error(
        `table ${table} is not ACTIVE after ${Math.round(timeoutMs / 1000)} s (status ${Table?.TableStatus})`
      )
    await new Promise(r => setTimeout(r, pollMs))
  }
}

/** An existing table must have the key and indexes FixFlow queries. */
function checkLayout(t: TableDescription, name: string): void {
  const problems: string[] = []
  const hash = t.KeySchema?.find(k => k.KeyType === 'HASH')?.AttributeName
  if (hash !== 'failure_id') problems.push(`its partition key is ${hash ?? 'unknown'}, not failure_id`)
  if ((t.KeySchema ?? []).some(k => k.KeyType === 'RANGE'))
    problems.push('it has a sort key (FixFlow needs none)')
  for (const [index, key] of [
    [STATUS_INDEX, 'status'],
    [REPO_INDEX, 'repo_name']
  ] as const) {
    const gsi = t.GlobalSecondaryIndexes?.find(i => i.IndexName === index)
    if (!gsi) problems.push(`the index ${index} (${key}, timestamp) is missing`)
    else {
      const h = gsi.KeySchema?.find(k => k.KeyType === 'HASH')?.AttributeName
      const r = gsi.KeySchema?.find(k => k.KeyType === 'RANGE')?.AttributeName
      if (h !== key || r !== 'timestamp')
        problems.push(`the index ${index} is keyed on ${h}/${r}, not ${key}/timestamp`)
    }
  }
  if (problems.length > 0)
    throw new StoreConfigError(
      `The table ${name} exists but does not fit FixFlow: ${problems.join('; ')}. Use another table name or fix it.`
    )
}
