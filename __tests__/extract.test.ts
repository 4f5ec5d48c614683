import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { FailureExtractor, extractStream, extractText, formatExtraction } from '../src/logs/extract.js'
import { FOLD_MARK } from '../src/logs/extractor.js'
import { cleanText } from '../src/logs/clean.js'
import { classify } from '../src/logs/recognisers.js'
import { hasTrigger } from '../src/logs/scan.js'
import type { Extraction } from '../src/types.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'logs')
const load = (name: string): string => readFileSync(join(fixtures, name), 'utf8')
const texts = (ex: Extraction): string[] => ex.blocks.flatMap(b => b.lines.map(l => l.text))
const tokensOf = (ex: Extraction): number => Math.ceil(texts(ex).reduce((s, t) => s + t.length + 1, 0) / 4)

// Each recogniser on a realistic log: the lines that explain the failure are in, the noise around is out.
// Every fixture starts with the same CI preamble: none of it belongs in a block.
const PREAMBLE = ['Worker information', 'Cloning into', 'Receiving objects', 'v20.11.1']

const cases: { file: string; kind?: string; want: string[]; noise: string[] }[] = [
  {
    file: 'python-pytest.log',
    want: [
      '=== FAILURES ===',
      'E       ValueError: invalid literal',
      'FAILED tests/test_parse.py::test_number'
    ],
    noise: []
  },
  {
    file: 'python-traceback.log',
    kind: 'python-traceback',
    want: [
      'Traceback (most recent call last):',
      'File "scripts/build_index.py", line 42',
      "KeyError: 'title'"
    ],
    noise: []
  },
  {
    file: 'jest.log',
    kind: 'jest',
    want: ['FAIL src/sum.test.ts', '● sum › adds two numbers', 'Expected: 4', 'Received: 5'],
    noise: []
  },
  {
    file: 'mocha.log',
    want: ['1 failing', 'AssertionError: expected [Function] to throw an error', 'test/parser.spec.js:18:34'],
    noise: []
  },
  {
    file: 'tsc-eslint.log',
    want: ["12:7  error  'unused' is assigned", 'error TS2339', 'error TS2554'],
    noise: []
  },
  {
    file: 'go.log',
    want: [
      '--- FAIL: TestParse',
      'parse_test.go:21: Parse("1.2.x") = nil, want error',
      'cmd/main.go:14:2: undefined: runServer'
    ],
    noise: []
  },
  {
    file: 'cargo.log',
    want: ["thread 'tests::split' panicked at", 'test result: FAILED. 2 passed; 1 failed'],
    noise: []
  },
  {
    file: 'maven.log',
    want: [
      '<<< FAILURE!',
      'java.lang.AssertionError: expected:<4> but was:<5>',
      'at com.example.AppTest.testAdd'
    ],
    noise: []
  },
  {
    file: 'gradle.log',
    want: [
      'divides() FAILED',
      'java.lang.ArithmeticException: / by zero',
      '* What went wrong:',
      "Execution failed for task ':test'."
    ],
    noise: []
  },
  {
    file: 'dotnet.log',
    kind: 'dotnet',
    want: ["error CS0103: The name 'cfg' does not exist", 'Build FAILED.'],
    noise: []
  },
  {
    file: 'rspec.log',
    want: [
      'Failure/Error: expect(user.full_name).to eq("Ada Lovelace")',
      'expected: "Ada Lovelace"',
      'rspec ./spec/models/user_spec.rb:6'
    ],
    noise: []
  },
  {
    file: 'npm-err.log',
    want: [
      'npm ERR! ERESOLVE unable to resolve dependency tree',
      'npm ERR! peer react@"^17.0.0" from react-widget@2.1.0'
    ],
    noise: []
  },
  {
    file: 'pip.log',
    kind: 'pip',
    want: ['ERROR: Cannot install -r requirements.txt', 'ERROR: ResolutionImpossible'],
    noise: []
  },
  {
    file: 'make-gcc.log',
    kind: 'compiler',
    want: [
      "src/main.c:27:5: error: implicit declaration of function 'parse_args'",
      'make: *** [Makefile:12: build/main.o] Error 1'
    ],
    noise: []
  },
  {
    file: 'docker.log',
    want: ['npm ERR! code ENOTFOUND', 'ERROR: failed to solve'],
    noise: []
  },
  {
    file: 'werror-haskell.log',
    kind: 'compiler',
    want: ['src/Widgets/Render.hs:41:10: Warning:', '‘mappend’', 'Failing due to -Werror.'],
    noise: []
  },
  {
    file: 'rubocop.log',
    kind: 'lint',
    want: [
      'Offenses:',
      'lib/shop/cart.rb:58:17: C: Performance/RegexpMatch',
      'lib/shop/order.rb:12:3: C:',
      '2 offenses detected'
    ],
    noise: []
  },
  {
    file: 'pester.log',
    kind: 'test-fail',
    want: ['[-] keeps unicode letters', "Expected 'café', but got 'caf'."],
    noise: []
  },
  {
    file: 'travis-setup.log',
    kind: 'compiler',
    want: [
      "src/list.c:88:12: error: use of undeclared identifier 'cap'",
      'make: *** [Makefile:20: build/list.o] Error 1'
    ],
    noise: ['Sudo version', 'timeout: 15.0 minutes', 'useful error messages']
  },
  {
    // sbt/ScalaTest: the tests print exceptions they survive; the runner marks the test that failed.
    file: 'scalatest.log',
    kind: 'junit',
    want: [
      '[info] - streaming body is read once *** FAILED ***',
      'TimeoutException: 5.seconds',
      'The command "sbt ++2.12.8 core/test" exited with 1.'
    ],
    noise: []
  },
  {
    file: 'shell-oom-timeout.log',
    want: [
      'protoc: command not found',
      'Killed',
      'exited with 137',
      'No output has been received in the last 10m0s'
    ],
    noise: []
  }
]

