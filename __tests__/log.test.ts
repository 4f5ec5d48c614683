// Workflow-command smuggling (SECURITY.md threat 12): whatever a job, step or file name holds, nothing FixFlow
// prints through actionLogger is a command the runner would obey.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import fc from 'fast-check'
import { actionLogger, neutraliseCommands } from '../src/log.js'

/** What the runner would treat as a command: `::` after leading white space, or a legacy `##[` anywhere. */
function commands(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter(line => /^\s*::/.test(line) || line.includes('##['))
}

const HOSTILE = [
  '::set-output name=x::y',
  '::warning::pwned',
  'test\n::add-mask::abc',
  'test\r::stop-commands::tok',
  'a\r\n  \t::error file=x::boom',
  '\u2003::notice::wide space',
  'build ##[set-output name=x;]y',
  '::::'
]

describe('neutraliseCommands', () => {
  it.each(HOSTILE)('makes %j inert and keeps it readable', name => {
    const out = neutraliseCommands(name)
    expect(commands(out)).toEqual([])
    expect(out.replace(/: :/g, '::').replace(/# #\[/g, '##[')).toBe(name)
  })

  it('leaves ordinary text alone', () => {
    expect(neutraliseCommands("reading the log of job 'test' (42): a::b std::vector")).toBe(
      "reading the log of job 'test' (42): a::b std::vector"
    )
  })

  it('leaves no command in any text (property)', () => {
    const piece = fc.constantFrom('::', ':', '#', '##[', '\n', '\r', ' ', '\t', '\u00a0', 'set-output', 'x')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), parts => {
        expect(commands(neutraliseCommands(parts.join('')))).toEqual([])
      }),
      { numRuns: 2000 }
    )
  })
})

describe('actionLogger', () => {
  let written: string
  beforeEach(() => {
    written = ''
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk)
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it.each(HOSTILE)('prints %j through info and startGroup with no command of its own', name => {
    actionLogger.info(`reading the log of job '${name}' (7)`)
    actionLogger.info(name)
    actionLogger.startGroup(name)
    actionLogger.endGroup()
    // The only commands are the group pair core itself writes.
    expect(commands(written).map(l => l.replace(/::(group|endgroup)::.*/, '::$1::'))).toEqual([
      '::group::',
      '::endgroup::'
    ])
  })

  it('keeps warnings one annotation, whatever the name holds', () => {
    actionLogger.warning(`job '${HOSTILE[2] as string}': log unavailable`)
    expect(commands(written)).toHaveLength(1)
    expect(written.startsWith('::warning::')).toBe(true)
  })
})
