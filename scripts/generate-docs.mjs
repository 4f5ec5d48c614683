// Writes the README's inputs and outputs tables from action.yml (between the inputs:/outputs: markers).
// `node scripts/generate-docs.mjs --check` fails when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import yaml from 'js-yaml'

const cell = s =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|')

export function tables(actionYml) {
  const action = yaml.load(actionYml)
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, i]) =>
      `| \`${name}\` | \`${i.default === '' || i.default === undefined ? "''" : cell(i.default)}\` | ${cell(i.description)} |`
  )
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`
  )
  return {
    inputs: ['| Input | Default | Description |', '|---|---|---|', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '|---|---|', ...outputs].join('\n')
  }
}

export function render(readme, actionYml) {
  const t = tables(actionYml)
  let out = readme
  for (const name of ['inputs', 'outputs']) {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`)
    if (!re.test(out))
      throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> markers`)
    out = out.replace(re, (_m, a, b) => a + t[name] + b)
  }
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8')
  const next = render(readme, readFileSync('action.yml', 'utf8'))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md inputs/outputs tables differ from action.yml: run npm run docs')
      process.exit(1)
    }
  } else {
    writeFileSync('README.md', next)
  }
}
