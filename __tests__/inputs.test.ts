import { describe, expect, it } from '@jest/globals'
import { parseInputs } from '../src/inputs.js'
import { mentionedPaths } from '../src/analysis/context.js'
import type { JobFailure } from '../src/types.js'

const read = (m: Record<string, string>) => (name: string) => m[name] ?? ''

describe('parseInputs', () => {
  it('fills every default', () => {
    const i = parseInputs(read({ 'github-token': 't0ken-fake' }), {})
    expect(i).toMatchObject({
      mode: 'auto',
      provider: 'auto',
      awsRegion: 'us-east-1',
      dynamodbTable: '',
      maxLogBytes: 10_000_000,
      maxPromptTokens: 6000,
      protectedPaths: [],
      dashboard: 'off'
    })
    expect(i.modelId).toMatch(/nova/)
  })

  it('takes the region from AWS_REGION when the input is empty', () => {
    expect(parseInputs(read({}), { AWS_REGION: 'eu-west-1' }).awsRegion).toBe('eu-west-1')
  })

  it('splits protected paths on commas and newlines', () => {
    expect(
      parseInputs(read({ 'protected-paths': 'infra/**, deploy/*.sh\nsecrets/**' }), {}).protectedPaths
    ).toEqual(['infra/**', 'deploy/*.sh', 'secrets/**'])
  })

  it('keeps a brace or class list with commas as one protected pattern', () => {
    expect(
      parseInputs(read({ 'protected-paths': '*.{tf,tfvars}, keys/[a,b]*\n\\{x,y' }), {}).protectedPaths
    ).toEqual(['*.{tf,tfvars}', 'keys/[a,b]*', '\\{x', 'y']) // an escaped brace opens no list
  })

  it.each([
    ['deploy/[prod', /protected-paths.*"deploy\/\[prod" cannot be parsed/],
    ['*.{tf,tfvars', /protected-paths.*"\*\.\{tf,tfvars" cannot be parsed/],
    ['+(a|b', /protected-paths.*cannot be parsed/],
    ['[z-a].yml', /protected-paths.*"\[z-a\]\.yml" cannot be parsed/],
    ['!docs/**', /protected-paths.*negated/]
  ])('fails closed on the protected-paths pattern %j, naming it', (pattern, message) => {
    expect(() => parseInputs(read({ 'protected-paths': `infra/**\n${pattern}` }), {})).toThrow(message)
  })

  it.each([
    ['mode', 'deploy', /mode.*'deploy'.*auto, analyze, approve, track/],
    ['max-log-bytes', '12abc', /max-log-bytes.*'12abc'.*whole number/],
    ['max-prompt-tokens', '10', /max-prompt-tokens.*from 500/],
    ['dynamodb-table', 'no spaces allowed', /dynamodb-table.*letters, digits/],
    ['dashboard', 'maybe', /dashboard.*false, summary or issue/]
  ])('refuses %s=%s quoting the value and the expected form', (name, value, message) => {
    expect(() => parseInputs(read({ [name]: value }), {})).toThrow(message)
  })
})

describe('mentionedPaths', () => {
  const failure = (lines: string[]): JobFailure => ({
    jobId: 1,
    jobName: 'test',
    extraction: {
      blocks: [{ kind: 'x', lines: lines.map((text, i) => ({ n: i + 1, text })) }],
      tokens: 0,
      totalLines: lines.length
    }
  })
  const tree = ['src/app/main.py', 'tests/test_main.py', 'requirements.txt', 'README.md']

  it('maps absolute runner paths and relative paths to tree paths, first mention first', () => {
    const f = failure([
      'File "/home/runner/work/weather/weather/tests/test_main.py", line 3, in <module>',
      '  from src.app import main  # see src/app/main.py:12',
      'tests/test_main.py:3: error'
    ])
    expect(mentionedPaths([f], tree)).toEqual(['tests/test_main.py', 'src/app/main.py'])
  })

  it('ignores paths that are not in the tree', () => {
    expect(mentionedPaths([failure(['/usr/lib/python3.12/site-packages/x.py'])], tree)).toEqual([])
  })
})
