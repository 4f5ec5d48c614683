import { describe, expect, it } from '@jest/globals'
import {
  PROPOSAL_JSON_SCHEMA,
  PROPOSAL_LIMITS,
  PROPOSAL_TOOL_NAME,
  parseModelReply,
  parseModelText
} from '../src/analysis/schema.js'

const good = {
  root_cause: "ModuleNotFoundError: No module named 'pandas' — requirements.txt does not list it.",
  files_to_modify: [
    {
      file_path: 'requirements.txt',
      original: 'numpy==2.1.0\n',
      replacement: 'numpy==2.1.0\npandas==2.2.3\n'
    }
  ],
  confidence: 0.9,
  commit_message: 'fix(deps): add pandas'
}

function errorsOf(raw: unknown): string[] {
  const r = parseModelReply(raw)
  if (r.ok) throw new Error('expected the reply to be refused')
  return r.errors
}

function textErrors(text: string): string[] {
  const r = parseModelText(text)
  if (r.ok) throw new Error('expected the text to be refused')
  return r.errors
}

describe('PROPOSAL_JSON_SCHEMA', () => {
  it('describes exactly the reply contract and forbids extra properties', () => {
    expect(PROPOSAL_TOOL_NAME).toMatch(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/)
    expect(PROPOSAL_JSON_SCHEMA.type).toBe('object')
    expect(PROPOSAL_JSON_SCHEMA.additionalProperties).toBe(false)
    expect([...PROPOSAL_JSON_SCHEMA.required].sort()).toEqual(['confidence', 'files_to_modify', 'root_cause'])
    expect(Object.keys(PROPOSAL_JSON_SCHEMA.properties).sort()).toEqual([
      'commit_message',
      'confidence',
      'files_to_modify',
      'root_cause'
    ])
    const item = PROPOSAL_JSON_SCHEMA.properties.files_to_modify.items
    expect(item.additionalProperties).toBe(false)
    expect([...item.required].sort()).toEqual(['file_path', 'original', 'replacement'])
    expect(PROPOSAL_JSON_SCHEMA.properties.confidence).toMatchObject({
      type: 'number',
      minimum: 0,
      maximum: 1
    })
    // It must survive JSON (it is sent as a document).
    expect(JSON.parse(JSON.stringify(PROPOSAL_JSON_SCHEMA))).toEqual(PROPOSAL_JSON_SCHEMA)
  })
})

