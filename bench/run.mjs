// `npm run bench`: every benchmark, in one run, on this machine. TypeScript benches are bundled with ncc first
// (they reuse the tests' loopback servers); the committed dist/ is what is measured.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv[2]
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('dist/index.js is missing: run npm run bundle first')
  process.exit(2)
}
// The extraction benchmark scores against the project's labelled data set and scorer, which are not in the
// repository: they sit in shared/ beside the clone. A fresh clone without them skips that part and says so.
const shared = resolve(root, '..', 'shared')
const extractNeeds = [
  join(shared, 'datasets', 'logchunks-dev.jsonl.gz'),
  join(shared, 'tools', 'eval_extract.py')
]
const extractMissing = extractNeeds.filter(p => !existsSync(p))
if (only === 'extract' && extractMissing.length) {
  console.error(`cannot run the extraction benchmark: missing ${extractMissing.join(', ')}`)
  process.exit(2)
}
// Inside the repository so the bundles resolve node_modules (dynalite loads a native module at run time).
mkdirSync(join(root, '.bench-tmp'), { recursive: true })
const tmp = mkdtempSync(join(root, '.bench-tmp', 'run-'))
try {
  if (!only || only === 'analyze') {
    console.log('\n== analyze path (issue 2)')
    const out = join(tmp, 'analyze')
    execFileSync(
      join(root, 'node_modules', '.bin', 'ncc'),
      ['build', join(root, 'bench', 'analyze.bench.ts'), '-o', out, '-q', '-t'],
      {
        stdio: ['ignore', 'ignore', 'inherit']
      }
    )
    execFileSync(process.execPath, [join(out, 'index.js')], { stdio: 'inherit', cwd: root })
  }
  if (!only || only === 'extract') {
    console.log('\n== failure-block extraction (issue 3)')
    if (extractMissing.length) {
      console.log(
        `skipped: the data set and scorer are missing (${extractMissing.join(', ')}); ` +
          "put the project's shared/ folder beside the repository to run it"
      )
    } else {
      execFileSync(process.execPath, [join(root, 'bench', 'extract.bench.mjs')], {
        stdio: 'inherit',
        cwd: root
      })
    }
  }
  if (!only || only === 'triage') {
    console.log('\n== failure triage (issue 11)')
    execFileSync(process.execPath, [join(root, 'bench', 'triage.bench.mjs')], { stdio: 'inherit', cwd: root })
  }
  if (!only || only === 'localize') {
    console.log('\n== localization (issue 9)')
    execFileSync(process.execPath, [join(root, 'bench', 'localize.bench.mjs')], {
      stdio: 'inherit',
      cwd: root
    })
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
