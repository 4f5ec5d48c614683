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
