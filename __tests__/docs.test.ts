// The user documentation agrees with the code: snippets with the inputs that exist, one table and role everywhere,
// troubleshooting quoting messages FixFlow prints, the CloudFormation profiles of the default model, and action.yml
// valid for the Marketplace.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { NoOperationTraceWriter } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { Input, Output } from '../src/constants.js'

type Step = { uses?: string; with?: Record<string, unknown> }
type Job = { steps?: Step[]; uses?: string; with?: Record<string, unknown>; secrets?: unknown }
type Workflow = { jobs: Record<string, Job> }
type ActionYml = {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
  branding: { icon: string; color: string }
}

function yamlBlocks(markdown: string, name: string): { name: string; text: string }[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m, i) => ({
    name: `${name}#${i + 1}`,
    text: m[1] ?? ''
  }))
}

const action = yaml.load(readFileSync('action.yml', 'utf8')) as ActionYml
const reusable = yaml.load(readFileSync('.github/workflows/fixflow-approve.yml', 'utf8')) as {
  on: { workflow_call: { inputs: Record<string, { default?: string }>; secrets: Record<string, unknown> } }
}
const ACTION = 'fixflow/action@v1'
const REUSABLE = 'fixflow/action/.github/workflows/fixflow-approve.yml@v1'

/** The static dashboard's workflow runs the CLI with a read-only role of its own: checked apart below. */
const DASHBOARD_WORKFLOW = 'dashboard.yml'

/** The workflows a user copies to run FixFlow's jobs: the README's and docs/workflows/*. */
const userWorkflows = [
  ...yamlBlocks(readFileSync('README.md', 'utf8'), 'README.md'),
  ...readdirSync('docs/workflows')
    .filter(f => f !== DASHBOARD_WORKFLOW)
    .map(f => ({
      name: `docs/workflows/${f}`,
      text: readFileSync(`docs/workflows/${f}`, 'utf8')
    }))
].map(s => ({ name: s.name, wf: yaml.load(s.text) as Workflow }))

/** Every place FixFlow is called: the action's steps and the reusable workflow's callers, with their `with:`. */
function calls(wf: Workflow): { kind: 'action' | 'reusable'; with: Record<string, unknown> }[] {
  return Object.values(wf.jobs).flatMap(job => [
    ...(job.uses === REUSABLE ? [{ kind: 'reusable' as const, with: job.with ?? {} }] : []),
    ...(job.steps ?? [])
      .filter(s => s.uses === ACTION)
      .map(s => ({ kind: 'action' as const, with: s.with ?? {} }))
  ])
}

/** The AWS region each workflow reaches the table in (the reusable workflow's default when not passed). */
function awsRegions(wf: Workflow): unknown[] {
  const fallback = reusable.on.workflow_call.inputs['aws-region']?.default
  return Object.values(wf.jobs).flatMap(job => [
    ...(job.uses === REUSABLE ? [job.with?.['aws-region'] ?? fallback] : []),
    ...(job.steps ?? [])
      .filter(s => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))
      .map(s => s.with?.['aws-region'])
  ])
}

function awsRoles(wf: Workflow): unknown[] {
  return Object.values(wf.jobs).flatMap(job => [
    ...(job.uses === REUSABLE && job.with?.['role-to-assume'] ? [job.with['role-to-assume']] : []),
    ...(job.steps ?? [])
      .filter(s => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))
      .map(s => s.with?.['role-to-assume'])
  ])
}

describe('the workflows a user copies', () => {
  it('all parse and call FixFlow', () => {
    expect(userWorkflows.map(w => w.name)).toEqual(
      expect.arrayContaining([
        'README.md#1',
        'README.md#2',
        'docs/workflows/ci-with-fixflow.yml',
        'docs/workflows/fixflow.yml'
      ])
    )
    for (const { name, wf } of userWorkflows) expect([name, calls(wf).length > 0]).toEqual([name, true])
  })

  it.each(userWorkflows)('$name passes only inputs that exist', ({ wf }) => {
    for (const call of calls(wf)) {
      const known = Object.keys(call.kind === 'action' ? action.inputs : reusable.on.workflow_call.inputs)
      expect(Object.keys(call.with).filter(k => !known.includes(k))).toEqual([])
    }
  })

  it('name one table, role and region everywhere, so approve finds what analyze stored', () => {
    const tables = new Set<unknown>()
    const roles = new Set<unknown>()
    for (const { name, wf } of userWorkflows) {
      for (const call of calls(wf)) {
        // Every call names the table: an approve without it would look in the thread, not the table.
        expect([name, call.with['dynamodb-table']]).toEqual([name, expect.any(String)])
        tables.add(call.with['dynamodb-table'])
      }
      // With a table, every workflow reaches AWS with the role.
      const found = awsRoles(wf)
      expect([name, found.length]).toEqual([name, 1])
      for (const r of found) roles.add(r)
    }
    expect([...tables]).toHaveLength(1)
    expect([...roles]).toHaveLength(1)
    expect(new Set(userWorkflows.flatMap(({ wf }) => awsRegions(wf))).size).toBe(1)
  })

  it('the dashboard workflow reads the same table in the same region, with a read-only role of its own', () => {
    const wf = yaml.load(readFileSync(`docs/workflows/${DASHBOARD_WORKFLOW}`, 'utf8')) as Workflow
    const tables = userWorkflows.flatMap(({ wf: w }) => calls(w).map(c => c.with['dynamodb-table']))
    const run = Object.values(wf.jobs)
      .flatMap(j => j.steps ?? [])
      .map(s => (s as { run?: string }).run ?? '')
      .join('\n')
    expect(run).toContain(`dashboard --table ${String(tables[0])} `)
    expect(awsRegions(wf)).toEqual([...new Set(userWorkflows.flatMap(({ wf: w }) => awsRegions(w)))])
    const [role] = awsRoles(wf)
    expect(String(role)).toMatch(/readonly/)
    expect(userWorkflows.flatMap(({ wf: w }) => awsRoles(w))).not.toContain(role)
  })

  it('the reusable workflow passes its inputs and secret on to the action', () => {
    const job = (yaml.load(readFileSync('.github/workflows/fixflow-approve.yml', 'utf8')) as Workflow).jobs
      .fixflow
    const step = job?.steps?.find(s => s.uses === ACTION)
    expect(step?.with).toMatchObject({
      'dynamodb-table': '${{ inputs.dynamodb-table }}',
      'aws-region': '${{ inputs.aws-region }}',
      'fix-token': '${{ secrets.FIXFLOW_FIX_TOKEN }}'
    })
    expect(Object.keys(step?.with ?? {}).filter(k => !(k in action.inputs))).toEqual([])
  })
})

