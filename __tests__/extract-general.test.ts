// Techniques that carry over to logs nobody tuned on (issue 12): report headers, cascades, crashes, pass lines,
// exit lines of several CI systems, the green-run comparison, and the trigger scan's coverage of every recogniser.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { extractText, formatExtraction, normaliseLine, weakLines } from '../src/logs/extract.js'
import { FOLD_MARK } from '../src/logs/extractor.js'
import { cleanText } from '../src/logs/clean.js'
import {
  classify,
  isPassLine,
  RECOGNISER_PATTERNS,
  tracedCommand,
  tracesCommands
} from '../src/logs/recognisers.js'
import { hasTrigger } from '../src/logs/scan.js'
import type { Extraction } from '../src/types.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'logs')
const load = (name: string): string => readFileSync(join(fixtures, name), 'utf8')
const texts = (ex: Extraction): string[] => ex.blocks.flatMap(b => b.lines.map(l => l.text))

describe('written fixtures of other CI systems and tools', () => {
  it("a linter's findings with no failure word, then the non-zero exit: the findings are the block", () => {
    const out = texts(extractText(load('lint-exit.log')))
    expect(out).toContain('$ shellcheck -f gcc scripts/*.sh')
    expect(out).toContain('scripts/deploy.sh:14:9: warning: Quote this to prevent word splitting. [SC2046]')
    expect(out).toContain(
      'scripts/release.sh:40:3: warning: Declare and assign separately to avoid masking return values. [SC2155]'
    )
    expect(out).toContain('The command "shellcheck -f gcc scripts/*.sh" exited with 1.')
    expect(out.some(l => l.includes('Worker information') || l.includes('Cloning into'))).toBe(false)
  })

  it('a JUnit cascade: the first failure whole, every failed test named, repeated frames folded, within budget', () => {
    const ex = extractText(load('junit-cascade.log'))
    const out = texts(ex)
    expect(ex.tokens).toBeLessThanOrEqual(4000)
    const first = out.indexOf(
      '[ERROR] com.acme.ledger.ReportTest.rendersRow01  Time elapsed: 0.031 s  <<< ERROR!'
    )
    expect(first).toBeGreaterThanOrEqual(0)
    expect(out.slice(first + 1, first + 10)).toEqual([
      "java.lang.IllegalStateException: template 'row.mustache' not found on the classpath",
      '\tat com.acme.ledger.report.Templates.load(Templates.java:57)',
      '\tat com.acme.ledger.report.Templates.row(Templates.java:33)',
      '\tat com.acme.ledger.report.ReportWriter.writeRow(ReportWriter.java:88)',
      '\tat com.acme.ledger.ReportTest.render(ReportTest.java:41)',
      '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
      '\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)',
      '\tat org.junit.runners.model.FrameworkMethod$1.runReflectiveCall(FrameworkMethod.java:59)',
      '\tat org.junit.runners.ParentRunner.run(ParentRunner.java:413)'
    ])
    for (let i = 1; i <= 50; i++) {
      const name = `rendersRow${String(i).padStart(2, '0')}`
      expect(out.some(l => l.includes(name))).toBe(true)
    }
    // Each frame once a block (a long report is cut into blocks): the other copies are folded, a marker says so.
    const frame = '\tat com.acme.ledger.report.Templates.load(Templates.java:57)'
    for (const b of ex.blocks) expect(b.lines.filter(l => l.text === frame).length).toBeLessThanOrEqual(1)
    expect(out.filter(l => l === frame).length).toBeLessThanOrEqual(2)
    expect(out.some(l => FOLD_MARK.test(l))).toBe(true)
    expect(out).toContain('[INFO] BUILD FAILURE')
  })

  it('a sanitizer report: the crash recogniser keeps the report, its frames and the summary', () => {
    const ex = extractText(load('sanitizer.log'))
    const out = texts(ex)
    expect(ex.blocks.some(b => b.kind === 'crash')).toBe(true)
    expect(out.some(l => l.startsWith('==18211==ERROR: AddressSanitizer: heap-buffer-overflow'))).toBe(true)
    expect(out).toContain('    #0 0x55d1c0a4b2f0 in ringbuf_push src/ringbuf.c:48')
    expect(out).toContain('SUMMARY: AddressSanitizer: heap-buffer-overflow src/ringbuf.c:48 in ringbuf_push')
    expect(out).toContain('The command "make -j2 check" exited with 2.')
  })

  it('a Jenkins pipeline: the failed sh step is the block; checkout chatter about timeouts is not', () => {
    const out = texts(extractText(load('jenkins.log')))
    expect(out).toContain('+ python -m pytest -q tests')
    expect(out).toContain("E       AssertionError: assert Decimal('19.99') == Decimal('20.00')")
    expect(out).toContain('ERROR: script returned exit code 1')
    expect(out.some(l => l.includes('# timeout=10'))).toBe(false)
  })

  it("a Jenkins job traced by sh -xe: the failed command's report, its whole JUnit 5 trace, the build step's exit", () => {
    const log = load('jenkins-freestyle.log')
    const ex = extractText(log)
    const out = texts(ex)
    const frames = log.split('\n').filter(l => l.startsWith('\tat '))
    expect(frames.length).toBeGreaterThan(80)
    expect(frames.filter(f => !out.includes(f))).toEqual([])
    expect(out).toContain('org.opentest4j.AssertionFailedError: expected: <-2.50> but was: <-2.49>')
    expect(out).toContain("Build step 'Execute shell' marked build as failure")
    // An earlier traced command reported errors and the build went on: the failed command is the last one.
    expect(out.some(l => l.includes('unmappable character'))).toBe(false)
    expect(ex.tokens).toBeLessThanOrEqual(4000)
  })

  it("Surefire's mark on a failed test outranks the exceptions that passing tests log, even on a small budget", () => {
    const ex = extractText(load('surefire-logged-exceptions.log'), { maxTokens: 600 })
    const out = texts(ex)
    expect(out).toContain(
      'evictsOldestFirst(com.acme.cache.EvictionTest)  Time elapsed: 0.006 sec  <<< FAILURE!'
    )
    expect(out).toContain('java.lang.AssertionError: expected:<[k1, k2]> but was:<[k2, k1]>')
    expect(out.some(l => l.startsWith('Failed tests:   evictsOldestFirst'))).toBe(true)
    expect(out.filter(l => l.includes('(expected by this test)')).length).toBeLessThanOrEqual(2)
    expect(ex.tokens).toBeLessThanOrEqual(600)
  })

  it("a command's exit line that joins an open block: the command's earlier output fills the budget", () => {
    const out = texts(extractText(load('jenkins-python-step.log')))
    // The traceback opened the block; the exit line came after it. What the script printed before is the report
    // the labeller would mark, from its echo on.
    expect(out[0]).toBe('[api-report] $ python /tmp/jenkins2220004445556667778.py')
    expect(out).toContain('Public API changes: 2')
    expect(out).toContain("NameError: name 'ReviewClient' is not defined")
    expect(out).toContain("Build step 'Execute Python script' marked build as failure")
    expect(out).not.toContain('+ pip install --quiet -r requirements.txt')
  })

  it('a stack trace continues a block for at most 200 frames', () => {
    const frames = Array.from(
      { length: 260 },
      (_, i) => `\tat com.acme.deep.Layer${i}.call(Layer${i}.java:${i + 1})`
    )
    const log = ['java.lang.StackOverflowError: recursion too deep', ...frames, 'next step'].join('\n')
    const out = texts(extractText(log))
    expect(out).toContain(frames[150])
    expect(out).not.toContain(frames[250])
  })

  it('a Jenkins trace printed cause first: "Caused: " and "Also: " continue it, however long', () => {
    const log = load('jenkins-agent-lost.log').split('\n')
    const out = texts(extractText(log.join('\n')))
    const from = log.indexOf('java.nio.channels.ClosedChannelException')
    const to = log.findIndex(l => l.includes('hudson.remoting.Request.call'))
    expect(to - from).toBeGreaterThan(50)
    expect(log.slice(from, to + 1).filter(l => !out.includes(l))).toEqual([])
  })

  it("a failed Actions step's name is its Run line, cut to 300 characters", () => {
    const script = `./ci.sh ${'--flag '.repeat(800)}`
    const ex = extractText(
      [
        `##[group]Run ${script}`,
        '##[endgroup]',
        'error: boom',
        '##[error]Process completed with exit code 1.'
      ].join('\n')
    )
    expect(ex.failedStep).toBe(script.slice(0, 300))
  })

  it('an Actions log whose empty lines are bare timestamps: no stamp is shown, the Run line heads the block', () => {
    const ex = extractText(load('gh-actions-bare-stamps.log'))
    const out = texts(ex)
    expect(out.some(l => /\d{4}-\d\d-\d\dT\d\d:/.test(l))).toBe(false)
    expect(out[0]).toBe('Run pytest -q')
    expect(out).toContain("E       ValueError: could not convert string to float: '1e3 '")
    expect(out).toContain('##[error]Process completed with exit code 1.')
    expect(ex.failedStep).toBe('pytest -q')
    expect(out.some(l => l.includes('pip install'))).toBe(false)
  })
})

