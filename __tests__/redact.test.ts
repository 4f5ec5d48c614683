import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { lintSource } from '@secretlint/core'
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend'
import fc from 'fast-check'
import { entropy, redact, redactLines } from '../src/logs/redact.js'

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
  it.each(cases)('%s (1 MiB) in well under a second', (_name, input) => {
    const start = performance.now()
    redact(input, ['known-value', ...Array.from({ length: 50 }, (_, i) => `known-secret-${i}`)])
    expect(performance.now() - start).toBeLessThan(1500)
  })
})
