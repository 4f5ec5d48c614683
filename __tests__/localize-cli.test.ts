import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { contextCommand } from '../src/analysis/localize/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'fixflow-context-'))
const repo = join(dir, 'repo')
const files: Record<string, string> = {
  'pom.xml': '<project/>',
  'src/main/java/org/acme/Cart.java': 'package org.acme;\npublic class Cart {}\n',
  'src/test/java/org/acme/CartTest.java': 'package org.acme;\npublic class CartTest {}\n',
  'src/main/resources/data.bin': 'a\u0000b'
}
for (const [p, c] of Object.entries(files)) {
  mkdirSync(dirname(join(repo, p)), { recursive: true })
  writeFileSync(join(repo, p), c)
}
symlinkSync('/etc/passwd', join(repo, 'src/main/java/org/acme/Link.java'))
const log = join(dir, 'ci.log')
writeFileSync(
  log,
  [
    '[INFO] Running org.acme.CartTest',
    'Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 sec <<< FAILURE! - in org.acme.CartTest',
    'total(org.acme.CartTest)  Time elapsed: 0.01 sec  <<< FAILURE!',
    'java.lang.AssertionError: expected:<3> but was:<2>',
    '\tat org.acme.Link.x(Link.java:1)',
    '\tat org.acme.CartTest.total(CartTest.java:2)',
    '[ERROR] BUILD FAILURE'
  ].join('\n')
)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array, cb?: unknown) => {
    out += String(s)
    if (typeof cb === 'function') (cb as () => void)()
    return true
  })
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s)
    return true
  })
  try {
    return { code: await contextCommand(argv), out, err }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

describe('fixflow context', () => {
  it('prints the context one path a line, never a symlink', async () => {
    const r = await capture(['--log', log, '--repo', repo])
    expect(r.code).toBe(0)
    expect(r.out.trim().split('\n')).toEqual([
      'src/test/java/org/acme/CartTest.java',
      'src/main/java/org/acme/Cart.java',
      'pom.xml'
    ])
  })

  it('--json gives the reason and the evidence line of each', async () => {
    const r = await capture(['--log', log, '--repo', repo, '--json'])
    const got = JSON.parse(r.out) as { path: string; reason: string; evidence: string; lines: number[] }[]
    expect(got[0]).toMatchObject({
      path: 'src/test/java/org/acme/CartTest.java',
      reason: 'test named as failing'
    })
    expect(got[0]?.evidence).toContain('<<< FAILURE! - in org.acme.CartTest')
    expect(got[0]).toMatchObject({ lines: [2] })
    expect(got[1]?.reason).toMatch(/exercised by CartTest\.java/)
  })

  it('refuses bad arguments with the usage', async () => {
    expect((await capture(['--log', log])).code).toBe(2)
    const bad = await capture(['--log', log, '--repo', repo, '--max-files', '0'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--max-files wants a positive integer/)
    expect((await capture(['--log', log, '--repo', repo, '--max-prompt-tokens', 'x'])).code).toBe(2)
    expect((await capture(['--nope'])).code).toBe(2)
  })
})