describe('parseModelReply', () => {
  it('accepts a valid proposal and keeps edits byte-exact', () => {
    const r = parseModelReply(good)
    expect(r).toEqual({ ok: true, proposal: good })
  })

  it('accepts a proposal without commit_message and with no edits (no fix possible)', () => {
    const r = parseModelReply({
      root_cause: 'The runner lost its network.',
      files_to_modify: [],
      confidence: 0.1
    })
    expect(r).toEqual({
      ok: true,
      proposal: { root_cause: 'The runner lost its network.', files_to_modify: [], confidence: 0.1 }
    })
  })

  it('accepts original "" (append / create) and confidence at the bounds', () => {
    for (const confidence of [0, 1]) {
      const r = parseModelReply({
        ...good,
        confidence,
        files_to_modify: [{ file_path: 'a.txt', original: '', replacement: 'x\n' }]
      })
      expect(r.ok).toBe(true)
    }
  })

  it.each([
    ['confidence 7', { ...good, confidence: 7 }, /confidence.*between 0 and 1.*7/],
    ['confidence -0.1', { ...good, confidence: -0.1 }, /confidence/],
    ['confidence "0.9"', { ...good, confidence: '0.9' }, /confidence: must be a number/],
    ['confidence NaN-like null', { ...good, confidence: null }, /confidence/],
    [
      'missing root_cause',
      { files_to_modify: good.files_to_modify, confidence: 0.5 },
      /root_cause: required/
    ],
    ['empty root_cause', { ...good, root_cause: '   ' }, /root_cause: must not be empty/],
    ['root_cause a number', { ...good, root_cause: 42 }, /root_cause: must be a string/],
    [
      'files_to_modify a string',
      { ...good, files_to_modify: 'requirements.txt' },
      /files_to_modify: must be an array/
    ],
    [
      'files_to_modify a JSON string',
      { ...good, files_to_modify: JSON.stringify(good.files_to_modify) },
      /must be an array/
    ],
    [
      'edit not an object',
      { ...good, files_to_modify: ['requirements.txt'] },
      /files_to_modify\/0: must be an object/
    ],
    [
      'edit missing replacement',
      { ...good, files_to_modify: [{ file_path: 'a', original: 'b' }] },
      /replacement: must be a string/
    ],
    [
      'edit with extra key',
      { ...good, files_to_modify: [{ ...good.files_to_modify[0], line: 3 }] },
      /files_to_modify\/0\/line: unexpected/
    ],
    [
      'edit path empty',
      { ...good, files_to_modify: [{ file_path: '', original: 'a', replacement: 'b' }] },
      /file_path: must not be empty/
    ],
    [
      'edit path with newline',
      { ...good, files_to_modify: [{ file_path: 'a\nb', original: 'a', replacement: 'b' }] },
      /line breaks/
    ],
    [
      'no-op edit',
      { ...good, files_to_modify: [{ file_path: 'a', original: 'x', replacement: 'x' }] },
      /changes nothing/
    ],
    ['extra top-level property', { ...good, explanation: 'hi' }, /\/explanation: unexpected property/],
    ['extra nesting', { proposal: good }, /do not wrap/],
    ['commit_message null', { ...good, commit_message: null }, /commit_message: must be a string/],
    ['an array', [good], /must be a JSON object/],
    ['a string', JSON.stringify(good), /must be a JSON object/],
    ['null', null, /must be a JSON object/]
  ])('refuses %s', (_label, raw, pattern) => {
    const errors = errorsOf(raw)
    expect(errors.join('\n')).toMatch(pattern)
  })

  it('reports every problem, not only the first', () => {
    const errors = errorsOf({ root_cause: 1, files_to_modify: 2, confidence: 3 })
    expect(errors).toHaveLength(3)
  })

  it('enforces the caps', () => {
    const many = Array.from({ length: PROPOSAL_LIMITS.files + 1 }, (_, i) => ({
      file_path: `f${i}`,
      original: 'a',
      replacement: 'b'
    }))
    expect(errorsOf({ ...good, files_to_modify: many }).join()).toMatch(/at most 10/)
    expect(errorsOf({ ...good, root_cause: 'x'.repeat(PROPOSAL_LIMITS.rootCauseChars + 1) }).join()).toMatch(
      /root_cause/
    )
    expect(
      errorsOf({
        ...good,
        files_to_modify: [
          { file_path: 'a', original: 'o', replacement: 'r'.repeat(PROPOSAL_LIMITS.replacementChars + 1) }
        ]
      }).join()
    ).toMatch(/replacement/)
    expect(
      errorsOf({
        ...good,
        files_to_modify: [{ file_path: 'p'.repeat(600), original: 'o', replacement: 'r' }]
      }).join()
    ).toMatch(/file_path/)
    const bad = Array.from({ length: 8 }, (_, i) => ({ file_path: i, original: i, replacement: i }))
    expect(errorsOf({ ...good, files_to_modify: bad }).length).toBeLessThanOrEqual(PROPOSAL_LIMITS.errors + 1)
  })
})

describe('parseModelText', () => {
  it('reads bare JSON', () => {
    expect(parseModelText(JSON.stringify(good))).toEqual({ ok: true, proposal: good })
  })

  it('reads JSON in a ```json fence with prose around it', () => {
    const text = `I found the problem.\n\n\`\`\`json\n${JSON.stringify(good, null, 2)}\n\`\`\`\n\nLet me know.`
    expect(parseModelText(text)).toEqual({ ok: true, proposal: good })
  })

  it('reads JSON after prose that itself holds braces', () => {
    const text = `The template {name} is fine; the fix: ${JSON.stringify(good)} — that is all.`
    expect(parseModelText(text)).toEqual({ ok: true, proposal: good })
  })

  it('keeps braces and quotes inside strings intact', () => {
    const tricky = {
      ...good,
      files_to_modify: [
        { file_path: 'a.js', original: 'const o = {"a": "}"}\n', replacement: 'const o = {"a": "{"}\n' }
      ]
    }
    expect(parseModelText('```\n' + JSON.stringify(tricky) + '\n```')).toEqual({ ok: true, proposal: tricky })
  })

  it('refuses prose without JSON', () => {
    expect(textErrors('The build failed because pandas is missing.')[0]).toMatch(/no JSON object/)
  })

  it('refuses truncated JSON, also in an unterminated fence', () => {
    const cut = JSON.stringify(good).slice(0, 80)
    for (const text of [cut, '```json\n' + cut]) {
      expect(textErrors(text)[0]).toMatch(/truncated/)
    }
  })

  it('refuses invalid JSON with the parser message', () => {
    expect(textErrors("{'root_cause': 'single quotes'}")[0]).toMatch(/does not parse/)
  })

  it('validates fenced JSON exactly like a tool call (wrong types, confidence 7)', () => {
    expect(textErrors('```json\n' + JSON.stringify({ ...good, confidence: 7 }) + '\n```').join()).toMatch(
      /confidence/
    )
  })

  it('refuses empty and oversized replies', () => {
    expect(parseModelText('').ok).toBe(false)
    expect(parseModelText('x'.repeat(PROPOSAL_LIMITS.textChars + 1)).ok).toBe(false)
  })
})