describe('lines that pass', () => {
  const passing = [
    '  ✓ retries after a timeout (12 ms)',
    'test_error_page (tests.test_views.ViewTests) ... ok',
    '--- PASS: TestTimeout (0.01s)',
    'tests/test_errors.py::test_raises_error PASSED                     [ 50%]',
    '[INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.05 s - in com.acme.ErrorTest',
    'PASS src/error-handler.test.ts',
    'ok 7 - reports a timeout error',
    'SKIPPED [1] tests/test_net.py:3: timeout not supported on this platform',
    'Summary: 12 tests, 0 failed'
  ]
  const failing = [
    '  ✗ retries after a timeout (12 ms)',
    'FAIL src/error-handler.test.ts',
    '--- FAIL: TestTimeout (0.01s)',
    '[ERROR] Tests run: 4, Failures: 1, Errors: 0, Skipped: 0',
    'not ok 7 - reports a timeout error',
    'Summary: 12 tests, 2 failed'
  ]

  it('score nothing for any recogniser, whatever the test is called; their failing twins score', () => {
    for (const l of passing) {
      expect([l, isPassLine(l), classify(l).score]).toEqual([l, true, 0])
    }
    for (const l of failing) {
      expect([l, isPassLine(l)]).toEqual([l, false])
      expect(classify(l).score).toBeGreaterThanOrEqual(2)
    }
  })

  it('do not keep a block open: passing tests after a failure are left out', () => {
    const log = [
      '$ npm test',
      ...Array.from({ length: 10 }, (_, i) => `  ✓ case ${i} handles errors`),
      '  ✗ parses dates',
      '    AssertionError: expected 1 to equal 2',
      ...Array.from({ length: 30 }, (_, i) => `  ✓ later case ${i} handles errors`)
    ].join('\n')
    const out = texts(extractText(log))
    expect(out).toContain('  ✗ parses dates')
    expect(out).toContain('    AssertionError: expected 1 to equal 2')
    // Indented lines usually continue a report; passing ones end it (a few stay as context).
    expect(out.filter(l => l.includes('later case')).length).toBeLessThanOrEqual(4)
  })
})

