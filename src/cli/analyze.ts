// `analyze`: FixFlow's analyze job on local logs (and, with --repo, a local checkout); prints the comment it would
// post. Loaded only when this command runs.
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs'
import { parseInputs } from '../inputs.js'
import { Input } from '../constants.js'
import { makeAnalyzer, knownSecrets } from '../wiring.js'
import { RepoSnapshot } from '../analysis/context.js'
import { hasAwsCredentials } from '../analysis/analyzer.js'
import { propose, type ProposeInput, type ProposeResult } from '../flows/analyze/propose.js'
import { verifyForCli } from '../verify/cli.js'
import { renderComment, type Outcome, type RunInfo } from '../render/comment.js'
import { FixFlowText } from '../render/markdown.js'
import { streamLogger } from '../log.js'
import { extractFailure } from '../flows/analyze/failures.js'
import type { JobFailure } from '../types.js'
import { ConfigError } from '../errors.js'
import { localTree } from './local-tree.js'
import { defineCommand, parseCommand, positiveInt, UsageError } from './args.js'
import { localAdvice } from './advice.js'
import { terminalSafe, toPlainText } from './plain-text.js'

export const analyzeSpec = defineCommand({
  name: 'analyze',
  summary:
    "Runs FixFlow's analyze job on local CI logs and prints the comment it would post. With no AWS credentials in " +
    'the environment (or --provider rules) the built-in rules analyzer runs: no cloud account needed.',
  options: {
    log: { type: 'string', multiple: true, value: 'FILE', help: 'a failed CI job log (required)' },
    repo: {
      type: 'string',
      value: 'DIR',
      help: 'the checkout the log belongs to; without it no repository file is read and no patch is proposed'
    },
    provider: { type: 'string', value: 'auto|rules|bedrock', help: 'who analyses (default auto)' },
    'model-id': { type: 'string', value: 'ID', help: 'Bedrock model or inference profile id' },
    region: {
      type: 'string',
      value: 'R',
      help: 'AWS region for Bedrock (default AWS_REGION, else us-east-1)'
    },
    'max-prompt-tokens': { type: 'string', value: 'N', help: 'prompt budget in tokens' },
    'protected-paths': { type: 'string', value: 'GLOBS', help: 'extra protected globs, comma-separated' },
    patch: { type: 'string', value: 'OUT', help: 'also write the proposed patch to OUT (for git apply)' },
    format: {
      type: 'string',
      value: 'text|markdown',
      help: 'text (plain terminal) or markdown (the comment as posted); default text on a terminal, else markdown'
    },
    json: { type: 'boolean', help: 'print the whole result as JSON instead' },
    verify: {
      type: 'string',
      value: 'CMD',
      help: 'check the proposal: run CMD with bash in a temporary copy of --repo with the patch applied'
    },
    'verify-timeout': {
      type: 'string',
      value: 'S',
      help: 'seconds before the check is killed (default 600)'
    },
    'max-attempts': {
      type: 'string',
      value: 'N',
      help: 'proposals per failure, repairs included (default 2)'
    }
  },
  notes: [
    'Without --repo the log alone is analysed: the current directory is never read unless you pass --repo . ' +
      '(files the analysis reads may be sent to the model).',
    'Amazon Nova via Bedrock is used when the AWS SDK finds credentials in the environment: AWS_PROFILE (after ' +
      '`aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; the region comes from ' +
      '--region, AWS_REGION or AWS_DEFAULT_REGION.'
  ]
})

const NO_REPO_NOTE = 'no --repo given: only the log is analysed; no repository file is read'
const NO_REPO =
  'No repository was given (--repo DIR), so FixFlow read no file and proposes no patch: only the log was analysed. ' +
  'Run again with --repo pointing at the checkout this log comes from for a patch.'