describe('recognisers on realistic logs', () => {
  it.each(cases)('$file', ({ file, kind, want, noise }) => {
    const ex = extractText(load(file))
    const out = texts(ex)
    for (const w of want) expect(out.some(l => l.includes(w))).toBe(true)
    for (const n of [...PREAMBLE, ...noise]) expect(out.some(l => l.includes(n))).toBe(false)
    expect(kind === undefined || ex.blocks.some(b => b.kind === kind)).toBe(true)
    expect(ex.tokens).toBeLessThanOrEqual(4000)
  })
})

describe('CI log formats', () => {
  it('GitHub Actions: strips timestamps, knows the failed step, keeps ##[error] and ::error lines', () => {
    const ex = extractText(load('gh-actions.log'))
    const out = texts(ex)
    expect(out).toContain('FAIL src/api.test.ts')
    expect(out).toContain('##[error]Process completed with exit code 1.')
    expect(out.some(l => l.startsWith('::error file=src/api.test.ts,line=14::'))).toBe(true)
    expect(out.some(l => /^\d{4}-\d\d-\d\dT/.test(l))).toBe(false)
    expect(out.some(l => l.includes('##[group]') || l.includes('Uploaded 3 files'))).toBe(false)
    // The failed step's command heads the block, as the Actions UI shows it.
    expect(out[0]).toBe('Run npm test')
    expect(ex.failedStep).toBe('npm test')
    expect(ex.blocks.every(b => b.step === 'npm test')).toBe(true)
    expect(ex.totalLines).toBe(19)
  })

  it('gh run view --log prefixes: the step comes from the prefix', () => {
    const log = [
      'build\tSet up job\t2024-05-01T10:00:00.0000000Z Current runner version: 2.317.0',
      'build\tRun tests\t2024-05-01T10:00:01.0000000Z Error: Cannot find module ./config',
      'build\tRun tests\t2024-05-01T10:00:02.0000000Z ##[error]Process completed with exit code 1.'
    ].join('\n')
    const ex = extractText(log)
    expect(texts(ex)).toEqual([
      'Error: Cannot find module ./config',
      '##[error]Process completed with exit code 1.'
    ])
    expect(ex.failedStep).toBe('Run tests')
  })

  it('Travis: removes fold/time markers and ANSI, keeps what the terminal shows after \\r', () => {
    const ex = extractText(load('travis.log'))
    const out = texts(ex)
    expect(out).toContain("Error: Cannot find module './config'")
    expect(out).toContain('The command "npm test" exited with 1.')
    expect(out.some(l => l.includes('travis_') || l.includes('\x1b'))).toBe(false)
    expect(cleanText('Downloading 10%\rDownloading 50%\rDownloading 100%')).toBe('Downloading 100%')
    // Line numbers are the raw log's, 1-based.
    const err = ex.blocks.flatMap(b => b.lines).find(l => l.text.startsWith('Error: Cannot find module'))
    expect(err?.n).toBe(8)
  })

  it("a test runner's mark on a failed test is as strong as an exception a test prints", () => {
    const mark = classify('[info] - streaming body is read once *** FAILED ***').score
    expect(mark).toBeGreaterThanOrEqual(classify('java.lang.IllegalStateException: connection reset').score)
    expect(mark).toBeGreaterThanOrEqual(classify('com.example.kite.PoolException: closed').score)
  })

  it('the rest of the budget shows the start of the next block: a suite failure with long detail', () => {
    // The failed `make xref` ranks first; the test suite's first failure report, followed by long error lines,
    // is larger than what is left of the soft budget, so only its start is shown.
    const ex = extractText(load('common-test.log'))
    const out = texts(ex)
    expect(out).toContain('make: *** [xref] Error 1')
    expect(out).toContain('kite_SUITE:init_per_group failed')
    expect(out).toContain('Reason: {test_case_failed,{failed_to_create_sql_tables,pgsql,')
    expect(out.some(l => l.includes("Testcase 'case_7"))).toBe(false)
    expect(ex.tokens).toBeLessThanOrEqual(1000)
  })

  it('a block larger than the budget keeps its strongest line: the exit line after a long run', () => {
    const ex = extractText(load('timeout-long-run.log'))
    const out = texts(ex)
    expect(out).toContain('The command "timeout 35m ci/build.sh" exited with 124.')
    expect(out.some(l => l.includes("'ImportExplicit161.fake' should fail with"))).toBe(true)
    expect(out.some(l => l.includes("'DuplicateProperties0.fake'"))).toBe(false)
    expect(ex.tokens).toBeLessThanOrEqual(4000)
    const small = texts(extractText(load('timeout-long-run.log'), { maxTokens: 200 }))
    expect(small).toContain('The command "timeout 35m ci/build.sh" exited with 124.')
  })

  it('picks the failure out of a long log and leaves the passing output', () => {
    const noise = Array.from({ length: 5000 }, (_, i) => `test ${i} ... ok`).join('\n')
    const ex = extractText(`${noise}\n${load('python-traceback.log')}\n${noise}`)
    const out = texts(ex)
    expect(out).toContain("KeyError: 'title'")
    expect(out.filter(l => l.endsWith('... ok')).length).toBeLessThan(20)
  })
})

