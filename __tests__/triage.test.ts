import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  MAX_LINE,
  TAIL_LINES,
  triage,
  type TriageFacts,
  type TriageKind
} from '../src/analysis/triage/index.js'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'triage')
interface Labeled {
  file: string
  label: TriageKind
  note: string
  facts?: TriageFacts
}
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Labeled[]
const load = (file: string): string => readFileSync(join(dir, file), 'utf8')

// An Actions job log around one step's output: timestamps, a group per step, the runner's failure mark.
function actionsLog(step: string, body: string[], exitCode = 1): string {
  const lines = [
    '##[group]Run actions/checkout@v4',
    'Syncing repository: octo/app',
    '##[endgroup]',
    `##[group]Run ${step}`,
    step,
    '##[endgroup]',
    ...body,
    `##[error]Process completed with exit code ${exitCode}.`,
    'Post job cleanup.',
    'Cleaning up orphan processes'
  ]
  return (
    lines.map((l, i) => `2026-03-14T09:00:${String(i % 60).padStart(2, '0')}.0000000Z ${l}`).join('\n') + '\n'
  )
}

describe('triage on the labeled fixtures', () => {
  it('has the fixtures the measure needs', () => {
    const count = (k: TriageKind): number => index.filter(e => e.label === k).length
    expect(index.length).toBeGreaterThanOrEqual(40)
    expect(count('transient')).toBeGreaterThanOrEqual(15)
    expect(count('infrastructure')).toBeGreaterThanOrEqual(5)
    expect(count('code')).toBeGreaterThanOrEqual(15)
  })

  it.each(index.map(e => [e.file, e] as const))('%s', (_file, e) => {
    const v = triage(load(e.file), e.facts)
    expect({ file: e.file, kind: v.kind }).toEqual({ file: e.file, kind: e.label })
  })

  it.each(
    index.filter(e => e.label === 'transient' || e.label === 'infrastructure').map(e => [e.file, e] as const)
  )('quotes the log line for %s', (_file, e) => {
    // The evidence is the log's own line (cleaned), at the line number given.
    const v = triage(load(e.file), e.facts)
    const raw = load(e.file).split('\n')[(v.line ?? 0) - 1] ?? ''
    expect(v.evidence).not.toBe('')
    expect(raw).toContain(v.evidence)
  })
})

