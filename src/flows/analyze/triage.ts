// Triage before analysis (issue 11): each failed job is classified from its log's end and the Actions API, in code
// and without a model call; only `code` failures go on to the analyzer. A job that failed on the previous attempt
// and passed on this one is noted as flaky too.
import { triageJobs, type JobToTriage, type TriageKind } from '../../analysis/triage/index.js'
import { redact } from '../../logs/redact.js'
import type { JobVerdict } from '../../render/comment.js'
import { errorMessage } from '../../errors.js'
import type { JobFailure } from '../../types.js'
import type { AnalyzeDeps } from './index.js'
import type { Target } from './target.js'

export interface Triaged {
  /** The failures a code change may fix: the analyzer's input. */
  code: JobFailure[]
  /** The others, with their redacted evidence, for the comment. */
  others: JobVerdict[]
  /** Every analysed job's verdict, in order (the hidden triage marker keeps them). */
  kinds: TriageKind[]
}

export async function triageFailures(
  deps: Pick<AnalyzeDeps, 'gh' | 'log' | 'secrets'>,
  target: Pick<Target, 'runId' | 'attempt'>,
  failures: JobFailure[],
  jobs: JobToTriage[]
): Promise<Triaged> {
  const { gh, log } = deps
  const verdicts = await triageJobs(gh, target.runId, target.attempt, jobs, m => log.info(m))
  const out: Triaged = { code: [], others: [], kinds: [] }
  failures.forEach((f, i) => {
    const v = verdicts[i] ?? { kind: 'code', reason: 'not triaged', evidence: '' }
    log.info(`triage '${f.jobName}': ${v.kind} (${v.reason})`)
    out.kinds.push(v.kind)
    if (v.kind === 'code') {
      out.code.push(f)
      return
    }
    // The evidence is a log line: secrets out before it is quoted anywhere.
    const evidence = redact(v.evidence, deps.secrets).text
    out.others.push({ name: f.jobName, kind: v.kind, reason: v.reason, evidence, line: v.line })
  })
  if (target.attempt > 1) out.others.push(...(await passedAfterFailing(deps, target, failures)))
  return out
}

/**
 * Jobs that failed on the previous attempt of this run and passed on this one: flaky. One request (the previous
 * attempt's jobs) plus this attempt's jobs; an API error only loses the note.
 */
async function passedAfterFailing(
  deps: Pick<AnalyzeDeps, 'gh' | 'log'>,
  target: Pick<Target, 'runId' | 'attempt'>,
  failures: JobFailure[]
): Promise<JobVerdict[]> {
  try {
    const [before, now] = await Promise.all([
      deps.gh.listJobs(target.runId, target.attempt - 1),
      deps.gh.listJobs(target.runId, target.attempt)
    ])
    const failing = new Set(failures.map(f => f.jobName))
    const passed = new Set(now.filter(j => j.conclusion === 'success').map(j => j.name))
    return before
      .filter(j => j.conclusion === 'failure' || j.conclusion === 'timed_out')
      .filter(j => passed.has(j.name) && !failing.has(j.name))
      .map(j => ({
        name: j.name,
        kind: 'flaky' as const,
        reason: `failed on attempt ${target.attempt - 1}, passed on attempt ${target.attempt}`,
        evidence: ''
      }))
  } catch (e) {
    deps.log.warning(`could not compare with attempt ${target.attempt - 1}: ${errorMessage(e)}`)
    return []
  }
}