describe('troubleshooting quotes only what FixFlow prints', () => {
  const srcText = (function read(dir: string): string {
    return readdirSync(dir)
      .map(n => join(dir, n))
      .map(p => (statSync(p).isDirectory() ? read(p) : p.endsWith('.ts') ? readFileSync(p, 'utf8') : ''))
      .join('\n')
  })('src')

  /** The literal parts of a quoted message: `…` and `<name>` stand for what varies. */
  const fragments = (quote: string): string[] =>
    quote
      .split(/…|<[a-z-]+>/)
      .map(f => f.trim())
      .filter(f => f.length >= 3)

  /** Backticked messages in the first column of the page's tables. */
  function quotedMessages(file: string): string[] {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(l => l.startsWith('| `'))
      .map(l => /^\| `([^`]+)`/.exec(l)?.[1] ?? '')
  }

  const pages = ['docs/troubleshooting.md', 'docs/aws-setup.md']

  it.each(pages)('%s: every quoted message is in src/', page => {
    const quotes = quotedMessages(page)
    expect(quotes.length).toBeGreaterThanOrEqual(8)
    for (const q of quotes) {
      expect(fragments(q).length).toBeGreaterThan(0)
      const missing = fragments(q).filter(f => !srcText.includes(f))
      expect([q, missing]).toEqual([q, []])
    }
  })

  it("the check would catch a message that is GitHub's, not FixFlow's", () => {
    const missing = fragments('Resource not accessible by integration').filter(f => !srcText.includes(f))
    expect(missing).toEqual(['Resource not accessible by integration'])
  })
})

describe('CloudFormation template', () => {
  // The intrinsic-function tags, read as plain data.
  const tags = ['Ref', 'Sub', 'If', 'Equals', 'Not', 'GetAtt', 'And', 'Or', 'Join', 'Select', 'Contains']
  const schema = yaml.DEFAULT_SCHEMA.extend(
    tags.flatMap(t =>
      (['scalar', 'sequence', 'mapping'] as const).map(
        kind => new yaml.Type(`!${t}`, { kind, construct: (data: unknown) => ({ [t]: data }) })
      )
    )
  )
  const template = yaml.load(readFileSync('docs/cloudformation.yml', 'utf8'), { schema }) as {
    Parameters: Record<string, { Default?: string; AllowedValues?: string[] }>
  }

  it("offers only the default model's inference profiles, and its default is action.yml's model-id", () => {
    const profile = template.Parameters.InferenceProfile
    const model = template.Parameters.FoundationModelId
    expect(profile?.AllowedValues).toEqual(['us', 'global'])
    expect(model?.AllowedValues).toEqual([model?.Default])
    expect(`${profile?.Default}.${model?.Default}`).toBe(action.inputs[Input.ModelId]?.default)
  })

  it('tells users outside the US to pick global', () => {
    const doc = readFileSync('docs/aws-setup.md', 'utf8').replace(/\s+/g, ' ')
    expect(doc).toContain('outside the US deploy with `InferenceProfile=global`')
  })
})

describe('action.yml', () => {
  const validate = (content: string): string[] =>
    parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter())
      .context.errors.getErrors()
      .map(e => e.message)

  it("is valid against GitHub's action metadata schema (Marketplace branding included)", () => {
    expect(validate(readFileSync('action.yml', 'utf8'))).toEqual([])
  })

  it('the schema check catches an icon the Marketplace refuses', () => {
    const withTool = readFileSync('action.yml', 'utf8').replace(/icon: \S+/, 'icon: tool')
    expect(validate(withTool).join('\n')).toMatch(/tool/)
  })

  it('declares exactly the outputs of src/constants.ts', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['pr-number', 'branch', 'root-cause']))
  })
})
