#!/usr/bin/env node
// `fixflow` for local use. Each command's code is loaded only when it runs, so `extract` starts fast.
import { errorMessage } from './errors.js'

const USAGE = `usage: fixflow <command> [options]

commands:
  analyze --log FILE [--log FILE ...] [--repo DIR] [--provider auto|rules|bedrock] [--model-id ID]
          [--region R] [--max-prompt-tokens N] [--protected-paths GLOBS] [--patch OUT] [--json]
      Runs FixFlow's analyze job on local logs and a local checkout and prints the comment it would post.
      With no AWS credentials (or --provider rules) the built-in rules analyzer runs: no cloud account needed.
  extract <log-file | -> [--max-tokens N] [--json]
      Prints the failure block of a CI log.
  init-table --table NAME [--region R]
      Creates the DynamoDB table and its indexes (honours AWS_ENDPOINT_URL_DYNAMODB).
  list --table NAME --repo OWNER/NAME [--pr N | --commit SHA] [--region R]
      Lists stored proposals of the repository (or of one pull request or commit), newest first.
`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'analyze':
        return await (await import('./cli-commands.js')).analyzeCommand(rest)
      case 'extract':
        return await (await import('./logs/extract-cli.js')).extractCommand(rest)
      case 'context':
        return await (await import('./analysis/localize/cli.js')).contextCommand(rest)
      case 'init-table':
        return await (await import('./cli-commands.js')).initTableCommand(rest)
      case 'list':
        return await (await import('./cli-commands.js')).listCommand(rest)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE)
        return command === undefined ? 2 : 0
      default:
        process.stderr.write(`fixflow: unknown command '${command}'\n\n${USAGE}`)
        return 2
    }
  } catch (e) {
    process.stderr.write(`fixflow ${command}: ${errorMessage(e)}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
