// Python: a module the code imports (or a tool CI runs) that no requirement file installs.
import type { FileEdit } from '../../types.js'
import { type Rule, type RuleContext, type RuleOutcome, dirOf, joinPath, workflowTexts } from './context.js'
import {
  IMPORT_TO_DIST,
  NAMESPACE_ROOTS,
  PYTEST_PLUGIN_OPTIONS,
  PYTHON_COMMANDS,
  PYTHON_STDLIB,
  PYTHON_TEST_TOOLS,
  namespaceDist,
  normalizeDist
} from './python-names.js'
import { addTableLine, tomlArray, tomlTableKeys } from './toml.js'
import { editFor, sortedInsertIndex, splitLines, code } from './text.js'
import { eolOf } from '../../patch/eol.js'

interface Missing {
  dist: string
  /** The log line that shows it, quoted in the root cause. */
  evidence: string
  /** A test or lint tool: it goes to the development requirements. */
  test: boolean
}

const NO_MODULE = /No module named (?:'([^']+)'|"([^"]+)"|([A-Za-z_][\w.]*))/
const COMMAND_NOT_FOUND = /(?:^|[\s:])([\w.-]+): (?:command )?not found\s*$/
const UNRECOGNIZED = /error: unrecognized arguments: (.+)$/

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A module of the repository itself: a `name.py` file or a directory `name/` holding Python files, at any depth. */
function isLocalModule(name: string, paths: readonly string[]): boolean {
  return paths.some(p => {
    const parts = p.split('/')
    const file = parts[parts.length - 1] ?? ''
    if (file === `${name}.py` || file === `${name}.pyi`) return true
    return file.endsWith('.py') && parts.slice(0, -1).includes(name)
  })
}

type Resolved = { dist: string } | { skip: string }

function distForModule(dotted: string, paths: readonly string[]): Resolved {
  const top = dotted.split('.')[0] ?? dotted
  if (PYTHON_STDLIB.has(top)) {
    return {
      skip: `'${top}' is part of the Python standard library, so it is not a missing dependency (check the Python version the job uses)`
    }
  }
  if (isLocalModule(top, paths)) {
    return {
      skip: `'${dotted}' is the repository's own module (${top}), not a dependency: the import path or the working directory is wrong, which is not a certain text edit`
    }
  }
  const ns = namespaceDist(dotted)
  if (ns !== undefined) return { dist: ns }
  if (NAMESPACE_ROOTS.has(top)) {
    return {
      skip: `'${dotted}' is a namespace shared by many distributions; which one is missing is not certain`
    }
  }
  return { dist: IMPORT_TO_DIST[top] ?? top }
}

function findMissingModules(ctx: RuleContext): { missing: Missing[]; notes: string[] } {
  const missing: Missing[] = []
  const notes: string[] = []
  for (const line of ctx.lines) {
    const m = NO_MODULE.exec(line.text)
    if (m !== null) {
      // "No module named 'a.b'; 'a' is not a package": a local file shadows a package — not a dependency problem.
      if (/is not a package/.test(line.text)) continue
      const dotted = m[1] ?? m[2] ?? m[3] ?? ''
      const r = distForModule(dotted, ctx.paths)
      if ('skip' in r) notes.push(r.skip)
      else
        missing.push({
          dist: r.dist,
          evidence: line.text.trim(),
          test: PYTHON_TEST_TOOLS.has(normalizeDist(r.dist))
        })
      continue
    }
    const c = COMMAND_NOT_FOUND.exec(line.text)
    const dist = c?.[1] !== undefined ? PYTHON_COMMANDS[c[1]] : undefined
    if (dist !== undefined)
      missing.push({ dist, evidence: line.text.trim(), test: PYTHON_TEST_TOOLS.has(dist) })
  }
  return { missing, notes }
}

function findMissingPytestPlugins(ctx: RuleContext): { missing: Missing[]; notes: string[] } {
  const missing: Missing[] = []
  const aboutPytest = ctx.lines.some(l => /\bpytest\b|usage: __main__\.py/.test(l.text))
  if (!aboutPytest) return { missing, notes: [] }
  for (const line of ctx.lines) {
    const m = UNRECOGNIZED.exec(line.text)
    if (m?.[1] === undefined) continue
    for (const arg of m[1].trim().split(/\s+/)) {
      const hit = PYTEST_PLUGIN_OPTIONS.find(([re]) => re.test(arg))
      if (hit !== undefined) missing.push({ dist: hit[1], evidence: line.text.trim(), test: true })
    }
  }
  return { missing, notes: [] }
}

