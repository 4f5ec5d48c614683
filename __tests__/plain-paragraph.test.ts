import { describe, expect, it } from '@jest/globals'
import { plainParagraph } from '../src/render/plain-paragraph.js'

describe('plainParagraph (the root-cause output)', () => {
  it('keeps code spans as their text, joins lines and collapses whitespace', () => {
    expect(plainParagraph('`pip install` failed:\n  `requirements.txt` lists\t\tno `pandas`.\n')).toBe(
      'pip install failed: requirements.txt lists no pandas.'
    )
  })

  it('keeps a backtick that opens no span, and a double-backtick span whole', () => {
    expect(plainParagraph('run ``a`b`` at 1` left')).toBe('run a`b at 1` left')
  })

  it('drops control characters and bidi overrides a terminal would act on', () => {
    expect(plainParagraph('ok\u001b]0;title\u0007 done\u202e!')).toBe('ok]0;title done!')
  })
})
