// What the extractor keeps is bounded by what it keeps, not by the lines it was cut from nor by how the log is pushed.
import { describe, expect, it } from '@jest/globals'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { FailureExtractor } from '../src/logs/extract.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

// A download progress bar printed without a tty: one 60 KB "line" of \r rewrites. Cleaning keeps the last rewrite,
// a short slice of the 60 KB line.
const bar = Array.from(
  { length: 600 },
  (_, i) => `Downloading pkg ${(i / 6).toFixed(1)}% [${'#'.repeat(i % 50)}]`
)
  .join('\r')
  .slice(0, 60_000)

/** Heap still in use, after a collection, once `feed` has pushed its log; and the extraction, which must be there. */
function retainedBy(feed: (ex: FailureExtractor) => void): { retained: number; blocks: number } {
  gc()
  const before = process.memoryUsage().heapUsed
  const ex = new FailureExtractor()
  feed(ex)
  gc()
  return { retained: process.memoryUsage().heapUsed - before, blocks: ex.end().blocks.length }
}

describe('memory: kept lines cleaned down from long raw lines', () => {
  it('1,500 progress-bar lines ending in an error retain far less than the input', () => {
    const r = retainedBy(ex => {
      for (let i = 0; i < 1500; i++)
        ex.push(Buffer.from(`${bar}\rerror: download ${i} failed: connection reset\n`))
    })
    // The kept texts are ~45 characters each: a few MB at most. As slices, each would hold its 60 KB line (~90 MB).
    expect(r.retained).toBeLessThan(20 << 20)
    expect(r.blocks).toBeGreaterThan(0)
  })

  it('failed commands after progress bars: their context and fill do not hold the 60 KB lines', () => {
    // No failure word but the exit line: the progress lines reach the candidates through recent() (context, fill).
    const r = retainedBy(ex => {
      for (let g = 0; g < 40; g++) {
        for (let j = 0; j < 40; j++) ex.push(Buffer.from(`${bar}\rDownloaded package ${g}-${j} (1.2 MB)\n`))
        ex.push(Buffer.from(`The command "./fetch.sh ${g}" exited with 1.\n`))
      }
    })
    // 40 candidates of ~40 short lines: well under 20 MB. As slices, ~90 MB.
    expect(r.retained).toBeLessThan(20 << 20)
    expect(r.blocks).toBeGreaterThan(0)
  })
})

describe('memory: a caller pushing a whole log at once', () => {
  it('costs the log, not four times it (the scan works through it in windows)', () => {
    const line = 'compiling unit 12 of 400: ok, nothing to report here\n'
    const log = Buffer.from(line.repeat(Math.ceil((24 << 20) / line.length)) + 'error: unit 400 failed\n')
    gc()
    const before = process.memoryUsage().arrayBuffers
    const ex = new FailureExtractor()
    ex.push(log)
    const grown = process.memoryUsage().arrayBuffers - before
    expect(grown).toBeLessThan(8 << 20)
    expect(ex.end().blocks.some(b => b.lines.some(l => l.text === 'error: unit 400 failed'))).toBe(true)
  })
})
