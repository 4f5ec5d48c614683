// The hidden markers: what FixFlow writes is what it reads back, and nothing else parses.
import { describe, expect, it } from '@jest/globals'
import {
  commentIdFromUrl,
  isRunComment,
  originLine,
  readOrigin,
  replyMarker,
  runMarker
} from '../src/thread/markers.js'

describe('markers', () => {
  it('round-trips the origin line of a fix PR', () => {
    const sha = 'a'.repeat(40)
    expect(readOrigin(`${originLine({ id: '1-1', pr: 4, sha })}\ntext`)).toEqual({ kind: 'pr', number: 4 })
    expect(readOrigin(originLine({ id: '1-1', sha }))).toEqual({ kind: 'commit', sha })
    expect(readOrigin(originLine({ id: '1-1', sha: 'nope' }))).toBeUndefined()
    expect(readOrigin('<!-- fixflow:origin {broken -->')).toBeUndefined()
    expect(readOrigin(undefined)).toBeUndefined()
    // Only FixFlow's first line counts: an origin line further down (model text) is not read.
    expect(readOrigin(`text\n${originLine({ id: '1-1', pr: 4, sha })}`)).toBeUndefined()
  })
  it('tells run comments and reply markers apart', () => {
    expect(isRunComment(`${runMarker(9)}\nbody`)).toBe(true)
    expect(isRunComment(`> ${runMarker(9)}`)).toBe(false)
    expect(replyMarker('comment-3')).toBe('<!-- fixflow:reply:comment-3 -->')
    expect(replyMarker('comment-3', true)).toBe('<!-- fixflow:reply:comment-3:error -->')
  })
  it('reads comment ids from issue and commit comment URLs only', () => {
    expect(commentIdFromUrl('https://github.com/a/b/pull/1#issuecomment-12')).toBe(12)
    expect(commentIdFromUrl('https://github.com/a/b/commit/x#commitcomment-7')).toBe(7)
    expect(commentIdFromUrl('https://github.com/a/b/pull/1')).toBeUndefined()
  })
})
