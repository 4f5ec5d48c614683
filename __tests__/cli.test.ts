// The CLI run as a user runs it: the CLI bundle (dist/cli/index.js, `npm run bundle`) on the shipped examples.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gitBlobSha, localTree } from '../src/cli/local-tree.js'
import { awsError, startBedrock } from './support/bedrock-server.js'
import { startDynamo } from './support/dynamo.js'

const CLI = resolve(process.env.FIXFLOW_CLI ?? 'dist/cli/index.js')
const PROG = `node ${process.env.FIXFLOW_CLI ?? 'dist/cli/index.js'}`
const EX = 'examples/python-missing-module'
const cleanEnv = { PATH: process.env.PATH ?? '', HOME: tmpdir() }
const COMMANDS = ['analyze', 'extract', 'init-table', 'list', 'dashboard']

function cli(args: string[], env: NodeJS.ProcessEnv = cleanEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' })
}

/** Runs the CLI without blocking this process, so a loopback server in it can answer. */
function cliAsync(
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(res => {
    const child = spawn(process.execPath, [CLI, ...args], { env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', status => res({ status, stdout, stderr }))
  })
}

describe('fixflow analyze', () => {
  it("the README's first command prints the comment the action would post, with no cloud account", () => {
    const r = cli(['analyze', '--log', `${EX}/ci.log`, '--repo', `${EX}/repo`])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain("No module named 'pandas'")
    expect(r.stdout).toContain('🟡 medium')
    expect(r.stdout).toMatch(/^\+pandas$/m)
    expect(r.stdout).toContain('/fixflow approve')
    expect(r.stderr).toContain('built-in rules analyzer')
    // Not a terminal: markdown, the comment as posted.
    expect(r.stdout).toContain('```diff')
  })

  it('--format text prints a plain terminal rendering: no HTML, fences, emphasis or escapes', () => {
    const r = cli(['analyze', '--log', `${EX}/ci.log`, '--repo', `${EX}/repo`, '--format', 'text'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^\+pandas$/m)
    expect(r.stdout).toContain('Root cause: ')
    expect(r.stdout).toContain('/fixflow approve local-1')
    expect(r.stdout).toContain('(pip install -r requirements.txt)')
    expect(r.stdout).not.toMatch(/<\/?(details|summary|sub)|<!--|```|\*\*|\\[`*_[\]]/)
  })

  it('--patch writes a patch that git apply accepts on the example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixflow-cli-'))
    const patch = join(dir, 'fix.patch')
    const r = cli(['analyze', '--log', `${EX}/ci.log`, '--repo', `${EX}/repo`, '--patch', patch])
    expect(r.status).toBe(0)
    execFileSync('git', ['init', '-q', dir])
    writeFileSync(join(dir, 'requirements.txt'), readFileSync(`${EX}/repo/requirements.txt`))
    execFileSync('git', ['apply', '--check', patch], { cwd: dir })
  })

  it('without --repo reads nothing of the current directory (here FixFlow itself) and proposes no patch', () => {
    const r = cli(['analyze', '--log', `${EX}/ci.log`, '--format', 'text'])
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('context: no repository files')
    expect(r.stderr).toContain('no --repo given')
    expect(r.stdout).toContain('No repository was given (--repo DIR)')
    expect(r.stdout).not.toMatch(/^\+/m)
    expect(r.stdout).not.toContain('/fixflow approve')
    const help = cli(['analyze', '--help'])
    expect(help.stdout).toMatch(
      /--repo DIR\s+the checkout the log belongs to; without it no repository file is read/
    )
  })

  it('with Bedrock credentials refused, gives local advice (AWS_PROFILE, environment), not CI advice', async () => {
    const bedrock = await startBedrock(() =>
      awsError('UnrecognizedClientException', 'The security token is invalid', 403)
    )
    try {
      const r = await cliAsync(
        [
          'analyze',
          '--log',
          `${EX}/ci.log`,
          '--repo',
          `${EX}/repo`,
          '--provider',
          'bedrock',
          '--format',
          'text'
        ],
        {
          ...cleanEnv,
          AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
          AWS_SECRET_ACCESS_KEY: 'fake-secret-key-for-tests-only',
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url
        }
      )
      expect(bedrock.requests.length).toBeGreaterThan(0)
      expect(r.status).toBe(1)
      expect(r.stdout).toContain('analysis unavailable')
      expect(r.stdout).toContain('AWS_PROFILE')
      expect(r.stdout).not.toContain('configure-aws-credentials')
      expect(r.stdout).toContain('Run the command again once this is fixed.')
      expect(r.stdout).not.toContain('Re-run the failed jobs')
    } finally {
      await bedrock.close()
    }
  })
})

