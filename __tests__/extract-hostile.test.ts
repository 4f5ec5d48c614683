// Issue 7: no input makes cleaning or a recogniser super-linear. Lines that repeat one fragment a backtracking
// regular expression trips on (an unterminated OSC escape, "*** [", digit runs...) cost about what a plain log does.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { extractText } from '../src/logs/extract.js'
import { cleanLine } from '../src/logs/clean.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'logs')
const { tokens } = JSON.parse(readFileSync(join(fixtures, 'hostile-tokens.json'), 'utf8')) as {
  tokens: string[]
}

/** `bytes` of lines, each 'error ' then the fragments repeated to `width` characters. */
function hostile(frags: string[], bytes: number, width: number): string {
  const out: string[] = []
  let n = 0
  for (let i = 0; n < bytes; i++) {
    const t = frags[i % frags.length] as string
    const line = 'error ' + t.repeat(Math.ceil(width / t.length)).slice(0, width)
    out.push(line)
    n += line.length + 1
  }
  return out.join('\n')
}

/** The written fixtures, repeated to `bytes`: a plain log of many tools. */
function plain(bytes: number): string {
  const all = readdirSync(fixtures)
    .filter(f => f.endsWith('.log'))
    .map(f => readFileSync(join(fixtures, f), 'utf8'))
    .join('\n')
  return all.repeat(Math.ceil(bytes / all.length)).slice(0, bytes)
}

/** CPU milliseconds, best of a few runs: the machine is shared, its wall clock measures the neighbours too. */
function cost(log: string): number {
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage()
    extractText(log)
    const c = process.cpuUsage(c0)
    best = Math.min(best, (c.user + c.system) / 1000)
  }
  return best
}

describe('hostile input costs what plain input does', () => {
  const size = 400_000
  const reference = plain(size)
  cost(reference) // warm up

  it.each(tokens.map(t => [JSON.stringify(t), t]))(
    'lines repeating %s: within 3x of a plain log of the same size',
    (_name, t) => {
      const base = cost(reference)
      const bad = cost(hostile([t], size, 1990))
      expect(bad).toBeLessThan(3 * base + 5)
    }
  )

  it('1 MB of every fragment mixed, some lines 60,000 characters long: within 3x of 1 MB of plain log', () => {
    const mb = 1 << 20
    const mixed = [hostile(tokens, mb * 0.8, 1990), hostile(tokens, mb * 0.2, 60_000)].join('\n')
    expect(cost(mixed)).toBeLessThan(3 * cost(plain(mb)) + 5)
  })

  it('command echoes and traced commands repeating shell words: within 3x of a plain log of the same size', () => {
    // The shell trace's checks run on command echoes (`$ sh -xe`) and, once it is on, on lines starting with `+`.
    const frags = ['sh -', 'sh ', ' set -', 'bash -e', '/sh\t', '-', 'x', '@1', '+ ']
    const lines: string[] = ['[job] $ /bin/sh -xe /tmp/j.sh']
    for (let i = 0, n = 0; n < size; i++) {
      const t = frags[i % frags.length] as string
      const body = t.repeat(Math.ceil(1990 / t.length)).slice(0, 1990)
      const line = i % 2 === 0 ? `$ ${body}` : `+ ${body}`
      lines.push(line)
      n += line.length + 1
    }
    expect(cost(lines.join('\n'))).toBeLessThan(3 * cost(reference) + 5)
  })

  it('the cleaner alone is linear on a 64 KB line of unterminated escapes', () => {
    const line = '\x1b]'.repeat(32_768)
    const t = performance.now()
    expect(cleanLine(line).text.length).toBeLessThanOrEqual(line.length)
    expect(performance.now() - t).toBeLessThan(200)
  })
})
