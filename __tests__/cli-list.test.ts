// `fixflow list --status/--json` through the real AWS SDK against dynalite: the repository index filtered by status
// (paged past items that do not match), every repository through the status index, and --json as failures.json.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DynamoStore } from '../src/store/dynamo.js'
import { initTable } from '../src/store/init-table.js'
import { listCommand } from '../src/cli/list.js'
import { dashboardCommand } from '../src/cli/dashboard-command.js'
import type { FailureItem } from '../src/render/dashboard-page.js'
import { makeRecord } from '../__fixtures__/proposal-record.js'
import { startDynamo, type LocalDynamo } from './support/dynamo.js'

const TABLE = 'fixflow_list'
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
  // Oldest first (makeRecord's timestamps increase): one merged proposal under four newer pending ones.
  await store.save(makeRecord({ failure_id: 'app-1-1', repo_name: 'octo/app', status: 'merged' }))
  for (const n of [2, 3, 4, 5]) {
    await store.save(makeRecord({ failure_id: `app-${n}-1`, repo_name: 'octo/app', status: 'pending' }))
  }
  await store.save(
    makeRecord({
      failure_id: 'api-6-1',
      repo_name: 'octo/api',
      status: 'pending',
      pr_url: 'https://github.com/octo/api/pull/9\u001b]0;pwned\u0007'
    })
  )
  store.destroy()
  out = mkdtempSync(join(tmpdir(), 'fixflow-list-'))
})

afterAll(async () => {
  process.env = saved
  rmSync(out, { recursive: true, force: true })
  await dyn.close()
})

/** Runs `list` in-process and returns what it printed. */
async function list(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(c => ((stdout += String(c)), true))
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(c => ((stderr += String(c)), true))
  try {
    const code = await listCommand(['--table', TABLE, ...args])
    return { code, stdout, stderr }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

const ids = (stdout: string): string[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(l => l.split('\t')[0] ?? '')

describe('fixflow list --status and --json', () => {
  it('--repo --status: only that status, found past newer items of other statuses', async () => {
    dyn.reset()
    const r = await list(['--repo', 'octo/app', '--status', 'merged', '--limit', '1'])
    expect(r.code).toBe(0)
    expect(ids(r.stdout)).toEqual(['app-1-1'])
    expect(r.stdout.split('\t')[1]).toBe('merged')
    // The four pending items came first on the index: the filter read on until one matched.
    expect(dyn.requests.filter(q => q.op === 'Query').length).toBeGreaterThan(1)
  })

  it('--status without --repo: every repository through the status index, newest first', async () => {
    dyn.reset()
    const r = await list(['--status', 'pending'])
    expect(r.code).toBe(0)
    expect(ids(r.stdout)).toEqual(['api-6-1', 'app-5-1', 'app-4-1', 'app-3-1', 'app-2-1'])
    expect(dyn.requests.map(q => q.op)).not.toContain('Scan')
    // A value from the table cannot drive the terminal.
    expect(r.stdout).not.toContain('\u001b')
    expect(r.stdout).toContain('<U+001B>]0;pwned<U+0007>')
  })

  it("--json prints the same items as the dashboard's failures.json", async () => {
    const code = await dashboardCommand(['--table', TABLE, '--out', out])
    expect(code).toBe(0)
    const page = JSON.parse(readFileSync(join(out, 'failures.json'), 'utf8')) as FailureItem[]

    const all = await list(['--repo', 'octo/app', '--json'])
    expect(all.code).toBe(0)
    expect(JSON.parse(all.stdout)).toEqual(page.filter(i => i.repo_name === 'octo/app'))

    const pending = await list(['--status', 'pending', '--json'])
    expect(JSON.parse(pending.stdout)).toEqual(page.filter(i => i.status === 'pending'))
    expect(JSON.parse((await list(['--status', 'stale', '--json'])).stdout)).toEqual([])
  })

  it('refuses a bad status, a list of everything, and a thread without its repository', async () => {
    await expect(list(['--repo', 'octo/app', '--status', 'open'])).rejects.toThrow(
      "--status is 'open'; expected one of pending, approved, rejected, resolved, failed, merged, stale"
    )
    await expect(list([])).rejects.toThrow('list needs --repo OWNER/NAME, or --status S for every repository')
    await expect(list(['--status', 'pending', '--pr', '7'])).rejects.toThrow('--pr and --commit need --repo')
    await expect(list(['--repo', 'octo/app', '--limit', '0'])).rejects.toThrow('--limit wants a positive')
  })
})
