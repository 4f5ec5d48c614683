import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { lintSource } from '@secretlint/core'
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend'
import fc from 'fast-check'
import { entropy, MaskCollector, masksIn, redact, redactLines } from '../src/logs/redact.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/secrets/${name}`, import.meta.url), 'utf8')
const LOG = fixture('ci-log.txt')
const SECRETS = JSON.parse(fixture('secrets.json')) as Record<string, string>
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b'
const MARKED = '***'

async function secretlint(content: string): Promise<{ ruleId: string; text: string }[]> {
  const result = await lintSource({
    source: { content, filePath: 'job.log', contentType: 'text' },
    options: {
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] }
    }
  })
  return result.messages.map(m => ({ ruleId: m.ruleId, text: content.slice(m.range[0], m.range[1]) }))
}

describe('redact: the fixture log', () => {
  const { text, count } = redact(LOG, [SECRETS.known as string])

  it('removes every planted secret value', () => {
    const left = Object.entries(SECRETS).filter(([, v]) => text.includes(v))
    expect(left).toEqual([])
    expect(count).toBeGreaterThanOrEqual(Object.keys(SECRETS).length - 8) // PEM bodies count once per block
  })

  it('keeps the line structure', () => {
    expect(text.split('\n')).toHaveLength(LOG.split('\n').length)
  })

  it('keeps commit SHAs, UUIDs, ordinary base64 and ordinary lines', () => {
    for (const keep of [
      `HEAD is now at ${SHA} Add pandas to analysis`,
      'request id 123e4567-e89b-12d3-a456-426614174000',
      'payload VGhpcyBpcyBhbiBvcmRpbmFyeSBsb2cgbGluZSBlbmNvZGVkIGluIGJhc2U2NA==',
      'Cache restored from key: node-cache-Linux-x64-npm-5f0e2d3c4b5a697887',
      'token: invalid',
      'tokenizer=bert-base-uncased',
      'psql: error: FATAL:  password authentication failed for user "postgres"',
      'deploy key follows (log truncated)',
      "ModuleNotFoundError: No module named 'pandas'"
    ]) {
      expect(text).toContain(keep)
    }
    // The line right after a cut-off private key survives.
    expect(text).toMatch(/\*\*\*\nError: Process completed with exit code 1\.\n {2}"private_key"/)
  })

  it('keeps the names next to redacted values so the log still reads', () => {
    expect(text).toContain('AWS_SECRET_ACCESS_KEY=***')
    expect(text).toContain('DB_PASSWORD=***')
    expect(text).toContain('"api_key": "***"')
    expect(text).toContain('Authorization: Bearer ***')
    expect(text).toContain('postgres://***:***@db.internal:5432/app')
    expect(text).toContain('SECRET_KEY_BASE=***')
    expect(text).toContain('REDIS_URL=redis://***:***@cache:6379/0')
    expect(text).toContain('token%3D***%26x%3D1')
    expect(text).toContain('*** (wrapped by the terminal)')
    expect(text).toContain('E   ***\nE   assert key_loaded')
    expect(text).toContain('#12 0.414 ***\n#12 DONE 0.5s')
    expect(text).toContain('connecting with *** to the cache')
  })

  it('leaves nothing secretlint (preset-recommend) finds', async () => {
    const before = await secretlint(LOG)
    // The oracle must actually fire on the fixture, across many rules, or this test proves nothing.
    expect(before.length).toBeGreaterThanOrEqual(30)
    expect(new Set(before.map(m => m.ruleId)).size).toBeGreaterThanOrEqual(20)
    expect(await secretlint(text)).toEqual([])
    for (const m of before) expect(text).not.toContain(m.text)
  })
})

