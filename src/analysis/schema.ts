// The model's reply contract: the JSON schema sent to Bedrock as the forced tool's input,
// and the hand-written strict validator every reply goes through, whether it came as a tool call or as text.
import type { FileEdit, ModelProposal } from '../types.js'

/** Name of the one tool the model is forced to call. */
export const PROPOSAL_TOOL_NAME = 'propose_fix'

/** Caps on what a reply may hold. Anything larger is refused, not cut. */
export const PROPOSAL_LIMITS = {
  rootCauseChars: 4000,
  files: 10,
  filePathChars: 512,
  originalChars: 20_000,
  replacementChars: 40_000,
  commitMessageChars: 500,
  /** Largest text reply parseModelText looks at. */
  textChars: 400_000,
  /** Errors reported per reply (the rest are summarised). */
  errors: 20
} as const

/** JSON Schema (draft 2020-12 subset Bedrock accepts) of the proposal: the forced tool's `inputSchema.json`. */
export const PROPOSAL_JSON_SCHEMA = {
  type: 'object',
  properties: {
    root_cause: {
      type: 'string',
      description: 'One or two short paragraphs: why the job failed, citing the decisive log lines.',
      maxLength: PROPOSAL_LIMITS.rootCauseChars
    },
    files_to_modify: {
      type: 'array',
      description:
        'The minimal edits that fix the failure; each replaces one exact substring of one file. Empty when no change in the repository can fix it.',
      maxItems: PROPOSAL_LIMITS.files,
      items: {
        type: 'object',
        properties: {
          file_path: {
            type: 'string',
            description:
              'Repository-relative path exactly as given in the prompt (no leading slash, no "..").',
            maxLength: PROPOSAL_LIMITS.filePathChars
          },
          original: {
            type: 'string',
            description:
              'Text copied verbatim from the file that occurs exactly once in it; empty string = append to the file (or create it).',
            maxLength: PROPOSAL_LIMITS.originalChars
          },
          replacement: {
            type: 'string',
            description: 'The text that replaces `original`.',
            maxLength: PROPOSAL_LIMITS.replacementChars
          }
        },
        required: ['file_path', 'original', 'replacement'],
        additionalProperties: false
      }
    },
    confidence: {
      type: 'number',
      description: 'How sure you are that this patch fixes the failure, from 0 to 1.',
      minimum: 0,
      maximum: 1
    },
    commit_message: {
      type: 'string',
      description: 'A conventional commit subject, e.g. "fix(deps): add missing pandas requirement".',
      maxLength: PROPOSAL_LIMITS.commitMessageChars
    }
  },
  required: ['root_cause', 'files_to_modify', 'confidence'],
  additionalProperties: false
} as const

export type ParseResult = { ok: true; proposal: ModelProposal } | { ok: false; errors: string[] }

