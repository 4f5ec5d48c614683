// Job logs of the triage end-to-end tests, shaped like the runner writes them.
import { AWS } from './analyze-helpers.js'

/** A job log as the runner writes it: timestamps, the failing step's group, the exit line and the post steps. */
export function actionsLog(step: string, body: string[]): string {
  const lines = [
    '##[group]Run actions/checkout@v4',
    'Syncing repository',
    '##[endgroup]',
    `##[group]Run ${step}`,
    step,
    '##[endgroup]',
    ...body,
    '##[error]Process completed with exit code 1.',
    'Post job cleanup.'
  ]
  return (
    lines.map((l, i) => `2026-11-20T10:15:${String(i % 60).padStart(2, '0')}.0000000Z ${l}`).join('\n') + '\n'
  )
}

/** npm failing on the registry; the URL carries the (fake) AWS secret, which must never reach the thread. */
export const REGISTRY_TIMEOUT = actionsLog('npm ci', [
  'npm error code ETIMEDOUT',
  'npm error syscall connect',
  'npm error errno ETIMEDOUT',
  `npm error network request to https://registry.npmjs.org/left-pad?t=${AWS.AWS_SECRET_ACCESS_KEY} failed, reason: connect ETIMEDOUT 104.16.0.35:443`,
  'npm error network This is a problem related to network connectivity.'
])