/** The distribution name at the start of a requirement line, or undefined for comments, options and blanks. */
function requirementName(line: string): string | undefined {
  const t = line.trim()
  if (t.startsWith('-e') || t.startsWith('--editable')) return /[#&]egg=([A-Za-z0-9._-]+)/.exec(t)?.[1]
  if (t === '' || t.startsWith('#') || t.startsWith('-')) return undefined
  return /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(t)?.[1]
}

function isRequirementsPath(p: string): boolean {
  return /(^|\/)requirements[^/]*\.(txt|in)$/.test(p) || /(^|\/)requirements\/[^/]+\.(txt|in)$/.test(p)
}

const DEVISH = /(dev|test|ci|lint|check|doc)/i

/** Requirement files CI installs: `-r file` in the workflows, tox.ini, the Makefile or the log, and their includes. */
async function installedRequirementFiles(ctx: RuleContext): Promise<{ direct: string[]; all: string[] }> {
  const sources = [await workflowTexts(ctx), ...ctx.lines.map(l => l.text)]
  for (const extra of ['tox.ini', 'Makefile', 'noxfile.py']) sources.push((await ctx.read(extra)) ?? '')
  const direct: string[] = []
  for (const m of sources
    .join('\n')
    .matchAll(/(?:^|\s)(?:-r|--requirement)[= ]?\s*['"]?([\w./-]+\.(?:txt|in))/gm)) {
    const p = (m[1] ?? '').replace(/^\.\//, '')
    if (ctx.paths.includes(p) && !direct.includes(p)) direct.push(p)
  }
  const all = [...direct]
  for (let i = 0; i < all.length; i++) {
    const file = all[i] ?? ''
    for (const line of splitLines((await ctx.read(file)) ?? '')) {
      const inc = /^\s*(?:-r|--requirement)[= ]?\s*(\S+)/.exec(line)?.[1]
      if (inc === undefined) continue
      const p = joinPath(dirOf(file), inc).replace(/(^|\/)\.\//g, '$1')
      if (ctx.paths.includes(p) && !all.includes(p)) all.push(p)
    }
  }
  return { direct, all }
}

/** Where the distribution is already declared, if anywhere (requirement files, pyproject.toml, setup.py/cfg). */
async function declaredIn(ctx: RuleContext, dist: string): Promise<string | undefined> {
  const want = normalizeDist(dist)
  for (const p of ctx.paths.filter(isRequirementsPath)) {
    const names = splitLines((await ctx.read(p)) ?? '').map(requirementName)
    if (names.some(n => n !== undefined && normalizeDist(n) === want)) return p
  }
  const nameRe = dist
    .split(/[-_.]+/)
    .map(escapeRe)
    .join('[-_.]+')
  const quoted = new RegExp(`["']${nameRe}\\s*(?:["'\\[<>=!~;@ ]|$)`, 'im')
  const key = new RegExp(`^\\s*"?${nameRe}"?\\s*=`, 'im')
  for (const p of ['pyproject.toml', 'setup.cfg', 'setup.py']) {
    const text = await ctx.read(p)
    if (text === undefined) continue
    if (quoted.test(text) || (p === 'pyproject.toml' && key.test(text))) return p
    if (p === 'setup.cfg' && new RegExp(`^\\s+${nameRe}\\s*([<>=!~;\\[]|$)`, 'im').test(text)) return p
  }
  return undefined
}

/** A version the log itself shows for the distribution (pip's "Collecting x==1.2.3", a wheel name), if any. */
function versionFromLog(ctx: RuleContext, dist: string): string | undefined {
  const nameRe = dist
    .split(/[-_.]+/)
    .map(escapeRe)
    .join('[-_.]')
  const re = new RegExp(`(?:^|[\\s(/])${nameRe}(?:==|-)(\\d+(?:\\.\\d+)+)(?=[\\s,)-]|\\.tar|$)`, 'i')
  for (const l of ctx.lines) {
    const v = re.exec(l.text)?.[1]
    if (v !== undefined) return v
  }
  return undefined
}

type Target =
  | { kind: 'requirements'; path: string; how: string }
  | { kind: 'pyproject'; table: string; key: string; how: string }
  | { kind: 'poetry'; table: string; how: string }
  | { kind: 'none'; reason: string }

async function chooseTarget(ctx: RuleContext, test: boolean): Promise<Target> {
  const { direct, all } = await installedRequirementFiles(ctx)
  const existing = ctx.paths.filter(isRequirementsPath).filter(p => p.endsWith('.txt'))
  const pick = (files: string[]): string | undefined => {
    const dev = files.filter(f => DEVISH.test(f.split('/').pop() ?? ''))
    const main = files.filter(f => !dev.includes(f)).sort((a, b) => a.length - b.length)
    if (test) return dev.find(f => direct.includes(f)) ?? dev[0] ?? main[0]
    // A runtime module goes to the main file CI installs; when CI installs only a dev file, that file.
    return main[0] ?? dev.find(f => direct.includes(f)) ?? dev[0]
  }
  const chosen = pick(all) ?? pick(existing)
  if (chosen !== undefined) {
    const header = splitLines((await ctx.read(chosen)) ?? '')
      .slice(0, 12)
      .join('\n')
    if (/pip-compile|uv pip compile|autogenerated/i.test(header)) {
      const source = chosen.replace(/\.txt$/, '.in')
      return {
        kind: 'none',
        reason: `${chosen} is generated by pip-compile${ctx.paths.includes(source) ? ` from ${source}` : ''}: the dependency belongs in the source file and the pinned file must be recompiled against the package index, which the rules analyzer cannot reach`
      }
    }
    const how = direct.includes(chosen)
      ? `the file CI installs (\`pip install -r ${chosen}\`)`
      : all.includes(chosen)
        ? `which CI installs through an \`-r\` include`
        : `the project's requirements file`
    return { kind: 'requirements', path: chosen, how }
  }
  const pyproject = await ctx.read('pyproject.toml')
  if (pyproject === undefined) {
    return {
      kind: 'none',
      reason: 'the repository has no requirements file and no pyproject.toml to add it to'
    }
  }
  const lock = ['poetry.lock', 'uv.lock', 'pdm.lock'].find(l => ctx.paths.includes(l))
  if (lock !== undefined) {
    const tool = lock.split('.')[0] ?? 'the tool'
    return {
      kind: 'none',
      reason: `pyproject.toml is locked by ${lock}: adding the dependency also needs \`${tool} add\` to re-resolve the lock against the package index, which the rules analyzer cannot reach`
    }
  }
  if (test) {
    for (const group of ['test', 'tests', 'testing', 'dev']) {
      if (tomlArray(pyproject, 'project.optional-dependencies', group) !== undefined) {
        return {
          kind: 'pyproject',
          table: 'project.optional-dependencies',
          key: group,
          how: `its \`${group}\` extra`
        }
      }
      if (tomlArray(pyproject, 'dependency-groups', group) !== undefined) {
        return {
          kind: 'pyproject',
          table: 'dependency-groups',
          key: group,
          how: `its \`${group}\` dependency group`
        }
      }
    }
  }
  if (tomlArray(pyproject, 'project', 'dependencies') !== undefined) {
    return { kind: 'pyproject', table: 'project', key: 'dependencies', how: 'the `[project]` dependencies' }
  }
  for (const table of test
    ? [
        'tool.poetry.group.dev.dependencies',
        'tool.poetry.group.test.dependencies',
        'tool.poetry.dev-dependencies'
      ]
    : []) {
    if (tomlTableKeys(pyproject, table) !== undefined) return { kind: 'poetry', table, how: `\`[${table}]\`` }
  }
  if (tomlTableKeys(pyproject, 'tool.poetry.dependencies') !== undefined) {
    return { kind: 'poetry', table: 'tool.poetry.dependencies', how: '`[tool.poetry.dependencies]`' }
  }
  return { kind: 'none', reason: 'pyproject.toml has no dependency list to add it to' }
}

function addToRequirements(content: string, spec: string, name: string): string {
  const eol = eolOf(content)
  const lines = splitLines(content)
  const reqLines = lines.map((l, i) => [i, requirementName(l)] as const).filter(([, n]) => n !== undefined)
  const idx = sortedInsertIndex(
    reqLines.map(([, n]) => n ?? ''),
    name
  )
  const out = [...lines]
  const at =
    idx < reqLines.length
      ? (reqLines[idx]?.[0] ?? lines.length)
      : (reqLines.at(-1)?.[0] ?? lines.length - 1) + 1
  out.splice(at, 0, spec)
  const trailing = content === '' || /\r?\n$/.test(content) || at < lines.length
  return out.join(eol) + (trailing ? eol : '')
}

function isPinned(content: string): boolean {
  const reqs = splitLines(content).filter(l => requirementName(l) !== undefined && !/^\s*-/.test(l))
  return reqs.length > 0 && reqs.every(l => /==/.test(l))
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`
}

async function propose(
  ctx: RuleContext,
  found: { missing: Missing[]; notes: string[] }
): Promise<RuleOutcome> {
  const notes = [...found.notes]
  const todo: Missing[] = []
  for (const m of found.missing) {
    if (todo.some(t => normalizeDist(t.dist) === normalizeDist(m.dist))) continue
    const where = await declaredIn(ctx, m.dist)
    if (where !== undefined) {
      notes.push(
        `${m.dist} is already declared in ${where}, so the log's ${code(m.evidence)} comes from an install step that did not run or a different environment — not a missing declaration`
      )
    } else todo.push(m)
  }
  if (todo.length === 0) return notes.length > 0 ? { kind: 'diagnosis', reason: notes.join('; ') } : undefined
  // One proposal, one file: the dependencies that share the first one's kind (runtime or test).
  const test = todo[0]?.test ?? false
  const group = todo.filter(t => t.test === test)
  const target = await chooseTarget(ctx, test)
  const names = group.map(g => g.dist)
  if (target.kind === 'none') {
    return { kind: 'diagnosis', reason: `${listNames(names)} is not declared anywhere, but ${target.reason}` }
  }
  const versions = new Map(group.map(g => [g.dist, versionFromLog(ctx, g.dist)]))
  let edit: FileEdit
  let file: string
  let pinned = false
  if (target.kind === 'requirements') {
    file = target.path
    const before = (await ctx.read(file)) ?? ''
    pinned = isPinned(before)
    let after = before
    for (const n of names) {
      const v = versions.get(n)
      after = addToRequirements(after, v !== undefined ? `${n}==${v}` : n, n)
    }
    edit = editFor(file, before, after)
  } else {
    file = 'pyproject.toml'
    const before = (await ctx.read(file)) ?? ''
    let after: string | undefined = before
    for (const n of names) {
      const v = versions.get(n)
      if (target.kind === 'pyproject') {
        after = tomlArray(after ?? '', target.table, target.key)?.add(v !== undefined ? `${n}==${v}` : n, s =>
          normalizeDist(/^[A-Za-z0-9._-]+/.exec(s)?.[0] ?? s)
        )
      } else {
        after = addTableLine(after ?? '', target.table, `${n} = "${v ?? '*'}"`)
      }
    }
    if (after === undefined) return { kind: 'diagnosis', reason: 'pyproject.toml could not be edited safely' }
    edit = editFor(file, before, after)
  }
  const first = group[0]
  const evidence = first?.evidence ?? ''
  const job = ctx.lines.find(l => l.text.trim() === evidence)?.job
  const plural = names.length > 1
  const sentences = [
    `The ${job !== undefined ? `\`${job}\` job` : 'job'} fails because ${listNames(names)} ${plural ? 'are' : 'is'} not installed: the log says ${code(evidence)}.`,
    `${listNames(names)} ${plural ? 'are' : 'is'} not declared in ${file}, ${target.how}, so CI never installs ${plural ? 'them' : 'it'}; the fix adds ${plural ? 'them' : 'it'} there.`
  ]
  const unknown = names.filter(n => versions.get(n) === undefined)
  const known = names.filter(n => versions.get(n) !== undefined)
  if (known.length > 0) {
    sentences.push(
      `The version comes from the log itself (${known.map(n => `${n}==${versions.get(n) ?? ''}`).join(', ')}).`
    )
  }
  if (unknown.length > 0 && (pinned || target.kind === 'poetry')) {
    sentences.push(
      `The other requirements are pinned, but the log shows no version of ${listNames(unknown)} and this analysis works offline, so no version is invented: pin it to the version you test with before merging.`
    )
  } else if (unknown.length > 0) {
    sentences.push(
      `No version is given, like the file's other entries; the installer picks the latest release.`
    )
  }
  if (notes.length > 0) sentences.push(`Also noted: ${notes.join('; ')}.`)
  const commit = `fix(deps): add missing ${listNames(names)} ${test ? 'test ' : ''}dependenc${plural ? 'ies' : 'y'}`
  return {
    kind: 'proposal',
    proposal: {
      root_cause: sentences.join(' '),
      files_to_modify: [edit],
      // An exact import error and a manifest CI reads: the edit is certain; the version (when left open) is not.
      confidence: unknown.length > 0 && pinned ? 0.85 : 0.9,
      commit_message: commit
    }
  }
}

export const pythonMissingModule: Rule = {
  name: 'python-missing-module',
  describes:
    "Python module not installed (`ModuleNotFoundError: No module named 'x'`, `pytest: command not found`)",
  apply: ctx => propose(ctx, findMissingModules(ctx))
}

export const pytestMissingPlugin: Rule = {
  name: 'pytest-missing-plugin',
  describes: 'pytest plugin option without its plugin (`pytest: error: unrecognized arguments: --cov`)',
  apply: ctx => propose(ctx, findMissingPytestPlugins(ctx))
}
