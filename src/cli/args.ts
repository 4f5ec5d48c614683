// The one argument parser of every CLI command: node:util parseArgs in strict mode, plus `--help` and a usage
// text generated from the same option table, so what --help lists is exactly what the parser accepts.
import { basename, isAbsolute, relative } from 'node:path'
import { parseArgs } from 'node:util'

export interface OptionSpec {
  type: 'string' | 'boolean'
  /** Repeatable (`--log a --log b`); the value is then a list. */
  multiple?: boolean
  short?: string
  /** Placeholder shown in the usage text: `--table NAME`. */
  value?: string
  help: string
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  name: string
  /** One line under the command's name in the top-level help. */
  summary: string
  options: O
  /** Positional arguments, e.g. `<log-file | ->`; none when absent. */
  positionals?: { synopsis: string; min: number; max: number }
  /** Paragraphs printed after the option list. */
  notes?: string[]
}

export type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? string[]
      : string | undefined
}

/** Keeps the option table's literal types, so each command's parsed values are typed from its own table. */
export function defineCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>
): CommandSpec<O> {
  return spec
}

/** A mistake in the command line: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/**
 * How the user can run this CLI again, for messages: `npx fixflow` through the package's bin link, else
 * `node <the script path as typed from here>` (a `fixflow` binary is usually not on PATH).
 */
export function programName(script = process.argv[1], cwd = process.cwd()): string {
  if (!script) return 'npx fixflow'
  if (basename(script) === 'fixflow') return 'npx fixflow'
  const rel = relative(cwd, script)
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : script
  return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`
}

function optionLine(name: string, o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`
  return `  ${flag.padEnd(30)} ${o.help}${o.multiple ? ' (repeatable)' : ''}`
}

export function usage<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  prog = programName()
): string {
  const pos = spec.positionals ? ` ${spec.positionals.synopsis}` : ''
  const lines = [
    `usage: ${prog} ${spec.name}${pos} [options]`,
    '',
    spec.summary,
    '',
    'options:',
    ...Object.entries(spec.options).map(([name, o]) => optionLine(name, o)),
    optionLine('help', { type: 'boolean', short: 'h', help: 'show this help' })
  ]
  for (const note of spec.notes ?? []) lines.push('', note)
  return lines.join('\n') + '\n'
}

/**
 * Parses `argv` against the spec. Returns undefined after printing the help for `--help`; throws UsageError for an
 * unknown option, a missing value or a wrong number of positionals.
 */
export function parseCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[]
): { values: Values<O>; positionals: string[] } | undefined {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' }
  }
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = {
      type: o.type,
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {})
    }
  }
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: spec.positionals !== undefined
    })
  } catch (e) {
    // parseArgs' own messages name the option and say what is wrong; the hint says where the list is.
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
  if (parsed.values.help === true) {
    process.stdout.write(usage(spec))
    return undefined
  }
  const count = parsed.positionals.length
  const want = spec.positionals
  if (want && (count < want.min || count > want.max)) {
    throw new UsageError(
      count < want.min
        ? `missing ${want.synopsis}`
        : `unexpected argument '${parsed.positionals[want.max] ?? ''}'`
    )
  }
  const values: Record<string, unknown> = {}
  for (const [name, o] of Object.entries(spec.options)) {
    const v = parsed.values[name]
    values[name] = o.type === 'boolean' ? v === true : o.multiple ? (v ?? []) : v
  }
  return { values: values as Values<O>, positionals: parsed.positionals }
}

/** A whole number >= 1 from an option value, or a UsageError naming the option. */
export function positiveInt(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!value.trim() || !Number.isInteger(n) || n <= 0) {
    throw new UsageError(`--${option} wants a positive whole number, got '${value}'`)
  }
  return n
}
