// Recognisers: what a cleaned log line says about a failure.
// Each pattern is generic to a tool or a CI system (never to one repository). A line gets the score and kind
// of its strongest match; a general keyword score catches everything no recogniser knows.

export interface LineInfo {
  /** How strongly the line points at the failure (0 = not at all). */
  score: number
  /** Which recogniser matched best. */
  kind: string
  /** The line reports that the running command/step failed (Travis "The command ... exited with 1"). */
  exit: boolean
  /** The line opens a structured failure report (traceback, FAILURES section...): keep following it. */
  opens: boolean
  /** The line sums up output printed before it (an exit line, "failing due to -Werror"): show more lines before. */
  summary?: boolean
}

interface Rule {
  kind: string
  re: RegExp
  /**
   * A literal the line must contain before `re` is tried. Rules of the form "X, then later Y" are written as
   * `^(?:(?!X).)*X.*Y` (one pass from the first X: linear on a line repeating X) and are too slow to try on every
   * line; this guard keeps them off lines without X and out of the one-test alternation below.
   */
  needs?: string
  score: number
  opens?: boolean
  summary?: boolean
}

// Ordered by kind; the best score wins, so order only matters for ties.
const RULES: Rule[] = [
  // CI systems: the exit line of the failed command or step.
  { kind: 'exit-code', re: /^The command ".*" (?:exited with [1-9]\d*|failed)/, score: 6 },
  {
    kind: 'exit-code',
    re: /^Done\. Your build exited with [1-9]|^Finished: (?:FAILURE|UNSTABLE|ABORTED)$/,
    score: 2
  },
  // Jenkins (freestyle job): the build step whose command failed.
  { kind: 'exit-code', re: /^Build step '[^']+' marked build as failure/, score: 6 },
  { kind: 'gh-error', re: /##\[error\]|^::error\b/, score: 7 },
  {
    kind: 'exit-code',
    re: /\b(?:exit(?:ed)? (?:with )?(?:code|status)|returned (?:a )?non-zero (?:exit )?(?:code|status)|exit status) :?\s*[1-9]\d*\b/i,
    score: 4
  },
  { kind: 'exit-code', re: /\bError [1-9]\d*\s*$/, score: 3 },
  { kind: 'exit-code', re: /^(?:(?!\*\*\* \[).)*\*\*\* \[.*\] Error \d+/, needs: '*** [', score: 3 },
  {
    kind: 'timeout',
    re: /\b(?:timed ?out|time out|timeout (?:of|after|exceeded|expired|reached)|timeout(?:Error|Exception)\b|ETIMEDOUT|No output has been received in the last|exceeded the maximum (?:execution )?time|The operation was canceled)/i,
    score: 5
  },
  {
    kind: 'oom',
    re: /\b(?:Killed\s*$|OOMKilled|[Oo]ut of memory|heap out of memory|exit code 137|std::bad_alloc|MemoryError|Cannot allocate memory)/,
    score: 6
  },
  // Python.
  { kind: 'python-traceback', re: /^\s*Traceback \(most recent call last\):/, score: 6, opens: true },
  {
    kind: 'python-traceback',
    re: /^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Failure)\b(?::|$)/,
    score: 6
  },
  {
    kind: 'pytest',
    re: /^=+ (?:FAILURES|ERRORS) =+$|^=+ short test summary info =+$/,
    score: 5,
    opens: true
  },
  {
    kind: 'pytest',
    re: /^(?:FAILED|ERROR) \S+\.py|^=+ .*\b\d+ (?:failed|errors?)\b.* =+$|^E {2,}\S/,
    score: 6
  },
  { kind: 'pytest', re: /^_{3,} .+ _{3,}$/, score: 3, opens: true },
  {
    kind: 'pip',
    re: /ResolutionImpossible|Could not find a version that satisfies|No matching distribution found|ERROR: Cannot install|conflicting dependencies|PackagesNotFoundError/,
    score: 7
  },
  // Other package managers that cannot resolve the dependencies (CocoaPods, Bundler, Composer, Cabal...).
  {
    kind: 'deps',
    re: /None of your spec sources contain a spec satisfying|could not find compatible versions|Your requirements could not be resolved|Could not find gem|Could not resolve dependencies|could not resolve dependencies/,
    score: 7
  },
  // A red cross in front of a message (xcpretty, many reporters): a failed check, wherever it is printed.
  { kind: 'mark', re: /❌\s*\S/, score: 5 },
  // JavaScript test runners and tools.
  { kind: 'jest', re: /^\s*FAIL\s+\S|^\s*●\s+\S|^Tests:\s+.*\b\d+ failed/, score: 6, opens: true },
  { kind: 'mocha', re: /^\s*\d+ failing\b|^\s*\d+\) \S/, score: 5, opens: true },
  {
    kind: 'vitest',
    re: /^\s*(?:×|✗|✖|❯|✘)\s+\S|^\s*(?:Test Files|Tests)\s+\d+ failed|AssertionError|Expected:|Received:/,
    score: 4
  },
  {
    kind: 'npm',
    re: /^npm ERR!|^npm error\b|ERR_PNPM_|^error Command failed|^\s*ELIFECYCLE|^error\s+\S/,
    score: 4
  },
  { kind: 'tsc', re: /\berror TS\d+:/, score: 7 },
  { kind: 'eslint', re: /^\s+\d+:\d+\s+error\s|^✖ \d+ problems?/, score: 6 },
  { kind: 'tap', re: /^not ok \d+/, score: 5, opens: true },
  // Go.
  { kind: 'go-test', re: /^\s*--- FAIL:|^FAIL\s|^FAIL$|^panic: |^fatal error: /, score: 6, opens: true },
  { kind: 'go-build', re: /^\S+\.go:\d+:\d+: /, score: 6 },
  // Rust.
  {
    kind: 'cargo',
    re: /^error(?:\[E\d+\])?: |^test result: FAILED|^failures:$/,
    score: 6,
    opens: true
  },
  {
    kind: 'cargo',
    re: /^(?:(?!thread ').)*thread '.*' panicked at/,
    needs: "thread '",
    score: 6,
    opens: true
  },
  // JVM.
  {
    kind: 'maven',
    re: /^\[ERROR\]|BUILD FAILURE|Tests run: \d+, Failures: [1-9]|Tests run: \d+, Failures: \d+, Errors: [1-9]/,
    score: 5
  },
  // Surefire's own mark on a failed test, and its list of them: stronger than an exception a passing test logs.
  {
    kind: 'maven',
    re: /<<< (?:FAILURE|ERROR)!|^(?:Failed tests|Tests in error):(?:\s|$)/,
    score: 7
  },
  {
    kind: 'gradle',
    re: /^FAILURE: Build failed|^\* What went wrong:|^> Task \S+ FAILED|^BUILD FAILED/,
    score: 6,
    opens: true
  },
  // A test runner's own mark on a failed test (ScalaTest, Common Test "*** FAILED ***"): stronger than an exception
  // that a test may print and survive.
  { kind: 'junit', re: /^(?:(?!\*\*\*).)*\*\*\*.*\bFAIL(?:ED|URE)\b/, needs: '***', score: 6 },
  { kind: 'junit', re: /^\s*(?:[\w$]+\.)+[\w$]*(?:Exception|Error)\b/, score: 5 },
  // .NET.
  {
    kind: 'dotnet',
    re: /\berror (?:CS|MSB|NU|FS)\d+\b|^\s*Failed [\w.]+|^\s*Failed!|^\s*Error Message:/,
    score: 6
  },
  // Ruby.
  {
    kind: 'rspec',
    re: /^Failures:$|Failure\/Error:|^rspec \.\/|\b\d+ examples?, [1-9]\d* failures?/,
    score: 6,
    opens: true
  },
  {
    kind: 'minitest',
    re: /^\s*\d+\) (?:Failure|Error):|^(?:Failure|Error):$|\b\d+ runs, \d+ assertions, [1-9]\d* failures|, [1-9]\d* errors?,|rake aborted!/,
    score: 6,
    opens: true
  },
  // PHP, Elixir, Erlang, Scala and other runners with a clear failure summary.
  {
    kind: 'test-summary',
    re: /^FAILURES!$|^There (?:was|were) \d+ (?:failure|error)s?:|^\d+ tests?, \d+ failures?|\b[1-9]\d* (?:tests? )?fail(?:ed|ures?)\b/,
    score: 4,
    opens: true
  },
  { kind: 'erlang', re: /^=ERROR REPORT====|^\*\* \(\w+\)/, score: 5, opens: true },
  // Compilers via make.
  {
    kind: 'compiler',
    re: /:\d+(?::\d+)?: (?:fatal )?error:|undefined reference to|ld returned \d+ exit status|^collect2|error: linker command failed|^make(?:\[\d+\])?: \*\*\*/,
    score: 6
  },
  // Warnings that fail the build: the warnings just before this line are the reason.
  {
    kind: 'compiler',
    re: /[Ff]ailing due to -Werror|warnings? being treated as errors/,
    score: 6,
    summary: true
  },
  {
    kind: 'compiler',
    re: /^(?:(?!\b[1-9]\d* warnings? (?:found|generated) ).)*\b[1-9]\d* warnings? (?:found|generated) .*fail/,
    needs: ' warning',
    score: 6,
    summary: true
  },
  // Linters: a list of offenses and its summary (RuboCop, flake8-style "file:line:col: X123 message").
  {
    kind: 'lint',
    re: /^Offenses:$|\b[1-9]\d* offenses? detected|^\S+:\d+:\d+: [CWEF]: |^\S+\.\w+:\d+:\d+: [EWFC]\d{3,4} /,
    score: 5,
    opens: true
  },
  // A size, time or count limit the build enforces.
  {
    kind: 'limit',
    re: /\b(?:limit|budget|threshold|quota) (?:has been |was |is )?exceeded|exceed(?:s|ed)? the (?:size |time )?(?:limit|budget|threshold|maximum)/i,
    score: 5
  },
  // Pester and similar runners mark a failed test with [-].
  { kind: 'test-fail', re: /^\s*\[-\] \S/, score: 5, opens: true },
  // Docker builds.
  {
    kind: 'docker',
    re: /failed to solve|executor failed running|returned a non-zero code: [1-9]|^ERROR \[|^#\d+ ERROR:/,
    score: 6
  },
  // A diff printed by a formatter or golden-file check: the diff is the explanation.
  {
    kind: 'diff',
    re: /^diff --git |^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@|^--- a\/|^\+\+\+ b\//,
    score: 3,
    opens: true
  },
  // Crashes: sanitizer reports, fatal signals, glibc's heap and stack checks.
  {
    kind: 'crash',
    re: /^==\d+==\s*(?:ERROR|WARNING): \w*Sanitizer|^SUMMARY: \w*Sanitizer|(?:Address|Thread|Memory|Leak|UndefinedBehavior)Sanitizer: [\w-]+ (?:on|in)\b|: runtime error: |Segmentation fault|core dumped|\bSIG(?:SEGV|ABRT|BUS|ILL|FPE)\b|(?:killed|terminated) by signal \d+|^Aborted\b|double free or corruption|stack smashing detected|buffer overflow detected/,
    score: 7,
    opens: true
  },
  // Resources the machine or the service ran out of.
  {
    kind: 'resource',
    re: /No space left on device|\bENOSPC\b|[Dd]isk quota exceeded|\b[Qq]uota (?:exceeded|exhausted)|\bEMFILE\b|[Tt]oo many open files|\b(?:API )?rate limit exceeded/,
    score: 6
  },
  // Shell.
  {
    kind: 'shell',
    re: /command not found|No such file or directory|Permission denied|not installed|: not found$/i,
    score: 5
  },
  { kind: 'git', re: /^fatal: |^error: /, score: 5 }
]

/** The recognisers' patterns, strongest first (for tests that check the trigger scan covers each of them). */
export const RECOGNISER_PATTERNS: readonly RegExp[] = RULES.map(r => r.re)

// The general fallback: words people use when something went wrong.
const GENERIC =
  /\b(?:exceed(?:s|ed)?|errors?|fail(?:s|ed|ure|ures|ing)?|fatal|exception|abort(?:ed|ing)?|panic(?:ked)?|crash(?:ed)?|cannot|can't|could ?n[o']t|unable to|not found|undefined|denied|refused|invalid|missing|unexpected|assert(?:ion)?|mismatch|violat(?:ion|ed)|problem|broken|wrong|segmentation|core dumped|traceback|incompatible|unsatisfi|conflict)\b/i
const STRONG_WORD = /\b(?:ERROR|FAIL(?:ED|URE|URES)?|FATAL|Error:|Exception:|error:|failed:)/
// Lines that mention failure words without reporting one.
const NEGATIVE =
  /\b0 (?:errors?|failures?|failed)\b|\b(?:errors?|failures?|failed)[:=]\s*0\b|-Werror|-Wno-error|\bwarning\b|\bWARN\b|\bPASS(?:ED)?\b|\bok\b|✓|✔|\bSKIP(?:PED)?\b|\bXFAIL\b|^\s*\[\+\]|\[\s*(?:OK|PASSED)\s*\]|\bdeprecat|ignore.?errors?|on.?error|error.?handl|errors?_|_errors?|allow_failures|fast_finish|--fail|set -e/i
const STACK_FRAME =
  /^\s+at |:\d+: in |^\s*\[C\]: in |^\s+File "|^\s*from \S+:\d+|^\s+\S+:\d+:in |^\s*#\d+\s+0x|^\s*\d+: 0x|\.(?:py|js|ts|rb|go|rs|java|kt|scala|cs|php|ex|exs|c|cc|cpp|h|lua|hs|swift|ps1):\d+/

const NONE: LineInfo = { score: 0, kind: 'score', exit: false, opens: false }

// Strongest first (stable, so among equal scores the order above still decides): the first match is the best.
const BY_SCORE = RULES.map((r, i) => ({ r, i }))
  .sort((a, b) => b.r.score - a.r.score || a.i - b.i)
  .map(x => x.r)
// All rules as two alternations (by case flag): one test tells whether any rule can match before trying each.
const anyOf = (rs: Rule[], flags: string): RegExp =>
  rs.length === 0 ? /$^/ : new RegExp(rs.map(r => `(?:${r.re.source})`).join('|'), flags)
const ANY_RULE = anyOf(
  RULES.filter(r => !r.re.ignoreCase && r.needs === undefined),
  ''
)
const ANY_RULE_I = anyOf(
  RULES.filter(r => r.re.ignoreCase && r.needs === undefined),
  'i'
)
const NEEDS = new RegExp(
  RULES.flatMap(r => (r.needs === undefined ? [] : [r.needs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')])).join(
    '|'
  )
)

/**
 * Scores one cleaned line. The extractor calls it only on the lines that the trigger scan (scan.ts) marks: every
 * pattern here needs one of its trigger words, so other lines would score 0 anyway.
 */
export function classify(text: string): LineInfo {
  if (text.length === 0) return NONE
  // Very long lines (minified bundles, data dumps) are rarely the explanation; judge only their start.
  const t = text.length > 2000 ? text.slice(0, 2000) : text
  let best: Rule | undefined
  if (ANY_RULE.test(t) || ANY_RULE_I.test(t) || NEEDS.test(t))
    for (const r of BY_SCORE) {
      if ((r.needs === undefined || t.includes(r.needs)) && r.re.test(t)) {
        best = r
        break
      }
    }
  if (best) {
    const exit = (best.kind === 'exit-code' || best.kind === 'gh-error') && EXIT_LINE.test(t)
    if (!exit && best.kind !== 'test-summary' && isPassLine(t)) return NONE
    // A negative word only weakens a generic-ish recogniser hit, e.g. "0 failed" in a test summary.
    const score = best.kind === 'test-summary' && NEGATIVE.test(t) ? 1 : best.score
    const info: LineInfo = { score, kind: best.kind, exit, opens: best.opens === true && score > 1 }
    if (best.summary === true) info.summary = true
    return info
  }
  let score = 0
  if (GENERIC.test(t)) score = STRONG_WORD.test(t) ? 3 : 2
  if (STACK_FRAME.test(t)) score = Math.max(score, 1)
  if (score === 0 || isPassLine(t)) return NONE
  if (NEGATIVE.test(t)) score = Math.min(score, 1) * 0.5
  return { score, kind: 'score', exit: false, opens: false }
}

/**
 * The line that ends a failed command or step: Travis "The command ... exited with 1", Actions "Process completed
 * with exit code 1", Jenkins "script returned exit code 1" or "Build step 'Execute shell' marked build as failure", GitLab "Job failed: exit code 1".
 */
const EXIT_LINE =
  /^The command ".*" (?:exited with [1-9]|failed)|Process completed with exit code [1-9]|script returned exit code [1-9]|Job failed: exit (?:code|status) [1-9]|^Build step '[^']+' marked build as failure/

/** An exit line whose code went to the next line ("... exited with" / "1."): the first half. */
const EXIT_HALF =
  /(?:^The command ".*" exited with|Process completed with exit code|script returned exit code|Job failed: exit (?:code|status))\s*$/
const EXIT_CODE_REST = /^\s*[1-9]\d*\.?\s*$/

/** The first half of an exit line split over two lines (by a terminal or a log viewer): the code follows. */
export function exitHalf(text: string): boolean {
  const e = text.trimEnd()
  return (e.endsWith('with') || e.endsWith('code') || e.endsWith('status')) && EXIT_HALF.test(e)
}

/** The second half: just a non-zero code. */
export function exitRest(text: string): boolean {
  return EXIT_CODE_REST.test(text)
}

/**
 * Lines that say they passed or were skipped, or count no failures: not failures for any recogniser, whatever
 * words a test's name holds ("✓ retries after a timeout", "test_error_page ... ok", "Failures: 0, Errors: 0").
 */
const PASS_OR_ZERO =
  /^\s*(?:\[[\w-]{1,12}\]\s*)?(?:✓|✔|√|ok \d|ok\s*$|PASS(?:ED)?\b|--- PASS:|--- SKIP:|\[\s*(?:OK|PASS(?:ED)?)\s*\]|SKIP(?:PED)?\b)|(?:\.\.\.|:)\s*(?:ok|PASS(?:ED)?|passed|SKIP(?:PED)?|skipped)\s*$|\sPASSED(?:\s+\[\s*\d+%\])?\s*$|\b0 (?:[Ff]ailed|[Ff]ailures?|[Ee]rrors?|FAILED|FAILURES?|ERRORS?)\b|\b(?:[Ff]ailures?|[Ee]rrors?|[Ff]ailed|FAILURES?|ERRORS?|FAILED):?\s*0\b/
const NONZERO_COUNT = /\b[1-9]\d* (?:failed|failures?|errors?)\b|\b(?:failures?|errors?|failed):?\s*[1-9]/i

export function isPassLine(text: string): boolean {
  return PASS_OR_ZERO.test(text) && !NONZERO_COUNT.test(text)
}

/**
 * A command echo starts a new command segment: Travis "$ npm test", an Actions step header, a Jenkins step
 * "[job] $ sh ...".
 */
export function commandStart(text: string): boolean {
  const c = text.charCodeAt(0)
  if (c === 36 /* $ */) return text.startsWith('$ ')
  if (c === 35 /* # */) return text.startsWith('##[group]Run ')
  return c === 91 /* [ */ && JENKINS_ECHO.test(text)
}
const JENKINS_ECHO = /^\[[^\]\s]{1,100}\] \$ |^\[Pipeline\] (?:sh|bat|powershell|pwsh)$/

/** A command echo that turns on the shell's trace (Jenkins runs its shell steps with `sh -xe`), or `set -x`. */
export function tracesCommands(text: string): boolean {
  return XTRACE_ON.test(text)
}
const XTRACE_ON = /(?:^|[\s/])(?:ba|z|da)?sh\s+-[a-wyz]*x|(?:^|[\s;+$])set\s+-[a-wyz]*x/

/**
 * A command as the shell traces it (`+ mvn test`, `++ nested`), once tracing is on. Not a package manager's
 * "+ name@1.2.3", which looks the same.
 */
export function tracedCommand(text: string): boolean {
  return text.charCodeAt(0) === 43 /* + */ && XTRACED.test(text)
}
const XTRACED = /^\+{1,2} (?!\S*@\d)\S/

/** Lines that continue a report already open: stack frames, indented detail, diff lines. */
export function isContinuation(text: string): boolean {
  const c = text.charCodeAt(0)
  // space, tab, '+', '-', '|', '>', '@'
  if (c === 32 || c === 9 || c === 43 || c === 45 || c === 124 || c === 62 || c === 64) return true
  // A build tool's level tag ("[info] ", "[ERROR] ") in front of each line hides the indentation of a trace.
  const t = c === 91 /* [ */ ? text.replace(LEVEL_TAG, '') : text
  const d = t.charCodeAt(0)
  return (t !== text && (d === 32 || d === 9)) || isFrameText(t)
}

/**
 * A line of a long stack trace (JVM, JavaScript, .NET, Python, Ruby): a frame, or a link between nested traces,
 * behind a build tool's level tag or not. Anchored and cheap: it is asked of every line of an open block.
 */
export function isFrame(text: string): boolean {
  return TRACE_LINE.test(text)
}
const TRACE_LINE =
  /^(?:\[[\w-]{1,12}\] )?(?:\s+(?:at |File "|from )|\s*(?:Caused by:|Suppressed:|\.\.\. \d+ (?:more|common frames omitted)$)|(?:Caused|Also): )/

function isFrameText(t: string): boolean {
  return STACK_FRAME.test(t) || TRACE_LINK.test(t)
}

const LEVEL_TAG = /^\[[\w-]{1,12}\] /
/**
 * The links of a JVM-style stack trace: nested causes, suppressed exceptions, elided frames; Jenkins prints its
 * own traces cause first, each outer exception after "Caused: " and a suppressed one after "Also: ".
 */
const TRACE_LINK =
  /^(?:\s*Caused by:|\s*Suppressed:|Caused: |Also: |\s*\.\.\.(?: \d+ (?:more|common frames omitted))?$)/