describe('fixflow arguments, help and errors', () => {
  it('--version prints the version of package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    const r = cli(['--version'])
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(`fixflow ${pkg.version}`)
  })

  it('the top-level help lists every command and how to run it', () => {
    const r = cli(['--help'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`usage: ${PROG} <command>`)
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'))
    expect(cli([]).status).toBe(2)
  })

  it("the README's Local CLI section shows every command the help lists", () => {
    const help = cli(['--help']).stdout
    const listed = [...help.matchAll(/^ {2}([a-z-]+) /gm)].map(m => m[1])
    expect(listed).toEqual(expect.arrayContaining(COMMANDS))
    const readme = readFileSync('README.md', 'utf8')
    const section = readme.slice(
      readme.indexOf('## Local CLI'),
      readme.indexOf('\n## ', readme.indexOf('## Local CLI'))
    )
    for (const c of listed) expect(section).toContain(`node dist/cli/index.js ${c} `)
  })

  it.each(COMMANDS)('%s --help prints its usage and options, exit 0', command => {
    const r = cli([command, '--help'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`usage: ${PROG} ${command}`)
    expect(r.stdout).toMatch(/^ {2}-h, --help/m)
  })

  it.each(COMMANDS)('%s rejects an unknown option and names a help command that runs', command => {
    const r = cli([command, '--no-such-option'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("Unknown option '--no-such-option'")
    const hint = /See: (.+)$/m.exec(r.stderr)?.[1] ?? ''
    expect(hint).toBe(`${PROG} ${command} --help`)
    // The hint is a command line that works as printed (no `fixflow` binary assumed on PATH).
    const [node, script = '', ...args] = hint.split(' ')
    expect(node).toBe('node')
    expect(spawnSync(process.execPath, [script, ...args], { env: cleanEnv }).status).toBe(0)
  })

  it('an unknown command, a missing value and a bad number are usage errors (exit 2)', () => {
    const unknown = cli(['bogus'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain(`${PROG}: unknown command 'bogus'`)
    expect(cli(['analyze', '--log']).status).toBe(2)
    expect(cli(['analyze']).stderr).toContain('analyze needs --log FILE')
    expect(cli(['analyze', '--log', `${EX}/ci.log`, '--format', 'html']).status).toBe(2)
    const bad = cli(['analyze', '--log', `${EX}/ci.log`, '--provider', 'gpt'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain("--provider is 'gpt'; expected one of")
    expect(cli(['list', '--table', 'ci_failures', '--repo', 'o/r', '--pr', 'x']).stderr).toContain(
      '--pr wants a positive whole number'
    )
  })
})

describe('fixflow init-table and list', () => {
  it('create the table against DynamoDB (AWS_ENDPOINT_URL_DYNAMODB), then list its proposals', async () => {
    const dynamo = await startDynamo()
    try {
      const env = {
        ...cleanEnv,
        AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-key-for-tests-only',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint
      }
      const made = await cliAsync(['init-table', '--table', 'cli_test', '--region', 'eu-west-1'], env)
      expect(made.stdout).toBe('table cli_test in eu-west-1: created\n')
      expect(made.status).toBe(0)
      const again = await cliAsync(['init-table', '--table', 'cli_test', '--region', 'eu-west-1'], env)
      expect(again.stdout).toBe('table cli_test in eu-west-1: exists\n')
      const list = await cliAsync(
        ['list', '--table', 'cli_test', '--repo', 'o/r', '--region', 'eu-west-1'],
        env
      )
      expect(list.status).toBe(0)
      expect(list.stdout).toBe('')
      expect(list.stderr).toBe('no proposals\n')
    } finally {
      await dynamo.close()
    }
  })
})

describe('fixflow extract', () => {
  it('prints the failure block; a missing file and a bad option are errors', () => {
    const ok = cli(['extract', `${EX}/ci.log`, '--max-tokens', '300'])
    expect(ok.status).toBe(0)
    expect(ok.stdout).toContain("ModuleNotFoundError: No module named 'pandas'")
    expect(ok.stdout.length / 4).toBeLessThanOrEqual(300 + 50)
    const missing = cli(['extract', 'no/such/file.log'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain("cannot read 'no/such/file.log'")
    expect(cli(['extract', `${EX}/ci.log`, '--max-tokens', '0']).status).toBe(2)
    expect(cli(['extract']).status).toBe(2)
  })

  it('reads standard input for -', () => {
    const r = spawnSync(process.execPath, [CLI, 'extract', '-', '--json'], {
      input: readFileSync(`${EX}/ci.log`),
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    const ex = JSON.parse(r.stdout) as { blocks: unknown[]; totalLines: number }
    expect(ex.blocks.length).toBeGreaterThan(0)
    expect(ex.totalLines).toBeGreaterThan(100)
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