describe('exit lines', () => {
  it('an exit line split over two lines is still a failed command, explained by its output', () => {
    for (const [a, b] of [
      ['The command "make test" exited with', '2.'],
      ['##[error]Process completed with exit code', '1.']
    ] as const) {
      const log = [
        '$ make lint',
        'lint clean',
        ...Array.from({ length: 40 }, (_, i) => `building module ${i}`),
        '$ make test',
        'check_parser: got 3 rows, want 4',
        a,
        b
      ].join('\n')
      const ex = extractText(log)
      const out = texts(ex)
      expect(out).toEqual(expect.arrayContaining(['$ make test', 'check_parser: got 3 rows, want 4', a, b]))
      expect(out.some(l => l.startsWith('building module'))).toBe(false)
      expect(ex.blocks).toHaveLength(1)
    }
  })

  it('a failed command that printed nothing (a grep over a report) is explained by the command before', () => {
    const log = [
      '$ npm install --no-audit',
      'npm ERR! code E404',
      'npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-padd',
      'npm ERR! 404 left-padd@* is not in this registry.',
      'The command "npm install --no-audit" exited with 0.',
      '$ ./run-suite.sh',
      ...Array.from({ length: 20 }, (_, i) => `suite step ${i}`),
      'Suite run failed! Reason:',
      "{'EXIT',{error,enoent}}",
      'DONE.',
      'The command "./run-suite.sh" exited with 0.',
      "$ grep -q 'COMPLETE, 0 failed' suite.log",
      'The command "grep -q \'COMPLETE, 0 failed\' suite.log" exited with 1.'
    ].join('\n')
    // Room for the exit line and one more block: the suite's report, not the earlier install's noise.
    const out = texts(extractText(log, { maxTokens: 100 }))
    expect(out).toContain("{'EXIT',{error,enoent}}")
    expect(out).not.toContain('npm ERR! code E404')
  })
})