const TOP_KEYS = new Set(['root_cause', 'files_to_modify', 'confidence', 'commit_message'])
const EDIT_KEYS = new Set(['file_path', 'original', 'replacement'])

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string')
    return v.length > 40 ? `a string of ${v.length} characters` : `the string ${JSON.stringify(v)}`
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`
  return typeof v
}

/**
 * Strictly validates a model reply (the tool call's input, or JSON parsed from text). No coercion: a numeric string is
 * not a number, a JSON string is not an object, `null` is not an absent optional field.
 */
export function parseModelReply(raw: unknown): ParseResult {
  const errors: string[] = []
  const err = (msg: string): void => {
    errors.push(msg)
  }

  if (!isPlainObject(raw)) {
    return {
      ok: false,
      errors: [
        `the reply must be a JSON object with root_cause, files_to_modify and confidence; got ${describe(raw)}`
      ]
    }
  }

  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.has(key)) {
      const hint = isPlainObject(raw[key]) ? ' (do not wrap the proposal in another object)' : ''
      err(
        `/${key}: unexpected property${hint}; allowed: root_cause, files_to_modify, confidence, commit_message`
      )
    }
  }

  // root_cause
  const rootCause = raw['root_cause']
  if (rootCause === undefined) err('/root_cause: required string is missing')
  else if (typeof rootCause !== 'string') err(`/root_cause: must be a string, got ${describe(rootCause)}`)
  else if (rootCause.trim() === '') err('/root_cause: must not be empty')
  else if (rootCause.length > PROPOSAL_LIMITS.rootCauseChars)
    err(`/root_cause: ${rootCause.length} characters, at most ${PROPOSAL_LIMITS.rootCauseChars} allowed`)

  // files_to_modify
  const files = raw['files_to_modify']
  const edits: FileEdit[] = []
  if (files === undefined) err('/files_to_modify: required array is missing')
  else if (!Array.isArray(files)) err(`/files_to_modify: must be an array of edits, got ${describe(files)}`)
  else if (files.length > PROPOSAL_LIMITS.files)
    err(
      `/files_to_modify: ${files.length} edits, at most ${PROPOSAL_LIMITS.files} allowed; propose the minimal patch`
    )
  else {
    files.forEach((item: unknown, i) => {
      const at = `/files_to_modify/${i}`
      if (!isPlainObject(item)) {
        err(`${at}: must be an object {file_path, original, replacement}, got ${describe(item)}`)
        return
      }
      for (const key of Object.keys(item)) {
        if (!EDIT_KEYS.has(key))
          err(`${at}/${key}: unexpected property; allowed: file_path, original, replacement`)
      }
      const filePath = item['file_path']
      const original = item['original']
      const replacement = item['replacement']
      let good = true
      if (typeof filePath !== 'string') {
        err(`${at}/file_path: must be a string, got ${describe(filePath)}`)
        good = false
      } else if (filePath.trim() === '') {
        err(`${at}/file_path: must not be empty`)
        good = false
      } else if (filePath.length > PROPOSAL_LIMITS.filePathChars) {
        err(`${at}/file_path: longer than ${PROPOSAL_LIMITS.filePathChars} characters`)
        good = false
      } else if (/[\0\r\n]/.test(filePath)) {
        err(`${at}/file_path: must not contain NUL or line breaks`)
        good = false
      }
      if (typeof original !== 'string') {
        err(`${at}/original: must be a string (empty string to append), got ${describe(original)}`)
        good = false
      } else if (original.length > PROPOSAL_LIMITS.originalChars) {
        err(`${at}/original: ${original.length} characters, at most ${PROPOSAL_LIMITS.originalChars} allowed`)
        good = false
      }
      if (typeof replacement !== 'string') {
        err(`${at}/replacement: must be a string, got ${describe(replacement)}`)
        good = false
      } else if (replacement.length > PROPOSAL_LIMITS.replacementChars) {
        err(
          `${at}/replacement: ${replacement.length} characters, at most ${PROPOSAL_LIMITS.replacementChars} allowed`
        )
        good = false
      }
      if (good && original === replacement) {
        err(`${at}: original and replacement are identical, so this edit changes nothing`)
        good = false
      }
      if (good)
        edits.push({
          file_path: filePath as string,
          original: original as string,
          replacement: replacement as string
        })
    })
  }

  // confidence
  const confidence = raw['confidence']
  if (confidence === undefined) err('/confidence: required number between 0 and 1 is missing')
  else if (typeof confidence !== 'number' || !Number.isFinite(confidence))
    err(`/confidence: must be a number between 0 and 1, got ${describe(confidence)}`)
  else if (confidence < 0 || confidence > 1) err(`/confidence: must be between 0 and 1, got ${confidence}`)

  // commit_message (optional)
  const commitMessage = raw['commit_message']
  if (commitMessage !== undefined) {
    if (typeof commitMessage !== 'string')
      err(`/commit_message: must be a string when given, got ${describe(commitMessage)}`)
    else if (commitMessage.length > PROPOSAL_LIMITS.commitMessageChars)
      err(`/commit_message: longer than ${PROPOSAL_LIMITS.commitMessageChars} characters`)
  }

  if (errors.length > 0) return { ok: false, errors: capErrors(errors) }

  const proposal: ModelProposal = {
    root_cause: (rootCause as string).trim(),
    files_to_modify: edits,
    confidence: confidence as number
  }
  if (typeof commitMessage === 'string' && commitMessage.trim() !== '')
    proposal.commit_message = commitMessage.trim()
  return { ok: true, proposal }
}

function capErrors(errors: string[]): string[] {
  if (errors.length <= PROPOSAL_LIMITS.errors) return errors
  return [
    ...errors.slice(0, PROPOSAL_LIMITS.errors),
    `... and ${errors.length - PROPOSAL_LIMITS.errors} more errors`
  ]
}

/** A JSON object found in free text: its source and where it starts. `complete` false = cut off before its end. */
interface Candidate {
  text: string
  complete: boolean
}

/** Finds balanced top-level `{...}` spans in text, aware of JSON strings and escapes. */
function findObjects(text: string, max = 5): Candidate[] {
  const out: Candidate[] = []
  let i = text.indexOf('{')
  while (i !== -1 && out.length < max) {
    let depth = 0
    let inString = false
    let escaped = false
    let end = -1
    for (let j = i; j < text.length; j++) {
      const c = text[j]
      if (inString) {
        if (escaped) escaped = false
        else if (c === '\\') escaped = true
        else if (c === '"') inString = false
        continue
      }
      if (c === '"') inString = true
      else if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') {
        depth--
        if (depth === 0) {
          end = j
          break
        }
      }
    }
    if (end === -1) {
      out.push({ text: text.slice(i), complete: false })
      break
    }
    out.push({ text: text.slice(i, end + 1), complete: true })
    i = text.indexOf('{', end + 1)
  }
  return out
}

/** The bodies of ``` fenced blocks (any language tag), and an unterminated last fence's body too. */
function fencedBlocks(text: string): string[] {
  const out: string[] = []
  const re = /(`{3,}|~{3,})[^\n`]*\n([\s\S]*?)(?:\n\1[ \t]*(?:\n|$)|$)/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[2] !== undefined && m[2].includes('{')) out.push(m[2])
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

