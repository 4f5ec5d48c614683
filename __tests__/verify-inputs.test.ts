import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseInputs } from '../src/inputs.js'
import { Input, Output } from '../src/constants.js'

const read = (m: Record<string, string>) => (name: string) => m[name] ?? ''

describe('verification inputs (issue 10)', () => {
  it('defaults: no verification, 600 s, 2 attempts', () => {
    expect(parseInputs(read({}), {})).toMatchObject({ verify: '', verifyTimeoutSeconds: 600, maxAttempts: 2 })
  })

  it('takes a multi-line command as it is, trimmed', () => {
    const i = parseInputs(
      read({
        verify: '  pip install -r requirements.txt\npytest -q tests/test_app.py \n',
        'verify-timeout': '90',
        'max-attempts': '3'
      }),
      {}
    )
    expect(i).toMatchObject({
      verify: 'pip install -r requirements.txt\npytest -q tests/test_app.py',
      verifyTimeoutSeconds: 90,
      maxAttempts: 3
    })
  })

  it.each([
    ['verify-timeout', '0', "Input 'verify-timeout' is '0'; expected a whole number from 1 to 21600."],
    ['verify-timeout', '10m', "Input 'verify-timeout' is '10m'; expected a whole number from 1 to 21600."],
    ['max-attempts', '6', "Input 'max-attempts' is '6'; expected a whole number from 1 to 5."],
    ['max-attempts', '1.5', "Input 'max-attempts' is '1.5'; expected a whole number from 1 to 5."]
  ])('refuses %s = %s with the expected form', (name, value, message) => {
    expect(() => parseInputs(read({ [name]: value }), {})).toThrow(message)
  })

  it('refuses a command that is too long or holds a NUL', () => {
    expect(() => parseInputs(read({ verify: 'x'.repeat(10_001) }), {})).toThrow(
      "Input 'verify' is 10001 characters long; expected a shell command of at most 10000."
    )
    expect(() => parseInputs(read({ verify: 'pytest\0-q' }), {})).toThrow(
      "Input 'verify' contains a NUL character"
    )
  })

  it('declares the inputs and the verified output in action.yml with the same defaults', () => {
    const yml = readFileSync('action.yml', 'utf8')
    for (const [name, def] of [
      [Input.Verify, "''"],
      [Input.VerifyTimeout, "'600'"],
      [Input.MaxAttempts, "'2'"]
    ] as const) {
      expect(yml).toMatch(new RegExp(`\\n  ${name}:\\n(?:    .*\\n|      .*\\n)*?    default: ${def}\\n`))
    }
    expect(yml).toMatch(new RegExp(`\\n  ${Output.Verified}:\\n    description: `))
  })
})
