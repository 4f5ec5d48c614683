// Untrusted text (model prose, log lines, names) made inert before it reaches a GitHub comment (docs/security.md,
// threat 8), and FixFlow's own text (the rules analyzer's diagnoses) rendered with its inline code intact.

const ZWSP = '\u200b'

declare const MARKDOWN: unique symbol
/**
 * Markdown that may go into a comment as it is: FixFlow's own markup, or text made inert by one of the functions
 * here. A plain string is not one, so untrusted text cannot reach a comment without passing an escaper.
 */
export type Markdown = string & { readonly [MARKDOWN]: true }

/** FixFlow's own markup with safe values in it: `md\`**Root cause:** ${escapeProse(x)}\``. */
export function md(parts: TemplateStringsArray, ...values: (Markdown | number)[]): Markdown {
  return parts.reduce(
    (out, part, i) => out + part + (i < values.length ? String(values[i]) : ''),
    ''
  ) as Markdown
}

/** Escapes one piece of untrusted text, keeping its spaces and line breaks as they are. */
function inert(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Backslash-escape what makes links, images, emphasis, code and tables; block markers only where they act.
      .replace(/[\\`*_[\]!|~]/g, c => '\\' + c)
      .replace(/^(\s*)([#+-])/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
      // Mentions and team mentions would notify people; autolinks would make the text a link.
      .replace(/@(?=[A-Za-z0-9])/g, '@' + ZWSP)
      // Issue and pull request references (#12, owner/repo#12, GH-12) would link and notify another thread.
      .replace(/(#|\bGH-)(?=\d)/gi, m => m + ZWSP)
      .replace(/(https?|ftp):\/\//gi, (_m, scheme: string) => `${scheme}:/${ZWSP}/`)
      .replace(/\bwww\\?\./gi, m => m.slice(0, 3) + ZWSP + m.slice(3))
  )
}

/** Control characters out, CRLF to LF, capped at maxChars. */
function clean(text: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const s = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  return s.length > maxChars ? s.slice(0, maxChars) + '…' : s
}

/** Prose the model wrote: no HTML, images, links, mentions, headings or tables — just text. */
export function escapeProse(text: string, maxChars = 2000): Markdown {
  return inert(clean(text, maxChars))
    .split('\n')
    .map(l => l.trimEnd())
    .join('  \n') as Markdown
}

/** Inline code for a short value (path, job name, id): backticks inside are matched by a longer run. */
export function code(value: string): Markdown {
  const v = value.replace(/[\r\n]+/g, ' ')
  const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map(r => r.length))
  const ticks = '`'.repeat(longest + 1)
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${v}${pad}${ticks}` as Markdown
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fence(body: string, lang = ''): Markdown {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map(r => r.length))
  const ticks = '`'.repeat(Math.max(3, longest + 1))
  const text = body.endsWith('\n') ? body : body + '\n'
  return `${ticks}${lang}\n${text}${ticks}` as Markdown
}

/** Text placed inside <summary> or a table cell. */
export function escapeInline(text: string): Markdown {
  return escapeProse(text, 300).replace(/ {2}\n/g, ' ') as Markdown
}

export interface TextPart {
  code: boolean
  text: string
}

/**
 * Splits text into code spans and the text between them, as CommonMark does: a run of n backticks opens a span
 * that the next run of exactly n closes; a run with no partner is literal. With `escapes`, a backslash before a
 * run makes it literal (markdown input); FixFlow's raw text has no escapes. Linear in the text's length.
 */
export function splitCodeSpans(text: string, escapes = true): TextPart[] {
  const runs: { at: number; len: number; escaped: boolean }[] = []
  for (const m of text.matchAll(/`+/g)) {
    runs.push({
      at: m.index,
      len: m[0].length,
      escaped: escapes && m.index > 0 && text[m.index - 1] === '\\'
    })
  }
  // Per run length, the next run of that length not yet passed: every pointer only moves forward.
  const byLen = new Map<number, number[]>()
  runs.forEach((r, i) => byLen.set(r.len, [...(byLen.get(r.len) ?? []), i]))
  const next = new Map<number, number>()
  const parts: TextPart[] = []
  let from = 0
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]
    if (!open || open.escaped) continue
    const same = byLen.get(open.len) ?? []
    let p = next.get(open.len) ?? 0
    while (p < same.length && (same[p] ?? Infinity) <= i) p++
    next.set(open.len, p)
    const j = same[p]
    const close = j === undefined ? undefined : runs[j]
    if (j === undefined || !close) continue
    if (open.at > from) parts.push({ code: false, text: text.slice(from, open.at) })
    let inner = text.slice(open.at + open.len, close.at).replace(/\n/g, ' ')
    if (inner.length > 1 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim())
      inner = inner.slice(1, -1)
    parts.push({ code: true, text: inner })
    from = close.at + close.len
    i = j
  }
  if (from < text.length) parts.push({ code: false, text: text.slice(from) })
  return parts
}

/** Text FixFlow wrote itself, marked where it is made, so no renderer can mistake it for untrusted text. */
export class FixFlowText {
  constructor(readonly text: string) {}
}

/** Untrusted prose escaped; FixFlow's own text rendered with its code spans. */
export function prose(text: string | FixFlowText): Markdown {
  return text instanceof FixFlowText ? fixflowText(text.text) : escapeProse(text)
}

/** `@scope/name`, `@types/node`: in FixFlow's text a package name, shown as code (copies whole, never a mention). */
const AT_NAME = /@[A-Za-z0-9](?:[\w./-]*[\w-])?/g

function fixflowInline(line: string): string {
  return splitCodeSpans(line, false)
    .map(part => {
      if (part.code) return code(part.text)
      let out = ''
      let from = 0
      for (const m of part.text.matchAll(AT_NAME)) {
        out += inert(part.text.slice(from, m.index)) + code(m[0])
        from = m.index + m[0].length
      }
      return out + inert(part.text.slice(from))
    })
    .join('')
}

/**
 * Text FixFlow wrote itself (the rules analyzer's root causes and diagnoses), which may quote untrusted values
 * (package names, log lines): its `inline code` and package names render as code, its "- " lines as a list, and
 * everything else is escaped as untrusted prose is, so a quoted value stays inert.
 */
export function fixflowText(text: string, maxChars = 2000): Markdown {
  const s = clean(text, maxChars)
  // Blocks: runs of list lines and runs of prose lines, separated by a blank line so neither swallows the other.
  const blocks: string[][] = []
  let list: boolean | undefined
  for (const line of s.split('\n')) {
    const item = /^\s*- (.*)$/.exec(line)
    if (!line.trim()) {
      list = undefined
      continue
    }
    const isItem = item !== null
    if (isItem !== list) blocks.push([])
    list = isItem
    blocks[blocks.length - 1]?.push(isItem ? `- ${fixflowInline(item[1] ?? '')}` : fixflowInline(line.trim()))
  }
  return blocks.map(b => (b[0]?.startsWith('- ') ? b.join('\n') : b.join('  \n'))).join('\n\n') as Markdown
}
