import type { Extraction } from '../types.js'
// Removes secrets from log text before it reaches the model, a comment, the summary or an artifact
// (SECURITY.md threat 5). Covers what @secretlint/secretlint-rule-preset-recommend finds plus what it misses in
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
const B = '(?<![A-Za-z0-9_-])' // start of a token
const E = '(?![A-Za-z0-9_-])' // end of a token
const TOKEN_PATTERNS: RegExp[] = [
  // GitHub: classic PATs, OAuth, user-to-server, server-to-server (installation), refresh; fine-grained PATs;
  // the old installation token format `v1.<40 hex>`.
  new RegExp(`${B}(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{30,255}${E}`, 'g'),
  new RegExp(`${B}github_pat_[A-Za-z0-9_]{22,255}${E}`, 'g'),
  new RegExp(`${B}v1\\.[0-9a-f]{40}${E}`, 'g'),
  // AWS access key ids (key, session, and other principal ids secretlint knows).
  /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/g,
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
// the user part is often the token itself.
const URL_CREDENTIALS =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/)[^\s:@/]{1,256}:[^\s@/]{1,256}@/g

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
  `(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,60}?(?:${SECRET_WORD})${SECRET_SUFFIX}["']?[ \\t]{0,5}(?:=>|=|:)[ \\t]{0,5}["']?)${VALUE}`,
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
// mixing cases and digits: key material even when its BEGIN line was cut off or redacted separately.
const KEY_MATERIAL_LINE =
  /^((?:\d{4}-\d\d-\d\dT[0-9:.]{1,20}Z ?)?[ \t]*)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[0-9])(?:[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{70})[ \t]*(\r?)$/gm

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

  // Known values first and longest first, so a value containing another is removed whole.
  const values = [...new Set(known)]
    .filter(v => typeof v === 'string' && v.length >= MIN_KNOWN)
    .sort((a, b) => b.length - a.length)
  for (const v of values) {
    // A multi-line value (a PEM secret) is matched line by line so each line's trace disappears.
    for (const part of v.split(/\r?\n/).filter(p => p.length >= MIN_KNOWN)) {
      const pieces = out.split(part)
      count += pieces.length - 1
      out = pieces.join(MARK)
    }
  }

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

  sub(URL_CREDENTIALS, (_m, scheme) => `${scheme}${MARK}:${MARK}@`)
  for (const re of TOKEN_PATTERNS) sub(re, () => MARK)
  sub(AUTH_HEADER, (m, prefix) => (isPlaceholder(m.slice(prefix.length)) ? undefined : `${prefix}${MARK}`))
  sub(BEARER, (m, prefix) => (isPlaceholder(m.slice(prefix.length)) ? undefined : `${prefix}${MARK}`))
  sub(NPM_AUTH, (_m, prefix, value) => (isPlaceholder(value) ? undefined : `${prefix}${MARK}`))
  sub(KEY_VALUE, (_m, key, value) => (looksSecret(value) ? `${key}${MARK}` : undefined))
  sub(FLAG_VALUE, (_m, key, value) => (looksSecret(value) ? `${key}${MARK}` : undefined))
  sub(KEY_MATERIAL_LINE, (_m, prefix, cr) => `${prefix}${MARK}${cr}`)
  out = redactAwsSecrets(out, () => count++)
  return { text: out, count }
}

/** Values a log shows in place of a secret; replacing them would only lose information. */
function isPlaceholder(v: string): boolean {
  return v.includes(MARK) || /^[$%<{[]/.test(v) || /^(?:x+|\*+|null|none|undefined|true|false)$/i.test(v)
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
        lines[j] = MARK + body.slice(end.index + end[0].length)
        i = j
        break
      }
      if (!PEM_BODY_LINE.test(body)) {
        i = j - 1
        break
      }
      if (body.trim() !== '') lines[j] = MARK + (body.endsWith('\r') ? '\r' : '')
      i = j
    }
  }
  return { text: lines.join('\n'), count }
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
