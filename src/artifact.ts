import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from './log.js'
import { errorMessage } from './errors.js'

/** Uploads the redacted failure block, the proposal and fix.patch; skipped where the runner has no artifact service. */
export async function uploadArtifacts(
  name: string,
  files: Record<string, string>,
  log: Logger
): Promise<void> {
  const names = Object.keys(files)
  if (!names.length) return
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    log.info(`artifact service not available here: not uploading ${names.join(', ')}`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'fixflow-'))
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content)
  try {
    // Loaded only here: @actions/artifact (blob storage, protobuf) is about half the bundle and most runs of the
    // action never upload, so a static import would cost every run its parse time (ncc emits it as its own chunk).
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const { id, size } = await new DefaultArtifactClient().uploadArtifact(
      name,
      names.map(n => join(dir, n)),
      dir,
      { retentionDays: 30 }
    )
    log.info(`artifact ${name}: ${names.join(', ')} (id ${id}, ${size} bytes)`)
  } catch (e) {
    // The proposal is already in the thread; a missing artifact must not fail the job.
    log.warning(`could not upload the artifact ${name}: ${errorMessage(e)}`)
  }
}