describe('budget and API', () => {
  it('honours --max-tokens even when the failure is larger', () => {
    const big = Array.from(
      { length: 2000 },
      (_, i) => `src/f${i}.c:${i}:1: error: something is wrong with line ${i}`
    ).join('\n')
    for (const maxTokens of [1, 50, 500, 4000]) {
      const ex = extractText(big, { maxTokens })
      expect(ex.tokens).toBeLessThanOrEqual(maxTokens)
      expect(tokensOf(ex)).toBe(ex.tokens)
    }
  })

  it('remembers how each line text classified, never mistaking one for a similar one', () => {
    // Same length, same first and last 32 characters: the table of remembered texts may put them in one slot.
    const pre = 'module/widgets/src/render/frame '
    const post = ' (worker 3 of 8, attempt 1 of 1)'
    const bad = `${pre}FATAL: the widget build crashed${post}`
    const ok = `${pre}done: 0 errors, 0 failures here${post}`
    expect(bad.length).toBe(ok.length)
    const filler = (k: number): string[] => Array.from({ length: 12 }, (_, i) => `step ${k}.${i}`)
    const log = [bad, ...filler(1), ok, ...filler(2), bad, ...filler(3), ok, ...filler(4)].join('\n')
    const out = texts(extractText(log))
    expect(out).toContain(bad)
    expect(out).not.toContain(ok)
    // The other way round: the harmless text seen first is not taken for the failure later.
    const reversed = texts(extractText([ok, ...filler(0), bad, ...filler(5), ok].join('\n')))
    expect(reversed).toContain(bad)
    expect(reversed).not.toContain(ok)
  })

  it('reads lines over 64 K bytes but not characters, and a long last line, alike from bytes and from text', async () => {
    const euros = '€'.repeat(30_000) // 90,000 bytes, 30,000 characters
    const logs = [
      `setup\n${euros}\rerror: download failed\nThe command "./get.sh" exited with 1.\n`,
      `setup\n${euros}\rcompiled\nerror: link failed\n`,
      `setup\nerror: link failed\n${'x'.repeat(70_000)} error: tail`
    ]
    for (const log of logs) {
      const whole = extractText(log)
      const streamed = await extractStream(Readable.from([Buffer.from(log, 'utf8')]) as AsyncIterable<Buffer>)
      expect(streamed).toEqual(whole)
    }
  })

  it('streams Buffers split inside multi-byte characters the same as the whole text', async () => {
    const log = load('jest.log')
    const bytes = Buffer.from(log, 'utf8')
    const parts: Buffer[] = []
    for (let i = 0; i < bytes.length; i += 7) parts.push(bytes.subarray(i, i + 7))
    const streamed = await extractStream(Readable.from(parts) as AsyncIterable<Buffer>)
    expect(streamed).toEqual(extractText(log))
  })

  it('reads Buffers in runs of whole lines the same as text, whatever the chunk size', () => {
    const files = ['travis.log', 'gh-actions.log', 'jest.log', 'python-pytest.log', 'rspec.log', 'pester.log']
    for (const file of files) {
      const log = load(file)
      const bytes = Buffer.from(log, 'utf8')
      for (const size of [1, 3, 64, 1 << 16]) {
        const ex = new FailureExtractor()
        // A reused buffer, as the CLI reads: the extractor must not keep views into it.
        const buf = Buffer.alloc(size)
        for (let i = 0; i < bytes.length; i += size) {
          const n = bytes.copy(buf, 0, i, i + size)
          ex.push(buf.subarray(0, n))
        }
        expect(ex.end()).toEqual(extractText(log))
      }
    }
  })

  it('a line longer than the line cap, split over buffers, is cut and the next lines still count', () => {
    const long = 'z'.repeat(200_000)
    const log = `${long}\nsrc/a.c:1:1: error: boom\n`
    const bytes = Buffer.from(log)
    const ex = new FailureExtractor()
    for (let i = 0; i < bytes.length; i += 65536) ex.push(bytes.subarray(i, i + 65536))
    const out = ex.end()
    expect(out.totalLines).toBe(2)
    expect(texts(out)).toContain('src/a.c:1:1: error: boom')
  })

  it('formatExtraction prints the lines in log order', () => {
    const ex = extractText(load('shell-oom-timeout.log'))
    const printed = formatExtraction(ex).split('\n')
    expect(printed).toEqual(texts(ex))
    const ns = ex.blocks.flatMap(b => b.lines.map(l => l.n))
    expect([...ns].sort((a, b) => a - b)).toEqual(ns)
  })

  it('end() is idempotent and push() after end() throws', () => {
    const ex = new FailureExtractor()
    ex.push('fatal: not a git repository\n')
    const a = ex.end()
    expect(ex.end()).toBe(a)
    expect(() => ex.push('more')).toThrow()
  })
})

