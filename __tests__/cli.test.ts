// The README's first command, run as a user runs it: the committed CLI bundle on a shipped example.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gitBlobSha, localTree } from '../src/local.js'

const CLI = resolve(process.env.FIXFLOW_CLI ?? 'dist/cli/index.js')
const EX = 'examples/python-missing-module'
const cleanEnv = { PATH: process.env.PATH ?? '', HOME: tmpdir() }

describe('fixflow CLI', () => {
  it('analyze prints the comment the action would post, with no cloud account', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', '--log', `${EX}/ci.log`, '--repo', `${EX}/repo`], {
      env: cleanEnv,
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain("No module named 'pandas'")
    expect(r.stdout).toContain('🟡 medium')
    expect(r.stdout).toMatch(/^\+pandas$/m)
    expect(r.stdout).toContain('/fixflow approve')
    expect(r.stderr).toContain('built-in rules analyzer')
  })

  it('analyze --patch writes a patch that git apply accepts on the example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixflow-cli-'))
    const patch = join(dir, 'fix.patch')
    const r = spawnSync(
      process.execPath,
      [CLI, 'analyze', '--log', `${EX}/ci.log`, '--repo', `${EX}/repo`, '--patch', patch],
      {
        env: cleanEnv,
        encoding: 'utf8'
      }
    )
    expect(r.status).toBe(0)
    execFileSync('git', ['init', '-q', dir])
    writeFileSync(join(dir, 'requirements.txt'), readFileSync(`${EX}/repo/requirements.txt`))
    execFileSync('git', ['apply', '--check', patch], { cwd: dir })
  })

  it('extract prints the failure block; a missing file and a bad option are errors', () => {
    const ok = spawnSync(process.execPath, [CLI, 'extract', `${EX}/ci.log`, '--max-tokens', '300'], {
      encoding: 'utf8'
    })
    expect(ok.status).toBe(0)
    expect(ok.stdout).toContain("ModuleNotFoundError: No module named 'pandas'")
    expect(ok.stdout.length / 4).toBeLessThanOrEqual(300 + 50)
    expect(
      spawnSync(process.execPath, [CLI, 'extract', 'no/such/file.log'], { encoding: 'utf8' }).status
    ).not.toBe(0)
    expect(spawnSync(process.execPath, [CLI, 'bogus'], { encoding: 'utf8' }).status).toBe(2)
  })
})

describe('localTree', () => {
  it('gives the blob SHAs git gives', async () => {
    const { tree, read } = localTree(`${EX}/repo`)
    expect(tree.map(e => e.path)).toContain('requirements.txt')
    const entry = (await read('requirements.txt'))!
    const expected = execFileSync('git', ['hash-object', `${EX}/repo/requirements.txt`], {
      encoding: 'utf8'
    }).trim()
    expect(entry.sha).toBe(expected)
    expect(gitBlobSha(Buffer.from(''))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')
  })
})
