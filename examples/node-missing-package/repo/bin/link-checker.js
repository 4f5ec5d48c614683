#!/usr/bin/env node
import { program } from 'commander'
import { checkFiles } from '../src/check.js'
import { report } from '../src/report.js'

program
  .argument('<files...>', 'Markdown files to check')
  .option('-c, --concurrency <n>', 'requests in flight', '8')
  .action(async (files, opts) => {
    const broken = await checkFiles(files, { concurrency: Number(opts.concurrency) })
    process.exitCode = report(broken) ? 1 : 0
  })

program.parse()
