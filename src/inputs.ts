import * as core from '@actions/core'
import { Input } from './constants.js'
import { DEFAULT_MODEL_ID, defaultModelId } from './analysis/bedrock.js'
import { ConfigError } from './errors.js'
import { GlobPatternError, protectedMatcher } from './patch/paths.js'

export type Mode = 'auto' | 'analyze' | 'approve' | 'track' | 'rerun'
export type Provider = 'auto' | 'bedrock' | 'rules'

export interface Inputs {
  githubToken: string
  mode: Mode
  provider: Provider
  modelId: string
  awsRegion: string
  dynamodbTable: string
  fixToken: string
  maxLogBytes: number
  maxPromptTokens: number
  protectedPaths: string[]
  /** off; summary: recent proposals in the job summary (table); issue: the FixFlow dashboard issue. */
  dashboard: 'off' | 'summary' | 'issue'
  // Verification (issue 10)
  /** Shell command run on the patched workspace; '' = no verification. */
  verify: string
  verifyTimeoutSeconds: number
  /** Proposals per failure, repair rounds included. */
  maxAttempts: number
  // Triage (issue 11)
  /** Re-run a run whose failed jobs are all transient, once, on its first attempt (workflow_run handling). */
  rerunTransient: boolean
  /** `never`: no comment when there is nothing to approve (the job summary still gets it). */
  commentOnNoFix: 'always' | 'never'
}

type Read = (name: string) => string

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase()
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw new ConfigError(`Input '${name}' is '${value}'; expected one of: ${allowed.join(', ')}.`)
}

function positiveInt(name: string, value: string, min: number, max: number): number {
  const n = Number(value.trim())
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`Input '${name}' is '${value}'; expected a whole number from ${min} to ${max}.`)
  }
  return n
}

function bool(name: string, value: string): boolean {
  const v = value.trim().toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(v)) return true
  if (['false', 'no', '0', 'off', ''].includes(v)) return false
  throw new ConfigError(`Input '${name}' is '${value}'; expected true or false.`)
}

/** `dashboard`: false | summary | issue; `true` (the first form of this input) still means summary. */
function dashboardMode(value: string): Inputs['dashboard'] {
  const v = value.trim().toLowerCase()
  if (['false', 'no', '0', 'off', ''].includes(v)) return 'off'
  if (['true', 'yes', '1', 'on', 'summary'].includes(v)) return 'summary'
  if (v === 'issue') return 'issue'
  throw new ConfigError(`Input '${Input.Dashboard}' is '${value}'; expected false, summary or issue.`)
}

/** DynamoDB table names: 3-255 of [a-zA-Z0-9_.-]. */
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/
/** Bedrock model ids and inference profile ids (an ARN is allowed too). */
const MODEL = /^[A-Za-z0-9._:/-]{3,2048}$/

/**
 * The `protected-paths` globs: one a line, or several separated by commas outside braces and brackets (so
 * `*.{tf,tfvars}` stays one pattern). Every pattern is compiled here, so a pattern that cannot be parsed fails the
 * job before anything runs (fail closed) instead of silently protecting nothing.
 */
export function protectedPaths(value: string): string[] {
  const patterns: string[] = []
  for (const line of value.split('\n')) {
    let depth = 0
    let current = ''
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string
      if (c === ',' && depth === 0) {
        patterns.push(current)
        current = ''
        continue
      }
      if (c === '\\') current += line[i++] ?? ''
      else if (c === '{' || c === '[') depth++
      else if ((c === '}' || c === ']') && depth > 0) depth--
      current += line[i] ?? ''
    }
    patterns.push(current)
  }
  const kept = patterns.map(p => p.trim()).filter(Boolean)
  for (const p of kept) {
    try {
      protectedMatcher(p)
    } catch (e) {
      if (!(e instanceof GlobPatternError)) throw e
      throw new ConfigError(
        `Input '${Input.ProtectedPaths}' has the pattern ${e.message}. Use picomatch syntax (*, **, ?, [abc], ` +
          `{a,b}, +(a|b)); escape a literal bracket, brace or parenthesis with a backslash.`
      )
    }
  }
  return kept
}