describe('green-run comparison', () => {
  it('normaliseLine replaces times, hashes, directories and numbers', () => {
    expect(
      normaliseLine('2024-05-01T10:00:00.123Z /home/runner/work/a/b/file.ts:12 abc1234def took 35ms')
    ).toBe(normaliseLine('2024-06-02T11:11:11Z /tmp/x/file.ts:99 0fe12ab99 took 4ms'))
    expect(normaliseLine('error: x')).not.toBe(normaliseLine('error: y'))
  })

  it('lines a green run also printed are weak: they open no block; exit lines keep their weight', () => {
    const run = (ip: string, stamp: string, tail: string[]): string =>
      [
        '$ ./ci.sh',
        `Error: cannot reach cache server ${ip}:8080 after 3 attempts (${stamp}), building without cache`,
        ...Array.from({ length: 30 }, (_, i) => `compiling unit ${i}`),
        ...tail
      ].join('\n')
    const green = run('10.0.0.12', '2024-05-01T10:00:00Z', ['all 30 units built'])
    const red = run('10.1.7.3', '2024-05-02T08:13:44Z', [
      'Error: unit 17 failed to link: missing symbol parse_date',
      'The command "./ci.sh" exited with 1.'
    ])
    const plain = texts(extractText(red))
    expect(plain.some(l => l.includes('cannot reach cache server'))).toBe(true)
    const compared = texts(extractText(red, { weak: weakLines(green) }))
    expect(compared.some(l => l.includes('cannot reach cache server'))).toBe(false)
    expect(compared).toContain('Error: unit 17 failed to link: missing symbol parse_date')
    expect(compared).toContain('The command "./ci.sh" exited with 1.')
  })
})

describe("a shell's command trace", () => {
  it('is on after an echo of sh -x (or set -x); a traced command is `+ cmd`, not a package "+ name@1.0"', () => {
    for (const on of [
      '[ledger] $ /bin/sh -xe /tmp/jenkins55.sh',
      '$ bash -ex ci/test.sh',
      '+ set -x',
      '$ set -eux'
    ])
      expect([on, tracesCommands(on)]).toEqual([on, true])
    for (const off of ['$ shellcheck -x run.sh', '$ ssh -x host', '$ sh ci/test.sh', '$ set -e'])
      expect([off, tracesCommands(off)]).toEqual([off, false])
    for (const cmd of ['+ mvn -B test', "++ dirname '/tmp/x'", "+ '[' -z '' ']'"])
      expect([cmd, tracedCommand(cmd)]).toEqual([cmd, true])
    for (const not of ['+ eslint@8.57.0', '+++ b/src/app.ts', '+  indented diff line', 'mvn test'])
      expect([not, tracedCommand(not)]).toEqual([not, false])
  })

  it('a Jenkins sh -xe step whose failed command is followed by two traced commands still shows that failure', () => {
    // `npm run lint || true` fails and is survived; `./gradlew test` fails; the script saves its code and exits with it.
    const lint: string[] = []
    for (let i = 0; i < 60; i++)
      lint.push(
        `/var/lib/jenkins/workspace/web/src/components/Widget${i}.tsx`,
        `  ${10 + i}:7  error  'unusedValue${i}' is assigned a value but never used  @typescript-eslint/no-unused-vars`,
        ''
      )
    const log = [
      'Building in workspace /var/lib/jenkins/workspace/web',
      '[web] $ /bin/sh -xe /tmp/jenkins8812.sh',
      '+ npm run lint',
      '> eslint src',
      ...lint,
      '✖ 60 problems (60 errors, 0 warnings)',
      '+ true',
      '+ ./gradlew test --no-daemon',
      '> Task :test FAILED',
      'FAILURE: Build failed with an exception.',
      '* What went wrong:',
      "Execution failed for task ':test'.",
      '> There were failing tests. See the report at: file:///w/build/reports/tests/test/index.html',
      'BUILD FAILED in 41s',
      '+ rc=1',
      '+ exit 1',
      "Build step 'Execute shell' marked build as failure",
      'Finished: FAILURE'
    ].join('\n')
    const out = formatExtraction(extractText(log))
    // The script's last traced commands print nothing: the failed command is the nearest one that said something.
    expect(out).toContain('* What went wrong:')
    expect(out).toContain("Execution failed for task ':test'.")
  })

  it('is read whole by the trigger scan: raw, coloured and timestamped', () => {
    for (const s of ['+ mvn -B test', '++ cd build']) {
      expect(hasTrigger(s)).toBe(true)
      expect(hasTrigger(`2024-05-01T10:00:01.1234567Z ${s}`)).toBe(true)
    }
  })

  it('starts a segment only when on: context stops at the traced command, as it does at an echo', () => {
    const run = (echo: string): string[] =>
      texts(
        extractText(
          [
            echo,
            '+ ./prepare.sh',
            'prepared the fixtures',
            '+ ./check.sh',
            'FATAL: widget count is 3, want 4'
          ].join('\n')
        )
      )
    expect(run('[job] $ /bin/sh -xe /tmp/j.sh')).toEqual(['+ ./check.sh', 'FATAL: widget count is 3, want 4'])
    expect(run('[job] $ /bin/sh -e /tmp/j.sh')).toContain('prepared the fixtures')
    // Actions steps: each runs its own shell, traced only when it turns tracing on (after a traced step too).
    const step = (script: string): string[] =>
      texts(
        extractText(
          [
            '##[group]Run set -x; ./setup.sh',
            '##[endgroup]',
            '+ ./setup.sh',
            `##[group]Run ${script}`,
            '##[endgroup]',
            '+ ./prepare.sh',
            'prepared the fixtures',
            '+ ./check.sh',
            'FATAL: widget count is 3, want 4'
          ].join('\n')
        )
      )
    expect(step('set -x; ./ci.sh')).not.toContain('prepared the fixtures')
    expect(step('./ci.sh')).toContain('prepared the fixtures')
    // A later build step without -x runs a new shell: its `+ ` lines are output again.
    expect(run('[job] $ /bin/sh -xe /tmp/i.sh\n[job] $ /bin/sh -e /tmp/j.sh')).toContain(
      'prepared the fixtures'
    )
  })
})

