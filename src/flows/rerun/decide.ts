// The rerun decisions as pure functions of what was read: who may, which run, and what to say about GitHub's answer.
import type { RerunResult } from '../../github/api.js'
import type { CompletedRun } from '../../event/event.js'
import type { TriageMark } from '../../thread/markers.js'
import { code } from '../../render/markdown.js'

export const WRITERS = new Set(['admin', 'maintain', 'write'])

/** `<run id>-<attempt>` (checked by the grammar already) as numbers. */
export function parseRunId(id: string): { runId: number; attempt: number } {
  const [run, attempt] = id.split('-')
  return { runId: Number(run), attempt: Number(attempt) }
}

/** The reply to a `/fixflow rerun` once GitHub answered. */
export function rerunReply(id: string, r: RerunResult): { text: string; ok: boolean } {
  switch (r.outcome) {
    case 'started':
      return { text: `re-running the failed jobs of run ${code(id)}.`, ok: true }
    case 'already':
      return {
        text: `run ${code(id)} was re-run already (it is at attempt ${r.attempt}); nothing new was done.`,
        ok: true
      }
    case 'in-progress':
      return {
        text: `run ${code(id)} is still ${code(r.status)}: GitHub re-runs only completed runs. Comment again when it completes.`,
        ok: false
      }
    case 'forbidden':
      return {
        text: `GitHub refused to re-run run ${code(id)} (the FixFlow workflow needs \`actions: write\`, and old runs cannot be re-run); nothing was done.`,
        ok: false
      }
  }
}

/**
 * Why the automatic re-run does not happen for this completed run, or undefined when it may: only with
 * `rerun-transient`, only a failed first attempt of this repository's code.
 */
export function runRefusal(enabled: boolean, run: CompletedRun): string | undefined {
  if (!enabled) return 'rerun-transient is false'
  if (run.conclusion !== 'failure') return `run concluded ${run.conclusion || 'without a conclusion'}`
  if (run.attempt !== 1) return `attempt ${run.attempt}: only a first attempt is re-run automatically`
  if (run.origin !== 'this') return "the run's head is not this repository's"
  return undefined
}

/**
 * Why the triage the on-failure job recorded does not allow the automatic re-run, or undefined when it does: every
 * failed job transient (never a code, infrastructure or flaky one).
 */
export function triageRefusal(run: CompletedRun, mark: TriageMark | undefined): string | undefined {
  if (!mark) return "no triage recorded for this run (FixFlow's comment on it is a code failure's)"
  if (mark.runId !== run.runId || mark.attempt !== run.attempt)
    return 'the triage recorded is for another attempt'
  if (!mark.kinds.length || !mark.kinds.every(k => k === 'transient'))
    return `not every failed job is transient (${mark.kinds.join(', ') || 'none'})`
  return undefined
}
