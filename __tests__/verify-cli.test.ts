// `fixflow analyze --verify CMD` (issue 10): the README's example run as written (the committed CLI bundle), and
// verifyForCli in-process. The analysed directory is never written.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { propose, type ProposeInput } from '../src/flows/analyze/propose.js'
import { verifyForCli } from '../src/verify/cli.js'
import { RulesAnalyzer } from '../src/analysis/analyzer.js'
import { RepoSnapshot } from '../src/analysis/context.js'
import { localTree } from '../src/cli/local-tree.js'
import { extractStream } from '../src/logs/extract.js'
import { createReadStream } from 'node:fs'
import type { Logger } from '../src/log.js'

const EX = 'examples/python-missing-module'
const quiet: Logger = {
  info: () => {},
  warning: () => {},
  debug: () => {},
  startGroup: () => {},
  endGroup: () => {}
}

/** Every file under `dir` with its bytes' hash and mode. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name)
      const st = lstatSync(full)
      if (st.isDirectory()) walk(full)
      else
        out[full] = `${st.mode.toString(8)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`
    }
  }
  walk(dir)
  return out
}

/** The README's `--verify` example: the fenced block that follows the paragraph about `--verify`. */
function readmeCommand(): string {
  const readme = readFileSync('README.md', 'utf8')
  const block = /`--verify CMD`[^]*?\n```\n([^]*?)\n```/.exec(readme)
  if (!block?.[1]) throw new Error('README has no --verify example')
  return block[1]
}

async function rulesProposal(): Promise<ProposeInput & { first: Awaited<ReturnType<typeof propose>> }> {
  const extraction = await extractStream(createReadStream(`${EX}/ci.log`), { maxTokens: 3000 })
  const { tree: entries, read } = localTree(`${EX}/repo`)
  const input: ProposeInput = {
    failures: [{ jobId: 1, jobName: 'ci.log', extraction }],
    snapshot: new RepoSnapshot(entries, read),
    analyzer: new RulesAnalyzer(),
    protectedPaths: [],
    maxPromptTokens: 6000,
    secrets: [],
    log: quiet,
    meta: {
      failureId: 'local-1',
      repoName: 'local/repo',
      branch: 'local',
      commitSha: '0'.repeat(40),
      runId: 0,
      attempt: 1,
      workflow: 'local run',
      fromFork: false,
      now: new Date('2026-01-01T00:00:00Z')
    }
  }
  return { ...input, first: await propose(input) }
}

describe('fixflow analyze --verify', () => {
  it("the README's example, run as written: the check passes with the rules' patch; the example is untouched", () => {
    const before = tree(EX)
    const r = spawnSync('bash', ['-c', readmeCommand()], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/\*\*Verified:\*\* ✅ `python3 -c .*` passed with this patch/)
    expect(r.stdout).toContain('undeclared imports: []')
    expect(r.stdout).toMatch(/^\+pandas$/m)
    expect(tree(EX)).toEqual(before)
  })

  it('the same check without the patch fails: the example really needs the fix', () => {
    const check = /--verify "([^]*)"$/.exec(readmeCommand())![1]!.replace(/\\"/g, '"')
    const r = spawnSync('bash', ['-c', check], { cwd: `${EX}/repo`, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stdout).toContain("undeclared imports: ['pandas']")
  })

  it('a failing check -> failed with the exit code and output; the rules get no repair round', async () => {
    const input = await rulesProposal()
    const before = tree(EX)
    const v = await verifyForCli(input.first, input, {
      inputs: { verify: 'grep -c pandas requirements.txt; exit 4', verifyTimeoutSeconds: 30, maxAttempts: 3 },
      repoDir: `${EX}/repo`
    })
    expect(v.result.kind).toBe('proposal')
    const record = v.result.kind === 'proposal' ? v.result.record : undefined
    // The copy had the patch applied: pandas is in it once.
    expect(v.output).toBe('1')
    expect(record?.verification).toMatchObject({ verified: 'failed', exit_code: 4, attempts: 1 })
    expect(v.verdict).toMatch(
      /^\*\*Verified:\*\* ❌ `grep -c pandas requirements.txt; exit 4` failed with this patch: exit code 4/
    )
    expect(tree(EX)).toEqual(before)
  })

  it('without --verify, or without a proposal, nothing is run', async () => {
    const input = await rulesProposal()
    const none = await verifyForCli(input.first, input, {
      inputs: { verify: '', verifyTimeoutSeconds: 30, maxAttempts: 2 },
      repoDir: `${EX}/repo`
    })
    expect(none).toEqual({ result: input.first, verdict: '' })
    const noFix = { kind: 'no-fix' as const, reason: 'nothing' }
    const r = await verifyForCli(noFix, input, {
      inputs: { verify: 'exit 1', verifyTimeoutSeconds: 30, maxAttempts: 2 },
      repoDir: `${EX}/repo`
    })
    expect(r.result).toBe(noFix)
  })
})
