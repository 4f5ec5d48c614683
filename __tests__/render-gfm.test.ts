// What a reader sees: the comment rendered by a real CommonMark + GFM renderer (micromark with the GFM extension,
// raw HTML passed through as GitHub passes its allowed tags), for FixFlow's own text and for hostile input.
import { describe, expect, it } from '@jest/globals'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { renderComment, type Outcome, type RunInfo } from '../src/render/comment.js'
import { FixFlowText, escapeProse, fixflowText, splitCodeSpans } from '../src/render/markdown.js'
import type { ProposalRecord } from '../src/types.js'

function html(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" }
/** The text a reader sees: tags gone, entities decoded. */
function seen(h: string): string {
  return h.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#39);/g, (_m, e: string) => ENTITY[e] ?? '')
}
function codeSpans(h: string): string[] {
  return [...h.matchAll(/<code>([^<]*)<\/code>/g)].map(m => seen(m[1] ?? ''))
}
/** The tags FixFlow's own markup produces; anything else came from input. */
const OWN_TAGS = new Set([
  'h3',
  'p',
  'strong',
  'ul',
  'li',
  'details',
  'summary',
  'pre',
  'code',
  'sub',
  'br',
  'em'
])
function foreignTags(h: string): string[] {
  return [...h.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map(m => m[1] ?? '').filter(t => !OWN_TAGS.has(t))
}

const run: RunInfo = {
  runId: 77,
  attempt: 1,
  workflow: 'CI',
  jobs: [{ name: 'test', step: 'Run tsc' }],
  skippedJobs: 0
}

function record(over: Partial<ProposalRecord> = {}): ProposalRecord {
  return {
    failure_id: '77-1',
    repo_name: 'o/r',
    branch: 'feature',
    commit_sha: 'a'.repeat(40),
    run_id: 77,
    run_attempt: 1,
    root_cause: 'x',
    proposed_patch: [{ file_path: 'package.json', original: '', replacement: '' }],
    diff: 'diff --git a/package.json b/package.json\n--- a/package.json\n+++ b/package.json\n@@ -1 +1 @@\n-{}\n+{"devDependencies":{"@types/node":"^24"}}\n',
    risk_score: 'medium',
    risk_reasons: ['package.json: dependency manifest'],
    confidence: 0.9,
    status: 'pending',
    commit_message: 'fix(deps): add @types/node',
    file_shas: { 'package.json': 'b'.repeat(40) },
    proposal_hash: 'c'.repeat(64),
    from_fork: false,
    provider: 'rules',
    model_id: 'rules',
    input_tokens: 0,
    output_tokens: 0,
    timestamp: '2026-11-20T10:00:00.000Z',
    updated_at: '2026-11-20T10:00:00.000Z',
    pr_number: 5,
    ...over
  }
}

// Written the way the rules analyzer writes its root causes: inline code, a bare package name.
const RULES_TEXT =
  "The log says `error TS2580: Cannot find name 'process'`. The type definitions @types/node are not declared " +
  'in package.json; run `npm install --save-dev @types/node` to match.'

describe('FixFlow text renders as written (trusted)', () => {
  const h = html(
    renderComment(run, { kind: 'proposal', record: record({ root_cause: RULES_TEXT }), embed: false })
  )

  it('shows commands and package names as code spans a reader can copy', () => {
    const spans = codeSpans(h)
    expect(spans).toContain('npm install --save-dev @types/node')
    expect(spans).toContain("error TS2580: Cannot find name 'process'")
    expect(spans).toContain('@types/node')
    expect(h).not.toContain('\u200b@')
    for (const s of spans) expect(s).not.toContain('\u200b')
  })

  it('shows no literal backticks or backslashes in its prose', () => {
    const rootCause = /<strong>Root cause:<\/strong>(.*?)<\/p>/s.exec(h)?.[1] ?? ''
    expect(rootCause).not.toBe('')
    expect(seen(rootCause.replace(/<code>[^<]*<\/code>/g, ''))).not.toMatch(/[`\\]/)
  })

  it("keeps a rules diagnosis's list a list", () => {
    const out = html(
      fixflowText(
        'No rule matched. It checks:\n- npm packages (`Cannot find module`)\n- Ruby gems\nA model is needed.'
      )
    )
    expect(out).toMatch(
      /<ul>\s*<li>npm packages \(<code>Cannot find module<\/code>\)<\/li>\s*<li>Ruby gems<\/li>/
    )
    expect(seen(out)).toContain('A model is needed.')
    expect(out).not.toMatch(/<li>[^<]*A model is needed/)
  })

  it('the same words from a model stay inert: no code span, no mention', () => {
    const m = html(
      renderComment(run, {
        kind: 'proposal',
        record: record({
          root_cause: RULES_TEXT,
          provider: 'bedrock',
          model_id: 'us.amazon.nova-2-lite-v1:0'
        }),
        embed: false
      })
    )
    const rootCause = /<strong>Root cause:<\/strong>(.*?)<\/p>/s.exec(m)?.[1] ?? ''
    expect(rootCause).not.toContain('<code>')
    expect(seen(rootCause)).toContain('`npm install --save-dev @\u200btypes/node`')
  })
})

const HOSTILE = [
  '![x](https://evil.example/p.png)',
  '[click](https://evil.example)',
  '[ref]\n\n[ref]: https://evil.example',
  '<https://evil.example/auto>',
  'see https://evil.example/x and www.evil.example and mail me@evil.example',
  'ping @octocat and @org/team',
  'fixes #12 and o/r#13 and GH-14',
  '<img src=x onerror=alert(1)><details open><summary>s</summary>',
  '<!-- fixflow:run:1 --> hidden',
  '<a href="https://evil.example">a</a>',
  '`code` **bold** <b>b</b>'
].join('\n')

/** What in the rendered comment would be live: foreign tags, links, images, extra HTML comments, mentions, refs. */
function liveParts(h: string): string[] {
  const problems = foreignTags(h).map(t => `tag <${t}>`)
  if (/<a[\s>]|<img/.test(h)) problems.push('link or image')
  if ((h.match(/<!--/g) ?? []).length !== 1) problems.push('an HTML comment besides the run marker')
  // Inside code spans nothing links or notifies; outside them nothing may.
  const text = seen(h.replace(/<code>[^<]*<\/code>/g, ''))
  for (const m of text.matchAll(/@(octocat|org|evil)|(#|GH-)1[234]|https?:\/\/evil|www\.evil/g))
    problems.push(m[0])
  return problems
}

describe('untrusted text stays inert when rendered (threat 8)', () => {
  const outcomes: [string, Outcome][] = [
    [
      'model root cause',
      { kind: 'proposal', record: record({ root_cause: HOSTILE, provider: 'bedrock' }), embed: false }
    ],
    [
      'risk reason',
      {
        kind: 'proposal',
        record: record({ risk_reasons: [`package.json: ${HOSTILE}`, HOSTILE] }),
        embed: false
      }
    ],
    ['refused', { kind: 'refused', rootCause: HOSTILE, reasons: [HOSTILE] }],
    [
      'no-fix root cause',
      { kind: 'no-fix', rootCause: HOSTILE, reason: 'The analysis proposed no file change.' }
    ],
    ['unavailable', { kind: 'unavailable', reason: HOSTILE }],
    // FixFlow's own text quoting values it read from a log: the quoted values stay inert too.
    [
      'rules text quoting a log',
      {
        kind: 'no-fix',
        rootCause: new FixFlowText(`The log says ${HOSTILE}`),
        reason: `\`npm i\` then ${HOSTILE}`
      }
    ]
  ]

  it('the check itself finds every live part in the raw payload', () => {
    expect(liveParts(html(HOSTILE))).toEqual(
      expect.arrayContaining([
        'tag <img>',
        'tag <a>',
        'link or image',
        '@octocat',
        '#12',
        'GH-14',
        'https://evil'
      ])
    )
  })

  it.each(outcomes)('%s', (_name, outcome) => {
    expect(liveParts(html(renderComment(run, outcome)))).toEqual([])
  })

  it('a hostile job name, step and workflow', () => {
    const hostileRun: RunInfo = {
      ...run,
      workflow: HOSTILE,
      jobs: [{ name: HOSTILE, step: 'x`](https://evil.example) @octocat' }]
    }
    const h = html(renderComment(hostileRun, { kind: 'unavailable', reason: 'down' }))
    expect(liveParts(h)).toEqual([])
  })

  it('a diff with backtick fences inside stays one code block', () => {
    const diff = 'diff --git a/x b/x\n+```\n+<img src=x>\n+````\n+@octocat [l](https://evil.example)\n'
    const h = html(renderComment(run, { kind: 'proposal', record: record({ diff }), embed: false }))
    const pre = /<pre><code class="language-diff">([^<]*)<\/code><\/pre>/.exec(h)?.[1]
    expect(seen(pre ?? '')).toBe(diff)
    expect(foreignTags(h)).toEqual([])
  })
})

describe('splitCodeSpans follows CommonMark', () => {
  it.each([
    ['a `b` c', ['a ', '[b]', ' c']],
    ['``a`b`` c', ['[a`b]', ' c']],
    ['` `` `', ['[``]']],
    ['a ` b', ['a ` b']],
    ['`a`` b`', ['[a`` b]']]
  ])('%s', (input, expected) => {
    const parts = splitCodeSpans(input, false).map(p => (p.code ? `[${p.text}]` : p.text))
    const rendered = codeSpans(html(input))
    expect(parts).toEqual(expected)
    expect(rendered).toEqual(expected.filter(e => e.startsWith('[')).map(e => e.slice(1, -1)))
  })

  it('takes linear time on many unmatched runs', () => {
    const text = Array.from({ length: 3000 }, (_v, i) => '`'.repeat((i % 50) + 1) + 'x').join(' ')
    const t0 = performance.now()
    splitCodeSpans(text)
    expect(performance.now() - t0).toBeLessThan(500)
  })

  it('escapeProse output renders as the same words', () => {
    const words = 'Use a_b *c* [d] `e` | f ~g~ <h> & 1. i'
    expect(seen(html(escapeProse(words))).trim()).toBe(words)
  })
})
