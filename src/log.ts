import * as core from '@actions/core'

/** Progress logging: the runner's log in the action, stderr in the CLI. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  startGroup(name: string): void
  endGroup(): void
}

/**
 * `text` with every workflow command made inert (docs/security.md, threat 12). Job, step and file names come from the
 * PR author; printed raw, `::set-output name=x::y`, `::add-mask::...`, `::stop-commands::...` or a legacy
 * `##[command]` would be obeyed by the runner. The runner reads a command at the start of a line after leading
 * white space (`::`), and a legacy command anywhere in a line (`##[`); a line ends at LF, CR or CRLF. Both get a
 * space between their two leading characters, which reads the same to a person and is no command to the runner.
 */
export function neutraliseCommands(text: string): string {
  return text.replace(/(^|[\r\n])([^\S\r\n]*)::/g, '$1$2: :').replace(/##\[/g, '# #[')
}

/** Every message is neutralised, so each call site is safe whatever names it interpolates. */
export const actionLogger: Logger = {
  info: m => core.info(neutraliseCommands(m)),
  warning: m => core.warning(neutraliseCommands(m)),
  debug: m => core.debug(neutraliseCommands(m)),
  startGroup: n => core.startGroup(neutraliseCommands(n)),
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
