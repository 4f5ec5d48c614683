// Untrusted text (model prose, log lines, names) made inert before it reaches a GitHub comment (SECURITY.md threat 8).

const ZWSP = '\u200b'

/** Prose the model wrote: no HTML, images, links, mentions, headings or tables — just text. */
export function escapeProse(text: string, maxChars = 2000): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  let s = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  if (s.length > maxChars) s = s.slice(0, maxChars) + '…'
  s = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Backslash-escape what makes links, images, emphasis, code and tables; block markers only where they act.
    .replace(/[\\`*_[\]!|~]/g, c => '\\' + c)
    .replace(/^(\s*)([#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
    // Mentions and team mentions would notify people; autolinks would make the text a link.
    .replace(/@(?=[A-Za-z0-9])/g, '@' + ZWSP)
    .replace(/(https?|ftp):\/\//gi, (_m, scheme: string) => `${scheme}:/${ZWSP}/`)
    .replace(/\bwww\\?\./gi, m => m.slice(0, 3) + ZWSP + m.slice(3))
  return s
    .split('\n')
    .map(l => l.trimEnd())
    .join('  \n')
}

/** Inline code for a short value (path, job name, id): backticks inside are matched by a longer run. */
export function code(value: string): string {
  const v = value.replace(/[\r\n]+/g, ' ')
  const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map(r => r.length))
  const ticks = '`'.repeat(longest + 1)
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${v}${pad}${ticks}`
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fence(body: string, lang = ''): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map(r => r.length))
  const ticks = '`'.repeat(Math.max(3, longest + 1))
  const text = body.endsWith('\n') ? body : body + '\n'
  return `${ticks}${lang}\n${text}${ticks}`
}

/** Text placed inside <summary> or a table cell. */
export function escapeInline(text: string): string {
  return escapeProse(text, 300).replace(/ {2}\n/g, ' ')
}
