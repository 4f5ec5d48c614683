// Node: a bare package the code imports that package.json does not declare, and TypeScript's "install type
// definitions for node" errors.
import { builtinModules } from 'node:module'
import { type Rule, type RuleContext, type RuleOutcome, dirOf, joinPath, workflowTexts } from './context.js'
import { addToObject } from './json-edit.js'
import { editFor, code } from './text.js'
import { repoPathOf } from '../../patch/paths.js'
import type { FileEdit } from '../../types.js'

interface Missing {
  pkg: string
  /** Repository path of the file that imports it, when the log names it. */
  from?: string
  evidence: string
}

const DEP_KINDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const

/** Packages only used to build, lint or test: they go to devDependencies wherever they are imported. */
const DEV_TOOLS =
  /^(@types\/.*|@testing-library\/.*|@jest\/.*|@vitest\/.*|@playwright\/test|jest(-.*)?|ts-jest|vitest|mocha|chai(-.*)?|sinon(-.*)?|supertest|nock|msw|cypress|jsdom|happy-dom|typescript|ts-node|tsx|eslint(-.*)?|@eslint\/.*|prettier|@vercel\/ncc|esbuild|rollup|vite|webpack(-.*)?)$/

const TEST_FILE =
  /(^|\/)(__tests__|__mocks__|tests?|spec|e2e)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)[\w.-]+\.config\.[cm]?[jt]s$/

/** A bare specifier's package: `lodash/fp` -> lodash, `@scope/pkg/sub` -> @scope/pkg; undefined when not bare. */
export function packageOf(spec: string): string | undefined {
  if (/^(\.|\/|#|~|[A-Za-z]:[\\/]|[a-z+]+:)/.test(spec)) return undefined
  const parts = spec.split('/')
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '')
  if (!/^(@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/.test(name)) return undefined
  return name
}

function isBuiltin(spec: string): boolean {
  return builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0] ?? '')
}

/** The lines that say a module could not be resolved, with the specifier and the importing file when given. */
function findUnresolved(ctx: RuleContext): Array<{ spec: string; from?: string; evidence: string }> {
  const found: Array<{ spec: string; from?: string; evidence: string }> = []
  const lines = ctx.lines
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? ''
    let spec: string | undefined
    let from: string | undefined
    let m: RegExpExecArray | null
    if (
      (m = /Cannot find (?:module|package) '([^']+)'(?: imported from (\S+)| from '([^']+)')?/.exec(text))
    ) {
      spec = m[1]
      from = m[2] ?? m[3]
      // tsc: "src/a.ts(3,22): error TS2307" or "src/a.ts:3:22 - error TS2307".
      from ??= /^\s*(\S+?)(?:\(\d+,\d+\)|:\d+:\d+)\s*[:-]\s*error TS/.exec(text)?.[1]
      // CommonJS: "Require stack:" then "- /path/file.js".
      if (from === undefined && /Require stack:/.test(lines[i + 1]?.text ?? '')) {
        from = /^\s*-\s+(\S+)/.exec(lines[i + 2]?.text ?? '')?.[1]
      }
    } else if ((m = /Failed to resolve import "([^"]+)" from "([^"]+)"/.exec(text))) {
      spec = m[1]
      from = m[2]
    } else if ((m = /Can't resolve '([^']+)' in '([^']+)'/.exec(text))) {
      spec = m[1]
      from = `${m[2]}/index.js`
    } else if ((m = /Could not resolve "([^"]+)"/.exec(text))) {
      spec = m[1]
      from = /^\s*(\S+\.[cm]?[jt]sx?):\d+:\d+:/.exec(lines[i + 1]?.text ?? '')?.[1]
    }
    if (spec !== undefined)
      found.push({ spec, ...(from !== undefined ? { from } : {}), evidence: text.trim() })
  }
  return found
}

