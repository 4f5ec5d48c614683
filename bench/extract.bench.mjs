// Benchmark of failure-block extraction (issues 3, 12, 7): quality on the labeled logs against the usual baselines
// (also on the two halves of a split by repository), throughput and peak memory on a ~350 MB log against grep on
// the same file, and the cost of 1 MB of hostile lines against 1 MB of plain log, in the same run.
// Usage: node bench/extract.bench.mjs [--limit N] [--mb 350] [--src] [--no-split] [--external FILE.jsonl.gz]
// --external scores the same way a labeled set the rules were not tuned on (bench/cidiff-breakages.mjs makes one
// of Jenkins and Actions logs); when its rows carry the log of a passing run (green_log), also with --green.
// Uses the committed CLI bundle (dist/cli/index.js) when present (unless --src), else bundles
// src/cli/extract.ts with ncc into a temporary directory. Expects shared/ (data set and scorer) beside the
// repository root. Also scores the extractor on the data set split in two by repository (a stable hash of
// owner/repo), to see whether a change helps on repositories it was not tuned on.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  closeSync,
  createWriteStream,
  openSync,
  readSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// shared/ beside the repository root (a checkout), or one level up (a worktree under wt/).
const shared =
  [resolve(root, '..', 'shared'), resolve(root, '..', '..', 'shared')].find(d => existsSync(d)) ?? ''
