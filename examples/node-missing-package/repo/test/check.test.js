import { it } from 'node:test'
import assert from 'node:assert/strict'
import { checkUrl } from '../src/check.js'

it('reports the HTTP status of a broken link', async () => {
  const fakeFetch = async () => ({ ok: false, status: 404 })
  assert.equal(await checkUrl('https://example.com/gone', fakeFetch), 'HTTP 404')
})
