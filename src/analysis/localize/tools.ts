// The read-only second look: tools the model may call in the same Converse conversation to see more of the failing
// commit (list a folder, read a file, find a symbol in the files it has). Every path is checked like a patch path
// (inside the repository, no symlink or submodule on the way) and secret-looking files are never read. The number
// of files and the characters returned are bounded; each file read is recorded with the model's reason.
import { checkPath } from '../../patch/paths.js'
import type { RepoSnapshot } from '../context.js'
import type { RepoFile } from '../../types.js'

export const LIST_TOOL = 'list_directory'
export const READ_TOOL = 'read_file'
export const FIND_TOOL = 'find_symbol'
export const CONTEXT_TOOL_NAMES: readonly string[] = [LIST_TOOL, READ_TOOL, FIND_TOOL]

/** Tool specs in the Converse shape (name, description, JSON schema). */
export const CONTEXT_TOOL_SPECS = [
  {
    name: LIST_TOOL,
    description: 'List the files and folders of one folder of the repository at the failing commit.',
    schema: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Repository-relative folder; "" for the root.' } },
      required: ['path']
    }
  },
  {
    name: READ_TOOL,
    description:
      'Read one more repository file at the failing commit (a file the fix may need that you were not shown).',
    schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Repository-relative file path.' },
        reason: { type: 'string', description: 'Why this file is needed, in a few words.' },
        line: { type: 'integer', description: 'Optional: the line to center on when the file is large.' }
      },
      required: ['path', 'reason']
    }
  },
  {
    name: FIND_TOOL,
    description: 'Find the lines that mention an identifier in the files you have been shown or have read.',
    schema: {
      type: 'object',
      properties: { name: { type: 'string', description: 'An identifier: class, function, variable.' } },
      required: ['name']
    }
  }
] as const

/** Files that may hold credentials: never read, whatever the model asks. */
const SECRET_FILE =
  /(^|\/)(\.env(\..*)?|\.envrc|\.netrc|\.npmrc|\.pypirc|\.git-credentials|\.htpasswd|credentials(\.[\w]+)?|secrets?(\.[\w]+)?|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|known_hosts|authorized_keys)$|\.(pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ppk|tfvars|tfstate|ovpn)$|(^|\/)\.(ssh|aws|gnupg|docker)\//i

/**
 * More files that hold credentials by convention: docker-compose env files (`prod.env`), `secrets.<env>.yml`,
 * `<name>-credentials.json` and service-account keys, kubeconfigs, and the config files of common clients.
 */
const SECRET_FILE_MORE =
  /[^/]\.env$|(^|\/)[\w.-]*secrets?\.[\w.-]*\.(json|ya?ml|toml|ini|conf|cfg|properties|xml|txt)$|(^|\/)[\w.-]*credentials?[\w.-]*\.(json|ya?ml|toml|ini|conf|cfg|properties|xml|txt)$|(^|\/)service[-_]?account[\w.-]*\.json$|(^|\/)\.?kubeconfig$|(^|\/)\.kube\/|(^|\/)\.(vault-token|pgpass|my\.cnf|dockercfg|s3cfg|boto)$|\.p8$/i

export function isSecretLooking(path: string): boolean {
  return SECRET_FILE.test(path) || SECRET_FILE_MORE.test(path)
}

export interface ContextToolOptions {
  /** Files the model may read in all (default 4). */
  maxFiles?: number
  /** Characters all tool results together may return (default 24,000, ~6,000 tokens). */
  maxChars?: number
  /** Characters of one file read (default 12,000): larger files come as a window around `line`. */
  maxFileChars?: number
}

/** What a tool call returns to the model. */
export interface ToolOutcome {
  text: string
  ok: boolean
}

export class ContextTools {
  /** Files read through read_file, in order, with the model's reason. */
  readonly read: { path: string; reason: string }[] = []
  private readonly known = new Map<string, string>()
  private charsLeft: number
  private readonly maxFiles: number
  private readonly maxFileChars: number

  constructor(
    private readonly snapshot: RepoSnapshot,
    shown: RepoFile[],
    opts: ContextToolOptions = {}
  ) {
    for (const f of shown) this.known.set(f.path, f.content)
    this.maxFiles = opts.maxFiles ?? 4
    this.charsLeft = opts.maxChars ?? 24_000
    this.maxFileChars = opts.maxFileChars ?? 12_000
  }

