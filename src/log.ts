import * as core from '@actions/core'

/** Progress logging: the runner's log in the action, stderr in the CLI. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  startGroup(name: string): void
  endGroup(): void
}

export const actionLogger: Logger = {
  info: m => core.info(m),
  warning: m => core.warning(m),
  debug: m => core.debug(m),
  startGroup: n => core.startGroup(n),
  endGroup: () => core.endGroup()
}

export function streamLogger(write: (line: string) => void, verbose = false): Logger {
  return {
    info: m => write(m),
    warning: m => write(`warning: ${m}`),
    debug: m => {
      if (verbose) write(`debug: ${m}`)
    },
    startGroup: n => write(`== ${n}`),
    endGroup: () => {}
  }
}
