export const id = 359;
export const ids = [359];
export const modules = {

/***/ 7359:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P6: () => (/* reexport */ extractor_FailureExtractor),
  QW: () => (/* binding */ extractStream),
  Jz: () => (/* binding */ formatExtraction),
  oZ: () => (/* reexport */ weakLines)
});

// UNUSED EXPORTS: DEFAULT_MAX_TOKENS, extractText, normaliseLine

;// CONCATENATED MODULE: ./src/logs/clean.ts
// Line cleaning: what a person reading the log in a terminal or in the Actions UI would see.
// Kept deliberately close to the scorer's normalisation (shared/tools/eval_extract.py) so that a cleaned
// line is still recognisably the log's own line: we remove decoration, never rewrite content.
// CSI sequences, OSC sequences (ended by BEL or ST) and two-byte escapes. An OSC stops at the next ESC: scanning on
// to a BEL that never comes made an unterminated OSC repeated on one line quadratic (16 s per MB).
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const TRAVIS = /travis_(?:fold|time):[a-z]+:[^\s\r]*/g;
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// `gh run view --log` prefixes every line with "job<TAB>step<TAB>" before the timestamp.
const GH_CLI = /^([^\t]*)\t([^\t]*)\t(?=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;
// Control characters that are never text (NUL, bells, backspaces...); tab and ESC are handled elsewhere.
// eslint-disable-next-line no-control-regex
const JUNK = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/g;
/** Cleans one raw log line (without its trailing newline). */
function cleanLine(raw) {
    let line = raw;
    let ghStep;
    // The prefix's second tab is followed by the timestamp's first digit (a stack frame's leading tab is not).
    const tab = line.indexOf('\t');
    const tab2 = tab === -1 ? -1 : line.indexOf('\t', tab + 1);
    if (tab2 !== -1 && isDigit(line.charCodeAt(tab2 + 1))) {
        const m = GH_CLI.exec(line);
        if (m) {
            ghStep = m[2];
            line = line.slice(m[0].length);
        }
    }
    if (line.indexOf('\x1b') !== -1)
        line = line.replace(ANSI, '');
    if (line.indexOf('travis_') !== -1)
        line = line.replace(TRAVIS, '');
    if (line.indexOf('\r') !== -1)
        line = lastShownSegment(line);
    // A timestamp prefix only counts at the start of the line (after the gh prefix).
    const c0 = line.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57 && line.length > 20 && line.charCodeAt(10) === 84 /* T */) {
        line = line.replace(STAMP, '');
    }
    return ghStep === undefined ? { text: line.trimEnd() } : { text: line.trimEnd(), ghStep };
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
/** After carriage returns a terminal shows the last rewrite that printed something. */
function lastShownSegment(line) {
    const parts = line.split('\r');
    for (let i = parts.length - 1; i >= 0; i--) {
        const p = parts[i];
        if (p !== undefined && p.trim() !== '')
            return p;
    }
    return '';
}
/** Drops control characters that are never text; done only on lines that are kept (it costs). */
function dropJunk(text) {
    return text.replace(JUNK, '');
}
/** Cleaned text of a line, for callers that do not need the gh step. */
function cleanText(raw) {
    return dropJunk(cleanLine(raw).text);
}

;// CONCATENATED MODULE: ./src/logs/green.ts
// Comparison with a green run: lines that a passing run of the same job also prints are weak evidence of the
// failure (a deprecation "error" every run shows, a retried download, a flaky warning). Pure: the caller fetches
// the green log (the same job in the latest successful run of the workflow) and passes weakLines(log) to the
// extractor as its `weak` option.

/** Lines of a green log considered at most; the rest is ignored (bounded memory on huge logs). */
const MAX_GREEN_LINES = 200_000;
// Run-specific parts of a line, replaced before comparing: times, hashes, temporary and absolute paths, numbers.
const green_STAMP = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?/g;
const HEX = /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const DIRS = /(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+)+[\\/]/g;
const NUMBER = /\d+/g;
const SPACE = /\s+/g;
/** A cleaned line with its run-specific parts (times, hashes, directories, numbers) replaced. */
function normaliseLine(text) {
    return text
        .replace(green_STAMP, 'T')
        .replace(HEX, 'H')
        .replace(DIRS, '/')
        .replace(NUMBER, '0')
        .replace(SPACE, ' ')
        .trim();
}
/** The normalised lines of a green run's log: pass it as the extractor's `weak` option. */
function weakLines(greenLog, maxLines = MAX_GREEN_LINES) {
    const out = new Set();
    let start = 0;
    for (let i = 0; i < maxLines && start <= greenLog.length; i++) {
        let nl = greenLog.indexOf('\n', start);
        if (nl === -1)
            nl = greenLog.length;
        const line = normaliseLine(cleanText(greenLog.slice(start, Math.min(nl, start + 4096))));
        if (line.length > 0)
            out.add(line);
        start = nl + 1;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/logs/lines.ts
// Splits a stream of bytes or strings into lines, in bounded memory.
// Two ways to receive them. Line by line (onLine only): every line decoded, a buffer's split multi-byte character
// carried over to the next buffer, invalid UTF-8 as U+FFFD. In runs (onRun / onBytes): the complete lines that lie
// whole inside one chunk are handed over together, as a span of the decoded string or of the raw bytes, so that the
// caller scans the chunk in one pass and decodes only the lines it keeps; onLine then only gets the lines that span
// chunks. A newline byte never occurs inside a multi-byte character, so byte lines always decode whole.
/** Longest part of one line we keep; the rest of a longer line is dropped (binary junk, minified files). */
const MAX_LINE_CHARS = 64 * 1024;
class LineSplitter {
    onLine;
    onRun;
    onBytes;
    /** The first bytes of a character split across buffers (line-by-line mode). */
    carried;
    /** The start of the current line, as text... */
    pending = '';
    /** ...or as bytes (copies: the caller may reuse its buffers). */
    pendingBytes = [];
    pendingLen = 0;
    /** The current line is longer than MAX_LINE_CHARS: ignore input until its newline. */
    skipping = false;
    /**
     * onLine gets every line that is not handed over in a run. onRun gets runs of complete lines of a string chunk
     * (to is just after a newline; lines there may exceed MAX_LINE_CHARS), onBytes the same for a Buffer chunk;
     * both are optional and go together.
     */
    constructor(onLine, onRun, onBytes) {
        this.onLine = onLine;
        this.onRun = onRun;
        this.onBytes = onBytes;
    }
    push(chunk) {
        if (typeof chunk !== 'string') {
            if (this.onBytes !== undefined)
                this.feedBytes(chunk, this.onBytes);
            else
                this.feed(this.decode(chunk));
            return;
        }
        this.bytesToText();
        if (this.onRun !== undefined)
            this.feedRun(chunk, this.onRun);
        else
            this.feed(chunk);
    }
    end() {
        if (this.carried !== undefined)
            this.feed(this.carried.toString('utf8'));
        this.carried = undefined;
        this.bytesToText();
        if (this.pending.length > 0 || this.skipping)
            this.onLine(this.pending.length > MAX_LINE_CHARS ? this.pending.slice(0, MAX_LINE_CHARS) : this.pending);
        this.pending = '';
        this.skipping = false;
    }
    decode(chunk) {
        let buf = chunk;
        if (this.carried !== undefined) {
            buf = Buffer.concat([this.carried, chunk]);
            this.carried = undefined;
        }
        // Back over continuation bytes to the last lead byte; cut there if its character is incomplete.
        let i = buf.length - 1;
        while (i >= 0 && buf.length - i < 4 && (buf[i] & 0xc0) === 0x80)
            i--;
        if (i >= 0) {
            const b = buf[i];
            const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            if (need > buf.length - i) {
                this.carried = Buffer.from(buf.subarray(i));
                return buf.toString('utf8', 0, i);
            }
        }
        return buf.toString('utf8');
    }
    /** Pending bytes (and a carried character) become pending text: a string chunk follows. */
    bytesToText() {
        if (this.pendingBytes.length === 0)
            return;
        this.pending = Buffer.concat(this.pendingBytes).toString('utf8');
        this.pendingBytes = [];
        this.pendingLen = 0;
    }
    feed(s) {
        if (s.length === 0)
            return;
        let start = 0;
        let nl = s.indexOf('\n');
        while (nl !== -1) {
            if (this.skipping) {
                this.onLine(this.pending);
                this.pending = '';
                this.skipping = false;
            }
            else if (this.pending.length > 0) {
                const line = this.pending + s.slice(start, nl);
                this.pending = '';
                this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
            }
            else {
                this.onLine(nl - start > MAX_LINE_CHARS ? s.slice(start, start + MAX_LINE_CHARS) : s.slice(start, nl));
            }
            start = nl + 1;
            nl = s.indexOf('\n', start);
        }
        if (start < s.length)
            this.carry(s, start);
    }
    feedRun(s, onRun) {
        if (s.length === 0)
            return;
        let start = 0;
        if (this.pending.length > 0 || this.skipping) {
            const nl = s.indexOf('\n');
            if (nl === -1) {
                this.carry(s, 0);
                return;
            }
            if (this.skipping)
                this.onLine(this.pending);
            else {
                const line = this.pending + s.slice(0, nl);
                this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
            }
            this.pending = '';
            this.skipping = false;
            start = nl + 1;
        }
        const last = s.lastIndexOf('\n');
        if (last >= start) {
            onRun(s, start, last + 1);
            start = last + 1;
        }
        if (start < s.length)
            this.carry(s, start);
    }
    carry(s, start) {
        if (this.skipping)
            return;
        this.pending += s.slice(start);
        if (this.pending.length > MAX_LINE_CHARS) {
            this.pending = this.pending.slice(0, MAX_LINE_CHARS);
            this.skipping = true;
        }
    }
    feedBytes(b, onBytes) {
        if (b.length === 0)
            return;
        if (this.pending.length > 0) {
            // Text pending from a string chunk: go on in bytes.
            const head = Buffer.from(this.pending, 'utf8');
            this.pendingBytes.push(head);
            this.pendingLen += head.length;
            this.pending = '';
        }
        let start = 0;
        if (this.pendingLen > 0 || this.skipping) {
            const nl = b.indexOf(10);
            if (nl === -1) {
                this.carryBytes(b, 0, b.length);
                return;
            }
            this.carryBytes(b, 0, nl);
            const line = Buffer.concat(this.pendingBytes).toString('utf8');
            this.pendingBytes = [];
            this.pendingLen = 0;
            this.skipping = false;
            this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
            start = nl + 1;
        }
        const last = b.lastIndexOf(10);
        if (last >= start) {
            onBytes(b, start, last + 1);
            start = last + 1;
        }
        if (start < b.length)
            this.carryBytes(b, start, b.length);
    }
    carryBytes(b, from, to) {
        if (this.skipping)
            return;
        const room = MAX_LINE_CHARS * 3 - this.pendingLen;
        const end = to - from > room ? from + room : to;
        if (end > from) {
            this.pendingBytes.push(Buffer.from(b.subarray(from, end)));
            this.pendingLen += end - from;
        }
        if (end < to)
            this.skipping = true;
    }
}

;// CONCATENATED MODULE: ./src/logs/recognisers.ts
// Recognisers: what a cleaned log line says about a failure.
// Each pattern is generic to a tool or a CI system (never to one repository). A line gets the score and kind
// of its strongest match; a general keyword score catches everything no recogniser knows.
// Ordered by kind; the best score wins, so order only matters for ties.
const RULES = [
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
];
/** The recognisers' patterns, strongest first (for tests that check the trigger scan covers each of them). */
const RECOGNISER_PATTERNS = RULES.map(r => r.re);
// The general fallback: words people use when something went wrong.
const GENERIC = /\b(?:exceed(?:s|ed)?|errors?|fail(?:s|ed|ure|ures|ing)?|fatal|exception|abort(?:ed|ing)?|panic(?:ked)?|crash(?:ed)?|cannot|can't|could ?n[o']t|unable to|not found|undefined|denied|refused|invalid|missing|unexpected|assert(?:ion)?|mismatch|violat(?:ion|ed)|problem|broken|wrong|segmentation|core dumped|traceback|incompatible|unsatisfi|conflict)\b/i;
const STRONG_WORD = /\b(?:ERROR|FAIL(?:ED|URE|URES)?|FATAL|Error:|Exception:|error:|failed:)/;
// Lines that mention failure words without reporting one.
const NEGATIVE = /\b0 (?:errors?|failures?|failed)\b|\b(?:errors?|failures?|failed)[:=]\s*0\b|-Werror|-Wno-error|\bwarning\b|\bWARN\b|\bPASS(?:ED)?\b|\bok\b|✓|✔|\bSKIP(?:PED)?\b|\bXFAIL\b|^\s*\[\+\]|\[\s*(?:OK|PASSED)\s*\]|\bdeprecat|ignore.?errors?|on.?error|error.?handl|errors?_|_errors?|allow_failures|fast_finish|--fail|set -e/i;
const STACK_FRAME = /^\s+at |:\d+: in |^\s*\[C\]: in |^\s+File "|^\s*from \S+:\d+|^\s+\S+:\d+:in |^\s*#\d+\s+0x|^\s*\d+: 0x|\.(?:py|js|ts|rb|go|rs|java|kt|scala|cs|php|ex|exs|c|cc|cpp|h|lua|hs|swift|ps1):\d+/;
const NONE = { score: 0, kind: 'score', exit: false, opens: false };
// Strongest first (stable, so among equal scores the order above still decides): the first match is the best.
const BY_SCORE = RULES.map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.score - a.r.score || a.i - b.i)
    .map(x => x.r);
// All rules as two alternations (by case flag): one test tells whether any rule can match before trying each.
const anyOf = (rs, flags) => rs.length === 0 ? /$^/ : new RegExp(rs.map(r => `(?:${r.re.source})`).join('|'), flags);
const ANY_RULE = anyOf(RULES.filter(r => !r.re.ignoreCase && r.needs === undefined), '');
const ANY_RULE_I = anyOf(RULES.filter(r => r.re.ignoreCase && r.needs === undefined), 'i');
const NEEDS = new RegExp(RULES.flatMap(r => (r.needs === undefined ? [] : [r.needs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')])).join('|'));
/**
 * Scores one cleaned line. The extractor calls it only on the lines that the trigger scan (scan.ts) marks: every
 * pattern here needs one of its trigger words, so other lines would score 0 anyway.
 */
function classify(text) {
    if (text.length === 0)
        return NONE;
    // Very long lines (minified bundles, data dumps) are rarely the explanation; judge only their start.
    const t = text.length > 2000 ? text.slice(0, 2000) : text;
    let best;
    if (ANY_RULE.test(t) || ANY_RULE_I.test(t) || NEEDS.test(t))
        for (const r of BY_SCORE) {
            if ((r.needs === undefined || t.includes(r.needs)) && r.re.test(t)) {
                best = r;
                break;
            }
        }
    if (best) {
        const exit = (best.kind === 'exit-code' || best.kind === 'gh-error') && EXIT_LINE.test(t);
        if (!exit && best.kind !== 'test-summary' && isPassLine(t))
            return NONE;
        // A negative word only weakens a generic-ish recogniser hit, e.g. "0 failed" in a test summary.
        const score = best.kind === 'test-summary' && NEGATIVE.test(t) ? 1 : best.score;
        const info = { score, kind: best.kind, exit, opens: best.opens === true && score > 1 };
        if (best.summary === true)
            info.summary = true;
        return info;
    }
    let score = 0;
    if (GENERIC.test(t))
        score = STRONG_WORD.test(t) ? 3 : 2;
    if (STACK_FRAME.test(t))
        score = Math.max(score, 1);
    if (score === 0 || isPassLine(t))
        return NONE;
    if (NEGATIVE.test(t))
        score = Math.min(score, 1) * 0.5;
    return { score, kind: 'score', exit: false, opens: false };
}
/**
 * The line that ends a failed command or step: Travis "The command ... exited with 1", Actions "Process completed
 * with exit code 1", Jenkins "script returned exit code 1" or "Build step 'Execute shell' marked build as failure", GitLab "Job failed: exit code 1".
 */
const EXIT_LINE = /^The command ".*" (?:exited with [1-9]|failed)|Process completed with exit code [1-9]|script returned exit code [1-9]|Job failed: exit (?:code|status) [1-9]|^Build step '[^']+' marked build as failure/;
/** An exit line whose code went to the next line ("... exited with" / "1."): the first half. */
const EXIT_HALF = /(?:^The command ".*" exited with|Process completed with exit code|script returned exit code|Job failed: exit (?:code|status))\s*$/;
const EXIT_CODE_REST = /^\s*[1-9]\d*\.?\s*$/;
/** The first half of an exit line split over two lines (by a terminal or a log viewer): the code follows. */
function exitHalf(text) {
    const e = text.trimEnd();
    return (e.endsWith('with') || e.endsWith('code') || e.endsWith('status')) && EXIT_HALF.test(e);
}
/** The second half: just a non-zero code. */
function exitRest(text) {
    return EXIT_CODE_REST.test(text);
}
/**
 * Lines that say they passed or were skipped, or count no failures: not failures for any recogniser, whatever
 * words a test's name holds ("✓ retries after a timeout", "test_error_page ... ok", "Failures: 0, Errors: 0").
 */
const PASS_OR_ZERO = /^\s*(?:\[[\w-]{1,12}\]\s*)?(?:✓|✔|√|ok \d|ok\s*$|PASS(?:ED)?\b|--- PASS:|--- SKIP:|\[\s*(?:OK|PASS(?:ED)?)\s*\]|SKIP(?:PED)?\b)|(?:\.\.\.|:)\s*(?:ok|PASS(?:ED)?|passed|SKIP(?:PED)?|skipped)\s*$|\sPASSED(?:\s+\[\s*\d+%\])?\s*$|\b0 (?:[Ff]ailed|[Ff]ailures?|[Ee]rrors?|FAILED|FAILURES?|ERRORS?)\b|\b(?:[Ff]ailures?|[Ee]rrors?|[Ff]ailed|FAILURES?|ERRORS?|FAILED):?\s*0\b/;
const NONZERO_COUNT = /\b[1-9]\d* (?:failed|failures?|errors?)\b|\b(?:failures?|errors?|failed):?\s*[1-9]/i;
function isPassLine(text) {
    return PASS_OR_ZERO.test(text) && !NONZERO_COUNT.test(text);
}
/**
 * A command echo starts a new command segment: Travis "$ npm test", an Actions step header, a Jenkins step
 * "[job] $ sh ...".
 */
function commandStart(text) {
    const c = text.charCodeAt(0);
    if (c === 36 /* $ */)
        return text.startsWith('$ ');
    if (c === 35 /* # */)
        return text.startsWith('##[group]Run ');
    return c === 91 /* [ */ && JENKINS_ECHO.test(text);
}
const JENKINS_ECHO = /^\[[^\]\s]{1,100}\] \$ |^\[Pipeline\] (?:sh|bat|powershell|pwsh)$/;
/** A command echo that turns on the shell's trace (Jenkins runs its shell steps with `sh -xe`), or `set -x`. */
function tracesCommands(text) {
    return XTRACE_ON.test(text);
}
const XTRACE_ON = /(?:^|[\s/])(?:ba|z|da)?sh\s+-[a-wyz]*x|(?:^|[\s;+$])set\s+-[a-wyz]*x/;
/**
 * A command as the shell traces it (`+ mvn test`, `++ nested`), once tracing is on. Not a package manager's
 * "+ name@1.2.3", which looks the same.
 */
function tracedCommand(text) {
    return text.charCodeAt(0) === 43 /* + */ && XTRACED.test(text);
}
const XTRACED = /^\+{1,2} (?!\S*@\d)\S/;
/** Lines that continue a report already open: stack frames, indented detail, diff lines. */
function isContinuation(text) {
    const c = text.charCodeAt(0);
    // space, tab, '+', '-', '|', '>', '@'
    if (c === 32 || c === 9 || c === 43 || c === 45 || c === 124 || c === 62 || c === 64)
        return true;
    // A build tool's level tag ("[info] ", "[ERROR] ") in front of each line hides the indentation of a trace.
    const t = c === 91 /* [ */ ? text.replace(LEVEL_TAG, '') : text;
    const d = t.charCodeAt(0);
    return (t !== text && (d === 32 || d === 9)) || isFrameText(t);
}
/**
 * A line of a long stack trace (JVM, JavaScript, .NET, Python, Ruby): a frame, or a link between nested traces,
 * behind a build tool's level tag or not. Anchored and cheap: it is asked of every line of an open block.
 */
function isFrame(text) {
    return TRACE_LINE.test(text);
}
const TRACE_LINE = /^(?:\[[\w-]{1,12}\] )?(?:\s+(?:at |File "|from )|\s*(?:Caused by:|Suppressed:|\.\.\. \d+ (?:more|common frames omitted)$)|(?:Caused|Also): )/;
function isFrameText(t) {
    return STACK_FRAME.test(t) || TRACE_LINK.test(t);
}
const LEVEL_TAG = /^\[[\w-]{1,12}\] /;
/**
 * The links of a JVM-style stack trace: nested causes, suppressed exceptions, elided frames; Jenkins prints its
 * own traces cause first, each outer exception after "Caused: " and a suppressed one after "Also: ".
 */
const TRACE_LINK = /^(?:\s*Caused by:|\s*Suppressed:|Caused: |Also: |\s*\.\.\.(?: \d+ (?:more|common frames omitted))?$)/;

;// CONCATENATED MODULE: ./src/logs/scan.ts
// The first, cheapest pass over a log: one table-driven automaton (Aho-Corasick over character classes) run on
// whole decoded chunks, marking the lines that might say something about a failure. Only those lines are cleaned
// and go through the recognisers; on a large log this pass is most of the time spent, so it does a single table
// lookup per character and allocates nothing.
//
// It must accept every line that PREFILTER (recognisers.ts) accepts once cleaned. It runs on the raw text, so it
// sees ANSI codes, timestamps and travis markers too: the words are spelled case-folded (a superset), and the
// patterns that PREFILTER anchors at the start of a line are spelled unanchored or after what may precede them.
/** Words and marks of failure, case-folded. `\n` stands for a line start, `9` for any digit, `●` for any of ●×✗✖❯✘❌. */
// prettier-ignore
const TRIGGERS = [
    'err', 'exce', 'exit', 'expected', 'example', 'fail', 'fatal', 'trace', 'timed', 'timeout', 'time out', 'abort',
    'assert', 'alloc', 'panic', 'problem', 'crash', 'canno', "can't", 'could', 'conflict', 'collect2', 'unable', 'undef',
    'unexpected', 'satisf', 'exceed', 'offense', 'requirements', 'not ', 'non-zero', 'denied', 'dump', 'refused', 'received', 'runs,', 'invalid',
    'incompat', 'missing', 'mismatch', 'maximum', 'memory', 'violat', 'broken', 'wrong', 'what went', 'segment',
    'short test summary', 'kill', 'operation was', 'the command', '##[', '::error', '●', '***', '!!', '[-]', 'file "',
    'sanitizer', 'sigsegv', 'sigabrt', 'sigbus', 'sigill', 'sigfpe', 'signal', 'double free', 'stack smashing',
    'overflow', 'no space', 'enospc', 'quota', 'emfile', 'too many open', 'rate limit', 'completed with', 'returned',
    'job failed', 'rspec ./', 'no such file', '9: c: ', '9: w: ', '9: e: ', '9: f: ', '[pipeline] sh', '[pipeline] bat', '[pipeline] powershell', '[pipeline] pwsh',
    // Not failures, but lines the extractor must read in full: a command echo (also a shell's `+ cmd` trace), an
    // Actions marker, a travis fold, the `job<TAB>step<TAB>timestamp` prefix of `gh run view --log` (a tab then a digit).
    '$ ', 'travis_fold:', '\t9', '\n+ ', '\n++ ', 'z + ', 'z ++ ',
    // Anchored in PREFILTER: a digit list item "1) ", pytest "E   ", section rules, diffs.
    '\ne  ', 'z e  ', '9me  ', '9ke  ', '___', '** ', 'diff ', '@@ ', '--- a/', '--- b/', '+++ a/', '+++ b/'
];
// `^\s*\d+\) ` (mocha, minitest): up to 8 spaces and 3 digits, after a line start, a timestamp or a colour code.
for (const pre of ['\n', 'z ', 'm'])
    for (let sp = 0; sp <= 8; sp++)
        for (const d of ['9', '99', '999'])
            TRIGGERS.push(pre + ' '.repeat(sp) + d + ') ');
// Character classes: 0 other, 1 newline, 2-27 letters (folded), 28 digit, 29 space, 30 the test-runner marks (as
// UTF-16 code units), then one class per punctuation mark that appears in a trigger, then one per byte of the
// marks' UTF-8 encodings (the same automaton scans decoded strings and raw bytes).
const MARKS = '●×✗✖❯✘❌';
const PUNCT = `#[]:*!-",'/+@_)$\t`;
const NL = 1;
const DIGIT = 28;
const MARK = 30;
const CLS = new Uint8Array(65536);
for (let c = 97; c <= 122; c++)
    CLS[c] = CLS[c - 32] = c - 95;
for (let c = 48; c <= 57; c++)
    CLS[c] = DIGIT;
CLS[10] = NL;
CLS[32] = 29;
for (const m of MARKS)
    CLS[m.charCodeAt(0)] = MARK;
for (let i = 0; i < PUNCT.length; i++)
    CLS[PUNCT.charCodeAt(i)] = 31 + i;
const BCLS = new Uint8Array(256);
BCLS.set(CLS.subarray(0, 128));
let K = 31 + PUNCT.length;
const MARK_BYTES = [];
for (const m of MARKS) {
    const seq = [];
    for (const b of Buffer.from(m, 'utf8')) {
        if (BCLS[b] === 0)
            BCLS[b] = K++;
        seq.push(BCLS[b]);
    }
    MARK_BYTES.push(seq);
}
function classOf(ch) {
    if (ch === '9')
        return DIGIT;
    if (ch === '\n')
        return NL;
    return CLS[ch.charCodeAt(0)] ?? 0;
}
// Aho-Corasick: a trie over classes, failure links by breadth-first search, then a full transition table.
// Entries hold the next state already multiplied by K, and negated (minus one) when that state accepts, so the
// scan does one lookup, one add and one sign test per character.
const DELTA = build();
/** State (times K) after a newline: where every line starts. */
const AFTER_NL = DELTA[NL];
function build() {
    const next = [new Array(K).fill(-1)];
    const out = [false];
    const patterns = TRIGGERS.map(t => [...t].map(classOf)).concat(MARK_BYTES);
    for (const t of patterns) {
        let s = 0;
        for (const c of t) {
            const row = next[s];
            if ((row[c] ?? -1) < 0) {
                row[c] = next.length;
                next.push(new Array(K).fill(-1));
                out.push(false);
            }
            s = row[c];
        }
        out[s] = true;
    }
    const n = next.length;
    const goto = new Int32Array(n * K);
    const fail = new Int32Array(n);
    const acc = new Uint8Array(n);
    const queue = [];
    const root = next[0];
    for (let c = 0; c < K; c++) {
        const t = root[c] ?? -1;
        goto[c] = t < 0 ? 0 : t;
        if (t > 0)
            queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
        const s = queue[qi];
        acc[s] = out[s] || acc[fail[s]] === 1 ? 1 : 0;
        const row = next[s];
        for (let c = 0; c < K; c++) {
            const t = row[c] ?? -1;
            const viaFail = goto[fail[s] * K + c];
            if (t < 0)
                goto[s * K + c] = viaFail;
            else {
                goto[s * K + c] = t;
                fail[t] = viaFail;
                queue.push(t);
            }
        }
    }
    const d = new Int32Array(n * K);
    for (let i = 0; i < d.length; i++) {
        const t = goto[i];
        d[i] = acc[t] === 1 ? -(t * K) - 1 : t * K;
    }
    return d;
}
/**
 * Marks the lines of s[from, to) that contain a trigger: pushes, for each such line, the position of the end of
 * its first trigger. Positions come in increasing order, at most one per line. `from` must be a line start.
 */
function scanTriggers(s, from, to, hits) {
    const d = DELTA;
    const cls = CLS;
    let st = AFTER_NL;
    for (let i = from; i < to; i++) {
        st = d[st + cls[s.charCodeAt(i)]];
        if (st < 0) {
            hits.push(i);
            const nl = s.indexOf('\n', i);
            if (nl === -1 || nl >= to)
                return;
            i = nl;
            st = AFTER_NL;
        }
    }
}
/**
 * scanTriggers over raw UTF-8 bytes b[from, to), which also writes the position of every newline into `ends` (as
 * long as b[from, to)) and returns how many: the caller then splits lines without a call per line.
 */
function scanTriggerBytes(b, from, to, hits, ends) {
    const d = DELTA;
    const cls = BCLS;
    let st = AFTER_NL;
    let k = 0;
    for (let i = from; i < to; i++) {
        const c = cls[b[i]];
        if (c === NL)
            ends[k++] = i;
        st = d[st + c];
        if (st < 0) {
            hits.push(i);
            const nl = b.indexOf(10, i);
            if (nl === -1 || nl >= to)
                return k;
            ends[k++] = nl;
            i = nl;
            st = AFTER_NL;
        }
    }
    return k;
}
/** True when a single line contains a trigger. */
function hasTrigger(line) {
    const hits = [];
    scanTriggers(line, 0, line.length, hits);
    return hits.length > 0;
}

;// CONCATENATED MODULE: ./src/logs/extractor.ts





const DEFAULT_MAX_TOKENS = 4000;
/** Longest cleaned line kept in a block; a longer line is kept as its prefix (a data dump is not a reason). */
const MAX_KEPT_CHARS = 3000;
const RING = 48; // recent non-empty lines kept for context before a block
const PRE_CONTEXT = 5; // lines shown before an ordinary block
const EXIT_CONTEXT = 12; // lines shown before a failed command's exit line: its last output
const POST_CONTEXT = 4; // lines kept after a block's last hit
const GAP = 4; // non-matching lines after which a block closes
const OPEN_GAP = 60; // the same inside a structured report (traceback, FAILURES section...)
const MAX_CONTINUATION = 40; // indented detail and lists that follow a hit
const MAX_FRAMES = 200; // consecutive stack trace lines that continue a block
const MAX_BLOCK_LINES = 300; // a longer run is split into several candidates
const MAX_CANDIDATES = 400; // candidates kept; beyond this the weakest go
const NEAR_EXIT_BONUS = 8; // for the last candidates before a failed command's exit
const SOFT_TOKENS = 1000; // blocks beyond the best one are added up to this many tokens...
const CLOSE_TOKENS = 3800; // ...or up to this many when they score at least CLOSE_RATIO of the best one
const CLOSE_RATIO = 0.4;
const SIZE_W = 2; // rank penalty per doubling of a candidate beyond 2,000 tokens
const MIN_OPEN_SCORE = 2; // weakest line that opens a block on its own
const CASCADE_MIN = 3; // candidates of one recogniser in one segment that make a cascade
const SCAN_WINDOW = 1 << 16; // bytes scanned at once (newline table of 256 KB)
const REMEMBERED = 4096; // classified line texts remembered (a power of two)
const HEAD_LOOKBACK = 16; // how far above a block's first hit its header may sit
const PART_MIN_TOKENS = 100;
const MAX_STEPS = 1000; // Actions steps whose Run line is remembered
const MAX_RUN_CHARS = 300; // of a Run line shown above its step's failure
const SEEN_SET_LINES = 24; // lines of a candidate from which repeats are looked up in a set
const WEAK_FACTOR = 0.25; // what a line also printed by a green run is worth // smallest rest of a budget worth showing the start of one more block in
const extractor_NONE = { score: 0, kind: 'score', exit: false, opens: false };
/** The code half of a split exit line: the two halves make one exit line. */
const SPLIT_EXIT = { score: 6, kind: 'exit-code', exit: true, opens: false };
const INF = Number.MAX_SAFE_INTEGER;
const tokensOf = (chars) => Math.ceil(chars / 4);
const lineChars = (l) => l.text.length + 1;
class extractor_FailureExtractor {
    maxTokens;
    weak;
    splitter;
    n = 0;
    // Recent lines, for context: line number, text, and whether the text is still raw (cleaned only when used).
    ringN = new Float64Array(RING);
    ringText = new Array(RING).fill('');
    /** For a raw line: its span in ringText (a whole chunk) or in ringBuf; cleaned lines have ringEnd -1. */
    ringBuf = new Array(RING).fill(null);
    ringStart = new Int32Array(RING);
    ringEnd = new Int32Array(RING);
    ringPos = 0;
    hits = [];
    /** Newline positions of the chunk being read (runBytes), reused. */
    ends = new Int32Array(SCAN_WINDOW + 1);
    /** Inside a CI system's own setup section (Travis worker and system information). */
    setup = false;
    /** The shell traces the commands it runs (`+ cmd`): each one starts a segment. */
    xtrace = false;
    /** The last line was the first half of a split exit line: the next one takes the full path. */
    half = false;
    /** Ring entries up to this line number hold their own copies. */
    ringDetached = 0;
    open;
    lastKeptN = 0;
    candidates = [];
    segment = 0;
    /** First line of the current command segment: context never reaches back past it. */
    segmentStart = 0;
    failedSegments = new Set();
    step;
    failedStep;
    /** The `##[group]Run ...` line of each Actions step, by segment. */
    runLines = new Map();
    ended;
    seenText = new Array(REMEMBERED).fill('');
    seenInfo = new Array(REMEMBERED).fill(extractor_NONE);
    constructor(opts = {}) {
        const max = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
        this.maxTokens = Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_MAX_TOKENS;
        this.weak = opts.weak;
        this.splitter = new LineSplitter(raw => {
            const line = flat(raw);
            this.line(line, hasTrigger(line));
        }, (s, from, to) => this.run(s, from, to), (b, from, to) => this.runBytes(b, from, to));
    }
    push(chunk) {
        if (this.ended)
            throw new Error('FailureExtractor: push() after end()');
        this.splitter.push(chunk);
    }
    end() {
        if (this.ended)
            return this.ended;
        this.splitter.end();
        this.close();
        this.ended = this.select();
        return this.ended;
    }
    /**
     * The lines s[from, to) of one chunk. Most lines of a log say nothing and open no block: for them only the
     * line number and the raw text (cleaned later if it becomes context) are kept. Lines with a trigger (scan.ts:
     * failure words, and also command echoes, Actions markers, travis folds and `gh` step prefixes) and lines inside
     * an open block take the full path.
     */
    run(s, from, to) {
        const hits = this.hits;
        hits.length = 0;
        scanTriggers(s, from, to, hits);
        let h = 0;
        let p = from;
        while (p < to) {
            const nl = s.indexOf('\n', p);
            const end = nl - p > MAX_LINE_CHARS ? p + MAX_LINE_CHARS : nl;
            while (h < hits.length && hits[h] < p)
                h++;
            const hit = h < hits.length && hits[h] < nl;
            if (hit || this.open !== undefined || this.half) {
                // A copy: a slice would keep the whole chunk alive in whatever keeps the line.
                this.line(flat(s.slice(p, end)), hit);
            }
            else {
                const n = ++this.n;
                if (!blank(s, p, nl))
                    this.rememberRaw(n, s, p, end);
            }
            p = nl + 1;
        }
        this.detachRing();
    }
    /** The same as run(), on the raw bytes of a Buffer chunk: only the lines that take the full path are decoded. */
    runBytes(b, from, to) {
        // In windows of whole lines, so that the newline table stays small whatever a caller pushes at once.
        for (let w = from; w < to;) {
            let e = to;
            if (to - w > SCAN_WINDOW) {
                const nl = b.lastIndexOf(10, w + SCAN_WINDOW - 1);
                e = nl >= w ? nl + 1 : b.indexOf(10, w + SCAN_WINDOW) + 1;
            }
            this.scanWindow(b, w, e);
            w = e;
        }
        this.detachRing(b);
    }
    /** runBytes on b[from, to), at most SCAN_WINDOW bytes of lines and the one line that crosses its end. */
    scanWindow(b, from, to) {
        const hits = this.hits;
        hits.length = 0;
        const ends = this.ends;
        const lines = scanTriggerBytes(b, from, to, hits, ends);
        let h = 0;
        let p = from;
        for (let k = 0; k < lines; k++) {
            const nl = ends[k];
            // A line longer than MAX_LINE_CHARS bytes may still be shorter in characters: decoded now and cut as a string
            // chunk's line is, so that bytes and strings give the same lines.
            const long = nl - p > MAX_LINE_CHARS ? longLine(b, p, nl) : undefined;
            while (h < hits.length && hits[h] < p)
                h++;
            const hit = h < hits.length && hits[h] < nl;
            if (hit || this.open !== undefined || this.half) {
                this.line(long ?? b.toString('utf8', p, nl), hit);
            }
            else {
                const n = ++this.n;
                if (!blankBytes(b, p, nl)) {
                    if (long === undefined)
                        this.rememberBytes(n, b, p, nl);
                    else
                        this.rememberRaw(n, long, 0, long.length);
                }
            }
            p = nl + 1;
        }
    }
    /** Copies the recent lines still pointing into the chunk, so that the chunk itself can be collected young. */
    detachRing(chunk) {
        // Raw bytes of this chunk: one copy of the span they cover (the chunk's last lines), not one per line.
        let lo = INF;
        let hi = -1;
        for (let j = 0; j < RING; j++) {
            if (chunk === undefined || this.ringBuf[j] !== chunk)
                continue;
            lo = Math.min(lo, this.ringStart[j]);
            hi = Math.max(hi, this.ringEnd[j]);
        }
        const copy = chunk !== undefined && hi >= 0 ? Buffer.from(chunk.subarray(lo, hi)) : undefined;
        for (let j = 0; j < RING; j++) {
            const n = this.ringN[j];
            if (n <= this.ringDetached)
                continue;
            const rawEnd = this.ringEnd[j];
            if (this.ringBuf[j] !== null) {
                if (copy !== undefined && this.ringBuf[j] === chunk) {
                    this.ringBuf[j] = copy;
                    this.ringStart[j] = this.ringStart[j] - lo;
                    this.ringEnd[j] = rawEnd - lo;
                }
            }
            else if (rawEnd >= 0) {
                const text = flat(this.ringText[j].slice(this.ringStart[j], rawEnd));
                this.ringText[j] = text;
                this.ringStart[j] = 0;
                this.ringEnd[j] = text.length;
            }
            else
                this.ringText[j] = flat(this.ringText[j]);
        }
        this.ringDetached = this.n;
    }
    line(raw, trigger) {
        let hit = trigger;
        if (raw.indexOf('travis_fold:') !== -1) {
            const m = SETUP_FOLD.exec(raw);
            if (m)
                this.setup = m[1] === 'start';
        }
        if (this.setup)
            hit = false;
        const n = ++this.n;
        const cl = cleanLine(raw);
        let text = own(cl.text, raw);
        if (cl.ghStep !== undefined && cl.ghStep !== this.step) {
            this.step = flat(cl.ghStep);
            this.newSegment(n);
        }
        if (text.length === 0)
            return;
        // Actions workflow commands that only structure the log are not shown.
        if (text.startsWith('##[')) {
            if (text.startsWith('##[group]')) {
                if (text.startsWith('##[group]Run ') && cl.ghStep === undefined)
                    this.step = flat(text.slice(13, 13 + MAX_RUN_CHARS));
                if (commandStart(text)) {
                    this.newSegment(n + 1);
                    // Each step runs its own shell: traced only if this one turns tracing on.
                    this.xtrace = tracesCommands(text);
                    // The step's command, shown above the failure when this step fails, as the Actions UI shows it.
                    if (this.runLines.size < MAX_STEPS)
                        this.runLines.set(this.segment, { n, text: flat(text.slice(9, 9 + MAX_RUN_CHARS)), score: 0 });
                }
                this.close();
                return;
            }
            if (text.startsWith('##[endgroup]'))
                return;
        }
        // A copy of the part kept: the line it is cut from may be 64 K characters.
        if (text.length > MAX_KEPT_CHARS)
            text = flat(text.slice(0, MAX_KEPT_CHARS));
        if (commandStart(text)) {
            this.close();
            this.newSegment(n);
            // A Jenkins build step (`[job] $ /bin/sh -xe ...`) runs a new shell; Travis's `$ cmd` lines share one.
            if (text.charCodeAt(0) === 91 /* [ */)
                this.xtrace = tracesCommands(text);
            else if (tracesCommands(text))
                this.xtrace = true;
        }
        else if (this.xtrace && tracedCommand(text) && this.open?.kind !== 'diff') {
            // With the shell's trace on, each traced command starts a segment as an echo does (not inside a diff,
            // whose added lines may look the same).
            this.close();
            this.newSegment(n);
        }
        let info = hit ? this.classify(text) : extractor_NONE;
        if (this.half && exitRest(text))
            info = SPLIT_EXIT;
        else if (info.score > 0 && !info.exit && this.weak?.has(normaliseLine(text)) === true)
            info = { ...info, score: info.score * WEAK_FACTOR, opens: false };
        this.half = hit && exitHalf(text);
        const kept = { n, text, score: info.score };
        if (info.exit || (info.kind === 'gh-error' && /exit code [1-9]/.test(text))) {
            this.failedSegments.add(this.segment);
            if (this.failedStep === undefined && this.step !== undefined)
                this.failedStep = this.step;
        }
        const open = this.open;
        if (open) {
            // Indented detail, stack frames and list items go on with what the block reported.
            // A stack trace goes on as long as its frames follow one another (a JUnit 5 trace has some 80), up to a bound.
            const frame = isFrame(text);
            const detail = info.score === 0 &&
                ((open.idle < MAX_CONTINUATION && isContinuation(text)) ||
                    (frame && open.frames > 0 && open.frames < MAX_FRAMES)) &&
                !isPassLine(text);
            open.frames = frame ? open.frames + 1 : 0;
            const cont = info.score > 0 || detail || open.idle < (open.opens ? OPEN_GAP : GAP);
            if (cont && open.lines.length + open.folded < MAX_BLOCK_LINES) {
                // The exit line of the command whose output this block reports: what the command printed before the block
                // (as far as the recent lines reach) may fill what the budget leaves, as for a block the exit line opens.
                if (info.exit && open.fill === undefined && open.lines[0] !== undefined)
                    open.fill = this.fillOf(this.recent(RING, true, open.lines[0].n, open.floor));
                this.add(open, kept, info.kind, info.opens, info.exit);
                if (detail) {
                    open.lastHit = n;
                    if (open.opens)
                        open.idle = 0;
                }
                this.remember(kept);
                return;
            }
            this.close();
        }
        if (info.score >= MIN_OPEN_SCORE || info.exit) {
            const c = this.start(info.exit || info.summary === true ? EXIT_CONTEXT : PRE_CONTEXT, info.exit);
            this.add(c, kept, info.kind, info.opens, info.exit);
            this.open = c;
        }
        this.remember(kept);
    }
    /**
     * classify(), remembered for recent texts: logs repeat their lines (retries, progress, the same warning), and
     * classifying is most of the cost of a line that has a trigger. A direct-mapped table indexed by a hash of the text
     * (at most MAX_KEPT_CHARS): unlike a Map, it allocates nothing per lookup and does not make V8 grow the young
     * generation (a Map here cost 80 MB of peak RSS on the 350 MB benchmark log).
     */
    classify(text) {
        // Hashed on its length and its first and last 32 characters: similar lines may share a slot, equal ones always do.
        const len = text.length;
        let h = len;
        const head = len < 64 ? len : 32;
        for (let i = 0; i < head; i++)
            h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
        for (let i = len < 64 ? len : len - 32; i < len; i++)
            h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
        const slot = (h ^ (h >>> 13)) & (REMEMBERED - 1);
        if (this.seenText[slot] === text)
            return this.seenInfo[slot];
        const info = classify(text);
        this.seenText[slot] = text;
        this.seenInfo[slot] = info;
        return info;
    }
    newSegment(first) {
        this.segment++;
        this.segmentStart = first;
    }
    remember(k) {
        this.ringN[this.ringPos] = k.n;
        this.ringText[this.ringPos] = k.text;
        this.ringBuf[this.ringPos] = null;
        this.ringEnd[this.ringPos] = -1;
        this.ringPos = (this.ringPos + 1) % RING;
    }
    rememberBytes(n, b, start, end) {
        const i = this.ringPos;
        this.ringN[i] = n;
        this.ringBuf[i] = b;
        this.ringStart[i] = start;
        this.ringEnd[i] = end;
        this.ringPos = i + 1 === RING ? 0 : i + 1;
    }
    rememberRaw(n, s, start, end) {
        const i = this.ringPos;
        this.ringN[i] = n;
        this.ringText[i] = s;
        this.ringBuf[i] = null;
        this.ringStart[i] = start;
        this.ringEnd[i] = end;
        this.ringPos = i + 1 === RING ? 0 : i + 1;
    }
    /**
     * Up to `max` recent non-empty lines before line `below`, newest first; `free` stops at lines of another block
     * (up to line `floor`) or of another command.
     */
    recent(max, free, below = INF, floor = this.lastKeptN) {
        const pre = [];
        for (let i = 1; i <= RING && pre.length < max; i++) {
            const j = (this.ringPos - i + RING) % RING;
            const n = this.ringN[j];
            if (n >= below)
                continue;
            if (n === 0 || (free && (n <= floor || n < this.segmentStart)))
                break;
            let text = this.ringText[j];
            const rawEnd = this.ringEnd[j];
            if (rawEnd >= 0) {
                // A raw line: clean it now, as the full path would have.
                const buf = this.ringBuf[j];
                const raw = buf
                    ? buf.toString('utf8', this.ringStart[j], rawEnd)
                    : flat(text.slice(this.ringStart[j], rawEnd));
                text = own(cleanLine(raw).text, raw);
                if (text.length > MAX_KEPT_CHARS)
                    text = flat(text.slice(0, MAX_KEPT_CHARS));
                if (text.length === 0 || text.startsWith('##['))
                    continue;
            }
            pre.push({ n, text, score: 0 });
        }
        return pre;
    }
    /** Nothing recognised: the log's last lines are the best guess (they stay within the budget in fit()). */
    tail() {
        const lines = this.recent(RING, false).reverse();
        const last = lines[lines.length - 1];
        if (last === undefined)
            return undefined;
        const c = this.empty();
        c.kind = 'tail';
        for (const k of lines)
            this.add(c, k, 'tail', false, false);
        // fit() keeps what fits before the strongest line: make it the last one.
        last.score = 1;
        c.max = 1;
        return c;
    }
    empty() {
        const c = {
            kind: 'score',
            kindScore: 0,
            segment: this.segment,
            lines: [],
            lastHit: 0,
            idle: 0,
            opens: false,
            hasExit: false,
            says: false,
            folded: 0,
            frames: 0,
            sum: 0,
            max: 0,
            chars: 0
        };
        if (this.step !== undefined)
            c.step = this.step;
        return c;
    }
    start(context, exit = false) {
        let pre = this.recent(exit ? RING : HEAD_LOOKBACK, true);
        // Reports start with a header ("N problems:", "Issues:", "... appears to be used:") some lines above the first
        // line that says failure: reach back to the nearest one, else keep the usual context.
        let keep = Math.min(context, pre.length);
        for (let i = context; i < pre.length; i++) {
            if (isHeader(pre[i].text)) {
                keep = i + 1;
                break;
            }
        }
        const c = this.empty();
        c.floor = this.lastKeptN;
        // A failed command's earlier output: shown, nearest the exit first, if the budget has room at the end.
        if (exit && keep < pre.length)
            c.fill = this.fillOf(pre.slice(keep));
        pre = pre.slice(0, keep).reverse();
        for (const k of pre)
            this.add(c, { n: k.n, text: k.text, score: 0 }, 'score', false, false);
        return c;
    }
    /** Earlier output of a failed command, nearest its exit first, without what a green run also printed. */
    fillOf(pre) {
        const weak = this.weak;
        const out = [];
        for (const k of pre)
            if (weak === undefined || !weak.has(normaliseLine(k.text)))
                out.push({ n: k.n, text: dropJunk(k.text), score: 0 });
        return out;
    }
    add(c, k, kind, opens, exit) {
        // Texts reach here as copies or as parts of one decoded line (line(), recent()), never as slices of a chunk.
        k.text = dropJunk(k.text);
        this.lastKeptN = k.n;
        // Each line once: fifty failures with the same frames fit (a marker at the end says how many were folded).
        if (this.repeated(c, k.text))
            c.folded++;
        else {
            c.seen?.add(k.text);
            c.lines.push(k);
            c.chars += k.text.length + 1;
        }
        if (k.score > 0) {
            c.lastHit = k.n;
            c.idle = 0;
            c.sum += k.score;
            if (k.score > c.max)
                c.max = k.score;
            // The block is named after its strongest specific recogniser.
            if (kind !== 'score' && kind !== 'exit-code' && k.score > c.kindScore) {
                c.kind = kind;
                c.kindScore = k.score;
            }
            else if (c.kindScore === 0 && kind === 'exit-code')
                c.kind = kind;
        }
        else
            c.idle++;
        if (opens)
            c.opens = true;
        if (exit)
            c.hasExit = true;
        // Exit lines and the build's closing status ("Done. Your build exited with 1", "Finished: FAILURE") say that
        // something failed, not what.
        else if (k.score >= MIN_OPEN_SCORE && kind !== 'exit-code')
            c.says = true;
    }
    /** The candidate already holds this text (a set once it is long enough to be worth one). */
    repeated(c, text) {
        if (c.seen !== undefined)
            return c.seen.has(text);
        const lines = c.lines;
        for (let i = 0; i < lines.length; i++)
            if (lines[i].text === text)
                return true;
        if (lines.length >= SEEN_SET_LINES)
            c.seen = new Set(lines.map(l => l.text));
        return false;
    }
    close() {
        const c = this.open;
        if (!c)
            return;
        this.open = undefined;
        // Drop trailing lines that only waited for more; keep a few as context.
        let end = c.lines.length;
        let after = 0;
        for (const l of c.lines)
            if (l.n > c.lastHit)
                after++;
        while (end > 1 && after > POST_CONTEXT) {
            end--;
            after--;
        }
        if (end < c.lines.length) {
            c.lines.length = end;
            c.chars = c.lines.reduce((s, l) => s + l.text.length + 1, 0);
            // The dropped lines are free again: the next block may take them as its context (often its header).
            this.lastKeptN = c.lines[end - 1]?.n ?? this.lastKeptN;
        }
        delete c.seen;
        if (c.max === 0)
            return;
        const last = c.lines[c.lines.length - 1];
        if (c.folded > 0 && last !== undefined) {
            const text = foldMark(c.folded);
            c.lines.push({ n: last.n, text, score: 0, mark: true });
            c.chars += text.length + 1;
        }
        this.candidates.push(c);
        if (this.candidates.length > MAX_CANDIDATES) {
            // Keep the strongest by what they say, and the most recent (failures tend to be near the end).
            const recent = this.candidates.slice(-MAX_CANDIDATES / 4);
            const rest = this.candidates.slice(0, -MAX_CANDIDATES / 4);
            rest.sort((a, b) => intrinsic(b) - intrinsic(a));
            this.candidates = rest
                .slice(0, MAX_CANDIDATES / 2)
                .concat(recent)
                .sort((a, b) => (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0));
        }
    }
    select() {
        const total = this.n;
        if (this.candidates.length === 0) {
            const t = this.tail();
            if (t)
                this.candidates.push(t);
        }
        const failed = this.failedSegments;
        // A failed command that printed nothing but its exit line (a grep over the previous command's report, a script's
        // `+ exit 1` after the command that failed) is explained by the nearest command before it that said something.
        const saying = new Set(this.candidates.filter(c => c.says).map(c => c.segment));
        for (const f of [...failed]) {
            if (saying.has(f) || f <= 1)
                continue;
            let before = -1;
            for (const s of saying)
                if (s < f && s > before)
                    before = s;
            failed.add(before >= 0 ? before : f - 1);
        }
        const anyFailed = failed.size > 0;
        // Rank of each candidate from the end of its command segment: the last output before a failed
        // command's exit line most often explains it.
        const fromEnd = new Map();
        const perSegment = new Map();
        for (let i = this.candidates.length - 1; i >= 0; i--) {
            const c = this.candidates[i];
            if (!c)
                continue;
            const r = perSegment.get(c.segment) ?? 0;
            fromEnd.set(c, r);
            perSegment.set(c.segment, r + 1);
        }
        const cascade = cascades(this.candidates);
        const scored = this.candidates.map(c => {
            let s = intrinsic(c);
            if (this.failedSegments.has(c.segment))
                s += NEAR_EXIT_BONUS * 0.5 ** (fromEnd.get(c) ?? 0);
            if (anyFailed)
                s *= this.failedSegments.has(c.segment) ? 2 : 0.6;
            if (c.hasExit)
                s += 4;
            // A candidate far larger than the budget is mostly not the explanation (a warnings summary, a data dump).
            s -= SIZE_W * Math.max(0, Math.log2(tokensOf(c.chars) / 2000));
            // Later blocks are more often the cause; earlier ones are often warnings the build survived.
            s += 3 * ((c.lines[c.lines.length - 1]?.n ?? 0) / Math.max(1, total));
            return { c, s };
        });
        // The first failure of a cascade stands for all of it: it ranks as its best member, the rest follow as headlines.
        const leadScore = new Map();
        for (const { c, s } of scored) {
            const lead = cascade.get(c);
            if (lead !== undefined)
                leadScore.set(lead, Math.max(leadScore.get(lead) ?? -INF, s));
        }
        for (const x of scored) {
            const b = leadScore.get(x.c);
            if (b !== undefined)
                x.s = b + 0.01;
        }
        scored.sort((a, b) => b.s - a.s);
        // Most failures are explained in far fewer tokens than the hard budget: stop adding blocks at a softer one.
        // How soft depends on how sure the ranking is: candidates that score close to the best one may well be the
        // failure, so they may use more of the budget than the rest.
        const soft = Math.min(this.maxTokens, SOFT_TOKENS);
        const close = Math.min(this.maxTokens, CLOSE_TOKENS);
        const best = scored[0]?.s ?? 0;
        const chosen = [];
        let used = 0;
        // A retried command prints the same failure again: one copy is enough.
        const seen = new Set();
        let skipped;
        for (const { c, s } of scored) {
            const key = c.lines.map(l => l.text).join('\n');
            if (seen.has(key))
                continue;
            seen.add(key);
            const t = tokensOf(c.chars);
            if (chosen.length === 0) {
                chosen.push(c);
                used += Math.min(t, this.maxTokens);
                continue;
            }
            const limit = s >= CLOSE_RATIO * best ? close : soft;
            if (used + t > limit) {
                // A later failure of a cascade that does not fit is still named by its headline.
                const lead = cascade.get(c);
                if (lead !== undefined && lead !== c) {
                    const line = headline(c);
                    if (used + tokensOf(line.chars) <= limit) {
                        chosen.push(line);
                        used += tokensOf(line.chars);
                    }
                    continue;
                }
                // What is left of the soft budget still shows the start of the next block, where its report begins (a test
                // suite's first failure whose detail runs long). Blocks that score close to the best one may use the larger
                // budget: the best of them that did not fit gets what is left of it, once all others are in.
                const part = limit === soft && limit - used >= PART_MIN_TOKENS ? head(c, limit - used) : undefined;
                if (part) {
                    chosen.push(part);
                    used += tokensOf(part.chars);
                }
                else if (limit === close && skipped === undefined)
                    skipped = c;
                continue;
            }
            chosen.push(c);
            used += t;
        }
        if (skipped !== undefined && close - used >= PART_MIN_TOKENS) {
            const part = head(skipped, close - used);
            if (part)
                chosen.push(part);
        }
        // What the soft budget leaves shows more of the failed commands' output, nearest their exit lines first.
        for (let i = 0; i < chosen.length && used < soft; i++) {
            const c = chosen[i];
            if (c.fill === undefined || c.fill.length === 0)
                continue;
            const first = c.lines[0]?.n ?? 0;
            const more = [];
            let chars = 0;
            for (const k of c.fill) {
                const t = tokensOf(chars + k.text.length + 1);
                if (k.n >= first || used + t > soft)
                    break;
                more.push(k);
                chars += k.text.length + 1;
            }
            if (more.length === 0)
                continue;
            chosen[i] = { ...c, lines: [...more.reverse(), ...c.lines], chars: c.chars + chars };
            used += tokensOf(chars);
        }
        chosen.sort((a, b) => (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0));
        // A failed Actions step: its `Run` command heads its first block.
        for (let i = 0; i < chosen.length; i++) {
            const c = chosen[i];
            const run = failed.has(c.segment) ? this.runLines.get(c.segment) : undefined;
            if (run === undefined || (c.lines[0]?.n ?? 0) <= run.n)
                continue;
            chosen[i] = { ...c, lines: [run, ...c.lines], chars: c.chars + run.text.length + 1 };
            this.runLines.delete(c.segment);
        }
        const blocks = fit(chosen, this.maxTokens);
        const tokens = tokensOf(blocks.reduce((s, b) => s + b.lines.reduce((t, l) => t + lineChars(l), 0), 0));
        const ex = { blocks, tokens, totalLines: total };
        if (this.failedStep !== undefined)
            ex.failedStep = this.failedStep;
        return ex;
    }
}
// Travis's own sections about the machine (before any command of the build runs): nothing there is a failure,
// though sudo and zip print words like "timeout" and "error messages".
const SETUP_FOLD = /travis_fold:(start|end):(worker_info|system_info)\b/;
function blankBytes(b, p, nl) {
    for (let i = p; i < nl; i++) {
        const c = b[i];
        if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 13)
            return false;
    }
    return true;
}
/** The line s[p, nl) is empty or only white space. */
function blank(s, p, nl) {
    for (let i = p; i < nl; i++) {
        const c = s.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 11 && c !== 12)
            return false;
    }
    return true;
}
/**
 * Cascades: CASCADE_MIN or more candidates of one recogniser in one command segment (a test suite's failures).
 * Maps each member to the first one of its cascade.
 */
function cascades(cands) {
    const groups = new Map();
    for (const c of cands) {
        if (c.kind === 'score' || c.kind === 'exit-code')
            continue;
        const key = `${c.segment}\t${c.kind}\t${c.kindScore}`;
        const g = groups.get(key);
        if (g)
            g.push(c);
        else
            groups.set(key, [c]);
    }
    const lead = new Map();
    for (const g of groups.values()) {
        if (g.length < CASCADE_MIN)
            continue;
        for (const c of g)
            lead.set(c, g[0]);
    }
    return lead;
}
/** A candidate cut to its strongest line: one failure of a cascade, named. */
function headline(c) {
    const k = c.lines.find(l => l.score === c.max);
    return k === undefined ? c : { ...c, lines: [k], chars: k.text.length + 1, sum: k.score };
}
/** The line that ends a block whose repeated lines were folded. */
function foldMark(count) {
    return `[fixflow: ${count} repeated line${count === 1 ? '' : 's'} folded]`;
}
const FOLD_MARK = /^\[fixflow: \d+ repeated lines? folded\]$/;
/** A line that introduces what follows: not indented, short, ending in a colon ("Issues:", "3 problems:"). */
function isHeader(text) {
    const c = text.charCodeAt(0);
    return text.length < 200 && c !== 32 && c !== 9 && text.endsWith(':') && !text.endsWith('::');
}
/** The first MAX_LINE_CHARS characters of the long line b[p, nl), as its own string. */
function longLine(b, p, nl) {
    // At most 3 bytes a UTF-16 unit: enough bytes for MAX_LINE_CHARS units, whatever the characters.
    const s = b.toString('utf8', p, Math.min(nl, p + 3 * MAX_LINE_CHARS));
    return s.length > MAX_LINE_CHARS ? flat(s.slice(0, MAX_LINE_CHARS)) : s;
}
/**
 * The cleaned text of a raw line, as a copy when it is much shorter: cleaning returns a slice (the last `\r` rewrite
 * of a 60 KB progress bar), which would keep the whole raw line alive in whatever keeps the text.
 */
function own(text, raw) {
    return raw.length - text.length > 256 ? flat(text) : text;
}
/** A copy of a string that does not share memory with the chunk it was sliced from. */
function flat(s) {
    // Concatenation then slicing makes V8 flatten into a new string of the line's own size.
    return s.length === 0 ? s : (' ' + s).slice(1);
}
/** What a candidate says on its own: its strongest line, and (with diminishing returns) how much it says. */
function intrinsic(c) {
    return c.max * 2 + Math.log2(1 + c.sum);
}
/** The first lines of a candidate that fit in `tokens`, as a candidate of its own (undefined when none fit). */
function head(c, tokens) {
    let chars = 0;
    let k = 0;
    while (k < c.lines.length && tokensOf(chars + lineChars(c.lines[k])) <= tokens) {
        chars += lineChars(c.lines[k]);
        k++;
    }
    return k === 0 ? undefined : { ...c, lines: c.lines.slice(0, k), chars };
}
/** Turns candidates into blocks whose lines together stay within the budget. */
function fit(chosen, maxTokens) {
    const budget = maxTokens * 4;
    let used = 0;
    const blocks = [];
    for (const c of chosen) {
        // A block larger than what is left keeps the part around its strongest line (the first one, when several are
        // as strong), as much as fits before it first: a failed command's exit line after a long run of output that
        // only mentions failure is not cut off.
        let from = 0;
        let to = c.lines.length;
        if (used + c.chars > budget) {
            let m = 0;
            while (m < c.lines.length - 1 && c.lines[m].score < c.max)
                m++;
            let room = budget - used;
            from = m + 1;
            while (from > 0 && room >= lineChars(c.lines[from - 1]))
                room -= lineChars(c.lines[--from]);
            to = m + 1;
            while (to < c.lines.length && room >= lineChars(c.lines[to]))
                room -= lineChars(c.lines[to++]);
        }
        const lines = [];
        for (let i = from; i < to; i++) {
            const k = c.lines[i];
            if (k.mark === true && lines.length === 0)
                continue;
            lines.push({ n: k.n, text: k.text });
            used += k.text.length + 1;
        }
        if (lines.length === 0)
            continue;
        const b = { kind: c.kind, lines };
        if (c.step !== undefined)
            b.step = c.step;
        blocks.push(b);
    }
    return blocks;
}

;// CONCATENATED MODULE: ./src/logs/extract.ts



/** Extracts the failure blocks of a log held in memory. */
function extractText(log, opts) {
    const ex = new FailureExtractor(opts);
    // Feed in slices so that a huge string is handled like a stream.
    const step = 1 << 20;
    for (let i = 0; i < log.length; i += step)
        ex.push(log.slice(i, i + step));
    return ex.end();
}
/** Extracts the failure blocks of a streamed log (a job log download, a file stream, stdin). */
async function extractStream(chunks, opts) {
    const ex = new extractor_FailureExtractor(opts);
    for await (const chunk of chunks)
        ex.push(chunk);
    return ex.end();
}
/** The block lines, in log order, one per line; blocks are separated by nothing (line numbers tell the gaps). */
function formatExtraction(ex) {
    const out = [];
    for (const b of ex.blocks)
        for (const l of b.lines)
            out.push(l.text);
    return out.join('\n');
}


/***/ })

};