describe('which evidence wins', () => {
  it('a transient error in the failing step, quoted with its line', () => {
    const log = actionsLog('npm ci', [
      'npm error code ECONNRESET',
      'npm error network request to https://registry.npmjs.org/vite failed, reason: socket hang up'
    ])
    const v = triage(log)
    expect(v).toMatchObject({ kind: 'transient', reason: 'npm registry network error' })
    expect(v.evidence).toBe(
      'npm error network request to https://registry.npmjs.org/vite failed, reason: socket hang up'
    )
    expect(log.split('\n')[(v.line ?? 0) - 1]).toContain(v.evidence)
  })

  it('quotes the line of the tool’s error block that names the URL', () => {
    const v = triage(
      actionsLog('npm ci', [
        'npm ERR! network request to https://registry.npmjs.org/a failed, reason: read ECONNRESET',
        'npm ERR! errno ECONNRESET',
        'npm ERR! code ECONNRESET'
      ])
    )
    expect(v.evidence).toBe(
      'npm ERR! network request to https://registry.npmjs.org/a failed, reason: read ECONNRESET'
    )
  })

  it('a compile error after a retried download is code', () => {
    const transient = [
      'npm error code ETIMEDOUT',
      'npm error network request to https://registry.npmjs.org/x failed'
    ]
    expect(triage(actionsLog('npm ci && npm run build', transient)).kind).toBe('transient')
    const v = triage(
      actionsLog('npm ci && npm run build', [
        ...transient,
        "src/a.ts(3,1): error TS2304: Cannot find name 'y'."
      ])
    )
    expect(v.kind).toBe('code')
    expect(v.evidence).toContain('error TS2304')
  })

  it('a failed test before a network error in the same step is still code', () => {
    const v = triage(
      actionsLog('pytest && codecov', [
        'FAILED tests/test_a.py::test_sum - assert 3 == 4',
        'curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received'
      ])
    )
    expect(v.kind).toBe('code')
    expect(v.evidence).toContain('FAILED tests/test_a.py')
  })

  it('a network error in an earlier step that succeeded does not count', () => {
    const log =
      '##[group]Run npm ci\n' +
      'npm error code ETIMEDOUT\n' +
      '##[endgroup]\n' +
      '##[group]Run ./check.sh\n' +
      'check failed: 3 files differ\n' +
      '##[error]Process completed with exit code 1.\n'
    expect(triage(log).kind).toBe('code')
  })

  it('a network error far above the end of the failing step does not count', () => {
    const body = [
      'npm error code ETIMEDOUT',
      ...Array.from({ length: TAIL_LINES + 5 }, (_, i) => `step ${i}`)
    ]
    expect(triage(actionsLog('./build.sh', body)).kind).toBe('code')
    expect(triage(actionsLog('./build.sh', body.slice(0, TAIL_LINES - 5))).kind).toBe('transient')
  })

  it('a connection error to the job’s own local server is code; the same to a registry host is not', () => {
    expect(
      triage(actionsLog('./smoke.sh', ['curl: (28) Failed to connect to localhost port 80 after 1 ms'])).kind
    ).toBe('code')
    expect(triage(actionsLog('./smoke.sh', ['curl: (28) Operation timed out after 1 ms'])).kind).toBe(
      'transient'
    )
    expect(triage(actionsLog('setup', ['##[error]connect ETIMEDOUT 127.0.0.1:5432'])).kind).toBe('code')
  })

  it('a "could not download" error alone is code (a typo), with network retries above it transient', () => {
    const final = 'ERROR: No matching distribution found for requestz==1.0'
    expect(triage(actionsLog('pip install requestz', [final])).kind).toBe('code')
    const v = triage(
      actionsLog('pip install requestz', [
        "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='pypi.org', port=443): Read timed out. (read timeout=15)\")': /simple/requestz/",
        final
      ])
    )
    expect(v).toMatchObject({ kind: 'transient', reason: 'dependency download failed after network retries' })
    expect(v.evidence).toContain('WARNING: Retrying')
  })

  it('the runner’s own faults win over a code failure', () => {
    const log =
      actionsLog('npm test', ['FAIL src/a.test.ts', 'Tests:       1 failed, 3 passed']) +
      '2026-03-14T09:01:00.0000000Z ##[error]The runner has received a shutdown signal. This can happen when the runner service is stopped.\n'
    expect(triage(log)).toMatchObject({ kind: 'infrastructure', reason: 'runner shut down' })
    expect(triage(actionsLog('make', ['cc -c big.c'], 137))).toMatchObject({ kind: 'infrastructure' })
    expect(triage(actionsLog('make', ['cc -c big.c'], 2)).kind).toBe('code')
  })

  it('a killed process is infrastructure when it is the only failure, not beside another failed command', () => {
    const killed = [
      '$ ./heavy.sh',
      './heavy.sh: line 8:  4242 Killed   node big.js',
      'The command "./heavy.sh" exited with 137.'
    ]
    expect(triage(killed.join('\n'))).toMatchObject({
      kind: 'infrastructure',
      reason: 'process killed (out of memory, exit 137)'
    })
    const before = [
      '$ ./setup.sh',
      './setup.sh: line 3: protoc: command not found',
      'The command "./setup.sh" exited with 127.'
    ]
    expect(triage([...before, ...killed].join('\n')).kind).toBe('code')
    // A command that succeeded after it is not a failure mark.
    expect(
      triage([...killed, '$ ./after.sh', 'The command "./after.sh" exited with 0.'].join('\n')).kind
    ).toBe('infrastructure')
  })

  it('the job’s conclusion timed_out is infrastructure', () => {
    expect(triage('', { conclusion: 'timed_out' })).toMatchObject({
      kind: 'infrastructure',
      evidence: 'job conclusion: timed_out'
    })
    expect(triage('', { conclusion: 'failure' }).kind).toBe('code')
  })
})

