// Triage of one failed job before any analysis, in plain code (no model call): is this a failure a code change can
// fix (`code`), or one that a re-run is the answer to (`transient` network/registry errors, `infrastructure` runner
// faults, `flaky` from what other attempts and runs of the same commit did)? Precision comes first: a job is called
// non-code only on specific evidence (a package manager's or registry's own error line, the runner's own message),
// and a recognisable code failure (compile error, failed test, assertion) in the failing step keeps it `code`.
//
// Every regex here is a flat alternation or an anchored prefix with bounded classes: no `.*` between two tokens
// (a line must match a tool's context and a network reason as two separate tests instead), so scanning stays
// linear in the log's size even on crafted lines; lines are also cut to MAX_LINE before matching.

import { cleanText } from '../../logs/clean.js'

export type TriageKind = 'transient' | 'infrastructure' | 'flaky' | 'code'

export interface TriageFacts {
  /** The job's conclusion from the API (`failure`, `timed_out`, `cancelled`...). */
  conclusion?: string | null
  /** Other attempts of this run in which the same job (by name) succeeded. */
  passedOnAttempts?: number[]
  /** The same job (by name) on the same head commit in recent runs of this workflow. */
  sameCommitJobs?: { runId: number; attempt: number; conclusion: string | null }[]
}

export interface TriageVerdict {
  kind: TriageKind
  /** Why, in a few words ("npm registry network error"). */
  reason: string
  /** The log line (cleaned) or the fact that decided the verdict; empty for `code` without a recognised line. */
  evidence: string
  /** 1-based line number of `evidence` in the text given, when it is a log line. */
  line?: number
}

/** Lines are matched on at most this many characters (a failure's own line is never that long). */
export const MAX_LINE = 2000
/** A transient error counts only this close to the end of the failing step (non-blank lines). */
export const TAIL_LINES = 80
/** The runner's own fault messages are in this many last non-blank lines of the log (post-job steps follow). */
const RUNNER_TAIL_LINES = 60
/** How far after a "could not download" line the network cause of a chained error may be. */
const CHAIN_LINES = 8

interface Rule {
  reason: string
  /** The line must match this... */
  context: RegExp
  /** ...and this (omitted: the context alone is enough). */
  cause?: RegExp
}

// ---------------------------------------------------------------- network causes

