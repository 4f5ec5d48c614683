import type { Extraction } from '../types.js'
// Removes secrets from log text before it reaches the model, a comment, the summary or an artifact
// (docs/security.md, threat 5). Covers what @secretlint/secretlint-rule-preset-recommend finds plus what it misses in
// logs (AWS key ids, JWTs, cut-off PEM blocks, password=... pairs, Bearer tokens, known live values).
//
// Speed matters: this runs on every failure block. Every pattern begins at a token boundary (a lookbehind that
// excludes the token's own characters), so a match attempt can only start at the beginning of a run, and all
// repetition is bounded: each pattern costs linear time, with no catastrophic backtracking.
//
// Markers never contain a newline and multi-line secrets are replaced line by line, so line numbers survive.

export const MARK = '***'

export interface Redaction {
  text: string
  count: number
}

/** Known values shorter than this are not redacted: masking "a" or "1" would wreck the log and hide nothing. */
const MIN_KNOWN = 4

// Secrets recognised by their own shape (prefix + charset + length), replaced whole.
// start of a token: after a non-token character, or after a percent-escape (`token%3Dghp_...` in a logged URL)
const B = '(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}))'
const E = '(?![A-Za-z0-9_-])' // end of a token
const TOKEN_PATTERNS: RegExp[] = [
  // GitHub: classic PATs, OAuth, user-to-server, server-to-server (installation), refresh; fine-grained PATs;
  // the old installation token format `v1.<40 hex>`.
  new RegExp(`${B}(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{30,255}${E}`, 'g'),
  new RegExp(`${B}github_pat_[A-Za-z0-9_]{22,255}${E}`, 'g'),
  new RegExp(`${B}v1\\.[0-9a-f]{40}${E}`, 'g'),
  // AWS access key ids (key, session, and other principal ids secretlint knows).
  /(?:(?<![A-Z0-9])|(?<=%[0-9A-Fa-f]{2}))(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/g,
  // JWT: base64url `{"` header and payload, optional signature.
  new RegExp(`${B}eyJ[A-Za-z0-9_-]{4,8192}\\.eyJ[A-Za-z0-9_-]{4,8192}\\.[A-Za-z0-9_-]{0,8192}${E}`, 'g'),
  // npm, Slack, Stripe, SendGrid, Shopify, GitLab, Grafana, OpenAI/Anthropic, Groq, Hugging Face, Linear,
  // Notion, 1Password, HashiCorp Vault, Vercel, Databricks, Docker Hub, Figma, Google, PyPI.
  new RegExp(`${B}npm_[A-Za-z0-9_]{36,255}${E}`, 'g'),
  new RegExp(`${B}xox[abposr]-[A-Za-z0-9-]{10,255}${E}`, 'g'),
  new RegExp(`${B}xapp-[A-Za-z0-9-]{10,255}${E}`, 'g'),
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{10,255}/gi,
  new RegExp(`${B}(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,255}${E}`, 'g'),
  new RegExp(`${B}whsec_[A-Za-z0-9]{20,255}${E}`, 'g'),
  new RegExp(`${B}SG\\.[A-Za-z0-9_-]{10,128}\\.[A-Za-z0-9_-]{10,128}${E}`, 'g'),
  new RegExp(`${B}shp(?:pa|ca|at|ss)_[A-Za-z0-9]{32,64}${E}`, 'g'),
  new RegExp(`${B}gl(?:pat|ptt|dt|rt|cbt|soat|ft|imt|oas)-[A-Za-z0-9_-]{20,128}${E}`, 'g'),
  new RegExp(`${B}glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])`, 'g'),
  new RegExp(`${B}glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${E}`, 'g'),
  new RegExp(`${B}sk-[A-Za-z0-9_-]{20,255}${E}`, 'g'),
  new RegExp(`${B}gsk_[A-Za-z0-9]{40,64}${E}`, 'g'),
  new RegExp(`${B}hf_[A-Za-z0-9]{30,64}${E}`, 'g'),
  new RegExp(`${B}lin_(?:api|oauth)_[A-Za-z0-9_]{32,128}${E}`, 'g'),
  new RegExp(`${B}(?:ntn|secret)_[A-Za-z0-9]{40,64}${E}`, 'g'),
  /(?<![A-Za-z0-9+/=_])ops_ey[A-Za-z0-9+/=]{100,2048}(?![A-Za-z0-9+/=])/g,
  new RegExp(`${B}hv[sbr]\\.[A-Za-z0-9_-]{24,400}${E}`, 'g'),
  new RegExp(`${B}vc[pciark]_[A-Za-z0-9]{20,80}${E}`, 'g'),
  new RegExp(`${B}dapi[a-f0-9]{32}(?:-[0-9])?${E}`, 'g'),
  new RegExp(`${B}dckr_pat_[A-Za-z0-9_-]{20,64}${E}`, 'g'),
  new RegExp(`${B}figd_[A-Za-z0-9_-]{40,200}${E}`, 'g'),
  new RegExp(`${B}AIza[A-Za-z0-9_-]{35}${E}`, 'g'),
  /(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_-]{20,2048}(?![A-Za-z0-9_-])/g,
  new RegExp(`${B}pypi-AgE[A-Za-z0-9_-]{50,1024}${E}`, 'g')
]

// Credentials inside URLs (`https://user:pass@host`, database connection strings, x-oauth-basic): both parts go,
// the user part is often the token itself. The user may be empty (`redis://:password@host`).
const URL_CREDENTIALS =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/)[^\s:@/]{0,256}:[^\s@/]{1,256}@/g

