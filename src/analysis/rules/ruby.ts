// Ruby: `cannot load such file -- x` for a gem the Gemfile does not declare.
import { type Rule, type RuleContext, type RuleOutcome } from './context.js'
import { editFor, sortedInsertIndex, splitLines, code } from './text.js'
import { eolOf } from '../../patch/eol.js'
import type { FileEdit } from '../../types.js'

const LOAD_ERROR = /cannot load such file -- (\S+?)(?:\s+\(LoadError\))?\s*$/

/**
 * Libraries that ship with Ruby as default gems: always loadable, never a missing dependency. The bundled gems that
 * left this list (csv, base64, bigdecimal, mutex_m, drb, nkf, observer, getoptlong... in Ruby 3.4) are absent on
 * purpose: under Bundler they must now be in the Gemfile, a real and common failure.
 */
const RUBY_STDLIB = new Set(
  (
    'benchmark cgi coverage date delegate did_you_mean digest English erb error_highlight etc fcntl fiddle ' +
    'fileutils find forwardable io/console io/nonblock io/wait ipaddr irb json logger monitor net/http net/protocol ' +
    'objspace open-uri open3 openssl optparse ostruct pathname pp prettyprint prism pstore psych rdoc readline ' +
    'reline resolv ripper securerandom set shellwords singleton socket stringio strscan syntax_suggest tempfile ' +
    'time timeout tmpdir tsort un unicode_normalize uri weakref yaml zlib rbconfig objspace ruby2_keywords'
  ).split(' ')
)

/** Require paths whose gem has another name. */
const REQUIRE_TO_GEM: Readonly<Record<string, string>> = {
  active_support: 'activesupport',
  active_record: 'activerecord',
  active_model: 'activemodel',
  active_job: 'activejob',
  action_controller: 'actionpack',
  action_dispatch: 'actionpack',
  action_view: 'actionview',
  action_mailer: 'actionmailer',
  'rack/test': 'rack-test',
  'shoulda/matchers': 'shoulda-matchers',
  'webmock/rspec': 'webmock',
  'capybara/rspec': 'capybara',
  'rspec/core': 'rspec-core',
  'rspec/expectations': 'rspec-expectations',
  'rspec/mocks': 'rspec-mocks',
  'dotenv/load': 'dotenv',
  'sinatra/base': 'sinatra',
  'sidekiq/testing': 'sidekiq',
  'faraday/retry': 'faraday-retry'
}

/** Gems used only by tests: placed in the Gemfile's test group when it has one. */
const TEST_GEMS =
  /^(rspec.*|rack-test|webmock|vcr|capybara|shoulda-matchers|factory_bot|simplecov|minitest.*|timecop)$/

type Resolved = { gem: string } | { skip: string }

function gemFor(path: string, paths: readonly string[]): Resolved {
  if (/^(\.|\/|~|[A-Za-z]:)/.test(path)) {
    return { skip: `'${path}' is a relative or absolute path (require_relative / load path), not a gem` }
  }
  if (RUBY_STDLIB.has(path) || RUBY_STDLIB.has(path.split('/')[0] ?? '')) {
    return { skip: `'${path}' ships with Ruby itself (a default gem), so it is not a missing dependency` }
  }
  if (paths.some(p => p === `lib/${path}.rb` || p.startsWith(`lib/${path}/`) || p === `${path}.rb`)) {
    return {
      skip: `'${path}' is a file of the repository (lib/${path}.rb): the load path is the problem, not a gem`
    }
  }
  const top = path.split('/')[0] ?? path
  const gem = REQUIRE_TO_GEM[path] ?? REQUIRE_TO_GEM[top]
  if (gem !== undefined) return { gem }
  // A nested require path of an unknown gem ('foo/bar' may be gem foo, foo-bar or foo_bar): not certain.
  if (path.includes('/')) return { skip: `which gem provides '${path}' is not certain` }
  if (!/^[A-Za-z0-9][\w.-]*$/.test(path)) return { skip: `'${path}' is not a gem name` }
  return { gem: path }
}