// A network failure, as the tools word it. Status codes only with their reason phrase or a "status" word, so that
// a bare "503" in a test name is not one.
const NET =
  /\b(?:ETIMEDOUT|ECONNRESET|EAI_AGAIN|ESOCKETTIMEDOUT|ECONNABORTED|ENETUNREACH|EHOSTUNREACH|ENOTFOUND|ERR_SOCKET_TIMEOUT|UND_ERR_CONNECT_TIMEOUT|socket hang up|[Cc]onnection (?:reset|timed out|closed by remote host)|Read timed out|[Cc]onnect timed out|Operation timed out|Timeout was reached|TLS handshake timeout|i\/o timeout|Temporary failure (?:in name resolution|resolving)|Name or service not known|[Cc]ould not resolve host|Couldn't resolve host|Client\.Timeout exceeded|request canceled while waiting for connection|Remote host terminated the handshake|remote end hung up unexpectedly|SSL connect error|Recv failure|Bad Gateway|Service (?:Unavailable|Temporarily Unavailable)|Gateway Time-?out|Too Many Requests|toomanyrequests|rate limit|execution expired|Net::(?:OpenTimeout|ReadTimeout)|Errno::E(?:CONNRESET|TIMEDOUT|HOSTUNREACH)|SocketTimeoutException|network is unreachable|No route to host)\b|(?:status code|status|HTTP|HTTP status|code|returned error):? \(?(?:50[0234]|429)\b|\b(?:50[0234]|429) \((?:Service Unavailable|Bad Gateway|Gateway Timeout|Internal Server Error|Too Many Requests)\)/

// A connection to a loopback address: the job's own server (or database) is not there, which is the code's or the
// workflow's failure, not the network's. Only as the target of a connection (a DNS resolver on 127.0.0.53 is not).
const LOCAL =
  /\b(?:connect E[A-Z]{4,12}|Failed to connect to|dial tcp|host=')\s?(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?::1\]?)\b|\bhttps?:\/\/(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])[:/]/

// ---------------------------------------------------------------- transient: a tool's final network error

const TRANSIENT: Rule[] = [
  {
    reason: 'npm registry network error',
    context: /^npm (?:ERR!|error) (?:code|errno|network|syscall|request|\d{3} )/,
    cause:
      /\b(?:ETIMEDOUT|ECONNRESET|EAI_AGAIN|ESOCKETTIMEDOUT|ENOTFOUND|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT|E50[0234]|E429|socket hang up)\b|^npm (?:ERR!|error) (?:50[0234]|429) /
  },
  { reason: 'npm registry network error', context: /^npm (?:ERR!|error) network /, cause: NET },
  {
    reason: 'yarn registry network error',
    context: /^error An unexpected error occurred: "https?:\/\/|\bYN00(?:01|35)\b/,
    cause: NET
  },
  {
    reason: 'pnpm registry network error',
    context: /\bERR_PNPM_(?:META_FETCH_FAIL|FETCH_(?:50[0234]|429)|TARBALL_FETCH)\b/,
    cause: NET
  },
  { reason: 'pnpm registry error', context: /\bERR_PNPM_FETCH_(?:50[0234]|429)\b/ },
  {
    reason: 'pip download network error',
    context:
      /\bpip\._vendor\.|^ERROR: Could not install packages due to an OSError|^(?:ERROR|WARNING): .{0,40}\bHTTPS?ConnectionPool\(host='(?:pypi|files\.pythonhosted)/,
    cause: NET
  },
  {
    reason: 'pip download network error',
    context: /\bReadTimeoutError: HTTPSConnectionPool\(host='(?:pypi\.org|files\.pythonhosted\.org)'/
  },
  {
    reason: 'Maven repository network error',
    context:
      /\bCould not (?:transfer|resolve|download) (?:artifact|dependencies|metadata)\b|\bTransfer failed for https?:\/\/|\bFailed to read artifact descriptor\b/,
    cause: NET
  },
  {
    reason: 'Gradle repository network error',
    context: /\bCould not (?:GET|HEAD|get resource|download|resolve all (?:files|dependencies|artifacts)) '/,
    cause: NET
  },
  {
    reason: 'Gradle repository network error',
    context: /\bReceived status code (?:50[0234]|429) from server\b/
  },
  {
    reason: 'apt mirror unreachable',
    context: /^(?:E: Failed to fetch|Err:\d+ https?:\/\/|E: Unable to fetch)/,
    cause:
      /\bTemporary failure resolving\b|\bCould not (?:connect to|resolve)\b|\bConnection (?:timed out|failed|reset)\b|\b(?:50[0234]|429)\s+(?:Service Unavailable|Bad Gateway|Gateway Time-?out|Too Many Requests)\b|\bHash Sum mismatch\b|\bFile has unexpected size\b|\bConnection refused\b/
  },
  {
    reason: 'container registry error',
    context:
      /\bError response from daemon\b|\bfailed to (?:solve|resolve source metadata|copy|do request|fetch anonymous token|authorize)\b|\berror pulling image\b|\bfailed to pull\b|\bdownload failed after attempts\b|^(?:Error|ERROR): .{0,20}\b(?:pull|push)\b|\bhttpReadSeeker\b|registry-1\.docker\.io|\bghcr\.io|\bquay\.io|\.dkr\.ecr\./,
    cause:
      /\bTLS handshake timeout\b|\bi\/o timeout\b|\bClient\.Timeout exceeded\b|\brequest canceled while waiting for connection\b|\btoomanyrequests\b|\bpull rate limit\b|\bconnection reset by peer\b|\b(?:unexpected status(?: code)?|status code|received unexpected HTTP status):? (?:https?:\/\/\S{1,300} ?)?:? ?(?:50[0234]|429)\b|\b(?:50[0234]) (?:Bad Gateway|Service Unavailable|Gateway Time-?out)\b|\bTemporary failure in name resolution\b|\bunexpected EOF\b|\bdial tcp\b.{0,200}\b(?:timeout|no such host|connection refused)\b/
  },
  { reason: 'container registry rate limit', context: /\btoomanyrequests: / },
  { reason: 'container registry error', context: /^received unexpected HTTP status: (?:50[0234]|429)\b/ },
  {
    reason: 'Python package index network error',
    context: /\bHTTPSConnectionPool\(host='(?:pypi\.org|files\.pythonhosted\.org|pypi\.python\.org)'/,
    cause: NET
  },
  {
    reason: 'conda channel unreachable',
    context: /\bCondaHTTPError: HTTP (?:000 CONNECTION FAILED|50[0234]|429)\b/
  },
  {
    reason: 'sbt/Coursier download network error',
    context: /\bdownload error: Caught |\bError downloading \S/,
    cause: NET
  },
  {
    reason: 'Go module proxy network error',
    context: /^go: |\b(?:proxy|sum)\.golang\.org\b|\bverifying module:/,
    cause: NET
  },
  { reason: 'cargo network error', context: /\bnetwork failure seems to have happened\b/ },
  {
    reason: 'cargo network error',
    context: /^error: failed to (?:download|fetch|get|load source for|update registry)\b/,
    cause: NET
  },
  {
    reason: 'RubyGems network error',
    context:
      /\bGem::RemoteFetcher::(?:FetchError|UnknownHostError)\b|\bBundler::HTTPError\b|\bCould not fetch specs from\b|\bCould not reach host\b|\bBundler::Fetcher::(?:NetworkDownError|CertificateFailureError)\b/
  },
  { reason: 'NuGet feed unreachable', context: /\berror NU1301\b|\bNU1301:/ },
  {
    reason: 'NuGet feed network error',
    context:
      /\bUnable to load the service index for source\b|\bFailed to (?:download package|retrieve information about)\b/,
    cause: NET
  },
  {
    reason: 'Composer download network error',
    context: /\bcurl error (?:6|7|28|35|52|56) while downloading\b|\bcould not be downloaded\b/,
    cause: NET
  },
  {
    reason: 'git remote unreachable',
    context: /^(?:fatal: unable to access '|error: RPC failed; curl \d+ )/,
    cause: NET
  },
  {
    reason: 'action download failed',
    context: /\bFailed to (?:download action|resolve action download info)\b|\bUnable to download action\b/,
    cause: NET
  },
  { reason: 'curl network error', context: /^curl: \((?:6|28|35|52|56)\) / },
  {
    reason: 'curl network error',
    context: /^curl: \(22\) The requested URL returned error: (?:50[0234]|429)\b/
  },
  {
    reason: 'wget network error',
    context:
      /\bfailed: (?:Temporary failure in name resolution|Connection timed out|Network is unreachable)\.?$|^Unable to establish SSL connection\.$|\bERROR (?:50[0234]|429): /
  },
  {
    reason: 'runner-level network error',
    context: /^##\[error\]/,
    cause:
      /\b(?:ETIMEDOUT|ECONNRESET|EAI_AGAIN|ESOCKETTIMEDOUT|socket hang up|Unexpected HTTP response: (?:50[0234]|429)|API rate limit exceeded|TLS handshake timeout|i\/o timeout)\b/
  }
]

// A retry warning about the network: on its own not a failure (the retry may succeed); near a "could not download"
// final error it explains that error.
const RETRY_WARNINGS: Rule[] = [
  {
    reason: 'yarn network retries',
    context: /^info There appears to be trouble with your network connection\. Retrying/
  },
  { reason: 'pip network retries', context: /^WARNING: Retrying \(Retry\(total=\d+/, cause: NET },
  { reason: 'cargo network retries', context: /^warning: spurious network error\b/ },
  { reason: 'npm network retries', context: /^npm (?:WARN|http) (?:retry|fetch)\b/, cause: NET },
  { reason: 'bundler network retries', context: /^Retrying (?:fetcher|download gem|dependency api)\b/ },
  { reason: 'NuGet network retries', context: /^\s*Retrying '/ },
  { reason: 'apt mirror unreachable', context: /^(?:W: Failed to fetch|Err:\d+ |Ign:\d+ )/, cause: NET }
]

// A final "could not get the dependency" error: network or a wrong name/version, so it needs a network cause
// nearby (a retry warning in the tail, or a network reason on the chained lines just below it).
const FETCH_FAILED =
  /^ERROR: (?:No matching distribution found|Could not find a version that satisfies)\b|\bCould not (?:resolve dependencies|transfer artifact|resolve all (?:files|dependencies|artifacts)|download|get resource|GET|HEAD)\b|^error: failed to (?:download|fetch|get|load source|update registry)\b|^E: (?:Unable to fetch some archives|Some index files failed to download|Unable to locate package|Package '.{1,100}' has no installation candidate)|\bCould not fetch specs\b|^error An unexpected error occurred\b|^npm (?:ERR!|error) code\b|\bfailed to (?:solve|resolve source metadata)\b|^go: .{1,300}: (?:Get|reading) "?https?:\/\//

// A stack frame of the Gradle or Maven wrapper (it downloads the build tool before anything of the project runs),
// and the JVM's network exceptions.
const WRAPPER_FRAME = /^at org\.gradle\.wrapper\.|^at org\.apache\.maven\.wrapper\./
const JAVA_NET =
  /^Exception in thread "main" java\.net\.(?:SocketTimeoutException|SocketException|UnknownHostException|ConnectException|NoRouteToHostException)\b|^Exception in thread "main" javax\.net\.ssl\.SSLException\b/

// ---------------------------------------------------------------- infrastructure: the runner's own messages

const RUNNER_FAULTS: Rule[] = [
  { reason: 'runner shut down', context: /\bThe runner has received a shutdown signal\b/ },
  {
    reason: 'runner lost',
    context:
      /\blost communication with the server\b|\bRunner connection lost\b|\bReceived request to deprovision\b/
  },
  {
    reason: 'job exceeded the maximum execution time',
    context:
      /\bhas exceeded the maximum execution time\b|\bexceeded the maximum execution time of\b|^##\[error\]The job (?:has exceeded|was canceled because it exceeded)\b/
  }
]

// A process killed by the kernel (the OOM killer's SIGKILL, exit 137): the runner's fault when it is the job's only
// failure; next to another failed step (Travis runs every script command) it explains nothing on its own.
const KILLED: Rule[] = [
  {
    reason: 'process killed (out of memory, exit 137)',
    context:
      /^(?:##\[error\])?Process completed with exit code 137\.$|^The command ".{1,500}" exited with 137\.$|^Error: Process completed with exit code 137\.$|\bOut of memory: Killed process\b|\boom-kill(?:er)?\b:/
  },
  {
    reason: 'process killed (out of memory)',
    context: /^(?:\/bin\/(?:ba)?sh: line \d+: +\d+ Killed\b|Killed$)/
  }
]

const DISK_FULL: Rule[] = [
  {
    reason: 'out of disk space',
    context:
      /[Nn]o space left on device\b|^##\[error\]System\.IO\.IOException: (?:There is not enough space|No space left)|\bYou are running out of disk space\b/
  }
]

// ---------------------------------------------------------------- code: a failure a code change is for

const CODE =
  /\berror TS\d{3,5}:|\berror\[E\d{4}\]|: error (?:CS|FS|BC)\d{4}:|\.\w{1,12}:\d+(?::\d+)?:? (?:fatal )?error:|^\[ERROR\] (?:COMPILATION ERROR|\/\S{1,500}\.(?:java|kt|scala):\[?\d+)|\berror: cannot find symbol\b|^e: (?:file:\/\/)?\S{1,500}\.kts?:|\b(?:SyntaxError|IndentationError|ModuleNotFoundError|ImportError|NameError|AttributeError|AssertionError|AssertError|ReferenceError):|\bassert(?:ion)? failed\b|^ *FAIL +\S|^--- FAIL: |^FAIL\t|^FAILED \S|^=+ (?:\d+ failed|FAILURES)\b|(?:^[ =]*|[,:;] +)[1-9]\d* (?:failed|failing)\b|\b\d+ examples?, [1-9]\d* failures?\b|^ *Failure\/Error: |\bTests? run: \d+, Failures: [1-9]|\bTests? run: \d+, Failures: \d+, Errors: [1-9]|\bThere (?:was|were) \d+ (?:failure|error)s?:|\btest result: FAILED\b|\bpanicked at\b|^ *Expected:? |\bexpected:? ?<|\bbut was:? ?<|\bFailed asserting that\b|\bTests? failed\b|\bTest Suites: \d+ failed\b|\b\d+ problems? \(\d+ errors?|\bFound \d+ errors? in \d+ files?\b|\bwould reformat\b|\boffenses? detected\b|^ *[✕✗×] |\bCompilation failed\b|\bcompilation terminated\b/

// The runner's mark of the failing step's end, and of a step's start.
const STEP_END =
  /^##\[error\]Process completed with exit code [1-9]\d*\.$|^Error: Process completed with exit code [1-9]\d*\.$|^The command ".{1,2000}" (?:failed and )?exited with [1-9]\d*/
const STEP_START = /^##\[group\]Run |^Run [\w./-]+@/

// `docker buildx` prints "#12 3.456 <line>" for a RUN step's output: the tool's own line is what follows.
const BUILDKIT = /^#\d{1,4} (?:\d{1,6}\.\d{1,3} )?/

/** Cleaned lines (ANSI, timestamps, BuildKit step prefixes removed), each cut to MAX_LINE. */
function linesOf(log: string): string[] {
  const out: string[] = []
  let start = 0
  while (start <= log.length) {
    let end = log.indexOf('\n', start)
    if (end === -1) end = log.length
    const raw = log.slice(start, Math.min(end, start + MAX_LINE * 2))
    let text = cleanText(raw)
    const bk = BUILDKIT.exec(text)
    if (bk) text = text.slice(bk[0].length)
    out.push(text.trim().slice(0, MAX_LINE))
    start = end + 1
  }
  return out
}

function matches(rule: Rule, line: string): boolean {
  return rule.context.test(line) && (rule.cause === undefined || rule.cause.test(line))
}

function firstRule(rules: Rule[], line: string): Rule | undefined {
  for (const r of rules) if (matches(r, line)) return r
  return undefined
}

/** Lines [from, to) of the failing step: from its start marker to the runner's failure mark, or the whole log. */
function failingStep(lines: string[]): { from: number; to: number } {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!STEP_END.test(lines[i] ?? '')) continue
    let from = 0
    for (let j = i - 1; j >= 0; j--) {
      if (STEP_START.test(lines[j] ?? '')) {
        from = j
        break
      }
    }
    return { from, to: i + 1 }
  }
  return { from: 0, to: lines.length }
}

/** How many steps (or Travis commands) the runner marked as failed. */
function failedSteps(lines: string[]): number {
  let n = 0
  for (const line of lines) if (STEP_END.test(line)) n++
  return n
}

/** Index of the first line of the last `n` non-blank lines of [from, to). */
function tailStart(lines: string[], from: number, to: number, n: number): number {
  let seen = 0
  for (let i = to - 1; i >= from; i--) {
    if ((lines[i] ?? '') !== '' && ++seen >= n) return i
  }
  return from
}

function verdict(kind: TriageKind, reason: string, lines: string[], i: number): TriageVerdict {
  return { kind, reason, evidence: lines[i] ?? '', line: i + 1 }
}

/** Lines to ignore as transient evidence: a connection error to the job's own local server is the code's failure. */
function isLocal(line: string): boolean {
  return LOCAL.test(line)
}

/**
 * Classifies one failed job. `log` is the job's log text (or its tail); `facts` what the API says about the job's
 * other attempts and the same commit's other runs.
 */
export function triage(log: string, facts: TriageFacts = {}): TriageVerdict {
  const lines = linesOf(log)
  const all = { from: 0, to: lines.length }
  const step = failingStep(lines)

  // 1. The runner's own messages: nothing in the code explains them, whatever else the log shows. They are printed
  // at the very end of the log, after the failing step.
  const lastLines = tailStart(lines, all.from, all.to, RUNNER_TAIL_LINES)
  for (let i = lastLines; i < all.to; i++) {
    const r = firstRule(RUNNER_FAULTS, lines[i] ?? '')
    if (r) return verdict('infrastructure', r.reason, lines, i)
  }
  if (failedSteps(lines) <= 1) {
    for (let i = lastLines; i < all.to; i++) {
      const r = firstRule(KILLED, lines[i] ?? '')
      if (r) return verdict('infrastructure', r.reason, lines, i)
    }
  }
  if (facts.conclusion === 'timed_out') {
    return {
      kind: 'infrastructure',
      reason: 'job exceeded its time limit',
      evidence: 'job conclusion: timed_out'
    }
  }

  // 2. A code failure in the failing step: a test, compiler or linter said what is wrong.
  let code = -1
  for (let i = step.from; i < step.to; i++) {
    if (CODE.test(lines[i] ?? '')) {
      code = i
      break
    }
  }

  if (code === -1) {
    const tail = tailStart(lines, step.from, step.to, TAIL_LINES)
    // 3. Out of disk anywhere in the failing step.
    for (let i = step.from; i < step.to; i++) {
      const r = firstRule(DISK_FULL, lines[i] ?? '')
      if (r) return verdict('infrastructure', r.reason, lines, i)
    }
    // 4. A tool's final network error near the end of the failing step; the last one is the one that failed it.
    const found = lastTransient(lines, tail, step.to)
    if (found) return found
  }

  // 5. The same job passed elsewhere on the same code: the failure is not the code's alone.
  const flaky = flakyFact(facts)
  if (flaky) return flaky

  return code >= 0
    ? verdict('code', 'code failure in the failing step', lines, code)
    : { kind: 'code', reason: 'no transient, infrastructure or flaky evidence', evidence: '' }
}

function lastTransient(lines: string[], from: number, to: number): TriageVerdict | undefined {
  let warning = -1
  for (let i = to - 1; i >= from; i--) {
    const line = lines[i] ?? ''
    if (line === '' || isLocal(line)) continue
    if (WRAPPER_FRAME.test(line)) {
      // The Gradle/Maven wrapper downloads the build tool itself; its network exception is a few frames above.
      for (let j = i - 1; j >= Math.max(from, i - CHAIN_LINES); j--) {
        if (JAVA_NET.test(lines[j] ?? '')) return verdict('transient', 'build tool download failed', lines, j)
      }
    }
    const r = firstRule(TRANSIENT, line)
    if (r) return verdict('transient', r.reason, lines, withUrl(lines, r, i, from))
    if (FETCH_FAILED.test(line)) {
      // A chained error ("Caused by:", "> Could not GET ...") names its network cause on the lines below.
      for (let j = i + 1; j < Math.min(to, i + 1 + CHAIN_LINES); j++) {
        const below = lines[j] ?? ''
        if (NET.test(below) && !isLocal(below))
          return verdict('transient', 'dependency download failed on a network error', lines, j)
      }
      if (warning === -1) warning = findWarning(lines, from, i)
      if (warning >= 0)
        return verdict('transient', 'dependency download failed after network retries', lines, warning)
    }
  }
  return undefined
}

/**
 * The line to quote for a tool's error block ("npm ERR! errno ECONNRESET" follows "npm ERR! network request to
 * https://..."): the nearest line above, in the same block, that the same rule matches and that names a URL.
 */
function withUrl(lines: string[], rule: Rule, i: number, from: number): number {
  if ((lines[i] ?? '').includes('://')) return i
  for (let j = i - 1; j >= Math.max(from, i - 6); j--) {
    const above = lines[j] ?? ''
    if (!rule.context.test(above)) return i
    if (above.includes('://') && (rule.cause === undefined || rule.cause.test(above))) return j
  }
  return i
}

function findWarning(lines: string[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const line = lines[i] ?? ''
    if (!isLocal(line) && firstRule(RETRY_WARNINGS, line)) return i
  }
  return -2
}

function flakyFact(facts: TriageFacts): TriageVerdict | undefined {
  const attempt = facts.passedOnAttempts?.[0]
  if (attempt !== undefined) {
    return {
      kind: 'flaky',
      reason: 'the same job passed on another attempt of this run',
      evidence: `passed on attempt ${attempt}`
    }
  }
  const other = facts.sameCommitJobs?.find(j => j.conclusion === 'success')
  if (other) {
    return {
      kind: 'flaky',
      reason: 'the same job passed on the same commit in another run',
      evidence: `passed in run ${other.runId} (attempt ${other.attempt})`
    }
  }
  return undefined
}
