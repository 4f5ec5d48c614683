// File paths the failure lines name, with the line they point at: stack frames of Python, JS/TS, Go, C#, Rust,
// Ruby and PHP, compiler and linter diagnostics (`file:line[:col]`), failing test files (pytest, Jest, RSpec).
import type { Candidate } from './types.js'
import { extOf, isCode, isTestPath, type TreeIndex } from './tree.js'
import { CHATTER, isJvmFrame } from './jvm.js'

/** A path-looking token (`src/app.py`, `/home/runner/work/r/r/lib/x.ts`, `C:\a\b.cs`, `x.go`). */
const PATH_TOKEN = /(?:[A-Za-z]:)?[\w@.+~-]*(?:[\\/][\w@.+~-]+)*\.[A-Za-z][A-Za-z0-9]{0,9}(?![\w/\\])/g
/** What may follow a path to give its line: `:12`, `(12,3)`, `", line 12`, `:line 12`, ` on line 12`, `#L12`. */
const LINE_AFTER = /^(?::(\d+)|\((\d+)[,)]|", line (\d+)|:line (\d+)| on line (\d+)|#L(\d+)|\s+line (\d+))/
/** A file the failure names but that is data, not a cause (kept only when no code is on offer). */
const DATA_EXT = new Set([
  'json',
  'yml',
  'yaml',
  'xml',
  'txt',
  'csv',
  'html',
  'md',
  'properties',
  'toml',
  'lock'
])
/** Hosts and versions that look like files: `github.com`, `v1.2.3`, `foo.example.org`. */
const NOT_FILE = /^(?:[\w-]+\.)+(?:com|org|net|io|dev|edu|gov)$|^v?\d+(?:\.\d+)+$/
/** A line that says a step passed or only warns: its paths are no evidence of the failure. */
const WARNING_ONLY = /^\s*(?:\[?(?:WARN|WARNING|INFO|DEBUG)\]?\b|warning:|npm warn|DeprecationWarning)/i

export function pathMentions(lines: readonly string[], tree: TreeIndex): Candidate[] {
  const out: Candidate[] = []
  lines.forEach((text, i) => {
    if (WARNING_ONLY.test(text) || isJvmFrame(text)) return // JVM frames resolve by package (jvm.ts)
    for (const m of text.matchAll(PATH_TOKEN)) {
      const token = m[0]
      if (NOT_FILE.test(token) || token.length < 3) continue
      const hits = tree.resolvePath(token)
      // A bare basename shared by many files (index.js, __init__.py) says nothing about which one.
      if (hits.length === 0 || hits.length > 2) continue
      const after = LINE_AFTER.exec(text.slice((m.index ?? 0) + token.length))
      const lineNo = after ? Number(after.slice(1).find(Boolean)) : undefined
      for (const path of hits) {
        const c = classify(path, text, i, lineNo, hits.length)
        // A passing mention (a log statement, a resource served) is evidence only for text files in a failing line.
        if (c.evidence === 'named' && (!isTextual(path) || CHATTER.test(text.slice(0, 80)))) continue
        out.push(c)
      }
    }
  })
  return out
}

function classify(
  path: string,
  text: string,
  i: number,
  lineNo: number | undefined,
  ways: number
): Candidate {
  const lines = lineNo === undefined ? [] : [lineNo]
  const code = isCode(path)
  const test = isTestPath(path)
  const rank = i + (ways > 1 ? 0.5 : 0)
  if (ways > 1) {
    // Two files share the name: only other evidence can tell which one is meant.
    return {
      path,
      evidence: 'named',
      reason: 'file named in the failure lines (ambiguous name)',
      line: text,
      lines,
      rank
    }
  }
  if (test && (lineNo !== undefined || /\bFAIL|FAILED|Error|✕|failing/i.test(text))) {
    return { path, evidence: 'failing-test', reason: 'failing test file', line: text, lines, rank }
  }
  if (lineNo !== undefined && (code || !DATA_EXT.has(extOf(path)))) {
    return {
      path,
      evidence: 'frame',
      reason: 'frame or diagnostic in the failure block',
      line: text,
      lines,
      rank
    }
  }
  return { path, evidence: 'named', reason: 'file named in the failure lines', line: text, lines, rank }
}

/** Files worth naming to a model: code, build files and text data; never images, archives or binaries. */
export function isTextual(path: string): boolean {
  return (
    isCode(path) ||
    DATA_EXT.has(extOf(path)) ||
    /(^|\/)(Makefile|Dockerfile|Gemfile|Rakefile)$|\.(gradle|kts|sbt|cfg|ini|sh|sql|proto|graphql|vue|svelte)$/.test(
      path
    )
  )
}

/** Is this a data file (fixture, config) rather than code or a build file? */
export function isDataFile(path: string): boolean {
  return DATA_EXT.has(extOf(path)) && !/(^|\/)(pom\.xml|package\.json|tsconfig\.json)$/.test(path)
}