/** Gem names the Gemfile (and the gemspec it loads) already declares. */
function declaredGems(text: string): Set<string> {
  const names = new Set<string>()
  for (const m of text.matchAll(
    /^\s*(?:gem|\w+\.add_(?:runtime_|development_)?dependency)\s*\(?\s*['"]([^'"]+)['"]/gm
  )) {
    names.add(m[1] ?? '')
  }
  return names
}

/** The Gemfile's quote style, so the new line looks like its neighbours. */
function quoteOf(gemfile: string): string {
  return /^\s*gem\s+'/m.test(gemfile) ? "'" : /^\s*gem\s+"/m.test(gemfile) ? '"' : "'"
}

function addToGemfile(content: string, gem: string, test: boolean): string {
  const eol = eolOf(content)
  const lines = splitLines(content)
  const quote = quoteOf(content)
  // A test gem goes to the `group :test` (or :development, :test) block when there is one, else to the top level.
  let range: { start: number; end: number; indent: string } | undefined
  if (test) {
    const g = lines.findIndex(l => /^group\b.*:test\b.*\bdo\s*$/.test(l))
    const end = g < 0 ? -1 : lines.findIndex((l, i) => i > g && /^end\s*$/.test(l))
    if (g >= 0 && end > g) {
      const indent =
        /^(\s+)gem\b/.exec(lines.slice(g + 1, end).find(l => /^\s+gem\b/.test(l)) ?? '')?.[1] ?? '  '
      range = { start: g + 1, end, indent }
    }
  }
  if (range === undefined) {
    // Top level: the gem lines at column 0 outside any block.
    const top = lines.map((l, i) => [i, l] as const).filter(([, l]) => /^gem\s/.test(l))
    const names = top.map(([, l]) => /^gem\s+['"]([^'"]+)/.exec(l)?.[1] ?? '')
    const idx = sortedInsertIndex(names, gem)
    const line = `gem ${quote}${gem}${quote}`
    const out = [...lines]
    if (top.length === 0) {
      const src = lines.findIndex(l => /^source\s/.test(l))
      out.splice(src + 1, 0, ...(src >= 0 ? ['', line] : [line]))
    } else if (idx < top.length) out.splice(top[idx]?.[0] ?? 0, 0, line)
    else out.splice((top[top.length - 1]?.[0] ?? 0) + 1, 0, line)
    return out.join(eol) + (content === '' || /\n$/.test(content) ? eol : '')
  }
  const inGroup = lines.slice(range.start, range.end)
  const names = inGroup
    .map(l => /^\s*gem\s+['"]([^'"]+)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined)
  const gemLines = inGroup.map((l, i) => [range.start + i, l] as const).filter(([, l]) => /^\s*gem\s/.test(l))
  const idx = sortedInsertIndex(names, gem)
  const at = idx < gemLines.length ? (gemLines[idx]?.[0] ?? range.end) : range.end
  const out = [...lines]
  out.splice(at, 0, `${range.indent}gem ${quote}${gem}${quote}`)
  return out.join(eol) + (/\n$/.test(content) ? eol : '')
}

/** Adds `  gem` to the DEPENDENCIES section of Gemfile.lock, when the lock already resolves the gem. */
function addToLockDependencies(lock: string, gem: string): string | undefined {
  const lines = splitLines(lock)
  if (!lines.some(l => new RegExp(`^    ${gem.replace(/[.-]/g, '\\$&')} \\(`).test(l))) return undefined
  const start = lines.findIndex(l => l === 'DEPENDENCIES')
  if (start < 0) return undefined
  let end = start + 1
  while (end < lines.length && /^ {2}\S/.test(lines[end] ?? '')) end++
  const names = lines.slice(start + 1, end).map(l => l.trim().split(/[\s!]/)[0] ?? '')
  const idx = sortedInsertIndex(names, gem)
  const out = [...lines]
  out.splice(start + 1 + idx, 0, `  ${gem}`)
  return out.join(eolOf(lock)) + (/\n$/.test(lock) ? eolOf(lock) : '')
}

export const rubyMissingGem: Rule = {
  name: 'ruby-missing-gem',
  describes: 'Ruby gem missing from the Gemfile (`cannot load such file -- x (LoadError)`)',
  async apply(ctx: RuleContext): Promise<RuleOutcome> {
    const notes: string[] = []
    const gemfile = await ctx.read('Gemfile')
    for (const line of ctx.lines) {
      const m = LOAD_ERROR.exec(line.text)
      if (m?.[1] === undefined) continue
      const evidence = line.text.trim()
      const r = gemFor(m[1], ctx.paths)
      if ('skip' in r) {
        notes.push(r.skip)
        continue
      }
      if (gemfile === undefined) {
        notes.push(`gem ${r.gem} is not loadable, but the repository has no Gemfile`)
        continue
      }
      let declared = declaredGems(gemfile)
      if (/^\s*gemspec\b/m.test(gemfile)) {
        for (const spec of ctx.paths.filter(p => !p.includes('/') && p.endsWith('.gemspec'))) {
          declared = new Set([...declared, ...declaredGems((await ctx.read(spec)) ?? '')])
        }
      }
      if (declared.has(r.gem)) {
        notes.push(
          `gem ${r.gem} is already declared, so the load error comes from the environment (bundle not installed, wrong group), not a missing declaration`
        )
        continue
      }
      const test = TEST_GEMS.test(r.gem)
      const edits: FileEdit[] = [editFor('Gemfile', gemfile, addToGemfile(gemfile, r.gem, test))]
      const lock = await ctx.read('Gemfile.lock')
      let lockNote =
        'The repository commits no Gemfile.lock, so Bundler resolves the gem on the next install; no version is invented (the Gemfile leaves it open, like a plain `bundle add` without the lock).'
      if (lock !== undefined) {
        const lockAfter = addToLockDependencies(lock, r.gem)
        if (lockAfter === undefined) {
          notes.push(
            `gem ${r.gem} must be added to the Gemfile, but Gemfile.lock does not resolve it and a frozen bundle (as setup-ruby's bundler-cache uses) refuses a Gemfile that is out of sync with its lock: run \`bundle add ${r.gem}\` (it needs rubygems.org)`
          )
          continue
        }
        edits.push(editFor('Gemfile.lock', lock, lockAfter))
        lockNote = `Gemfile.lock already resolves ${r.gem}, so only its DEPENDENCIES list gains the gem and the frozen bundle stays in sync.`
      }
      const stdlibNote =
        /^(csv|base64|bigdecimal|mutex_m|drb|nkf|observer|getoptlong|resolv-replace|rinda|syslog)$/.test(
          r.gem
        )
          ? ` ${r.gem} left Ruby's default gems in Ruby 3.4 (it is a bundled gem now), so under Bundler it loads only when the Gemfile declares it.`
          : ''
      return {
        kind: 'proposal',
        proposal: {
          root_cause: [
            `The ${line.job !== '' ? `\`${line.job}\` job` : 'job'} fails with ${code(evidence)}: the code requires ${m[1]}${m[1] === r.gem ? '' : `, provided by the gem ${r.gem}`}, which the Gemfile does not declare.${stdlibNote}`,
            `The fix adds \`gem ${quoteOf(gemfile)}${r.gem}${quoteOf(gemfile)}\` to the Gemfile${test ? ' (test group)' : ''}.`,
            lockNote,
            ...(notes.length > 0 ? [`Also noted: ${notes.join('; ')}.`] : [])
          ].join(' '),
          files_to_modify: edits,
          confidence: 0.9,
          commit_message: `fix(deps): add missing ${r.gem} gem`
        }
      }
    }
    return notes.length > 0 ? { kind: 'diagnosis', reason: notes.join('; ') } : undefined
  }
}