describe('the trigger scan covers every recogniser', () => {
  const samples = load('recogniser-samples.txt').split('\n').filter(Boolean)
  // A pattern's top-level alternatives, each compiled alone.
  const alternatives = (re: RegExp): RegExp[] => {
    const out: string[] = []
    let depth = 0
    let inClass = false
    let cur = ''
    const s = re.source
    for (let i = 0; i < s.length; i++) {
      const c = s[i] as string
      if (c === '\\') {
        cur += s.slice(i, i + 2)
        i++
        continue
      }
      if (inClass) inClass = c !== ']'
      else if (c === '[') inClass = true
      else if (c === '(') depth++
      else if (c === ')') depth--
      else if (c === '|' && depth === 0) {
        out.push(cur)
        cur = ''
        continue
      }
      cur += c
    }
    out.push(cur)
    return out.map(a => new RegExp(a, re.flags))
  }
  const dress = [
    (s: string): string => s,
    (s: string): string => `\x1b[31m${s}\x1b[0m`,
    (s: string): string => `2024-05-01T10:00:01.1234567Z ${s}`,
    (s: string): string => `build\tRun tests\t2024-05-01T10:00:01.1234567Z ${s}`
  ]

  it('every alternative of every recogniser has a sample line that it matches', () => {
    const missing = RECOGNISER_PATTERNS.flatMap(alternatives).filter(
      alt => !samples.some(s => alt.test(cleanText(s)))
    )
    expect(missing.map(r => r.source)).toEqual([])
  })

  it('every sample scores, and the trigger scan marks it raw, coloured and timestamped', () => {
    for (const s of samples) {
      expect([s, classify(cleanText(s)).score > 0]).toEqual([s, true])
      for (const d of dress) expect([d(s), hasTrigger(d(s))]).toEqual([d(s), true])
    }
  })
})

describe('fixflow extract --green', () => {
  it('reads the green log and leaves out what it also printed; a missing green log is an error', async () => {
    const { extractCommand } = await import('../src/cli/extract.js')
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'fixflow-green-'))
    const noise = (n: number): string => `Error: cache server 10.0.0.${n} unreachable, building without cache`
    const body = Array.from({ length: 30 }, (_, i) => `compiling unit ${i}`)
    writeFileSync(join(dir, 'green.log'), [noise(1), ...body, 'done'].join('\n'))
    writeFileSync(
      join(dir, 'red.log'),
      [noise(2), ...body, 'Error: unit 17 failed to link', 'The command "./ci.sh" exited with 1.'].join('\n')
    )
    const printed: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string, cb?: () => void): boolean => {
      printed.push(String(chunk))
      cb?.()
      return true
    }) as typeof process.stdout.write
    const errs: string[] = []
    const writeErr = process.stderr.write.bind(process.stderr)
    process.stderr.write = (chunk: string): boolean => errs.push(String(chunk)) > 0
    try {
      expect(await extractCommand([join(dir, 'red.log'), '--green', join(dir, 'green.log')])).toBe(0)
      await expect(
        extractCommand([join(dir, 'red.log'), '--green', join(dir, 'missing.log')])
      ).rejects.toThrow("cannot read '")
    } finally {
      process.stdout.write = write
      process.stderr.write = writeErr
      rmSync(dir, { recursive: true, force: true })
    }
    const out = printed.join('')
    expect(out).toContain('Error: unit 17 failed to link')
    expect(out).not.toContain('cache server')
  })
})
