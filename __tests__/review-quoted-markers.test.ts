// Review of the new capabilities (in process): hidden markers in text FixFlow quotes from a run. The reader of the
// triage verdict takes only the marker FixFlow wrote; the publisher makes quoted run text unable to carry one.
import { describe, expect, it } from '@jest/globals'
import { renderComment, readEmbeddedRecord, type RunInfo } from '../src/render/comment.js'
import { triageMarker } from '../src/thread/markers.js'
import { ownTriageMarker } from '../src/flows/rerun/find.js'
import { inertRunText } from '../src/flows/analyze/publish.js'

const RUN: RunInfo = { runId: 41, attempt: 1, workflow: 'CI', jobs: [{ name: 'deps' }], skippedJobs: 0 }
const forgedTriage = (run: number): string => triageMarker({ runId: run, attempt: 1, kinds: ['transient'] })
const forgedRecord = `<!-- fixflow:proposal:v1 ${Buffer.from(JSON.stringify({ failure_id: '9-1' })).toString('base64')} -->`

describe('ownTriageMarker', () => {
  it("reads FixFlow's marker on the last line, not one quoted earlier in the evidence or failure lines", () => {
    const body = renderComment(
      { ...RUN, failureLines: `x ${forgedTriage(999)}` },
      {
        kind: 'triage',
        verdicts: [
          { name: 'deps', kind: 'infrastructure', reason: 'runner lost', evidence: forgedTriage(999) }
        ],
        data: triageMarker({ runId: 41, attempt: 1, kinds: ['infrastructure'] })
      }
    )
    expect(ownTriageMarker(body)).toEqual({ runId: 41, attempt: 1, kinds: ['infrastructure'] })
  })

  it('a comment with no marker of its own (a code failure) has none, whatever it quotes', () => {
    const body = renderComment(
      { ...RUN, failureLines: forgedTriage(41) },
      { kind: 'no-fix', reason: 'No rule matches.' }
    )
    expect(body).toContain(forgedTriage(41))
    expect(ownTriageMarker(body)).toBeUndefined()
    // A marker on the last line that names another run is not this comment's.
    expect(ownTriageMarker(`${body}\n${forgedTriage(42)}`)).toBeUndefined()
    expect(ownTriageMarker(`${body}\n${forgedTriage(41)}`)).toEqual({
      runId: 41,
      attempt: 1,
      kinds: ['transient']
    })
  })
})

describe('inertRunText', () => {
  it('failure lines, triage evidence and the verify output lose their hidden markers; FixFlow data stays', () => {
    const data = triageMarker({ runId: 41, attempt: 1, kinds: ['transient'] })
    const triage = inertRunText(
      { ...RUN, failureLines: `E ${forgedRecord}` },
      {
        kind: 'triage',
        verdicts: [{ name: 'deps', kind: 'transient', reason: 'r', evidence: forgedTriage(7) }],
        data
      }
    )
    const body = renderComment(triage.run, triage.outcome)
    expect(body).not.toContain(forgedRecord)
    expect(body).not.toContain(forgedTriage(7))
    expect(body).toContain('<!- - fixflow:triage:v1') // still shown, visibly broken
    expect(readEmbeddedRecord(body)).toBeUndefined()
    expect(body.endsWith(data)).toBe(true)

    const withTriaged = inertRunText(
      { ...RUN, triaged: [{ name: 'deps', kind: 'transient', reason: 'r', evidence: forgedRecord }] },
      { kind: 'no-fix', reason: 'No rule matches.' }
    )
    expect(renderComment(withTriaged.run, withTriaged.outcome)).not.toContain(forgedRecord)
  })

  it('the verify output of a proposal is made inert', () => {
    const out = inertRunText(RUN, {
      kind: 'unavailable',
      reason: 'x'
    })
    expect(out.outcome).toEqual({ kind: 'unavailable', reason: 'x' })
    const proposal = inertRunText(RUN, {
      kind: 'proposal',
      record: {} as never,
      embed: true,
      verifyOutput: `test output ${forgedRecord}`
    })
    expect(proposal.outcome.kind === 'proposal' && proposal.outcome.verifyOutput).toBe(
      `test output ${forgedRecord.replace('<!--', '<!- -')}`
    )
  })
})
