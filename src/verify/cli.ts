// `fixflow analyze --log FILE --repo DIR --verify CMD` (issue 10): the proposal is verified in a temporary copy of
// DIR (DIR itself is never written), with the same repair rounds as the action, and printed with the same verdict.
import { verifyWithRepair } from '../flows/analyze/verify.js'
import type { ProposeInput, ProposeResult } from '../flows/analyze/propose.js'
import { verifiedLines } from '../render/comment.js'
import type { Inputs } from '../inputs.js'
import { verifyInCopy } from './index.js'

export interface CliVerifyOptions {
  inputs: Pick<Inputs, 'verify' | 'verifyTimeoutSeconds' | 'maxAttempts'>
  /** The directory the CLI analysed (--repo). */
  repoDir: string
}

export interface CliVerified {
  result: ProposeResult
  /** The check's redacted output tail, for the printed comment. */
  output?: string
  /** The verdict as the comment shows it (Markdown), empty when there was nothing to verify. */
  verdict: string
}

/** Verifies (and repairs) a proposal of the CLI in a copy of `repoDir`; anything but a proposal comes back as is. */
export async function verifyForCli(
  result: ProposeResult,
  input: ProposeInput,
  o: CliVerifyOptions
): Promise<CliVerified> {
  if (result.kind !== 'proposal' || !o.inputs.verify) return { result, verdict: '' }
  const verified = await verifyWithRepair(
    result,
    input,
    changes =>
      verifyInCopy({
        repoDir: o.repoDir,
        changes,
        command: o.inputs.verify,
        timeoutMs: o.inputs.verifyTimeoutSeconds * 1000,
        secrets: input.secrets,
        log: input.log
      }),
    o.inputs.maxAttempts
  )
  const output = verified.result.outputTail
  return {
    result: verified.proposed,
    output,
    verdict: verifiedLines(verified.proposed.record, output).join('\n').trim()
  }
}
