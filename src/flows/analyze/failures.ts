// The failed jobs of the run: each log's tail read, its failure block extracted and redacted.
import { LogUnavailableError } from '../../github/api.js'
import { extractStream } from '../../logs/extract.js'
import { redactExtraction } from '../../logs/redact.js'
import { MAX_JOBS } from '../../constants.js'
import type { Extraction, JobFailure } from '../../types.js'
import type { Logger } from '../../log.js'
import type { AnalyzeDeps } from './index.js'
import type { Target } from './target.js'
import { keepTail, TRIAGE_TAIL_BYTES, type JobToTriage } from '../../analysis/triage/index.js'
import { greenBaseline } from './green.js'
import { inertQuote } from './publish.js'

/**
 * Reads each failed job's log (tail, byte-capped), extracts the failure block and redacts it. `triage` holds, per
 * failure in the same order, the job's conclusion and its log's end as text for triage (not redacted: triage only
 * quotes it through redaction).
 */
export async function readFailures(
  deps: Pick<AnalyzeDeps, 'gh' | 'log' | 'inputs' | 'secrets'>,
  target: Pick<Target, 'runId' | 'attempt' | 'branch'> & {
    defaultBranch?: string
    workflowId?: number | string
  }
): Promise<{ failures: JobFailure[]; triage: JobToTriage[]; skipped: number }> {
  const { gh, log, inputs } = deps
  const jobs = await gh.listJobs(target.runId, target.attempt)
  // The running FixFlow job is not completed yet, so "completed + failure" never includes it.
  const failed = jobs.filter(
    j => j.status === 'completed' && (j.conclusion === 'failure' || j.conclusion === 'timed_out')
  )
  const chosen = failed.slice(0, MAX_JOBS)
  const green = await greenBaseline(
    gh,
    target,
    chosen.map(j => j.name),
    inputs.maxLogBytes,
    log
  )
  const failures: JobFailure[] = []
  const triage: JobToTriage[] = []
  for (const job of chosen) {
    log.info(`reading the log of job '${job.name}' (${job.id})`)
    const base: JobFailure = {
      jobId: job.id,
      jobName: job.name,
      // The step's name is the PR's workflow's: it is shown as code and kept in the record (no hidden marker in it).
      stepName: job.failed_steps[0] === undefined ? undefined : inertQuote(job.failed_steps[0]),
      htmlUrl: job.html_url,
      extraction: { blocks: [], tokens: 0, totalLines: 0 }
    }
    try {
      const tail = keepTail(
        await gh.streamJobLog(job.id, inputs.maxLogBytes),
        Math.min(inputs.maxLogBytes, TRIAGE_TAIL_BYTES)
      )
      const extraction = await extractFailure(tail.chunks, {
        name: `job '${job.name}'`,
        maxPromptTokens: inputs.maxPromptTokens,
        weak: green.weak.get(job.name),
        secrets: deps.secrets,
        log
      })
      failures.push({ ...base, extraction })
      triage.push({ name: job.name, conclusion: job.conclusion, tail: tail.text() })
    } catch (e) {
      if (!(e instanceof LogUnavailableError)) throw e
      log.warning(`job '${job.name}': ${e.message}`)
      failures.push({ ...base, logError: e.message })
      triage.push({ name: job.name, conclusion: job.conclusion })
    }
  }
  return { failures, triage, skipped: failed.length - chosen.length }
}

/**
 * One log's failure block, redacted: the failure reading the action and the CLI share. Half the prompt budget goes to
 * failure lines; `weak` are the lines a green run also printed.
 */
export async function extractFailure(
  chunks: AsyncIterable<Buffer | string>,
  o: { name: string; maxPromptTokens: number; weak?: Set<string>; secrets: string[]; log: Logger }
): Promise<Extraction> {
  const extraction = await extractStream(chunks, {
    maxTokens: Math.floor(o.maxPromptTokens / 2),
    ...(o.weak ? { weak: o.weak } : {})
  })
  const redactions = redactExtraction(extraction, o.secrets)
  if (redactions) o.log.info(`redacted ${redactions} secret(s) from the failure block of ${o.name}`)
  o.log.info(
    `${o.name}: ${extraction.totalLines} log lines -> ${extraction.blocks.length} block(s), ~${extraction.tokens} tokens`
  )
  return extraction
}

export function blockText(failures: JobFailure[]): string {
  return failures
    .map(f => {
      const lines = f.extraction.blocks.flatMap(b => [
        `--- ${b.kind}${b.step ? ` (${b.step})` : ''}`,
        ...b.lines.map(l => `${l.n}: ${l.text}`)
      ])
      return [`=== job: ${f.jobName}${f.logError ? ` (log unavailable: ${f.logError})` : ''}`, ...lines].join(
        '\n'
      )
    })
    .join('\n\n')
}
