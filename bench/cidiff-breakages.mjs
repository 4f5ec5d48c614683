// Converts the breakage set of labri-progress/cidiff (Apache-2.0; pass/fail build logs with the lines people marked
// as the error) into the format of ../shared/tools/eval_extract.py, so that the extractor can be scored on logs it
// was not tuned on: 32 Jenkins jobs and 5 GitHub Actions runs of Java/Maven projects. Nothing of it is copied into
// the repository; the output is written where you say.
// Usage: node bench/cidiff-breakages.mjs <cidiff git dir or checkout> <out.jsonl.gz>
//   e.g. the `fetch` tool's snapshot: $MIRROR/labri-progress+cidiff/repo
// Each row: id, source "cidiff", format (actions | jenkins), repo (the breakage's project), log (the raw fail.log),
// chunk_lines (the `E` intervals of `groundtruth`) and green_log (the raw pass.log of the same job).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const [src, out] = process.argv.slice(2)
if (!src || !out) {
  console.error('usage: node bench/cidiff-breakages.mjs <cidiff git dir or checkout> <out.jsonl.gz>')
  process.exit(2)
}
const git = (...args) => execFileSync('git', ['-C', src, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'data/breakages').split('\n')
const dirs = [
  ...new Set(files.filter(f => f.endsWith('/fail.log')).map(f => f.slice(0, -'/fail.log'.length)))
]
const rows = []
for (const dir of dirs.sort()) {
  const need = ['fail.log', 'pass.log', 'groundtruth'].map(f => `${dir}/${f}`)
  if (!need.every(f => files.includes(f))) continue
  const [log, green, truth] = need.map(f => git('show', `HEAD:${f}`))
  // The labels number lines as Java's readLine does: CR, LF and CRLF all end a line.
  const lines = log.split(/\r\n|\r|\n/)
  const chunk = []
  for (const l of truth.split('\n')) {
    const m = /^E\s+(\d+)(?:-(\d+))?/.exec(l.trim())
    if (m) chunk.push(...lines.slice(Number(m[1]) - 1, Number(m[2] ?? m[1])))
  }
  if (chunk.length === 0) continue
  const name = dir.split('/').pop()
  rows.push({
    id: `cidiff/${name}`,
    source: 'cidiff',
    format: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d|##\[group\]/m.test(log) ? 'actions' : 'jenkins',
    repo: name.replace(/_\d+$/, ''),
    log,
    chunk_lines: chunk,
    green_log: green
  })
}
writeFileSync(out, gzipSync(rows.map(r => JSON.stringify(r)).join('\n') + '\n'))
const by = f => rows.filter(r => r.format === f).length
console.log(`${out}: ${rows.length} breakages (${by('jenkins')} Jenkins, ${by('actions')} Actions)`)
