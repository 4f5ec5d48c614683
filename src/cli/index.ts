#!/usr/bin/env node
// The local CLI's dispatcher. Each command's module is imported only when it runs (so `extract`, run once per log
// in benchmarks, starts without loading the AWS SDK); registering a command is one line in COMMANDS.
import { errorMessage } from '../errors.js'
import { programName, UsageError } from './args.js'
import { localAdvice } from './advice.js'

type Run = (argv: string[]) => Promise<number>

/** name: [what it does, in a few words; its module, imported only when the command runs]. One line per command. */
const COMMANDS: Record<string, [string, () => Promise<Run>]> = {
  analyze: ['analyse CI logs, print the comment', () => import('./analyze.js').then(m => m.analyzeCommand)],
  extract: ['print the failure block of a CI log', () => import('./extract.js').then(m => m.extractCommand)],
  'init-table': ['create the DynamoDB table', () => import('./init-table.js').then(m => m.initTableCommand)],
  list: ['list stored proposals', () => import('./list.js').then(m => m.listCommand)],
  context: [
    'print the files the model would see first',
    () => import('../analysis/localize/cli.js').then(m => m.contextCommand)
  ],
  dashboard: [
    'write the static dashboard page',
    () => import('./dashboard-command.js').then(m => m.dashboardCommand)
  ]
}

function topUsage(prog: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map(n => n.length)) + 2
  return [
    `usage: ${prog} <command> [options]`,
    `       ${prog} <command> --help`,
    `       ${prog} --version`,
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, [summary]]) => `  ${name.padEnd(width)}${summary}`),
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
    const run = await entry[1]()
    return await run(rest)
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
