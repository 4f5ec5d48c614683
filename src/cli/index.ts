#!/usr/bin/env node
// The local CLI's dispatcher. Each command's module is imported only when it runs (so `extract`, run once per log
// in benchmarks, starts without loading the AWS SDK); registering a command is one line in COMMANDS.
import { errorMessage } from '../errors.js'
import { programName, UsageError } from './args.js'
import { localAdvice } from './advice.js'

interface Command {
  summary: string
  run: (argv: string[]) => Promise<number>
}

const COMMANDS: Record<string, Command> = {
  analyze: {
    summary: 'analyse local CI logs (and a local checkout) and print the comment FixFlow would post',
    run: async argv => (await import('./analyze.js')).analyzeCommand(argv)
  },
  extract: {
    summary: 'print the failure block of a CI log',
    run: async argv => (await import('./extract.js')).extractCommand(argv)
  },
  'init-table': {
    summary: 'create the DynamoDB table and its indexes',
    run: async argv => (await import('./init-table.js')).initTableCommand(argv)
  },
  list: {
    summary: 'list the stored proposals of a repository, a pull request or a commit',
    run: async argv => (await import('./list.js')).listCommand(argv)
  }
}

function topUsage(prog: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map(n => n.length)) + 2
  return [
    `usage: ${prog} <command> [options]`,
    `       ${prog} <command> --help`,
    `       ${prog} --version`,
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    '',
    `First run: ${prog} analyze --log examples/python-missing-module/ci.log --repo examples/python-missing-module/repo`,
    ''
  ].join('\n')
}

/** The version of the package this CLI was built from (package.json is inlined by the bundler). */
async function version(): Promise<string> {
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string }
  return pkg.version
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const prog = programName()
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(topUsage(prog))
    return command === undefined ? 2 : 0
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`fixflow ${await version()}\n`)
    return 0
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!entry) {
    process.stderr.write(`${prog}: unknown command '${command}'\n\n${topUsage(prog)}`)
    return 2
  }
  try {
    return await entry.run(rest)
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${prog} ${command}: ${e.message}\nSee: ${prog} ${command} --help\n`)
      return 2
    }
    process.stderr.write(`${prog} ${command}: ${localAdvice(errorMessage(e), prog)}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
