// JVM stack frames, qualified class names and class-path resources -> tree paths. Package directories are matched
// as path suffixes, so any layout works (src/main/java, a module folder, Gradle source sets, no folder at all).
import type { Candidate } from './types.js'
import { isTestPath, sharedTail, type TreeIndex } from './tree.js'

const JVM_EXTS = ['java', 'kt', 'scala', 'groovy']
/** `at pkg.Class$Inner.method(Class.java:12)`, with an optional `module/` or `app//` loader prefix. */
const FRAME =
  /\bat\s+(?:[\w.$@-]+\/+)?((?:[\w$]+\.)*)([\w$]+)\.[\w$<>-]+\(([\w$-]+\.(?:java|kt|kts|groovy|scala))(?::(\d+))?\)/
/** Application log chatter printed while tests run: names in it are rarely the failure. */
export const CHATTER = /\b(DEBUG|INFO|TRACE)\b/

/** Is this line a JVM stack frame? */
export function isJvmFrame(text: string): boolean {
  return FRAME.test(text)
}

/** `pkg.Class`, `pkg.Class$Inner`, `pkg.Class.method` (a failing test id, an exception type, a message). */
const QUALIFIED = /\b((?:[a-z_][\w]*\.)+)([A-Z][\w]*)/g
/** A line that reports a failing test (Surefire, Gradle, JUnit 5 console). */
const FAILING =
  /<<<\s*(?:FAILURE|ERROR)|\bFAILED\b|\bFAIL(?:ED|URE)?:|^\s*(?:\[ERROR\]\s+)?(?:Failed tests|Tests in error)|\[ERROR\].*\bTest/i
/** `org/x/Y$Z.class` on a class path or in a resource error. */
const CLASS_RESOURCE = /\b((?:[\w-]+\/)+)([A-Z][\w]*)(?:\$[\w$]*)?\.class\b/g
/** A simple test class name with a method and line, as Surefire and Gradle summaries print (`FooTest.bar:12`). */
const SIMPLE_TEST = /\b([A-Z][\w]*(?:Tests?|IT|Spec|TestCase))[.#](\w+)(?::(\d+))?/g

/** The tree file of a JVM class: `pkg/Class.<ext>` by suffix, or the only file named `file`, or the closest one. */
export function resolveJvmClass(
  tree: TreeIndex,
  pkg: string[],
  cls: string,
  file?: string
): string | undefined {
  const names = file ? [file] : JVM_EXTS.map(e => `${cls}.${e}`)
  const dir = pkg.join('/')
  for (const name of names) {
    const hits = tree.endingWith(dir ? `${dir}/${name}` : name)
    if (hits.length) return pickClosest(hits, pkg)
  }
  // Kotlin and Groovy files need not sit in their package's folder: fall back to the basename.
  for (const name of names) {
    const hits = tree.withBase(name)
    if (hits.length === 1) return hits[0]
    if (hits.length > 1 && pkg.length) {
      const best = pickClosest([...hits], pkg)
      if (best && sharedTail(best.split('/').slice(0, -1), pkg) > 0) return best
    }
  }
  return undefined
}

function pickClosest(hits: string[], pkg: string[]): string | undefined {
  // Prefer main code over copies in test fixtures, then the shortest path.
  return [...hits].sort(
    (a, b) =>
      sharedTail(b.split('/').slice(0, -1), pkg) - sharedTail(a.split('/').slice(0, -1), pkg) ||
      a.length - b.length
  )[0]
}

/** The header of a failing test's report: Surefire/JUnit `<<< FAILURE!`, Gradle `FooTest > bar FAILED`. */
const REPORT_START = /<<<\s*(?:FAILURE|ERROR)!|^\s*[\w.$]+ > .+ FAILED\s*$/
/** The summary of failing tests Surefire prints at the end. */
const SUMMARY = /^\s*(?:\[ERROR\]\s+)?(?:Failed tests|Tests in error|Failures|Errors):/
/** Where a report ends: the next test class starts, a summary, or timestamped application logging. */
const REPORT_END =
  /^\s*(?:Running [\w.$]+|Tests run:|Results ?:|\[(?:INFO|WARNING)\]|\d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2})/

/** Frames of code that only reports a failure (exception types, assertion helpers): seldom where the fix goes. */
const REPORTER = /(?:Exception|Error|Errors|Assert|Asserts|Assertions|Preconditions|Validate|Check|Checks)$/
const REPORTING_METHOD = /^_?(?:report|throw|fail|raise|wrap|from|check|assert|require|verify|validate)/