describe('flaky from facts', () => {
  const codeLog = actionsLog('npm test', [
    'FAIL src/a.test.ts',
    '  ● adds',
    'Tests:       1 failed, 3 passed'
  ])

  it('a code failure of a job that passed on another attempt is flaky', () => {
    expect(triage(codeLog).kind).toBe('code')
    expect(triage(codeLog, { passedOnAttempts: [2] })).toMatchObject({
      kind: 'flaky',
      evidence: 'passed on attempt 2'
    })
  })

  it('the same job passed on the same commit in another run: flaky; failed there too: code', () => {
    const runs = [
      { runId: 7, attempt: 1, conclusion: 'failure' },
      { runId: 8, attempt: 2, conclusion: 'success' }
    ]
    expect(triage(codeLog, { sameCommitJobs: runs })).toMatchObject({
      kind: 'flaky',
      evidence: 'passed in run 8 (attempt 2)'
    })
    expect(triage(codeLog, { sameCommitJobs: [runs[0]!], passedOnAttempts: [] }).kind).toBe('code')
  })

  it('a transient error keeps its more specific verdict when the job also passed elsewhere', () => {
    const log = actionsLog('docker pull node:22', [
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout'
    ])
    expect(triage(log, { passedOnAttempts: [2] }).kind).toBe('transient')
  })
})

describe('log shapes', () => {
  it('reads ANSI colours, carriage returns, BuildKit prefixes and `gh run view --log` prefixes', () => {
    const ansi = '\x1b[31mnpm ERR!\x1b[0m code ECONNRESET\nnpm ERR! network aborted\n'
    expect(triage(ansi).kind).toBe('transient')
    expect(triage('progress 10%\rnpm ERR! code EAI_AGAIN\n').kind).toBe('transient')
    expect(triage('#8 62.31 npm ERR! code ETIMEDOUT\n').kind).toBe('transient')
    expect(triage('build\tRun npm ci\t2026-03-14T09:00:00.0000000Z npm error code ETIMEDOUT\n').kind).toBe(
      'transient'
    )
  })

  it('an empty log is code without evidence', () => {
    expect(triage('')).toEqual({
      kind: 'code',
      reason: 'no transient, infrastructure or flaky evidence',
      evidence: ''
    })
  })

  it('evidence is at most MAX_LINE characters', () => {
    const v = triage(`npm error code ETIMEDOUT ${'x'.repeat(MAX_LINE * 3)}\n`)
    expect(v.kind).toBe('transient')
    expect(v.evidence.length).toBeLessThanOrEqual(MAX_LINE)
  })
})

describe('cost on hostile input', () => {
  // A crafted log costs about what a plain log of the same size does (same run): no regex backtracks over a line.
  const MB = 1 << 20
  const repeatLine = (unit: string): string => {
    const line = unit.repeat(Math.ceil(MAX_LINE / unit.length) + 1)
    return `${line}\n`.repeat(Math.ceil(MB / line.length))
  }
  const time = (log: string): number => {
    const runs: number[] = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      triage(log)
      runs.push(performance.now() - t)
    }
    return runs.sort((a, b) => a - b)[1] ?? 0
  }

  it('1 MB of crafted lines is within a small factor of 1 MB of plain lines', () => {
    const plain = time(
      '    at Object.<anonymous> (src/x.test.ts:12:5) a plain line of a test\n'.repeat(MB / 70)
    )
    for (const unit of [
      'expected: <',
      'dial tcp ',
      'go: x ',
      'Error response from daemon dial tcp ',
      'status code 50',
      'a.js:1: ',
      'npm ERR! code ',
      'Could not transfer artifact ',
      'connect EAAAA ',
      '#1 1.2 ',
      'x'
    ]) {
      const crafted = time(repeatLine(unit))
      expect({ unit, slow: crafted > plain * 8 + 100 }).toEqual({ unit, slow: false })
    }
  })
})