describe('redact: kinds one by one', () => {
  it.each([
    ['classic PAT', `push with ${SECRETS.ghp as string} now`, 'push with *** now'],
    ['AWS key id', 'id=AKIAFAKEFIXFLOW0TEST.', 'id=***.'],
    ['JWT', `Cookie: s=${SECRETS.jwt as string}; path=/`, 'Cookie: s=***; path=/'],
    [
      'git credential URL',
      'https://x-access-token:abcdef123456@github.com/o/r',
      'https://***:***@github.com/o/r'
    ],
    ['token key with hex value (old 40-hex PAT)', `GH_TOKEN=${SHA}`, 'GH_TOKEN=***'],
    ['--password flag', '--password=Zq8fakeW3xNq', '--password=***'],
    ['--token flag with a space', 'login --token Zq8fakeW3xNq0 -v', 'login --token *** -v'],
    ['YAML secret', 'client_secret: "Zq8fakeW3xNq0"', 'client_secret: "***"']
  ])('%s', (_kind, input, expected) => {
    const r = redact(input)
    expect(r.text).toBe(expected)
    expect(r.count).toBe(1)
  })

  it.each([
    ['a commit SHA', `commit ${SHA}`],
    ['a low-entropy password value', 'password: hunter2'],
    ['a placeholder', 'token: ${{ secrets.GITHUB_TOKEN }}'],
    ['an already masked value', 'GITHUB_TOKEN=***'],
    ['a 40-char mixed token without AWS context', `artifact Fake0SessionSecretKey0123456789abcdefgh done`],
    ['plain prose about tokens', 'Invalid token provided for the registry scope']
  ])('leaves %s alone', (_kind, input) => {
    expect(redact(input)).toEqual({ text: input, count: 0 })
  })

  it('redacts known values wherever they appear, longest first', () => {
    const r = redact('a=live-token-1 b=live-token-1-extended c=xlive-token-1x', [
      'live-token-1',
      'live-token-1-extended'
    ])
    expect(r.text).toBe('a=*** b=*** c=x***x')
    expect(r.count).toBe(3)
  })

  it('ignores known values too short to mean anything', () => {
    expect(redact('exit 1 at line 1', ['1', ''])).toEqual({ text: 'exit 1 at line 1', count: 0 })
  })

  it('redacts a CRLF private key block line by line and keeps the CRs', () => {
    const body = `MII${'A'.repeat(61)}`
    const input = `before\r\n-----BEGIN EC PRIVATE KEY-----\r\n${body}\r\n-----END EC PRIVATE KEY-----\r\nafter\r\n`
    const r = redact(input)
    expect(r.text).toBe('before\r\n***\r\n***\r\n***\r\nafter\r\n')
    expect(r.count).toBe(1)
  })

  it('redacts an encrypted PEM with headers and a blank line, and a cut-off key up to the end', () => {
    const enc = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-128-CBC,0F1E2D3C4B5A69788796A5B4C3D2E1F0',
      '',
      'MIIfakeKEY0123',
      '-----END RSA PRIVATE KEY-----',
      'next'
    ].join('\n')
    expect(redact(enc).text).toBe('***\n***\n***\n\n***\n***\nnext')
    expect(redact('key:\n-----BEGIN PRIVATE KEY-----\nMIIfake0123\nMIIfake4567').text).toBe(
      'key:\n***\n***\n***'
    )
  })

  it('handles raw log timestamps in front of PEM lines', () => {
    const ts = '2024-05-01T10:00:00.1234567Z '
    const r = redact(`${ts}-----BEGIN PRIVATE KEY-----\n${ts}MIIfake0123\n${ts}done.`)
    expect(r.text).toBe(`${ts}***\n***\n${ts}done.`)
  })
})