/** Parses every input once; `read` is core.getInput in the action and a map in the CLI and tests. */
export function parseInputs(read: Read, env: NodeJS.ProcessEnv = process.env): Inputs {
  const table = read(Input.DynamoDbTable).trim()
  if (table && !TABLE.test(table)) {
    throw new ConfigError(
      `Input '${Input.DynamoDbTable}' is '${table}'; a DynamoDB table name is 3-255 letters, digits, '_', '-' or '.'.`
    )
  }
  const region = read(Input.AwsRegion).trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
  // The default is a US inference profile; outside US regions the same model is reached through the global one.
  const given = read(Input.ModelId).trim()
  const modelId = !given || given === DEFAULT_MODEL_ID ? defaultModelId(region) : given
  if (!MODEL.test(modelId)) {
    throw new ConfigError(
      `Input '${Input.ModelId}' is '${modelId}'; expected a Bedrock model id or inference profile id.`
    )
  }
  const inputs: Inputs = {
    githubToken: read(Input.GitHubToken).trim(),
    mode: oneOf(Input.Mode, read(Input.Mode) || 'auto', [
      'auto',
      'analyze',
      'approve',
      'track',
      'rerun'
    ] as const),
    provider: oneOf(Input.Provider, read(Input.Provider) || 'auto', ['auto', 'bedrock', 'rules'] as const),
    modelId,
    awsRegion: region,
    dynamodbTable: table,
    fixToken: read(Input.FixToken).trim(),
    maxLogBytes: positiveInt(Input.MaxLogBytes, read(Input.MaxLogBytes) || '10000000', 1000, 1_000_000_000),
    maxPromptTokens: positiveInt(Input.MaxPromptTokens, read(Input.MaxPromptTokens) || '6000', 500, 200_000),
    protectedPaths: protectedPaths(read(Input.ProtectedPaths)),
    dashboard: dashboardMode(read(Input.Dashboard)),
    ...verifyInputs(read),
    rerunTransient: bool(Input.RerunTransient, read(Input.RerunTransient)),
    commentOnNoFix: oneOf(Input.CommentOnNoFix, read(Input.CommentOnNoFix) || 'always', [
      'always',
      'never'
    ] as const)
  }
  return inputs
}

// Verification (issue 10)
const MAX_VERIFY_COMMAND = 10_000

function verifyInputs(read: Read): Pick<Inputs, 'verify' | 'verifyTimeoutSeconds' | 'maxAttempts'> {
  const verify = read(Input.Verify).trim()
  if (verify.length > MAX_VERIFY_COMMAND) {
    throw new ConfigError(
      `Input '${Input.Verify}' is ${verify.length} characters long; expected a shell command of at most ${MAX_VERIFY_COMMAND}.`
    )
  }
  if (verify.includes('\0')) {
    throw new ConfigError(`Input '${Input.Verify}' contains a NUL character; expected a shell command.`)
  }
  return {
    verify,
    // A job runs at most 6 hours.
    verifyTimeoutSeconds: positiveInt(Input.VerifyTimeout, read(Input.VerifyTimeout) || '600', 1, 21_600),
    maxAttempts: positiveInt(Input.MaxAttempts, read(Input.MaxAttempts) || '2', 1, 5)
  }
}

/** The action's inputs, with credentials masked in the log. */
export function actionInputs(): Inputs {
  const inputs = parseInputs(name => core.getInput(name))
  if (inputs.githubToken) core.setSecret(inputs.githubToken)
  if (inputs.fixToken) core.setSecret(inputs.fixToken)
  const shown = {
    ...inputs,
    githubToken: inputs.githubToken ? '***' : '',
    fixToken: inputs.fixToken ? '***' : ''
  }
  core.debug(`inputs: ${JSON.stringify(shown)}`)
  return inputs
}