  async run(name: string, input: unknown): Promise<ToolOutcome> {
    const args = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
    let out: ToolOutcome
    if (name === LIST_TOOL) out = this.list(args.path)
    else if (name === READ_TOOL) out = await this.readFile(args.path, args.reason, args.line)
    else if (name === FIND_TOOL) out = this.find(args.name)
    else out = { ok: false, text: `unknown tool "${name}"` }
    if (out.text.length > this.charsLeft) {
      out = { ok: false, text: 'the lookup budget is spent: propose the fix with what you have' }
    }
    this.charsLeft -= out.text.length
    return out
  }

  private list(path: unknown): ToolOutcome {
    const dir = typeof path === 'string' ? path.replace(/\/+$/, '').replace(/^\.\/?/, '') : ''
    if (dir !== '') {
      const why = checkPath(dir, this.snapshot.tree)
      if (why) return { ok: false, text: `refused: ${why}` }
    }
    const prefix = dir ? `${dir}/` : ''
    const names = new Set<string>()
    for (const p of this.snapshot.paths) {
      if (!p.startsWith(prefix)) continue
      const rest = p.slice(prefix.length)
      const slash = rest.indexOf('/')
      names.add(slash < 0 ? rest : `${rest.slice(0, slash)}/`)
    }
    if (!names.size) return { ok: false, text: `no folder "${dir}" in the repository` }
    const list = [...names].sort().slice(0, 200)
    return { ok: true, text: list.join('\n') + (names.size > 200 ? `\n… and ${names.size - 200} more` : '') }
  }

  private async readFile(path: unknown, reason: unknown, line: unknown): Promise<ToolOutcome> {
    if (typeof path !== 'string') return { ok: false, text: 'refused: path must be a string' }
    const why = checkPath(path, this.snapshot.tree)
    if (why) return { ok: false, text: `refused: ${why}` }
    if (isSecretLooking(path)) return { ok: false, text: 'refused: the file may hold secrets' }
    if (!this.snapshot.has(path)) return { ok: false, text: `no file "${path}" in the repository` }
    if (!this.snapshot.isRegularFile(path)) return { ok: false, text: 'refused: not a regular file' }
    if (this.known.has(path)) return { ok: false, text: `"${path}" is already in the prompt` }
    if (this.read.length >= this.maxFiles) {
      return { ok: false, text: `refused: at most ${this.maxFiles} files may be read` }
    }
    const content = await this.snapshot.read(path)
    if (content === undefined || content.includes('\u0000'))
      return { ok: false, text: 'refused: not a text file' }
    this.known.set(path, content)
    const why2 = typeof reason === 'string' ? oneLine(reason) : ''
    this.read.push({ path, reason: why2 ? `read by the model: ${why2}` : 'read by the model' })
    return { ok: true, text: window(content, typeof line === 'number' ? line : 1, this.maxFileChars) }
  }

  private find(name: unknown): ToolOutcome {
    if (typeof name !== 'string' || !/^[\w$.]{2,100}$/.test(name)) {
      return { ok: false, text: 'refused: give one identifier (letters, digits, _ $ .)' }
    }
    const re = new RegExp(`(^|[^\\w$])${name.replace(/[.$]/g, '\\$&')}($|[^\\w$])`)
    const hits: string[] = []
    for (const [path, content] of this.known) {
      content.split('\n').forEach((l, i) => {
        if (hits.length < 40 && re.test(l)) hits.push(`${path}:${i + 1}: ${l.trim().slice(0, 200)}`)
      })
    }
    return {
      ok: true,
      text: hits.length ? hits.join('\n') : `"${name}" occurs in none of the files you have`
    }
  }
}

function oneLine(text: string): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- the reason is model output shown in a comment
    .replace(/[\u0000-\u001f\u007f<>`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat
}

/** The file, or a window of whole lines around `line` when it is longer than maxChars, with its line range. */
function window(content: string, line: number, maxChars: number): string {
  if (content.length <= maxChars) return content
  const lines = content.split('\n')
  let from = Math.max(0, Math.min(lines.length - 1, line - 1) - 20)
  let to = from
  let used = 0
  while (to < lines.length && used + (lines[to] ?? '').length + 1 <= maxChars)
    used += (lines[to++] ?? '').length + 1
  while (from > 0 && used + (lines[from - 1] ?? '').length + 1 <= maxChars)
    used += (lines[--from] ?? '').length + 1
  return `[lines ${from + 1}-${to} of ${lines.length}]\n${lines.slice(from, to).join('\n')}`
}