describe('redact: shapes from the adversarial review (issue 7)', () => {
  const ghp = SECRETS.ghp as string
  it.each([
    ['a URL-encoded token', `cb?token%3D${ghp}%26next=1`, 'cb?token%3D***%26next=1'],
    ['a URL-encoded AWS key id', 'q=id%3DAKIAFAKEFIXFLOW0TEST', 'q=id%3D***'],
    ['a URL-encoded password pair', 'a=1&password%3Dhunter22', 'a=1&password%3D***'],
    ['an empty URL user', 'REDIS_URL=redis://:hunter22@cache:6379', 'REDIS_URL=redis://***:***@cache:6379'],
    ['SECRET_KEY_BASE', 'SECRET_KEY_BASE=abc1', 'SECRET_KEY_BASE=***'],
    ['*_PASSWORD', 'export DB_PASSWORD=letmein', 'export DB_PASSWORD=***'],
    ['*_PASS', 'REDIS_PASS="hunter22"', 'REDIS_PASS="***"'],
    ['*_PWD', 'SMTP_PWD=fakepwd', 'SMTP_PWD=***'],
    ['*_TOKEN', 'docker build --build-arg NPM_TOKEN=abcd .', 'docker build --build-arg NPM_TOKEN=*** .'],
    ['*_SECRET', '-e CLIENT_SECRET=plain', '-e CLIENT_SECRET=***'],
    ['*_API_KEY', 'OPENAI_API_KEY=key1 run', 'OPENAI_API_KEY=*** run']
  ])('%s', (_kind, input, expected) => {
    expect(redact(input).text).toBe(expected)
  })

  it.each([
    ['a number of tokens', 'MAX_TOKEN=4096'],
    ['a placeholder', 'NPM_TOKEN=${{ secrets.NPM_TOKEN }}'],
    ['a boolean', 'TESTS_PASS=true'],
    ['a word that only ends like a name', 'BYPASS=enabled'],
    ['a flag', 'tokenizer=bert-base-uncased'],
    ['an empty value', 'GITHUB_TOKEN= ']
  ])('leaves %s alone', (_kind, input) => {
    expect(redact(input)).toEqual({ text: input, count: 0 })
  })

  it('redacts a token wrapped over two lines, behind timestamps, and keeps what follows', () => {
    const ts = '2026-11-20T10:16:00.0000000Z '
    const [head, tail] = [ghp.slice(0, 20), ghp.slice(20)]
    expect(redact(`push ${head}\n${tail} done`).text).toBe('push ***\n*** done')
    expect(redact(`${ts}push ${head}\r\n${ts}${tail}\r\nnext`).text).toBe(`${ts}push ***\r\n${ts}***\r\nnext`)
    const pat = SECRETS.github_pat as string
    expect(redact(`${pat.slice(0, 15)}\n${pat.slice(15)}`).text).toBe('***\n***')
  })

  it('leaves a whole token at a line end and the next line alone', () => {
    expect(redact(`push ${ghp}\nError: failed`).text).toBe('push ***\nError: failed')
    expect(redact('ghp_\nsomething').text).toBe('ghp_\nsomething')
  })

  it.each([
    ['pytest', 'E   '],
    ['Docker BuildKit', '#12 0.412 '],
    ['a raw log timestamp', '2026-11-20T10:16:00.0000000Z '],
    ['a step prefix', '[build]   ']
  ])(
    'redacts a private key body behind %s prefixes, keeping the prefix and what follows',
    (_tool, prefix) => {
      const next = prefix.replace(/\d/g, '9')
      const lines = [
        `${prefix}-----BEGIN PRIVATE KEY-----`,
        `${next}${(SECRETS.pytest_pem1 as string).slice(0, 50)}`,
        `${next}${SECRETS.pytest_pem2 as string}`,
        `${next}-----END PRIVATE KEY-----`,
        `${prefix}assert loaded`
      ]
      const out = redact(lines.join('\n')).text.split('\n')
      expect(out.slice(0, 4).every(l => l.endsWith(MARKED))).toBe(true)
      expect(out.join('\n')).not.toContain((SECRETS.pytest_pem1 as string).slice(0, 50))
      expect(out.join('\n')).not.toContain(SECRETS.pytest_pem2)
      expect(out[4]).toBe(`${prefix}assert loaded`)
    }
  )

  it('ends a cut-off key behind a prefix at the first line that is not key material', () => {
    const r = redact(
      'E   -----BEGIN RSA PRIVATE KEY-----\nE   MIIfake0123abcDEF\nE   AssertionError: bad key'
    )
    expect(r.text).toBe('E   ***\nE   ***\nE   AssertionError: bad key')
  })

  it('redacts values registered with ::add-mask:: anywhere in the text, before and after the command', () => {
    const log = [
      'early use of s3cretFake before registration',
      "+ echo '::add-mask::s3cretFake'",
      '::add-mask::multi%0Aline-fake-value',
      'later s3cretFake and line-fake-value'
    ].join('\n')
    const out = redact(log).text
    expect(out).not.toContain('s3cretFake')
    expect(out).not.toContain('line-fake-value')
    expect(out).toContain('early use of *** before registration')
    expect(masksIn("+ echo '::add-mask::s3cretFake'")).toEqual(expect.arrayContaining(['s3cretFake']))
    expect(masksIn('::add-mask::***')).toEqual([])
    expect(masksIn('::add-mask::ab')).toEqual([])
  })

  it('collects masks from a whole stream, a line cut between chunks included', () => {
    const masks = new MaskCollector()
    for (const chunk of ['head\n::add-', 'mask::fake-mask-1\nbody\n', '::add-mask::fake-mask-2'])
      masks.scan(chunk)
    masks.end()
    expect(masks.values.sort()).toEqual(['fake-mask-1', 'fake-mask-2'])
    expect(redact('x fake-mask-1 y', masks.values).text).toBe('x *** y')
  })
})

describe('redactLines', () => {
  it('redacts a failure block given as lines, PEM blocks included, keeping the line count', () => {
    const lines = LOG.split('\n')
    const r = redactLines(lines, [SECRETS.known as string])
    expect(r.lines).toHaveLength(lines.length)
    const text = r.lines.join('\n')
    expect(Object.entries(SECRETS).filter(([, v]) => text.includes(v))).toEqual([])
    expect(r.count).toBe(redact(LOG, [SECRETS.known as string]).count)
  })

  it('falls back to line by line when a line holds a newline', () => {
    expect(redactLines(['a\nb', `t ${SECRETS.ghp as string}`])).toEqual({
      lines: ['a\nb', 't ***'],
      count: 1
    })
    expect(redactLines([])).toEqual({ lines: [], count: 0 })
  })
})