/**
 * Stack frames (`at ...(File.java:N)`) of code in the tree; frames of libraries and the JDK resolve to nothing.
 * Ranked by depth in their trace first (the top frame of every trace before the second frame of any), so one deep
 * trace does not crowd out the others; frames of reporting helpers rank after real code.
 */
export function jvmFrames(lines: readonly string[], tree: TreeIndex): Candidate[] {
  const out: Candidate[] = []
  let depth = 0
  // When the log reports failing tests, only their traces are the failure: other traces were logged by code
  // under test while tests passed (a caught exception, a retry) and count as weak evidence.
  const reported = lines.some(l => REPORT_START.test(l) || SUMMARY.test(l))
  let inReport = false
  lines.forEach((text, i) => {
    if (REPORT_START.test(text)) inReport = true
    else if (REPORT_END.test(text)) inReport = false
    const m = FRAME.exec(text)
    if (!m) {
      // A new trace starts at any line that is neither a frame nor a continuation.
      if (!/^\s*(?:\.\.\. \d+ (?:more|common)|Caused by:|Suppressed:)/.test(text)) depth = 0
      return
    }
    const pkg = (m[1] ?? '').split('.').filter(Boolean)
    const cls = (m[2] ?? '').split('$')[0] ?? ''
    const path = resolveJvmClass(tree, pkg, cls, m[3])
    if (!path) return
    const test = isTestPath(path)
    const method = /\.([\w$<>-]+)\(/.exec(text)?.[1] ?? ''
    const reporter = REPORTER.test(cls) || REPORTING_METHOD.test(method)
    const weak = reported && !inReport
    out.push({
      path,
      evidence: weak ? 'named' : test ? 'failing-test' : 'frame',
      reason: weak
        ? 'stack frame of an exception logged outside the failing tests'
        : test
          ? 'test frame in the failure block'
          : 'stack frame in the failure block',
      line: text,
      lines: m[4] ? [Number(m[4])] : [],
      rank: test ? i : (reporter ? 50 : depth) * 1e5 + i
    })
    if (!test && !reporter) depth++
  })
  return out
}

/** Qualified class names and class-path resources the failure lines name: failing test classes, types in messages. */
export function jvmNames(lines: readonly string[], tree: TreeIndex): Candidate[] {
  const out: Candidate[] = []
  lines.forEach((text, i) => {
    if (FRAME.test(text)) return // frames are jvmFrames' job
    const failing = FAILING.test(text)
    for (const m of text.matchAll(QUALIFIED)) {
      const pkg = (m[1] ?? '').split('.').filter(Boolean)
      const path = resolveQualified(tree, pkg, m[2] ?? '')
      const c = path && named(path, text, i, failing)
      if (c) out.push(c)
    }
    for (const m of text.matchAll(CLASS_RESOURCE)) {
      const pkg = (m[1] ?? '').split('/').filter(Boolean)
      const path = resolveJvmClass(tree, pkg, m[2] ?? '')
      const c = path && named(path, text, i, failing)
      if (c) out.push(c)
    }
    for (const m of text.matchAll(SIMPLE_TEST)) {
      const path = resolveJvmClass(tree, [], m[1] ?? '')
      // Summary lines (`  FooTest.bar:12 expected...`) list failing tests; elsewhere the line must say it failed.
      const summary = /^\s*(?:\[ERROR\]\s+)?(?:Run \d+: )?[A-Z][\w$]*[.#]\w+(?::\d+)?/.test(text)
      const c = path && named(path, text, i, failing || summary)
      if (c) {
        if (m[3]) c.lines = [Number(m[3])]
        out.push(c)
      }
    }
  })
  return out
}

function resolveQualified(tree: TreeIndex, pkg: string[], cls: string): string | undefined {
  // Only an exact package-folder match: a bare class name in prose is too weak to guess from.
  for (const e of JVM_EXTS) {
    const hits = tree.endingWith(`${pkg.join('/')}/${cls}.${e}`)
    if (hits.length) return pickClosest(hits, pkg)
  }
  return undefined
}

function named(path: string, line: string, i: number, failing: boolean): Candidate | undefined {
  const test = isTestPath(path)
  if (test && failing) {
    return { path, evidence: 'failing-test', reason: 'test named as failing', line, lines: [], rank: i }
  }
  // A test that is only running, or a class in application log chatter, is no evidence.
  if (test || CHATTER.test(line.slice(0, 80))) return undefined
  return { path, evidence: 'named', reason: 'class named in the failure lines', line, lines: [], rank: i }
}
