// `fixflow dashboard` through the real AWS SDK against dynalite: the page and failures.json from the table, by
// repository or across all of them through the status index.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DynamoStore } from '../src/store/dynamo.js'
import { initTable } from '../src/store/init-table.js'
import { dashboardCommand } from '../src/cli/dashboard-command.js'
import type { FailureItem } from '../src/render/dashboard-page.js'
import { makeRecord } from '../__fixtures__/proposal-record.js'
import { startDynamo, type LocalDynamo } from './support/dynamo.js'

const TABLE = 'fixflow_dash'
const saved = { ...process.env }
let dyn: LocalDynamo
let out: string

beforeAll(async () => {
  dyn = await startDynamo()
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFIXFLOWTEST0',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-loopback-tests-only',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dyn.endpoint
  })
  delete process.env.AWS_PROFILE
  delete process.env.AWS_SESSION_TOKEN
  await initTable({ table: TABLE, region: 'us-east-1', pollMs: 10 })
  const store = new DynamoStore({ table: TABLE, region: 'us-east-1' })
  await store.save(makeRecord({ failure_id: 'one-1-1', repo_name: 'octo/app', status: 'pending' }))
  await store.save(makeRecord({ failure_id: 'two-2-1', repo_name: 'octo/app', status: 'merged' }))
  await store.save(makeRecord({ failure_id: 'three-3-1', repo_name: 'octo/api', status: 'approved' }))
  out = mkdtempSync(join(tmpdir(), 'fixflow-dash-'))
})

afterAll(async () => {
  process.env = saved
  rmSync(out, { recursive: true, force: true })
  await dyn.close()
})

function written(dir: string): { html: string; items: FailureItem[] } {
  return {
    html: readFileSync(join(dir, 'index.html'), 'utf8'),
    items: JSON.parse(readFileSync(join(dir, 'failures.json'), 'utf8')) as FailureItem[]
  }
}

describe('fixflow dashboard', () => {
  it('reads every repository through the status index', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const code = await dashboardCommand(['--table', TABLE, '--out', join(out, 'all')])
    write.mockRestore()
    expect(code).toBe(0)
    const { html, items } = written(join(out, 'all'))
    expect(items.map(i => i.failure_id).sort()).toEqual(['one-1-1', 'three-3-1', 'two-2-1'])
    expect(html).toContain('three-3-1')
    expect(
      dyn.requests.filter(r => r.op !== 'Query' && r.op !== 'DescribeTable').map(r => r.op)
    ).not.toContain('Scan')
  })

  it('reads only the repositories named', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    dyn.reset()
    const code = await dashboardCommand(['--table', TABLE, '--repo', 'octo/api', '--out', join(out, 'api')])
    write.mockRestore()
    expect(code).toBe(0)
    expect(written(join(out, 'api')).items.map(i => i.failure_id)).toEqual(['three-3-1'])
    expect(dyn.requests.every(r => r.op === 'Query')).toBe(true)
  })

  it('refuses bad arguments with what to pass', async () => {
    await expect(dashboardCommand(['--table', TABLE])).rejects.toThrow(
      'dashboard needs --table NAME and --out DIR'
    )
    await expect(dashboardCommand(['--table', TABLE, '--out', out, '--repo', '../x'])).rejects.toThrow(
      "--repo is '../x'; expected OWNER/NAME"
    )
    await expect(dashboardCommand(['--table', TABLE, '--out', out, '--limit', '9999'])).rejects.toThrow(
      '--limit is 9999; at most 5000'
    )
    await expect(dashboardCommand(['--table', TABLE, '--out', out, '--bogus'])).rejects.toThrow(
      "Unknown option '--bogus'"
    )
  })
})
