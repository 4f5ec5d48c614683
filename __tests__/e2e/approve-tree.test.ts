// Approve against the tree of the commit it applies on, end to end: a proposal that creates files (the model of this
// world adds two new modules to the pandas fix) is applied only where those paths are still free, and a file it
// modifies only where it is still the same regular file. The check runs on the PR's new head when the head moved.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  PATCHED,
  SLOW,
  commentAndRun,
  fixPulls,
  replies,
  seedPrFailure,
  startWorld,
  stored,
  type World
} from './approve-harness.js'

const A = 'weather_report/units.py'
const B = 'weather_report/formats.py'

describe('approve checks the tree it applies on (DynamoDB store)', () => {
  let w: World
  beforeAll(async () => {
    w = await startWorld({
      table: true,
      edits: [
        { file_path: A, original: '', replacement: 'CELSIUS = "C"\n' },
        { file_path: B, original: '', replacement: 'CSV = "csv"\n' }
      ]
    })
    w.gh.setPermission('wendy', 'write')
  }, SLOW)
  afterAll(async () => {
    await w?.close()
  })

  it.concurrent(
    'head moved and a created path became a symlink, another a directory: refused as outdated, nothing applied',
    async () => {
      const s = await seedPrFailure(w)
      expect((await stored(w, s))?.file_shas).toMatchObject({ [A]: '', [B]: '' })
      const moved = w.gh.seedCommit(
        { [A]: { content: 'report.py', mode: '120000' }, [`${B}/__init__.py`]: 'X = 1\n' },
        s.head,
        'paths taken'
      )
      w.gh.pushToPull(s.pr.number, moved)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('refused')
      const reply = replies(w, s.thread)[0]?.body ?? ''
      expect(reply).toMatch(/is outdated/)
      expect(reply).toContain(`\`${A}\` path is a symlink`)
      expect(reply).toContain(`\`${B}\` is a directory now`)
      expect(w.gh.branchSha(`fixflow/${s.id}`)).toBeUndefined()
      expect(fixPulls(w, s.id)).toHaveLength(0)
      expect((await stored(w, s))?.status).toBe('pending')
    },
    SLOW
  )

  it.concurrent(
    'head moved, the touched paths untouched there: applied on the new head with the created files',
    async () => {
      const s = await seedPrFailure(w)
      const moved = w.gh.seedCommit({ 'README.md': 'docs only\n' }, s.head, 'docs')
      w.gh.pushToPull(s.pr.number, moved)
      const { run } = await commentAndRun(w, s.pr.number, `/fixflow approve ${s.id}`, 'wendy')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('approved')
      const tip = w.gh.branchSha(`fixflow/${s.id}`)!
      expect(w.gh.commitParents(tip)).toEqual([moved])
      expect(w.gh.readFileAt(tip, 'requirements.txt')).toBe(PATCHED)
      expect(w.gh.readFileAt(tip, A)).toBe('CELSIUS = "C"\n')
      expect(w.gh.readFileAt(tip, B)).toBe('CSV = "csv"\n')
      const modes = new Map(w.gh.treeAt(tip).map(e => [e.path, e.mode]))
      expect([modes.get(A), modes.get(B)]).toEqual(['100644', '100644'])
      expect(fixPulls(w, s.id)).toHaveLength(1)
    },
    SLOW
  )
})