export async function analyzeCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(analyzeSpec, argv)
  if (!parsed) return 0
  const { values } = parsed
  const logs = values.log
  if (!logs.length) throw new UsageError('analyze needs --log FILE (a CI job log)')
  const format = values.format ?? (process.stdout.isTTY ? 'text' : 'markdown')
  if (format !== 'text' && format !== 'markdown') {
    throw new UsageError(`--format is '${format}'; expected text or markdown`)
  }
  positiveInt('max-prompt-tokens', values['max-prompt-tokens'])
  const repoDir = values.repo
  if (repoDir !== undefined && (!existsSync(repoDir) || !statSync(repoDir).isDirectory())) {
    throw new UsageError(`--repo ${repoDir} is not a directory`)
  }
  const given: Record<string, string | undefined> = {
    [Input.Provider]: values.provider,
    [Input.ModelId]: values['model-id'],
    [Input.AwsRegion]: values.region,
    [Input.MaxPromptTokens]: values['max-prompt-tokens'],
    [Input.ProtectedPaths]: values['protected-paths'],
    [Input.Verify]: values.verify,
    [Input.VerifyTimeout]: values['verify-timeout'],
    [Input.MaxAttempts]: values['max-attempts']
  }
  let inputs
  try {
    inputs = parseInputs(name => given[name] ?? '')
  } catch (e) {
    // The action's input names are this command's option names.
    if (e instanceof ConfigError) throw new UsageError(e.message.replace(/^Input '([^']+)'/, '--$1'))
    throw e
  }
  const log = streamLogger(line => process.stderr.write(terminalSafe(line) + '\n'))
  if (repoDir === undefined) log.info(NO_REPO_NOTE)
  const secrets = knownSecrets(inputs)
  const failures: JobFailure[] = []
  for (const [i, file] of logs.entries()) {
    const extraction = await extractFailure(createReadStream(file), {
      name: file,
      maxPromptTokens: inputs.maxPromptTokens,
      secrets,
      log
    })
    failures.push({ jobId: i + 1, jobName: file, stepName: extraction.failedStep, extraction })
  }
  const analyzer = makeAnalyzer(inputs, m => log.info(m))
  if (inputs.provider === 'auto' && !hasAwsCredentials()) {
    log.info(
      'To use Amazon Nova instead, set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and ' +
        'AWS_REGION in the environment; --provider rules skips this note.'
    )
  }
  const { tree, read } = repoDir === undefined ? { tree: [], read: noFile } : localTree(repoDir)
  if (inputs.verify && repoDir === undefined)
    throw new UsageError('--verify needs --repo DIR (the checkout to check)')
  const proposeInput: ProposeInput = {
    failures,
    snapshot: new RepoSnapshot(tree, read),
    analyzer,
    protectedPaths: inputs.protectedPaths,
    maxPromptTokens: inputs.maxPromptTokens,
    secrets,
    log,
    meta: {
      failureId: 'local-1',
      repoName: 'local/repo',
      branch: 'local',
      commitSha: '0'.repeat(40),
      runId: 0,
      attempt: 1,
      workflow: 'local run',
      // Shown as the comment on a pull request, the common case.
      prNumber: 1,
      fromFork: false,
      now: new Date()
    }
  }
  // --verify: checked (and repaired) in a temporary copy of --repo, which is never written.
  const verified =
    repoDir === undefined
      ? { result: await propose(proposeInput), output: undefined }
      : await verifyForCli(await propose(proposeInput), proposeInput, { inputs, repoDir })
  const proposed: ProposeResult = verified.result
  const outcome: Outcome =
    proposed.kind === 'unavailable'
      ? {
          kind: 'unavailable',
          reason: localAdvice(proposed.reason),
          retry: 'Run the command again once this is fixed.'
        }
      : repoDir === undefined
        ? withoutRepo(proposed)
        : proposed.kind === 'proposal'
          ? { kind: 'proposal', record: proposed.record, embed: false, verifyOutput: verified.output }
          : proposed
  if (values.patch !== undefined && outcome.kind === 'proposal')
    writeFileSync(values.patch, outcome.record.diff)
  if (values.json) {
    // The whole result (a refusal keeps the redacted reply); FixFlow's own text is printed as its string.
    const shown = repoDir === undefined || proposed.kind === 'unavailable' ? outcome : proposed
    const plain = (_key: string, v: unknown): unknown => (v instanceof FixFlowText ? v.text : v)
    process.stdout.write(JSON.stringify(shown, plain, 2) + '\n')
  } else {
    const run: RunInfo = {
      runId: 0,
      attempt: 1,
      workflow: 'local run',
      jobs: failures.map(f => ({ name: f.jobName, step: f.stepName })),
      skippedJobs: 0
    }
    const markdown = renderComment(run, outcome)
    process.stdout.write(terminalSafe(format === 'text' ? toPlainText(markdown) : markdown) + '\n')
  }
  return outcome.kind === 'unavailable' ? 1 : 0
}

/** A patch checked against no files proves nothing: the diagnosis is kept, and the output says why no patch. */
function withoutRepo(result: Exclude<ProposeResult, { kind: 'unavailable' }>): Outcome {
  switch (result.kind) {
    case 'proposal': {
      const r = result.record
      const rootCause = r.provider === 'rules' ? new FixFlowText(r.root_cause) : r.root_cause
      return { kind: 'no-fix', rootCause, reason: NO_REPO }
    }
    case 'refused':
      return { kind: 'no-fix', rootCause: result.rootCause, reason: NO_REPO }
    case 'no-fix':
      // The analysis saw an empty repository: what it says about missing files is about that.
      return {
        ...result,
        reason: `${NO_REPO}\n\nWhat the analysis found from the log alone: ${result.reason}`
      }
  }
}

function noFile(): Promise<undefined> {
  return Promise.resolve(undefined)
}
