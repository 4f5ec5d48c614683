// `node scripts/licenses.mjs STATS OUT`: the licenses of every package in a bundle, from ncc's --stats-out (read,
// then removed).
// ncc's own --license file covers only one chunk when the bundle has several (each chunk writes the same file, the
// last one wins), and dist/index.js loads @actions/artifact as a separate chunk: this lists the packages of all
// chunks, in the format ncc writes (name, license type, license text, blank line), sorted by name.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [statsFile, outFile] = process.argv.slice(2)
if (!statsFile || !outFile) {
  console.error('usage: node scripts/licenses.mjs STATS.json OUT.txt')
  process.exit(2)
}
const stats = JSON.parse(readFileSync(statsFile, 'utf8'))
// Consumed: the stats file is written into dist/ by the bundle script and must not stay there.
rmSync(statsFile)

/** Every module name in the stats, including those concatenated into another ("x + 13 modules"). */
function* moduleNames(modules) {
  for (const m of modules ?? []) {
    if (typeof m.name === 'string') yield m.name
    yield* moduleNames(m.modules)
  }
}

// The package directory of each module: the path up to its last node_modules/<name> or node_modules/@scope/<name>.
const dirs = new Set()
for (const name of moduleNames(stats.modules)) {
  const m = /^(?:\.\/)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(name)
  if (m) dirs.add(m[1])
}

const byName = new Map()
for (const dir of dirs) {
  const pkgFile = join(dir, 'package.json')
  if (!existsSync(pkgFile)) continue
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
  if (!pkg.name || byName.has(pkg.name)) continue
  const type = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN')
  const file = readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.|-|$)/i.test(f))
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : ''
  byName.set(pkg.name, `${pkg.name}\n${type}\n${text}`)
}
const names = [...byName.keys()].sort()
writeFileSync(outFile, names.map(n => byName.get(n)).join('\n\n') + '\n')
console.log(`${outFile}: licenses of ${names.length} packages`)