/**
 * The text fallback: the model answered in prose instead of calling the tool. Accepts the proposal as bare JSON, in a
 * ```json fence or with prose around it, and validates it exactly like a tool call. Truncated or invalid JSON is an
 * error, never guessed at.
 */
export function parseModelText(text: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '')
    return { ok: false, errors: ['the reply is empty; call the tool with the proposal'] }
  if (text.length > PROPOSAL_LIMITS.textChars)
    return {
      ok: false,
      errors: [`the reply is ${text.length} characters long, at most ${PROPOSAL_LIMITS.textChars} are read`]
    }

  const sources = [...fencedBlocks(text), text]
  const candidates: Candidate[] = []
  for (const s of sources) {
    for (const c of findObjects(s)) {
      if (!candidates.some(x => x.text === c.text)) candidates.push(c)
    }
  }
  if (candidates.length === 0) {
    return {
      ok: false,
      errors: ['the reply contains no JSON object; answer only by calling the tool with the proposal']
    }
  }

  // Report the errors of the first candidate that looked like a proposal; a parse error only when nothing parsed.
  let schemaErrors: string[] | undefined
  let parseErrors: string[] | undefined
  for (const c of candidates) {
    if (!c.complete) {
      schemaErrors ??= [
        'the JSON object in the reply is truncated (it ends before its closing brace); send a shorter, complete proposal'
      ]
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(c.text)
    } catch (e) {
      parseErrors ??= [`the JSON in the reply does not parse: ${e instanceof Error ? e.message : String(e)}`]
      continue
    }
    const result = parseModelReply(value)
    if (result.ok) return result
    schemaErrors ??= result.errors
  }
  return { ok: false, errors: schemaErrors ?? parseErrors ?? ['the reply holds no valid proposal'] }
}
