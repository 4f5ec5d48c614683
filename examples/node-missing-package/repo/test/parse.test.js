import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseLinks } from '../src/parse.js'

describe('parseLinks', () => {
  it('finds inline markdown links', () => {
    assert.deepEqual(parseLinks('see [docs](https://example.com/docs)'), [{ url: 'https://example.com/docs', line: 1 }])
  })
  it('finds reference-style links', () => {
    assert.equal(parseLinks('[home]: https://example.com')[0].url, 'https://example.com')
  })
  it('ignores links inside code spans', () => {
    assert.deepEqual(parseLinks('`[x](https://example.com)`'), [])
  })
  it('keeps the line number of each link', () => {
    assert.equal(parseLinks('a\n\n[b](https://example.com/b)')[0].line, 3)
  })
})
