// `init-table --table NAME [--region R]`: creates the DynamoDB table and its indexes.
import { initTable } from '../store/init-table.js'
import { defineCommand, parseCommand, UsageError } from './args.js'

export const initTableSpec = defineCommand({
  name: 'init-table',
  summary:
    'Creates the DynamoDB table FixFlow keeps proposals in, with its indexes (honours AWS_ENDPOINT_URL_DYNAMODB).',
  options: {
    table: { type: 'string', value: 'NAME', help: 'table name (required)' },
    region: {
      type: 'string',
      value: 'R',
      help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
    }
  },
  notes: [
    'Credentials come from the environment: AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'
  ]
})

export function regionOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1'
}

export async function initTableCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(initTableSpec, argv)
  if (!parsed) return 0
  const { table } = parsed.values
  if (!table) throw new UsageError('init-table needs --table NAME')
  const region = regionOf(parsed.values.region)
  const result = await initTable({ table, region })
  process.stdout.write(`table ${table} in ${region}: ${result}\n`)
  return 0
}
