// The CLI's pure parts, in process: the argument parser, how the CLI names itself, advice, text rendering.
import { describe, expect, it } from '@jest/globals'
import { defineCommand, parseCommand, programName, usage, UsageError } from '../src/cli/args.js'
import { LOCAL_CREDENTIALS, localAdvice } from '../src/cli/advice.js'
import { terminalSafe, toPlainText } from '../src/cli/plain-text.js'
import { renderComment } from '../src/render/comment.js'

const spec = defineCommand({
  name: 'demo',
  summary: 'A demo command.',
  positionals: { synopsis: '<file>', min: 1, max: 1 },
  options: {
    log: { type: 'string', multiple: true, value: 'FILE', help: 'a log' },
    json: { type: 'boolean', help: 'as JSON' },
    table: { type: 'string', value: 'NAME', help: 'a table' }
  }
})

describe('parseCommand', () => {
  it('types and fills every option of the table', () => {
    const r = parseCommand(spec, ['x.log', '--log', 'a', '--log=b', '--json'])
    expect(r?.values).toEqual({ log: ['a', 'b'], json: true, table: undefined })
    expect(r?.positionals).toEqual(['x.log'])
    expect(parseCommand(spec, ['x'])?.values).toEqual({ log: [], json: false, table: undefined })
  })

  it('is strict: unknown options, missing values and wrong positional counts are usage errors', () => {
    expect(() => parseCommand(spec, ['x', '--bogus'])).toThrow(UsageError)
    expect(() => parseCommand(spec, ['x', '--table'])).toThrow(UsageError)
    expect(() => parseCommand(spec, ['x', '--json=yes'])).toThrow(UsageError)
    expect(() => parseCommand(spec, [])).toThrow(/missing <file>/)
    expect(() => parseCommand(spec, ['x', 'y'])).toThrow(/unexpected argument 'y'/)
  })

  it('lists exactly the options it accepts in --help', () => {
    const text = usage(spec, 'node dist/cli/index.js')
    expect(text).toContain('usage: node dist/cli/index.js demo <file> [options]')
    for (const flag of ['--log FILE', '--json', '--table NAME', '-h, --help']) expect(text).toContain(flag)
    expect(text).toContain('a log (repeatable)')
  })
})

describe('programName', () => {
  it('names a command the user can run', () => {
    expect(programName('/home/u/fixflow/dist/cli/index.js', '/home/u/fixflow')).toBe('node dist/cli/index.js')
    expect(programName('/home/u/proj/node_modules/.bin/fixflow', '/home/u/proj')).toBe('npx fixflow')
    expect(programName('/opt/fixflow/dist/cli/index.js', '/home/u/proj')).toBe(
      'node /opt/fixflow/dist/cli/index.js'
    )
    expect(programName('/home/u/my dir/dist/cli/index.js', '/home/u/my dir')).toBe('node dist/cli/index.js')
    expect(programName('/tmp/my dir/cli.js', '/home')).toBe('node "/tmp/my dir/cli.js"')
  })
})

describe('localAdvice', () => {
  it("turns the action's CI credential advice into local advice and names the CLI as run", () => {
    const ci =
      'AWS credentials were refused or missing for Bedrock in us-east-1: bad token. Configure them with ' +
      'aws-actions/configure-aws-credentials (OIDC role) before FixFlow runs.'
    const out = localAdvice(ci, 'node dist/cli/index.js')
    expect(out).toContain('bad token. ' + LOCAL_CREDENTIALS)
    expect(out).not.toContain('configure-aws-credentials')
    expect(localAdvice('`fixflow init-table` creates it right.', 'npx fixflow')).toBe(
      '`npx fixflow init-table` creates it right.'
    )
  })
})

describe('toPlainText', () => {
  it('undoes the markup of a rendered comment, keeping code and diff text exact', () => {
    const markdown = renderComment(
      {
        runId: 1,
        attempt: 1,
        workflow: 'CI',
        runUrl: 'https://github.com/o/r/actions/runs/1',
        jobs: [{ name: 'a_b', step: 'npm test' }],
        skippedJobs: 0
      },
      {
        kind: 'no-fix',
        rootCause: 'uses *x* and <y> & @z',
        reason: 'Run `npm install --save-dev @types/node` first.'
      }
    )
    const text = toPlainText(markdown)
    expect(text).toContain('FixFlow — no fix proposed\n=')
    expect(text).toContain('CI · run 1 (https://github.com/o/r/actions/runs/1)')
    expect(text).toContain('Failed: a_b (step npm test)')
    expect(text).toContain('Root cause: uses *x* and <y> & @z')
    expect(text).toContain('Run npm install --save-dev @types/node first.')
    expect(text).not.toMatch(/<!--|\*\*|`|\\/)
  })
})

describe('terminalSafe', () => {
  it('shows escape sequences and bidi overrides as code points, keeps tabs and newlines', () => {
    expect(terminalSafe('a\u001b]0;pwned\u0007b\tc\nd\u202ee\u009bf')).toBe(
      'a<U+001B>]0;pwned<U+0007>b\tc\nd<U+202E>e<U+009B>f'
    )
  })
})