// `Authorization: Basic xxx`, `Bearer xxx`: keep the scheme, drop the credential.
const AUTH_HEADER =
  /(?<![A-Za-z0-9_-])((?:proxy-)?authorization["']?[ \t]{0,5}[:=][ \t]{0,5}["']?(?:(?:basic|bearer|token|digest|negotiate|aws4-hmac-sha256)[ \t]{1,5})?)[^\s"',;]{4,4096}/gi
const BEARER = /(?<![A-Za-z0-9_-])(bearer[ \t]{1,5})[A-Za-z0-9._~+/-]{12,4096}=*/gi

// `key: value` / `key=value` / `"key": "value"` where the key names a secret, and `--key value` flags. Only
// values that look random are removed (see looksSecret), so `token: invalid` or `password: <redacted>` stay
// readable. Prose (`password authentication failed`) has no separator and is not touched.
const SECRET_WORD =
  'password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|signing[_-]?key|credentials?|auth[_-]?key'
const SECRET_SUFFIX = '(?:[_.-]?(?:access[_-]?key|key|id|value|hash|string|b64|base64))?'
const VALUE = '([^\\s"\'`,;&<>]{1,1024})'
const KEY_VALUE = new RegExp(
  `(?:(?<![A-Za-z0-9_.%-])|(?<=%[0-9A-Fa-f]{2}))([A-Za-z0-9_.-]{0,60}?(?:${SECRET_WORD})${SECRET_SUFFIX}["']?[ \\t]{0,5}(?:=>|=|:|%3[DdAa])[ \\t]{0,5}["']?)${VALUE}`,
  'gi'
)

// `NAME=value` where the variable's name says it holds a secret (SECRET_KEY_BASE, DB_PASSWORD, REDIS_PASS,
// SMTP_PWD, NPM_TOKEN, CLIENT_SECRET, OPENAI_API_KEY, ...): the value goes whatever it looks like, since a weak
// password is still a password. Only `=` (shell, .env, docker -e); `name: value` prose keeps the entropy test.
const NAMED_SECRET = new RegExp(
  `(?:(?<![A-Za-z0-9_.%-])|(?<=%[0-9A-Fa-f]{2}))((?:[A-Za-z0-9]{1,40}_){0,6}(?:password|passwd|pass|pwd|token|secret|api_?key|secret_key_base|secret_key|access_key|private_key)["']?[ \\t]{0,3}(?:=|%3[Dd])[ \\t]{0,3}["']?)${VALUE}`,
  'gi'
)
const FLAG_VALUE = new RegExp(
  `(?<![A-Za-z0-9_.-])(--?[A-Za-z0-9_.-]{0,40}?(?:${SECRET_WORD})${SECRET_SUFFIX}[ \\t]{1,5}["']?)${VALUE}`,
  'gi'
)

// npm's `_authToken=` in .npmrc-style lines: always a credential, whatever it looks like (unless a ${VAR}).
const NPM_AUTH = /(_auth(?:Token)?[ \t]{0,5}=[ \t]{0,5})([^$\s][^\s]{0,1023})/g

// AWS secret access keys have no prefix: 40 base64 characters. Taken only on a line that also holds an access
// key id or names an AWS secret, so commit SHAs and ordinary base64 elsewhere survive.
const AWS_SECRET_CONTEXT = /(?:AKIA|ASIA)[A-Z0-9]{16}|aws|secret/i
const AWS_SECRET_VALUE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g

const PEM_BEGIN = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----/g
const PEM_END = /-----END[A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----/
// A line that can belong to a PEM body: base64, the RFC 1421/4880 header lines of encrypted keys, blank lines;
// optionally behind the timestamp GitHub puts on raw log lines.
const PEM_BODY_LINE =
  /^(?:\d{4}-\d\d-\d\dT[0-9:.]{1,20}Z ?)?[ \t]*(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset): [^\n]{0,200})[ \t]*\r?$/

// A line that is nothing but 64 or 70 base64 characters (the widths PEM and OpenSSH wrap key material at),
// mixing cases and digits: key material even when its BEGIN line was cut off or redacted separately, whatever
// short prefix a tool put before it (pytest `E   `, Docker `#12 0.412 `, a timestamp).
const KEY_MATERIAL_LINE =
  /^((?:\d{4}-\d\d-\d\dT[0-9:.]{1,20}Z ?|[^\r\n]{0,40}[ \t])?[ \t]*)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[0-9])(?:[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{70})[ \t]*(\r?)$/gm

/**
 * Redacts consecutive lines as one text, so secrets that span lines (PEM blocks) are found; returns exactly
 * as many lines as it was given. Use this, not redact() per line, for a failure block.
 */
export function redactLines(lines: string[], known: string[] = []): { lines: string[]; count: number } {
  if (lines.length === 0) return { lines: [], count: 0 }
  // A line holding a bare \n would shift the split: redact such lines on their own (they cannot be PEM lines).
  if (lines.some(l => l.includes('\n'))) {
    let count = 0
    const out = lines.map(l => {
      const r = redact(l, known)
      count += r.count
      return r.text
    })
    return { lines: out, count }
  }
  const r = redact(lines.join('\n'), known)
  return { lines: r.text.split('\n'), count: r.count }
}

/**
 * Returns `text` with secrets replaced by `***` and how many were replaced. `known` are exact values (the
 * job's own token, AWS credentials) removed wherever they appear.
 */
export function redact(text: string, known: string[] = []): Redaction {
  let count = 0
  let out = text

  // Known values first and longest first, so a value containing another is removed whole. Values the job
  // registered with ::add-mask:: in this text count as known too (see MaskCollector for a whole log).
  const exact = redactKnown(out, [...known, ...masksIn(text)])
  out = exact.text
  count += exact.count

  const pem = redactPem(out)
  out = pem.text
  count += pem.count

  const sub = (re: RegExp, fn: (m: string, ...groups: string[]) => string | undefined): void => {
    out = out.replace(re, (m: string, ...rest: unknown[]) => {
      const groups = rest.filter((g): g is string => typeof g === 'string')
      const r = fn(m, ...groups)
      if (r === undefined) return m
      count++
      return r
    })
  }

  const wrapped = redactWrapped(out)
  out = wrapped.text
  count += wrapped.count

  sub(URL_CREDENTIALS, (_m, scheme) => `${scheme}${MARK}:${MARK}@`)
  for (const re of TOKEN_PATTERNS) sub(re, () => MARK)
  sub(AUTH_HEADER, (m, prefix) => (isPlaceholder(m.slice(prefix.length)) ? undefined : `${prefix}${MARK}`))
  sub(BEARER, (m, prefix) => (isPlaceholder(m.slice(prefix.length)) ? undefined : `${prefix}${MARK}`))
  sub(NPM_AUTH, (_m, prefix, value) => (isPlaceholder(value) ? undefined : `${prefix}${MARK}`))
  sub(NAMED_SECRET, (_m, key, value) => (namedValueIsSecret(value) ? `${key}${MARK}` : undefined))
  sub(KEY_VALUE, (_m, key, value) => (looksSecret(value) ? `${key}${MARK}` : undefined))
  sub(FLAG_VALUE, (_m, key, value) => (looksSecret(value) ? `${key}${MARK}` : undefined))
  sub(KEY_MATERIAL_LINE, (_m, prefix, cr) => `${prefix}${MARK}${cr}`)
  out = redactAwsSecrets(out, () => count++)
  return { text: out, count }
}

/**
 * Exact values removed wherever they appear, longest first so a value containing another goes whole; values
 * shorter than 4 characters are ignored. A multi-line value (a PEM secret) is matched line by line.
 */
export function redactKnown(text: string, known: string[]): Redaction {
  let out = text
  let count = 0
  const values = [...new Set(known)]
    .filter(v => typeof v === 'string' && v.length >= MIN_KNOWN)
    .sort((a, b) => b.length - a.length)
  for (const v of values) {
    for (const part of v.split(/\r?\n/).filter(p => p.length >= MIN_KNOWN)) {
      const pieces = out.split(part)
      count += pieces.length - 1
      out = pieces.join(MARK)
    }
  }
  return { text: out, count }
}

/** Values a log shows in place of a secret; replacing them would only lose information. */
function isPlaceholder(v: string): boolean {
  return v.includes(MARK) || /^[$%<{[]/.test(v) || /^(?:x+|\*+|null|none|undefined|true|false)$/i.test(v)
}

/** A value assigned to a variable named like a secret: anything but a placeholder, a number or a 1-3 letter word. */
function namedValueIsSecret(v: string): boolean {
  return v.length >= 4 && !isPlaceholder(v) && !/^\d+(?:\.\d+)?$/.test(v)
}

/** Whether a value next to a secret-naming key looks like a secret: long enough and random enough. */
export function looksSecret(v: string): boolean {
  if (v.length < 8 || isPlaceholder(v)) return false
  if (/^\d+(?:\.\d+)?$/.test(v)) return false
  return entropy(v) >= 3
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const freq = new Map<string, number>()
  for (const c of s) freq.set(c, (freq.get(c) ?? 0) + 1)
  let h = 0
  for (const n of freq.values()) {
    const p = n / s.length
    h -= p * Math.log2(p)
  }
  return h
}

/**
 * PEM private key blocks, also cut off (no END line) and JSON-escaped on one line (`\n` inside a string).
 * From BEGIN, every following line that can be PEM body is replaced until the END line; a cut-off block ends at
 * the first line that cannot be key material, so the key is gone while the log after it survives.
 */
function redactPem(text: string): Redaction {
  if (!text.includes('PRIVATE KEY')) return { text, count: 0 }
  const lines = text.split('\n')
  let count = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    PEM_BEGIN.lastIndex = 0
    const begin = PEM_BEGIN.exec(line)
    if (!begin) continue
    count++
    const head = line.slice(0, begin.index)
    const rest = line.slice(begin.index + begin[0].length)
    const endHere = PEM_END.exec(rest)
    const cr = line.endsWith('\r') ? '\r' : ''
    if (endHere) {
      // Whole block on one line (escaped newlines): keep what follows END.
      lines[i] = head + MARK + rest.slice(endHere.index + endHere[0].length)
      i-- // the rest of the line may hold another block
      continue
    }
    lines[i] = head + MARK + cr
    for (let j = i + 1; j < lines.length; j++) {
      const body = lines[j] as string
      const end = PEM_END.exec(body)
      if (end) {
        const before = body.slice(0, end.index)
        const keep = shapeOf(before) !== '' && shapeOf(before) === shapeOf(head) ? before : ''
        lines[j] = keep + MARK + body.slice(end.index + end[0].length)
        i = j
        break
      }
      if (PEM_BODY_LINE.test(body)) {
        if (body.trim() !== '') lines[j] = MARK + (body.endsWith('\r') ? '\r' : '')
      } else {
        // A tool's own prefix before every line (pytest `E   `, Docker `#12 0.412 `): the same shape as the
        // prefix of the BEGIN line, then key material. The prefix stays so the log still reads.
        const prefix = prefixedBody(body, head)
        if (prefix === undefined) {
          i = j - 1
          break
        }
        lines[j] = prefix + MARK + (body.endsWith('\r') ? '\r' : '')
      }
      i = j
    }
  }
  return { text: lines.join('\n'), count }
}

/** Digit runs folded, trailing white space dropped: `#12 0.412 ` and `#12 0.5` have the same shape. */
const shapeOf = (prefix: string): string => prefix.replace(/\d+/g, '0').trimEnd()

/**
 * When `line` is `prefix + key material` with a prefix shaped like `head` (the text before BEGIN), the prefix;
 * else undefined. Key material: base64 only, or an RFC 1421 header line. Only for a non-empty head shape.
 */
function prefixedBody(line: string, head: string): string | undefined {
  const shape = shapeOf(head)
  if (shape === '') return undefined
  const body = line.endsWith('\r') ? line.slice(0, -1) : line
  let k = body.length
  while (k > 0 && /[A-Za-z0-9+/=]/.test(body[k - 1] as string)) k--
  let prefix = body.slice(0, k)
  if (shapeOf(prefix) !== shape) {
    // A header line (`Proc-Type: 4,ENCRYPTED`) or a blank body line behind the prefix.
    const header = /^(.*?[ \t])(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset): /.exec(body)
    if (header?.[1] !== undefined && shapeOf(header[1]) === shape) prefix = header[1]
    else if (shapeOf(body) === shape) return body
    else return undefined
  }
  return prefix
}

/** 40-character AWS secret keys on lines that show an access key id or name an AWS secret. */
function redactAwsSecrets(text: string, counted: () => void): string {
  if (!AWS_SECRET_CONTEXT.test(text)) return text
  return text
    .split('\n')
    .map(line => {
      if (!AWS_SECRET_CONTEXT.test(line)) return line
      return line.replace(AWS_SECRET_VALUE, m => {
        // A real key mixes cases and digits; a hex SHA or a word run does not.
        if (!/[A-Z]/.test(m) || !/[a-z]/.test(m) || !/[0-9]/.test(m)) return m
        counted()
        return MARK
      })
    })
    .join('\n')
}

/** Redacts an extraction in place, block by block, so secrets spanning lines (PEM bodies) are seen whole. */
export function redactExtraction(ex: Extraction, known: string[] = []): number {
  let count = 0
  for (const block of ex.blocks) {
    const r = redactLines(
      block.lines.map(l => l.text),
      known
    )
    block.lines.forEach((line, i) => (line.text = r.lines[i] ?? ''))
    count += r.count
  }
  return count
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens a tool wrapped over two lines, and values the job registered with ::add-mask::.

// The characters of every token shape above; a wrapped token is a run of these at the end of one line continued
// by a run at the start of the next.
const TOKEN_CHAR = /[A-Za-z0-9_.+/=-]/
/** Longest fragment looked at on either side of a line break: longer than any token shape in TOKEN_PATTERNS. */
const MAX_FRAGMENT = 512
/** Cheap test that a fragment can begin a known token, so most line breaks cost nothing. */
const TOKEN_START =
  /(?:gh[pousr]_|github_pat_|v1\.|A(?:KIA|SIA|GPA|IDA|ROA|IPA|NPA|NVA|3T)|eyJ|npm_|xox|xapp-|(?:sk|rk|pk)[_-]|whsec_|SG\.|shp|gl[a-z]{1,4}[-_]|gsk_|hf_|lin_|ntn_|secret_|ops_|hv[sbr]\.|vc[pciark]_|dapi|dckr_|figd_|AIza|ya29\.|pypi-)/
/** What a runner or tool puts before a continued line: the raw log's timestamp, indentation. */
const CONTINUATION_PREFIX = /^(?:\d{4}-\d\d-\d\dT[0-9:.]{1,20}Z ?)?[ \t]*/

/**
 * A token cut by a line break (a terminal or tool wrapping at its width): the end of one line and the start of
 * the next are joined, and when a token shape matches across the break, both fragments are replaced. A line whose
 * end is already a whole token is left to the ordinary patterns. Linear: each break looks at two bounded runs.
 */
function redactWrapped(text: string): Redaction {
  if (!text.includes('\n')) return { text, count: 0 }
  const lines = text.split('\n')
  let count = 0
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] as string
    const end = line.endsWith('\r') ? line.length - 1 : line.length
    let start = end
    while (start > 0 && end - start < MAX_FRAGMENT && TOKEN_CHAR.test(line[start - 1] as string)) start--
    if (start === end) continue
    const first = line.slice(start, end)
    if (!TOKEN_START.test(first)) continue
    const next = lines[i + 1] as string
    const lead = CONTINUATION_PREFIX.exec(next)?.[0].length ?? 0
    let stop = lead
    while (stop < next.length && stop - lead < MAX_FRAGMENT && TOKEN_CHAR.test(next[stop] as string)) stop++
    if (stop === lead) continue
    const joined = first + next.slice(lead, stop)
    const cut = tokenAcross(first, joined)
    if (cut === undefined) continue
    lines[i] = line.slice(0, start + cut.from) + MARK + line.slice(end)
    lines[i + 1] = next.slice(0, lead) + MARK + next.slice(lead + cut.to - first.length)
    count++
    i++ // the next line's rest is looked at by the ordinary patterns
  }
  return { text: lines.join('\n'), count }
}

/** The span of a token shape that matches `joined` across the break at `first.length`, unless `first` ends in a whole one. */
function tokenAcross(first: string, joined: string): { from: number; to: number } | undefined {
  for (const re of TOKEN_PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(first); m !== null; m = re.exec(first)) {
      if (m.index + m[0].length === first.length) return undefined
    }
  }
  for (const re of TOKEN_PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(joined); m !== null; m = re.exec(joined)) {
      if (m.index < first.length && m.index + m[0].length > first.length)
        return { from: m.index, to: m.index + m[0].length }
    }
  }
  return undefined
}

