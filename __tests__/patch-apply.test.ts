import { describe, it, expect } from '@jest/globals'
import fc from 'fast-check'
import { applyEdits } from '../src/patch/apply.js'
import type { FileEdit } from '../src/types.js'

const edit = (original: string, replacement: string, file_path = 'requirements.txt'): FileEdit => ({
  file_path,
  original,
  replacement
})

describe('applyEdits', () => {
  it('replaces an original that occurs exactly once', () => {
    const r = applyEdits('numpy==1.26.4\nrequests==2.31.0\n', [edit('requests==2.31.0', 'requests==2.32.3')])
    expect(r).toEqual({ ok: true, after: 'numpy==1.26.4\nrequests==2.32.3\n' })
  })

  it('refuses an original that is not found, naming the file', () => {
    const r = applyEdits('numpy==1.26.4\n', [edit('pandas', 'pandas==2')])
    expect(r).toEqual({
      ok: false,
      reason: 'requirements.txt: original text not found; it must occur exactly once'
    })
  })

  it('refuses an original found several times, with the count', () => {
    const r = applyEdits('x = 1\ny = 1\nz = 1\n', [edit(' = 1', ' = 2', 'a.py')])
    expect(r).toEqual({ ok: false, reason: 'a.py: original text found 3 times; it must occur exactly once' })
  })

  it('counts overlapping occurrences', () => {
    expect(applyEdits('aaa', [edit('aa', 'b', 'f')])).toEqual({
      ok: false,
      reason: 'f: original text found 2 times; it must occur exactly once'
    })
  })

  it('matches an LF original in a CRLF file and keeps CRLF', () => {
    const before = 'import os\r\nimport sys\r\n\r\ndef main():\r\n    pass\r\n'
    const r = applyEdits(before, [
      edit('import sys\n\ndef main():', 'import sys\nimport json\n\ndef main():', 'm.py')
    ])
    expect(r).toEqual({
      ok: true,
      after: 'import os\r\nimport sys\r\nimport json\r\n\r\ndef main():\r\n    pass\r\n'
    })
  })

  it('matches a CRLF original in an LF file and writes LF', () => {
    const r = applyEdits('a\nb\nc\n', [edit('a\r\nb', 'a\r\nB', 'f')])
    expect(r).toEqual({ ok: true, after: 'a\nB\nc\n' })
  })

  it('counts occurrences after normalising line endings', () => {
    // One match is CRLF, the other LF: still two matches.
    const r = applyEdits('x\r\ny\nx\ny\n', [edit('x\ny', 'z', 'f')])
    expect(r).toEqual({ ok: false, reason: 'f: original text found 2 times; it must occur exactly once' })
  })

  it('appends on its own line when original is empty', () => {
    expect(applyEdits('numpy==1.26.4\n', [edit('', 'pandas==2.2.2')])).toEqual({
      ok: true,
      after: 'numpy==1.26.4\npandas==2.2.2\n'
    })
    expect(applyEdits('numpy==1.26.4', [edit('', 'pandas==2.2.2\n')])).toEqual({
      ok: true,
      after: 'numpy==1.26.4\npandas==2.2.2\n'
    })
    expect(applyEdits('a\r\n', [edit('', 'b\nc')])).toEqual({ ok: true, after: 'a\r\nb\r\nc\r\n' })
  })

  it('creates a file when there is none and original is empty', () => {
    expect(applyEdits(undefined, [edit('', '', 'pkg/__init__.py')])).toEqual({ ok: true, after: '' })
    expect(applyEdits(undefined, [edit('', 'x = 1\n', 'n.py'), edit('x = 1', 'x = 2', 'n.py')])).toEqual({
      ok: true,
      after: 'x = 2\n'
    })
  })

  it('refuses a non-empty original for a file that does not exist', () => {
    const r = applyEdits(undefined, [edit('a', 'b', 'missing.py')])
    expect(r).toEqual({
      ok: false,
      reason: 'missing.py: file does not exist at the commit, so original must be empty'
    })
  })

  it('applies several edits in order, each against the result of the previous', () => {
    const r = applyEdits('a\nb\nc\n', [edit('a', 'A', 'f'), edit('A\nb', 'AB', 'f'), edit('c', 'C', 'f')])
    expect(r).toEqual({ ok: true, after: 'AB\nC\n' })
  })

  it('applies nothing when a later edit fails, and says which edit', () => {
    const r = applyEdits('a\nb\n', [edit('a', 'A', 'f'), edit('zzz', 'y', 'f')])
    expect(r).toEqual({
      ok: false,
      reason: 'f (edit 2): original text not found; it must occur exactly once'
    })
  })

  it('treats $ patterns in replacements literally', () => {
    expect(applyEdits('v = 1\n', [edit('1', "'$&$1$$'", 'f')])).toEqual({ ok: true, after: "v = '$&$1$$'\n" })
  })

  it('refuses an empty edit list', () => {
    expect(applyEdits(undefined, []).ok).toBe(false)
  })

  it('property: a unique original is replaced exactly where it was, in LF and in CRLF files', () => {
    const line = fc.stringMatching(/^[a-z ]{0,8}$/)
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 8 }),
        fc.array(line, { maxLength: 8 }),
        fc.boolean(),
        (pre, post, crlf) => {
          const eol = crlf ? '\r\n' : '\n'
          const marker = 'UNIQUE_MARKER'
          const before = [...pre, marker, ...post].join(eol) + eol
          const r = applyEdits(before, [edit(`${marker}\n`, 'one\ntwo\n', 'f')])
          expect(r).toEqual({ ok: true, after: [...pre, 'one', 'two', ...post].join(eol) + eol })
        }
      )
    )
  })
})
