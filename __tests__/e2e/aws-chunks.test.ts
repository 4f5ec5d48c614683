// The AWS SDK clients (DynamoDB, Bedrock Runtime) are loaded on first use, from chunks beside dist/index.js: the
// main bundle stays under 3 MB and a run that uses neither (rules, proposals in threads) never parses them. Runs
// that do use them load the chunks from dist/ at run time: every e2e test with a table or a model covers that
// (analyze-seed.test.ts: table and model through the bundle). Here: the split itself, and a run without the chunks.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { analyzeRun, expectGreen, failedRun, seedFiles } from './analyze-helpers.js'

const chunks = (dir: string): string[] => readdirSync(dir).filter(f => /^\d+\.index\.js$/.test(f))
const holding = (dir: string, text: string): string[] =>
  chunks(dir).filter(f => readFileSync(join(dir, f), 'utf8').includes(text))

describe('AWS SDK clients in their own chunks', () => {
  let gh: FakeGitHub
  let copy: string

  beforeAll(async () => {
    gh = await startGitHub()
    copy = mkdtempSync(join(tmpdir(), 'fixflow-dist-'))
  })

  afterAll(async () => {
    await gh?.close()
    rmSync(copy, { recursive: true, force: true })
  })

  it('dist/index.js is under 3 MB and has neither client in it; one chunk holds each', () => {
    expect(statSync('dist/index.js').size).toBeLessThan(3_000_000)
    const main = readFileSync('dist/index.js', 'utf8')
    for (const client of ['class DynamoDBClient ', 'class BedrockRuntimeClient ']) {
      expect(main).not.toContain(client)
      expect(holding('dist', client)).toHaveLength(1)
    }
  })

  it('a rules run that keeps its proposal in the thread needs neither chunk', async () => {
    // The bundle copied without the two client chunks: had anything loaded them, the run would fail.
    cpSync('dist', copy, { recursive: true })
    const aws = [...holding(copy, 'class DynamoDBClient '), ...holding(copy, 'class BedrockRuntimeClient ')]
    expect(aws).toHaveLength(2)
    for (const f of aws) rmSync(join(copy, f))

    const sha = gh.push('main', seedFiles(gh), 'initial')
    const run = failedRun(gh, sha)
    const r = await analyzeRun({ gh, run, aws: false, entry: join(copy, 'index.js') })
    expectGreen(r)
    expect(r.outputs.status).toBe('pending')
    const body = gh.commentsOn({ kind: 'commit', sha })[0]?.body ?? ''
    expect(body).toContain('built-in rules')
    expect(body).toMatch(/^\+pandas/m)
  })
})