describe('redact: key material without its BEGIN line', () => {
  it('redacts a lone line of PEM-width base64 that mixes cases and digits', () => {
    const body = (SECRETS.pem_body2 as string).slice(0, 64)
    expect(redact(body)).toEqual({ text: MARKED, count: 1 })
    expect(redact(`2024-05-01T10:00:00.0000000Z ${body}\r`).text).toBe('2024-05-01T10:00:00.0000000Z ***\r')
  })

  it('keeps a sha256 hex digest and shorter base64 on their own lines', () => {
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    expect(redact(sha256).count).toBe(0)
    expect(redact('SGVsbG8gd29ybGQ=').count).toBe(0)
  })
})

describe('redact: properties', () => {
  it('never changes the number of lines and keeps a SHA on its own line in arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (a, b) => {
        const input = `${a}\n${SHA}\n${b}`
        const out = redact(input).text.split('\n')
        expect(out).toHaveLength(input.split('\n').length)
        expect(out).toContain(SHA)
      }),
      { numRuns: 300 }
    )
  })

  it('measures entropy in bits per character', () => {
    expect(entropy('aaaaaaaa')).toBe(0)
    expect(entropy('abcdefgh')).toBe(3)
  })
})

describe('redact: speed', () => {
  // Inputs built to make a backtracking regex explode; each must still take linear time.
  const MB = 1 << 20
  const cases: [string, string][] = [
    ['long word run', 'a'.repeat(MB)],
    ['JWT-like run without dots', 'eyJ'.repeat(MB / 3)],
    ['JWT-like halves', 'eyJabc.'.repeat(MB / 7)],
    ['repeated secret keys', 'password_token_secret_'.repeat(MB / 22)],
    ['repeated separators', 'token=:'.repeat(MB / 7)],
    ['URL credentials without @', 'https://u:'.repeat(MB / 10)],
    ['PEM begins', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(MB / 32)],
    ['base64 on an AWS line', `AKIAFAKEFIXFLOW0TEST ${'Ab0/'.repeat(MB / 4)}`],
    ['many short lines', 'x=1 secret\n'.repeat(MB / 11)],
    ['many PEM-width lines', `${'Ab0/'.repeat(16)}\n`.repeat(MB / 65)],
    ['a huge known value list', 'ordinary log text\n'.repeat(MB / 18)]
  ]
  cases.push(
    ['percent-escapes', '%3D%3A%26'.repeat(MB / 9)],
    ['secret-named keys without =', 'A_B_C_D_E_F_G_PASSWORD'.repeat(MB / 22)],
    ['empty-user URLs without @', 'redis://:'.repeat(MB / 9)],
    ['token starts at every line end', 'x ghp_AAAA\nBBBB '.repeat(MB / 16)],
    ['one long wrapped run', `ghp_${'A'.repeat(MB / 2)}\n${'B'.repeat(MB / 2)}`],
    [
      'prefixed PEM lines without END',
      `E   -----BEGIN RSA PRIVATE KEY-----\n${'E   Ab0/Ab0/\n'.repeat(MB / 13)}`
    ],
    ['add-mask commands', '::add-mask::abcd\n'.repeat(MB / 17)],
    ['long prefixes before key-width lines', `${'p'.repeat(39)} ${'Ab0/'.repeat(16)}\n`.repeat(MB / 105)]
  )
  const KNOWN = ['known-value', ...Array.from({ length: 50 }, (_, i) => `known-secret-${i}`)]
  /** Fastest of three runs, in ms: the machine is shared, the best run is the one that measures the code. */
  const best = (input: string): number =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const start = performance.now()
        redact(input, KNOWN)
        return performance.now() - start
      })
    )
  // A plain 1 MiB log: the fixture repeated (real lines, real secrets), the baseline of the same run.
  const plain = LOG.repeat(Math.ceil(MB / LOG.length)).slice(0, MB)
  const plainMs = best(plain)

  it.each(cases)('%s (1 MiB) costs about what a plain 1 MiB log does', (_name, input) => {
    // Super-linear work on 1 MiB costs seconds to hours; linear work stays within a small factor of the baseline.
    expect(best(input)).toBeLessThan(Math.max(10 * plainMs, 200))
  })

  it.each(cases)('%s (1 MiB) in well under a second', (_name, input) => {
    const start = performance.now()
    redact(input, ['known-value', ...Array.from({ length: 50 }, (_, i) => `known-secret-${i}`)])
    expect(performance.now() - start).toBeLessThan(1500)
  })
})
