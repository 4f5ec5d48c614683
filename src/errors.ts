/** One way to turn anything thrown into a message. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === 'string') return e
  try {
    return JSON.stringify(e)
  } catch {
    return String(e)
  }
}

/** A fault the user fixes in their configuration: the job fails with this text. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** HTTP status of an Octokit (or AWS SDK) error, or undefined; network failures are reported as 500 by Octokit. */
export function httpStatus(e: unknown): number | undefined {
  if (typeof e === 'object' && e !== null && 'status' in e && typeof e.status === 'number') return e.status
  return undefined
}

/** An error's message on one line, shortened: safe to quote in a thread reply or a log line. */
export function oneLine(e: unknown, max: number): string {
  return errorMessage(e)
    .replace(/[\r\n]+/g, ' ')
    .slice(0, max)
}

/**
 * Runs a step whose failure must not stop the flow (the main effect already happened): the failure is logged as a
 * warning saying what could not be done, never swallowed silently. Returns undefined when the step failed.
 */
export async function bestEffort<T>(
  what: string,
  f: () => Promise<T>,
  warn: (message: string) => void
): Promise<T | undefined> {
  try {
    return await f()
  } catch (e) {
    warn(`could not ${what}: ${errorMessage(e)}`)
    return undefined
  }
}