describe('properties', () => {
  const lineArb = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      'error: boom',
      'FAIL src/a.test.ts',
      'Traceback (most recent call last):',
      '  File "x.py", line 1',
      'ValueError: bad',
      '##[error]Process completed with exit code 1.',
      'The command "make" exited with 2.',
      '\x1b[31merror\x1b[0m',
      'a\rb',
      'travis_fold:start:x',
      '$ npm test',
      'ok 1 - passes',
      ''
    )
  )

  it('output lines are a subsequence of the cleaned input, in order, within budget', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 200 }),
        fc.integer({ min: 1, max: 4000 }),
        (lines, maxTokens) => {
          const log = lines.join('\n')
          const ex = extractText(log, { maxTokens })
          expect(ex.tokens).toBeLessThanOrEqual(maxTokens)
          expect(tokensOf(ex)).toBe(ex.tokens)
          const cleaned = log.split('\n').map(cleanText)
          let last = 0
          for (const b of ex.blocks) {
            for (const l of b.lines) {
              // The fold marker ends a block whose repeated lines were left out; it names the last line shown.
              const mark = FOLD_MARK.test(l.text)
              expect(mark ? l.n === last : l.n > last).toBe(true)
              if (mark) continue
              last = l.n
              // (An Actions step's Run line is shown without its ##[group] marker.)
              expect((cleaned[l.n - 1] ?? '').replace(/^##\[group\](?=Run )/, '')).toBe(l.text)
            }
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('a fold marker is never shown without the line before it, whatever the budget', () => {
    const log = [
      '  File "x.py", line 1',
      '##[error]Process completed with exit code 1.',
      '  File "x.py", line 1'
    ]
    for (let maxTokens = 1; maxTokens <= 40; maxTokens++) {
      const ex = extractText(log.join('\n'), { maxTokens })
      for (const b of ex.blocks) expect(FOLD_MARK.test(b.lines[0]?.text ?? '')).toBe(false)
    }
    expect(texts(extractText(log.join('\n'))).some(l => FOLD_MARK.test(l))).toBe(true)
  })

  it('passed-test marks weaken failure words: a [+] line never opens a block', () => {
    expect(classify('    [+] fails for strings that do not match 12ms').score).toBeLessThan(1)
    expect(classify('[  PASSED  ] 12 tests, error paths included').score).toBeLessThan(1)
    expect(classify('    [-] keeps unicode letters 31ms').score).toBeGreaterThanOrEqual(2)
  })

  it('the trigger scan marks every line a recogniser scores (it runs on the raw line, before cleaning)', () => {
    const samples = [
      'error: boom',
      'FAIL src/a.test.ts',
      'Traceback (most recent call last):',
      'ValueError: bad',
      'E       assert 1 == 2',
      '  1) Suite adds',
      '=== FAILURES ===',
      '_____ test_x _____',
      '** (RuntimeError) boom',
      'diff --git a/x b/x',
      '@@ -1,2 +1,2 @@',
      '--- a/x',
      '+++ b/x',
      '##[error]x',
      '::error file=a::b',
      '● sum › adds',
      '✖ 2 problems',
      '❌ build failed',
      'Killed',
      'panic: runtime error',
      'not ok 3 - x',
      '[-] keeps letters 3ms',
      'Offenses:',
      'Package size limit has exceeded by 4 KB',
      'None of your spec sources contain a spec satisfying the dependency',
      'Failing due to -Werror.',
      'The command "make" exited with 2.',
      'rake aborted!',
      'Tests run: 3, Failures: 1'
    ]
    const dress = [
      (s: string): string => s,
      (s: string): string => `\x1b[31m${s}\x1b[0m`,
      (s: string): string => `2024-05-01T10:00:01.1234567Z ${s}`
    ]
    for (const s of samples) {
      expect(classify(cleanText(s)).score).toBeGreaterThan(0)
      for (const d of dress) expect(hasTrigger(d(s))).toBe(true)
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), s => classify(cleanText(s)).score === 0 || hasTrigger(s)),
      { numRuns: 2000 }
    )
  })

  it('arbitrary bytes never throw and keep the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), parts => {
        const ex = new FailureExtractor({ maxTokens: 300 })
        for (const p of parts) ex.push(Buffer.from(p))
        const out = ex.end()
        expect(out.tokens).toBeLessThanOrEqual(300)
      }),
      { numRuns: 200 }
    )
  })

  it('an empty log, a log without failure and a 1 MB single line', () => {
    expect(extractText('')).toEqual({ blocks: [], tokens: 0, totalLines: 0 })
    // Nothing recognised: the tail within the budget, never an empty answer.
    const calm = Array.from({ length: 1000 }, (_, i) => `step ${i} done`).join('\n')
    const tail = extractText(calm)
    expect(tail.blocks.map(b => b.kind)).toEqual(['tail'])
    expect(texts(tail).at(-1)).toBe('step 999 done')
    expect(texts(tail)).not.toContain('step 0 done')
    const small = extractText(calm, { maxTokens: 10 })
    expect(texts(small)).toEqual(['step 998 done', 'step 999 done'])
    expect(small.tokens).toBeLessThanOrEqual(10)
    const huge = 'x'.repeat(500_000) + ' error ' + 'y'.repeat(500_000)
    const ex = extractText(huge)
    expect(ex.totalLines).toBe(1)
    expect(ex.tokens).toBeLessThanOrEqual(4000)
  })
})
