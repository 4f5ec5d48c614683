// In-process flows over the DynamoDB store (support/flow-world.ts, dynalite).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { startDynamo, type LocalDynamo } from './support/dynamo.js'
import { initTable } from '../src/store/init-table.js'
import {
  AWS,
  TABLE,
  command,
  commentCtx,
  embedded,
  proposePr,
  world,
  type World
} from './support/flow-world.js'

describe('flows in process, DynamoDB store', () => {
  let w: World
  let dynamo: LocalDynamo
  let raw: DynamoDBClient
  const saved: Record<string, string | undefined> = {}
  beforeAll(async () => {
    dynamo = await startDynamo()
    const env = { ...AWS, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint }
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k]
      process.env[k] = v
    }
    raw = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamo.directEndpoint,
      credentials: { accessKeyId: AWS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS.AWS_SECRET_ACCESS_KEY }
    })
    await initTable({ table: TABLE, region: 'us-east-1', client: raw, pollMs: 20 })
    w = await world(true)
  })
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    raw.destroy()
    await Promise.all([w.gh.close(), dynamo.close()])
  })

  it('analyze stores the proposal in the table; a writer rejects it and the comment shows it', async () => {
    const { id, thread, prNumber } = await proposePr(w, 4)
    expect(embedded(w, thread, id)).toBeUndefined()
    const shown = w.gh.commentsOn(thread).find(c => c.body.includes('fixflow:run:'))
    const shownBody = shown?.body ?? ''
    expect(shownBody).toContain(id)
    w.gh.setPermission('wendy', 'write')
    const result = await command(w, commentCtx(w, prNumber, '/fixflow reject not this way', 'wendy'))
    expect(result.status).toBe('rejected')
    const after = w.gh.comments.find(c => c.id === shown?.id)?.body ?? ''
    expect(after).not.toBe(shownBody)
    expect(after.toLowerCase()).toContain('rejected')
    // A second command finds nothing pending.
    const again = await command(w, commentCtx(w, prNumber, '/fixflow approve', 'wendy'))
    expect(again.status).toBe('refused')
    expect(dynamo.requests.length).toBeGreaterThan(0)
  })
})