/** Path prefixes that tsconfig `paths` maps to local files (`@/*` -> `@/`). */
async function tsconfigAliases(ctx: RuleContext): Promise<string[]> {
  const text = (await ctx.read('tsconfig.json')) ?? ''
  const paths = /"paths"\s*:\s*\{([^}]*)\}/.exec(text)?.[1] ?? ''
  return [...paths.matchAll(/"([^"]+)"\s*:/g)].map(m => (m[1] ?? '').replace(/\*$/, ''))
}

/** The nearest package.json above a repository file, or the root one. */
function manifestFor(file: string | undefined, paths: readonly string[]): string | undefined {
  let dir = file !== undefined ? dirOf(file) : ''
  for (;;) {
    const candidate = joinPath(dir, 'package.json')
    if (paths.includes(candidate)) return candidate
    if (dir === '') return undefined
    dir = dirOf(dir)
  }
}

interface Lock {
  path: string
  /** The version the lockfile resolves for a package, seen from the manifest's directory. */
  resolved(pkg: string): string | undefined
  /** Key of the manifest's entry in `packages` ('' for the root). */
  entry: string
  text: string
}

async function lockFor(ctx: RuleContext, manifest: string): Promise<Lock | { other: string } | undefined> {
  let dir = dirOf(manifest)
  for (;;) {
    const path = joinPath(dir, 'package-lock.json')
    const text = await ctx.read(path)
    if (text !== undefined) {
      let packages: Record<string, { version?: string }> = {}
      try {
        packages = (JSON.parse(text) as { packages?: Record<string, { version?: string }> }).packages ?? {}
      } catch {
        return { other: path }
      }
      const rel = dirOf(manifest).slice(dir === '' ? 0 : dir.length + 1)
      return {
        path,
        text,
        entry: rel,
        resolved: pkg =>
          packages[joinPath(rel, `node_modules/${pkg}`)]?.version ?? packages[`node_modules/${pkg}`]?.version
      }
    }
    for (const other of ['yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'npm-shrinkwrap.json']) {
      if (ctx.paths.includes(joinPath(dir, other))) return { other: joinPath(dir, other) }
    }
    if (dir === '') return undefined
    dir = dirOf(dir)
  }
}

function installCommand(lockPath: string, pkg: string, dev: boolean): string {
  if (lockPath.endsWith('yarn.lock')) return `yarn add ${dev ? '--dev ' : ''}${pkg}`
  if (lockPath.endsWith('pnpm-lock.yaml')) return `pnpm add ${dev ? '--save-dev ' : ''}${pkg}`
  if (/bun\.lockb?$/.test(lockPath)) return `bun add ${dev ? '--dev ' : ''}${pkg}`
  return `npm install ${dev ? '--save-dev ' : ''}${pkg}`
}

interface Addition {
  pkg: string
  dev: boolean
  /** A version to use when nothing resolves one (e.g. @types/node from the Node major). */
  fallback?: { range: string; why: string }
}

/**
 * The edits that declare `add` in `manifest` (and in package-lock.json's entry for it, so `npm ci` stays in sync), or
 * the reason they would not be certain.
 */
async function declare(
  ctx: RuleContext,
  manifest: string,
  add: Addition
): Promise<{ edits: FileEdit[]; versionNote: string; exact: boolean } | { reason: string }> {
  const before = (await ctx.read(manifest)) ?? ''
  const kind = add.dev ? 'devDependencies' : 'dependencies'
  const lock = await lockFor(ctx, manifest)
  let range: string
  let versionNote: string
  let exact = true
  const edits: FileEdit[] = []
  if (lock !== undefined && 'other' in lock) {
    return {
      reason: `${add.pkg} must be added to ${manifest}, but ${lock.other} has to be updated with it (\`${installCommand(lock.other, add.pkg, add.dev)}\`), which needs the registry`
    }
  }
  const version = lock?.resolved(add.pkg)
  if (lock !== undefined && version === undefined) {
    return {
      reason: `${add.pkg} must be added to ${manifest}, but ${lock.path} does not resolve it, and \`npm ci\` refuses a package.json that is out of sync with its lockfile: run \`${installCommand(lock.path, add.fallback !== undefined ? `${add.pkg}@${add.fallback.range}` : add.pkg, add.dev)}\` (it needs the registry, which the rules analyzer does not use)`
    }
  }
  if (lock !== undefined && version !== undefined) {
    range = `^${version}`
    versionNote = `${lock.path} already resolves ${add.pkg} ${version}, so the range is ^${version} and the lockfile's entry for the project is updated to match (\`npm ci\` stays in sync).`
    const lockAfter = addToObject(lock.text, ['packages', lock.entry, kind], add.pkg, JSON.stringify(range))
    if (lockAfter === undefined) return { reason: `${lock.path} could not be edited safely` }
    edits.push(editFor(lock.path, lock.text, lockAfter))
  } else if (add.fallback !== undefined) {
    range = add.fallback.range
    versionNote = add.fallback.why
  } else {
    range = '*'
    exact = false
    versionNote = `The project has no lockfile and the analysis works offline, so no version is known: the range is "*" (any version; the install resolves the latest). Replace it with the range you test with before merging.`
  }
  const after = addToObject(before, [kind], add.pkg, JSON.stringify(range))
  if (after === undefined) return { reason: `${manifest} is not valid JSON` }
  edits.unshift(editFor(manifest, before, after))
  return { edits, versionNote, exact }
}

function declaredKind(manifestText: string, pkg: string): string | undefined {
  try {
    const json = JSON.parse(manifestText) as Record<string, Record<string, string> | undefined>
    return DEP_KINDS.find(k => json[k]?.[pkg] !== undefined)
  } catch {
    return undefined
  }
}

async function missingPackages(ctx: RuleContext): Promise<{ missing: Missing[]; notes: string[] }> {
  const aliases = await tsconfigAliases(ctx)
  const localNames = new Set<string>()
  for (const p of ctx.paths.filter(p => p.endsWith('package.json'))) {
    try {
      const name = (JSON.parse((await ctx.read(p)) ?? '{}') as { name?: string }).name
      if (name !== undefined) localNames.add(name)
    } catch {
      // Not JSON: not a workspace package either.
    }
  }
  const missing: Missing[] = []
  const notes: string[] = []
  for (const u of findUnresolved(ctx)) {
    const pkg = packageOf(u.spec)
    if (pkg === undefined) {
      notes.push(
        `'${u.spec}' is a relative or absolute path: a missing local file is not a dependency problem`
      )
      continue
    }
    if (isBuiltin(u.spec)) {
      notes.push(`'${u.spec}' is a Node built-in module, not a package`)
      continue
    }
    if (aliases.some(a => a !== '' && u.spec.startsWith(a))) {
      notes.push(`'${u.spec}' is a tsconfig path alias, not a package`)
      continue
    }
    if (localNames.has(pkg)) {
      notes.push(`'${pkg}' is a workspace package of this repository: its build or link step is the problem`)
      continue
    }
    if (!pkg.startsWith('@') && ctx.paths.some(p => p.startsWith(`${pkg}/`) || p.startsWith(`src/${pkg}/`))) {
      notes.push(`'${pkg}' names a directory of the repository (a baseUrl import), not a package`)
      continue
    }
    const from = u.from !== undefined ? repoPathOf(u.from, ctx.paths) : undefined
    missing.push({ pkg, ...(from !== undefined ? { from } : {}), evidence: u.evidence })
  }
  return { missing, notes }
}

function proposal(rootCause: string[], edits: FileEdit[], confidence: number, commit: string): RuleOutcome {
  return {
    kind: 'proposal',
    proposal: { root_cause: rootCause.join(' '), files_to_modify: edits, confidence, commit_message: commit }
  }
}

export const nodeMissingPackage: Rule = {
  name: 'node-missing-package',
  describes:
    "npm package not declared in package.json (`Cannot find module 'x'`, `ERR_MODULE_NOT_FOUND`, TS2307)",
  async apply(ctx: RuleContext): Promise<RuleOutcome> {
    const { missing, notes } = await missingPackages(ctx)
    for (const m of missing) {
      const manifest = manifestFor(m.from, ctx.paths)
      if (manifest === undefined) {
        notes.push(`${m.pkg} is not installed, but the repository has no package.json to declare it in`)
        continue
      }
      const text = (await ctx.read(manifest)) ?? ''
      const kind = declaredKind(text, m.pkg)
      if (kind !== undefined) {
        notes.push(
          /TS2307/.test(m.evidence)
            ? `${m.pkg} is declared in ${manifest} (${kind}) but TypeScript finds no type declarations for it; whether a @types package exists is not certain offline`
            : `${m.pkg} is declared in ${manifest} (${kind}), so the install step did not run or omitted it (e.g. \`--omit=dev\`) — not a missing declaration`
        )
        continue
      }
      const dev = DEV_TOOLS.test(m.pkg) || (m.from !== undefined && TEST_FILE.test(m.from))
      const result = await declare(ctx, manifest, { pkg: m.pkg, dev })
      if ('reason' in result) {
        notes.push(result.reason)
        continue
      }
      const where = dev ? 'devDependencies' : 'dependencies'
      const why = dev
        ? m.from !== undefined && TEST_FILE.test(m.from)
          ? `it is imported by a test or config file (${m.from}), so it goes to devDependencies`
          : `it is a build or test tool, so it goes to devDependencies`
        : `${m.from !== undefined ? `${m.from} imports it at run time` : 'the code imports it'}, so it goes to dependencies`
      return proposal(
        [
          `The log says ${code(m.evidence)}: the package ${m.pkg} is imported but not declared in ${manifest}, so the install step never installs it.`,
          `The fix declares it in ${where}: ${why}.`,
          result.versionNote,
          ...(notes.length > 0 ? [`Also noted: ${notes.join('; ')}.`] : [])
        ],
        result.edits,
        result.exact ? 0.9 : 0.7,
        `fix(deps): add missing ${m.pkg} dependency`
      )
    }
    return notes.length > 0 ? { kind: 'diagnosis', reason: notes.join('; ') } : undefined
  }
}

/** The Node major the project targets: engines.node, .nvmrc/.node-version, setup-node's node-version, the log. */
async function nodeMajor(
  ctx: RuleContext,
  manifestText: string
): Promise<{ major: string; source: string } | undefined> {
  try {
    const engines = (JSON.parse(manifestText) as { engines?: { node?: string } }).engines?.node
    const m = engines !== undefined ? /(\d+)/.exec(engines) : null
    if (m?.[1] !== undefined) return { major: m[1], source: `engines.node (${engines ?? ''})` }
  } catch {
    // Checked by the caller.
  }
  for (const f of ['.nvmrc', '.node-version']) {
    const m = /^v?(\d+)/.exec(((await ctx.read(f)) ?? '').trim())
    if (m?.[1] !== undefined) return { major: m[1], source: f }
  }
  const wf = /node-version:\s*\[?\s*['"]?v?(\d+)/.exec(await workflowTexts(ctx))
  if (wf?.[1] !== undefined) return { major: wf[1], source: "the workflow's setup-node node-version" }
  for (const l of ctx.lines) {
    const m = /hostedtoolcache\/node\/(\d+)\./.exec(l.text)
    if (m?.[1] !== undefined) return { major: m[1], source: 'the Node version the job ran' }
  }
  return undefined
}

const TYPES_HINT =
  /error TS(\d+): Cannot find name '([^']+)'\. Do you need to install type definitions for ([^?]+)\? Try `npm i --save-dev (@types\/[\w.-]+)`(?: or `npm i --save-dev (@types\/[\w.-]+)`)?/

export const nodeMissingTypes: Rule = {
  name: 'typescript-missing-types',
  describes:
    "TypeScript type definitions not installed (`TS2580: Cannot find name 'process'... npm i --save-dev @types/node`, TS2582 for jest/mocha)",
  async apply(ctx: RuleContext): Promise<RuleOutcome> {
    const hit = ctx.lines.map(l => ({ l, m: TYPES_HINT.exec(l.text) })).find(x => x.m !== null)
    if (hit?.m == null) return undefined
    const evidence = hit.l.text.trim()
    const file = /^\s*(\S+?)(?:\(\d+,\d+\)|:\d+:\d+)/.exec(evidence)?.[1]
    const manifest = manifestFor(file !== undefined ? repoPathOf(file, ctx.paths) : undefined, ctx.paths)
    if (manifest === undefined)
      return { kind: 'diagnosis', reason: `${code(evidence)}, but there is no package.json` }
    const text = (await ctx.read(manifest)) ?? ''
    let declared: Record<string, string> = {}
    try {
      const json = JSON.parse(text) as Record<string, Record<string, string> | undefined>
      declared = Object.assign({}, ...DEP_KINDS.map(k => json[k] ?? {})) as Record<string, string>
    } catch {
      return { kind: 'diagnosis', reason: `${manifest} is not valid JSON` }
    }
    // TypeScript offers @types/jest or @types/mocha for test globals: take the one whose runner the project uses.
    const offered = [hit.m[4], hit.m[5]].filter((x): x is string => x !== undefined)
    const pick = offered.filter(
      t => offered.length === 1 || declared[t.slice('@types/'.length)] !== undefined
    )
    const types = pick.length === 1 ? pick[0] : undefined
    if (types === undefined) {
      return {
        kind: 'diagnosis',
        reason: `${code(evidence)}: TypeScript offers ${offered.join(' or ')} and the project declares neither runner, so which one is meant is not certain`
      }
    }
    if (declared[types] !== undefined) {
      return {
        kind: 'diagnosis',
        reason: `${types} is already declared in ${manifest}; the tsconfig "types" field or the install step leaves it out, which the log alone does not settle`
      }
    }
    let fallback: { range: string; why: string } | undefined
    if (types === '@types/node') {
      const major = await nodeMajor(ctx, text)
      if (major !== undefined) {
        fallback = {
          range: `^${major.major}`,
          why: `@types/node versions follow Node's major; the project targets Node ${major.major} (${major.source}), so the range is ^${major.major}.`
        }
      }
    } else {
      const runner = types.slice('@types/'.length)
      const m = /(\d+)/.exec(declared[runner] ?? '')
      if (m?.[1] !== undefined) {
        fallback = {
          range: `^${m[1]}`,
          why: `${types} follows ${runner}'s major; the project uses ${runner} ${declared[runner] ?? ''}, so the range is ^${m[1]}.`
        }
      }
    }
    const result = await declare(ctx, manifest, {
      pkg: types,
      dev: true,
      ...(fallback !== undefined ? { fallback } : {})
    })
    if ('reason' in result) return { kind: 'diagnosis', reason: result.reason }
    const count = ctx.lines.filter(l => TYPES_HINT.test(l.text)).length
    return proposal(
      [
        `TypeScript does not know \`${hit.m[2]}\` (${(hit.m[3] ?? '').trim()} globals): the log says ${code(evidence)}${count > 1 ? ` (and ${count - 1} more errors like it)` : ''}.`,
        `The type definitions ${types} are not declared in ${manifest}; the fix adds them to devDependencies, as the compiler's own hint says.`,
        result.versionNote,
        ...(/types field in your tsconfig/.test(evidence)
          ? [
              'The compiler also asks to add the name to the "types" field of tsconfig.json; check it after this change.'
            ]
          : [])
      ],
      result.edits,
      result.exact ? 0.9 : 0.7,
      `fix(deps): add missing ${types} dev dependency`
    )
  }
}
