import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { report } from '../src/report.js'

describe('report', () => {
  it('groups broken links by file', () => {
    const lines = []
    report([{ file: 'a.md', line: 1, url: 'https://x.test', error: 'HTTP 404' }], l => lines.push(l))
    assert.equal(lines.length, 2)
  })
  it('prints nothing when every link is fine', () => {
    const lines = []
    assert.equal(report([], l => lines.push(l)), false)
    assert.deepEqual(lines, [])
  })
})
