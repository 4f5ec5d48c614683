// @actions/artifact is loaded only when uploading, from its own chunk beside dist/index.js: the bundle as the runner
// runs it must still find that chunk and reach the artifact service (a loopback Twirp endpoint here, set by the
// runner's own variables ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { analyzeRun, expectGreen, failedRun, seedFiles } from './analyze-helpers.js'

/** An unsigned token of the runner's shape: the artifact client reads the backend ids from its `scp` claim. */
function runtimeToken(): string {
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
  const scp =
    'Actions.GenericRead:1 Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774'
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp })}.fake-signature`
}

describe('artifact upload from the bundle', () => {
  let gh: FakeGitHub
  let results: Server
  const seen: { path: string; body: string }[] = []

  beforeAll(async () => {
    gh = await startGitHub()
    results = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        seen.push({ path: req.url ?? '', body })
        // A Twirp error that is not retried: the upload fails fast, as when the service refuses it.
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ code: 'invalid_argument', msg: 'refused by the test service' }))
      })
    })
    await new Promise<void>(r => results.listen(0, '127.0.0.1', r))
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), new Promise(r => results?.close(r))])
  })

  it('the main bundle has no artifact client in it; the chunk holds it', () => {
    const chunks = readdirSync('dist').filter(f => /^\d+\.index\.js$/.test(f))
    expect(chunks.length).toBeGreaterThan(0)
    expect(readFileSync('dist/index.js', 'utf8')).not.toContain('class DefaultArtifactClient')
    expect(chunks.some(f => readFileSync(`dist/${f}`, 'utf8').includes('class DefaultArtifactClient'))).toBe(
      true
    )
  })

  it('loads the chunk at run time and asks the artifact service to create the artifact', async () => {
    const base = gh.push('main', seedFiles(gh), 'initial')
    const run = failedRun(gh, base)
    const { port } = results.address() as AddressInfo
    const r = await analyzeRun({
      gh,
      run,
      aws: false,
      env: { ACTIONS_RUNTIME_TOKEN: runtimeToken(), ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/` }
    })
    expectGreen(r)
    const create = seen.find(s => s.path.endsWith('.ArtifactService/CreateArtifact'))
    expect(create).toBeDefined()
    expect(JSON.parse(create?.body ?? '{}')).toMatchObject({ name: `fixflow-${run.id}-1` })
    // The failure is reported and the job stays green: the proposal is already in the thread.
    expect(r.stdout).toContain(`could not upload the artifact fixflow-${run.id}-1`)
  })
})
