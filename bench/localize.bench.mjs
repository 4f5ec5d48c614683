// Benchmark of localization (issue 9): are the files a human fix changed among those `fixflow context` prints?
// Runs ../shared/tools/eval_localize.py on ../shared/datasets/bears-dev.jsonl.gz (real Java/Maven CI failures,
// GPL-3.0 data: measured here, never copied into the repository). The scorer prints FixFlow's figures and its two
// naive baselines (named-in-log by basename, stack-frame resolution) from the same run.
// Needs the Bears git objects: BEARS_GIT (a clone with every branch) or MIRROR (the folder holding
// bears-bugs+bears-benchmark/repo). Without them, or without python3, it says so and skips.
// Usage: node bench/localize.bench.mjs [--limit N] [--jobs N] [--rows OUT.jsonl]
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// shared/ (data and scorers) sits beside the repository root; SHARED names it when it does not (worktrees).
const shared = process.env.SHARED ?? resolve(root, '..', 'shared')
const data = join(shared, 'datasets', 'bears-dev.jsonl.gz')
const scorer = join(shared, 'tools', 'eval_localize.py')
const cli = join(root, 'dist', 'cli', 'index.js')
const args = process.argv.slice(2)
const opt = name => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

function skip(why) {
  console.log(`localization: skipped (${why})`)
  process.exit(0)
}

if (!existsSync(data) || !existsSync(scorer)) skip(`no ${data} or ${scorer}`)
const mirror = process.env.MIRROR
if (!process.env.BEARS_GIT && !(mirror && existsSync(join(mirror, 'bears-bugs+bears-benchmark', 'repo')))) {
  skip('set BEARS_GIT to a clone of bears-bugs/bears-benchmark, or MIRROR to the folder holding its snapshot')
}
if (!existsSync(cli)) skip('dist/cli/index.js is missing: run npm run bundle first')
if (spawnSync('python3', ['--version']).status !== 0) skip('python3 is not on PATH')

const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} context --log {log} --repo {repo}`
const scorerArgs = [scorer, data, '--cmd', cmd, '--jobs', opt('--jobs') ?? '1']
if (opt('--limit')) scorerArgs.push('--limit', opt('--limit'))
if (opt('--rows')) scorerArgs.push('--rows', opt('--rows'))
console.log(
  `fixflow context on ${data} (scorer: ${scorer}; "command" is FixFlow, the other two are baselines)`
)
const r = spawnSync('python3', scorerArgs, { stdio: 'inherit', cwd: root })
process.exit(r.status ?? 1)
