// The bounded second look through the bundle: the loopback model asks for a file it was not shown (read_file),
// is refused a secret-looking one, then proposes a patch to the file it read. The comment lists what it saw.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { toolUseReply, type ConverseReply } from '../support/bedrock-server.js'
import {
  analyzeRun,
  expectGreen,
  failedRun,
  seedFiles,
  startSwitchableBedrock,
  type SwitchableBedrock
} from './analyze-helpers.js'

interface Sent {
  messages: {
    role: string
    content: { text?: string; toolResult?: { content: { text: string }[]; status: string } }[]
  }[]
}

describe('analyze: the model reads one more file, then patches it', () => {
  let gh: FakeGitHub
  let bedrock: SwitchableBedrock

  beforeAll(async () => {
    ;[gh, bedrock] = await Promise.all([startGitHub(), startSwitchableBedrock()])
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close()])
  })

  it('answers read_file from the failing commit, refuses .env, and records the files the model saw', async () => {
    const sha = gh.push('main', { ...seedFiles(gh), '.env': 'API_TOKEN=fake-value-for-tests\n' }, 'initial')
    const run = failedRun(gh, sha)
    const replies: ConverseReply[] = [
      toolUseReply({ path: '.env', reason: 'maybe a token' }, { name: 'read_file', toolUseId: 'look-1' }),
      toolUseReply(
        { path: 'weather_report/fetch.py', reason: 'report.py imports fetch_hourly from it' },
        { name: 'read_file', toolUseId: 'look-2' }
      ),
      toolUseReply({
        root_cause: 'fetch.py waits 10 s for the API; the test needs a shorter timeout.',
        files_to_modify: [
          {
            file_path: 'weather_report/fetch.py',
            original: '    reply = requests.get(URL, params=params, timeout=10)\n',
            replacement: '    reply = requests.get(URL, params=params, timeout=5)\n'
          }
        ],
        confidence: 0.6
      })
    ]
    let i = 0
    bedrock.handle = () => replies[Math.min(i++, replies.length - 1)]!
    const mark = bedrock.requests.length
    const r = await analyzeRun({ gh, run, bedrock })
    expectGreen(r)
    expect(r.outputs.status).toBe('pending')

    const sent = bedrock.since(mark)
    expect(sent).toHaveLength(3)
    const last = sent[2]!.body as Sent
    const results = last.messages.flatMap(m => m.content.flatMap(b => (b.toolResult ? [b.toolResult] : [])))
    expect(results[0]).toMatchObject({ status: 'error' })
    expect(results[0]!.content[0]!.text).toMatch(/secrets/)
    expect(JSON.stringify(last)).not.toContain('fake-value-for-tests')
    expect(results[1]).toMatchObject({ status: 'success' })
    expect(results[1]!.content[0]!.text).toContain('def fetch_hourly(city: str)')

    const body = gh.commentsOn({ kind: 'commit', sha })[0]?.body ?? ''
    expect(body).toContain('-    reply = requests.get(URL, params=params, timeout=10)')
    expect(body).toMatch(/<details><summary>Files the model saw: \d+<\/summary>/)
    // The model's reason is escaped like any model prose (`_` -> `\_`).
    expect(body).toMatch(
      /`weather_report\/fetch\.py` — read by the model: report\.py imports fetch\\_hourly from it/
    )
    expect(body).toContain('`requirements.txt` — dependency manifest')
    expect(body).not.toContain('`.env`')
  })
})