const data = join(shared, 'datasets', 'logchunks-dev.jsonl.gz')
const scorer = join(shared, 'tools', 'eval_extract.py')
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt
}
const limit = opt('--limit', '')
const fromSrc = args.includes('--src')
const split = !args.includes('--no-split')
const targetMb = Number(opt('--mb', '350'))
const external = opt('--external', '')
const node = process.execPath
const q = s => `'${s.replace(/'/g, `'\\''`)}'`

for (const p of [data, scorer]) {
  if (!existsSync(p)) {
    console.error(`missing ${p}: shared/ must sit beside the repository root`)
    process.exit(2)
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'fixflow-bench-'))
try {
  // The command under test: `<node> <bundle> extract <log>` (dist) or `<node> <runner> <log>` (temp bundle).
  let cmd
  const dist = join(root, 'dist', 'cli', 'index.js')
  if (existsSync(dist) && !fromSrc) {
    cmd = `${q(node)} ${q(dist)} extract`
    console.log(`extractor: committed bundle ${dist}`)
  } else {
    const out = join(tmp, 'lib')
    execFileSync(
      join(root, 'node_modules', '.bin', 'ncc'),
      ['build', join(root, 'src/cli/extract.ts'), '-o', out, '-q', '-t'],
      {
        stdio: ['ignore', 'ignore', 'inherit']
      }
    )
    const runner = join(out, 'run.mjs')
    writeFileSync(
      runner,
      "import { extractCommand } from './index.js'\nprocess.exitCode = await extractCommand(process.argv.slice(2))\n"
    )
    cmd = `${q(node)} ${q(runner)}`
    console.log(`extractor: src/cli/extract.ts bundled with ncc into ${out}`)
  }

  // The command as argv (the quotes of q() removed): the --green wrapper and the timed run spawn it directly.
  const words = cmd.split(' ').map(w => w.replace(/^'|'$/g, ''))

  const m = cpus()
  console.log(
    `machine: ${m[0]?.model ?? 'unknown cpu'}, ${m.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`
  )

  // 1. Quality: the extractor and the baselines, scored the same way in this run.
  const evalRun = (how, file = data) => {
    const a = [scorer, file, ...how, '--json', ...(limit ? ['--limit', limit] : [])]
    const t0 = performance.now()
    const outp = execFileSync('python3', a, { encoding: 'utf8', maxBuffer: 1 << 26, cwd: root })
    return { ...JSON.parse(outp).all, wall: (performance.now() - t0) / 1000 }
  }
  const rows = [
    ['fixflow', evalRun(['--cmd', `${cmd} {log}`])],
    ['tail200', evalRun(['--baseline', 'tail200'])],
    ['kws', evalRun(['--baseline', 'kws'])]
  ]
  const cols = [
    'n',
    'contained',
    'recall',
    'precision',
    'f1',
    'tokens_median',
    'tokens_p90',
    'lines_median',
    'lines_p90'
  ]
  const pad = (s, w) => String(s).padStart(w)
  console.log('\n' + 'quality'.padEnd(10) + cols.map(c => pad(c, 14)).join(''))
  for (const [name, r] of rows) console.log(name.padEnd(10) + cols.map(c => pad(r[c] ?? '-', 14)).join(''))
  console.log(`(fixflow: ${rows[0][1].wall.toFixed(1)} s wall for ${rows[0][1].n} logs, one process per log)`)

  // 1b. The same on two halves of the repositories (md5 of owner/repo, low bit of the first byte).
  if (split) {
    const all = gunzipSync(readFileSync(data)).toString('utf8').split('\n').filter(Boolean)
    const halves = { A: [], B: [] }
    for (const l of all) {
      const repo = JSON.parse(l).repo
      halves[createHash('md5').update(repo).digest()[0] & 1 ? 'B' : 'A'].push(l)
    }
    console.log('\nsplit by repository'.padEnd(11) + cols.map(c => pad(c, 14)).join(''))
    for (const [h, ls] of Object.entries(halves)) {
      const f = join(tmp, `half-${h}.jsonl.gz`)
      writeFileSync(f, gzipSync(ls.join('\n') + '\n'))
      const repos = new Set(ls.map(l => JSON.parse(l).repo)).size
      for (const [name, how] of [
        ['fixflow', ['--cmd', `${cmd} {log}`]],
        ['tail200', ['--baseline', 'tail200']],
        ['kws', ['--baseline', 'kws']]
      ]) {
        const r = evalRun(how, f)
        console.log(
          `${h} ${name}`.padEnd(10) + cols.map(c => pad(r[c] ?? '-', 14)).join('') + `   (${repos} repos)`
        )
      }
    }
  }

  // 1c. A labeled set from elsewhere, with and without the passing run's log.
  if (external) {
    const rowsX = gunzipSync(readFileSync(external))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l))
    const greens = {}
    rowsX.forEach((r, i) => {
      if (typeof r.green_log !== 'string') return
      const g = join(tmp, `green-${i}.log`)
      writeFileSync(g, r.green_log)
      greens[createHash('sha1').update(r.log).digest('hex')] = g
    })
    // eval_extract.py hands the command only the log: find its green log by the log's hash.
    const wrapper = join(tmp, 'with-green.mjs')
    writeFileSync(
      wrapper,
      [
        "import { readFileSync } from 'node:fs'",
        "import { createHash } from 'node:crypto'",
        "import { spawnSync } from 'node:child_process'",
        `const greens = ${JSON.stringify(greens)}`,
        'const [cmd, ...pre] = JSON.parse(process.argv[2])',
        'const log = process.argv[3]',
        "const g = greens[createHash('sha1').update(readFileSync(log, 'utf8')).digest('hex')]",
        "const r = spawnSync(cmd, [...pre, log, ...(g ? ['--green', g] : [])], { stdio: 'inherit' })",
        'process.exitCode = r.status ?? 1'
      ].join('\n')
    )
    const how = [
      ['fixflow', ['--cmd', `${cmd} {log}`]],
      ['+green', ['--cmd', `${q(node)} ${q(wrapper)} ${q(JSON.stringify(words))} {log}`]],
      ['tail200', ['--baseline', 'tail200']],
      ['kws', ['--baseline', 'kws']]
    ]
    const n = Object.keys(greens).length
    console.log(`\n${external} (${rowsX.length} logs, ${n} with a green log)`.padEnd(11))
    console.log(''.padEnd(10) + cols.map(c => pad(c, 14)).join(''))
    for (const [name, h] of how) {
      if (name === '+green' && n === 0) continue
      const r = evalRun(h, external)
      console.log(name.padEnd(10) + cols.map(c => pad(r[c] ?? '-', 14)).join(''))
    }
  }

  // 2. Throughput: the data set's logs concatenated to ~targetMb.
  const big = join(tmp, 'big.log')
  const logs = gunzipSync(readFileSync(data))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => Buffer.from(JSON.parse(l).log + '\n', 'utf8'))
  const ws = createWriteStream(big)
  let written = 0
  for (let i = 0; written < targetMb * 1e6; i = (i + 1) % logs.length) {
    const b = logs[i]
    if (!ws.write(b)) await new Promise(r => ws.once('drain', r))
    written += b.length
  }
  await new Promise(r => ws.end(r))
  const size = statSync(big).size
  const mb = size / 1e6

  const timed = (file, argv) => {
    const t0 = performance.now()
    const r = spawnSync('/usr/bin/time', ['-v', file, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 })
    const s = (performance.now() - t0) / 1000
    if (r.status !== 0 && r.status !== 1) throw new Error(`${file} failed: ${r.stderr.slice(-500)}`)
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)
    // CPU time too: on a shared machine the wall clock measures the neighbours as well.
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr)
    const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr)
    const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : NaN
    return { s, cpu, rssMb: rss ? Number(rss[1]) / 1024 : NaN, out: r.stdout }
  }
  const ext = timed(words[0], [...words.slice(1), big])
  const grep = timed('grep', ['-c', '-iE', 'error|fail', big])
  console.log(`\nthroughput on ${mb.toFixed(0)} MB (${logs.length} logs concatenated):`)
  console.log(
    `  fixflow extract  ${ext.s.toFixed(2)} s  ${(mb / ext.s).toFixed(0)} MB/s  (CPU ${ext.cpu.toFixed(2)} s, ${(mb / ext.cpu).toFixed(0)} MB/s)  peak RSS ${ext.rssMb.toFixed(0)} MB  (${ext.out.split('\n').length} lines out)`
  )
  console.log(
    `  grep -c -iE      ${grep.s.toFixed(2)} s  ${(mb / grep.s).toFixed(0)} MB/s  (CPU ${grep.cpu.toFixed(2)} s, ${(mb / grep.cpu).toFixed(0)} MB/s)  peak RSS ${grep.rssMb.toFixed(0)} MB`
  )
  console.log(`  ratio fixflow/grep time: ${(ext.s / grep.s).toFixed(2)}x`)

  // 3. Hostile input (issue 7): 1 MB of lines repeating fragments that backtracking regexes trip on, against the
  // first 1 MB of the concatenated logs, in process (src/logs/extract.ts bundled with ncc).
  const lib = join(tmp, 'extractlib')
  execFileSync(
    join(root, 'node_modules', '.bin', 'ncc'),
    ['build', join(root, 'src/logs/extract.ts'), '-o', lib, '-q', '-t'],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  )
  const { extractText } = await import(join(lib, 'index.js'))
  const { tokens } = JSON.parse(
    readFileSync(join(root, '__fixtures__', 'logs', 'hostile-tokens.json'), 'utf8')
  )
  const MB = 1 << 20
  const hostile = []
  for (let i = 0, n = 0; n < MB; i++) {
    const t = tokens[i % tokens.length]
    const width = i % 40 === 39 ? 60_000 : 1990
    const line = 'error ' + t.repeat(Math.ceil(width / t.length)).slice(0, width)
    hostile.push(line)
    n += line.length + 1
  }
  const hostileLog = hostile.join('\n')
  const head = Buffer.alloc(MB)
  const fd = openSync(big, 'r')
  readSync(fd, head, 0, MB, 0)
  closeSync(fd)
  const plainLog = head.toString('utf8')
  // CPU time of this process, best of 9: on a shared machine the wall clock measures the neighbours as well.
  const best = log => {
    let ms = Infinity
    for (let i = 0; i < 9; i++) {
      const c0 = process.cpuUsage()
      extractText(log)
      const c = process.cpuUsage(c0)
      ms = Math.min(ms, (c.user + c.system) / 1000)
    }
    return ms
  }
  best(plainLog)
  const tPlain = best(plainLog)
  const tHostile = best(hostileLog)
  console.log(
    `\nhostile input (${tokens.length} fragments, lines of 2,000 and 60,000 characters), CPU, best of 9:`
  )
  console.log(`  1 MB plain log    ${tPlain.toFixed(1)} ms`)
  console.log(`  1 MB hostile      ${tHostile.toFixed(1)} ms`)
  console.log(`  ratio hostile/plain: ${(tHostile / tPlain).toFixed(2)}x (target <= 3x)`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
