// Commands behind `fixflow analyze`, `init-table` and `list` (loaded only when one of them runs).
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseInputs } from './inputs.js'
import { Input } from './constants.js'
import { makeAnalyzer, knownSecrets } from './wiring.js'
import { RepoSnapshot } from './analysis/context.js'
import { localTree } from './local.js'
import { propose } from './flows/analyze/propose.js'
import { renderComment, type Outcome } from './render/comment.js'
import { streamLogger } from './log.js'
import { initTable } from './store/init-table.js'
import { DynamoStore } from './store/dynamo.js'
import { extractStream } from './logs/extract.js'
import { redactExtraction } from './logs/redact.js'
import type { JobFailure } from './types.js'
import { verifyForCli } from './verify/cli.js'

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      log: { type: 'string', multiple: true },
      repo: { type: 'string', default: '.' },
      provider: { type: 'string', default: 'auto' },
      'model-id': { type: 'string', default: '' },
      region: { type: 'string', default: '' },
      'max-prompt-tokens': { type: 'string', default: '' },
      'protected-paths': { type: 'string', default: '' },
      patch: { type: 'string' },
      json: { type: 'boolean', default: false },
      verify: { type: 'string', default: '' },
      'verify-timeout': { type: 'string', default: '' },
      'max-attempts': { type: 'string', default: '' }
    }
  })
  const logs = values.log ?? []
  if (!logs.length) throw new Error('analyze needs --log FILE (a CI job log)')
  const repoDir = values.repo
  if (!existsSync(repoDir) || !statSync(repoDir).isDirectory())
    throw new Error(`--repo ${repoDir} is not a directory`)
  const given: Record<string, string> = {
    [Input.Provider]: values.provider,
    [Input.ModelId]: values['model-id'],
    [Input.AwsRegion]: values.region,
    [Input.MaxPromptTokens]: values['max-prompt-tokens'],
    [Input.ProtectedPaths]: values['protected-paths'],
    [Input.Verify]: values.verify,
    [Input.VerifyTimeout]: values['verify-timeout'],
    [Input.MaxAttempts]: values['max-attempts']
  }
  const inputs = parseInputs(name => given[name] ?? '')
  const log = streamLogger(line => process.stderr.write(line + '\n'))
  const secrets = knownSecrets(inputs)
  const failures: JobFailure[] = []
  for (const [i, file] of logs.entries()) {
    const extraction = await extractStream(createReadStream(file), {
      maxTokens: Math.floor(inputs.maxPromptTokens / 2)
    })
    redactExtraction(extraction, secrets)
    log.info(
      `${file}: ${extraction.totalLines} lines -> ${extraction.blocks.length} block(s), ~${extraction.tokens} tokens`
    )
    failures.push({ jobId: i + 1, jobName: file, stepName: extraction.failedStep, extraction })
  }
  const { tree, read } = localTree(repoDir)
  const proposeInput = {
    failures,
    snapshot: new RepoSnapshot(tree, read),
    analyzer: makeAnalyzer(inputs, m => log.info(m)),
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
  const { result, output } = await verifyForCli(await propose(proposeInput), proposeInput, {
    inputs,
    repoDir
  })
  const outcome: Outcome =
    result.kind === 'proposal'
      ? { kind: 'proposal', record: result.record, embed: false, verifyOutput: output }
      : result
  if (values.patch && result.kind === 'proposal') writeFileSync(values.patch, result.record.diff)
  if (values.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n')
  } else {
    const run = {
      runId: 0,
      attempt: 1,
      workflow: 'local run',
      jobs: failures.map(f => ({ name: f.jobName, step: f.stepName })),
      skippedJobs: 0
    }
    process.stdout.write(renderComment(run, outcome) + '\n')
  }
  return result.kind === 'unavailable' ? 1 : 0
}

export async function initTableCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { table: { type: 'string' }, region: { type: 'string' } }
  })
  if (!values.table) throw new Error('init-table needs --table NAME')
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  const result = await initTable({ table: values.table, region })
  process.stdout.write(`table ${values.table} in ${region}: ${result}\n`)
  return 0
}

export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      repo: { type: 'string' },
      pr: { type: 'string' },
      commit: { type: 'string' }
    }
  })
  if (!values.table || !values.repo) throw new Error('list needs --table NAME and --repo OWNER/NAME')
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  const store = new DynamoStore({ table: values.table, region })
  const records =
    values.pr || values.commit
      ? await store.listForThread(
          values.repo,
          values.pr ? { pr_number: Number(values.pr) } : { commit_sha: values.commit }
        )
      : await store.listRecent(values.repo, 50)
  for (const r of records) {
    process.stdout.write(
      `${r.failure_id}\t${r.status}\t${r.risk_score}\t${r.timestamp}\t${r.commit_sha.slice(0, 7)}\t${r.pr_url ?? ''}\n`
    )
  }
  if (!records.length) process.stderr.write('no proposals\n')
  return 0
}