const ADD_MASK = /::add-mask::([^\r\n]*)/g

/**
 * Values registered with `::add-mask::` in `text`, wherever the command sits in a line: the runner hides them only
 * in output after the command, and a shell trace (`+ echo ::add-mask::value`) prints the value itself. The
 * runner's data escapes (%25, %0D, %0A) are undone, a quote left by the trace is dropped, and a multi-line value
 * gives each of its lines.
 */
export function masksIn(text: string): string[] {
  if (!text.includes('::add-mask::')) return []
  const out = new Set<string>()
  for (const m of text.matchAll(ADD_MASK)) {
    const raw = (m[1] ?? '').trim()
    const unquoted = raw.replace(/^(['"])(.*)\1$/, '$2').replace(/['"]$/, '')
    for (const v of [raw, unquoted]) {
      const value = v.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
      for (const part of value.split(/\r?\n/)) {
        const p = part.trim()
        if (p.length >= MIN_KNOWN && !p.includes(MARK)) out.add(p)
      }
    }
  }
  return [...out]
}

/**
 * Collects ::add-mask:: values from a whole log as it streams by, so a value registered anywhere (also in the
 * part of the log that is not kept) is redacted wherever it shows. Feed it every chunk in order; `values` grows.
 */
export class MaskCollector {
  private readonly found = new Set<string>()
  private carry = ''

  /** Scans a chunk; a line cut between chunks is kept until its end arrives. */
  scan(chunk: string): void {
    const text = this.carry + chunk
    const cut = text.lastIndexOf('\n')
    // A single line longer than this cannot hide a mask worth keeping whole; dropping it bounds memory.
    this.carry = cut === -1 ? text.slice(-MAX_CARRY) : text.slice(cut + 1).slice(-MAX_CARRY)
    if (cut !== -1) for (const v of masksIn(text.slice(0, cut))) this.found.add(v)
  }

  /** Scans what is left after the last chunk. */
  end(): void {
    for (const v of masksIn(this.carry)) this.found.add(v)
    this.carry = ''
  }

  get values(): string[] {
    return [...this.found]
  }
}

const MAX_CARRY = 64 * 1024
