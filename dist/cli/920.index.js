export const id = 920;
export const ids = [920];
export const modules = {

/***/ 4920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QW: () => (/* binding */ extractStream),
  Jz: () => (/* binding */ formatExtraction)
});

// UNUSED EXPORTS: DEFAULT_MAX_TOKENS, FailureExtractor, extractText

;// CONCATENATED MODULE: ./src/logs/clean.ts
// Line cleaning: what a person reading the log in a terminal or in the Actions UI would see.
// Kept deliberately close to the scorer's normalisation (shared/tools/eval_extract.py) so that a cleaned
// line is still recognisably the log's own line: we remove decoration, never rewrite content.
// CSI sequences, OSC sequences (BEL-terminated) and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[@-Z\\-_]/g;
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
    if (line.indexOf('\t') !== -1) {
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

// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/logs/lines.ts
// Splits a stream of bytes or strings into lines, in bounded memory.
// Buffers may split a multi-byte character: the decoder carries it over; invalid UTF-8 becomes U+FFFD.

/** Longest part of one line we keep; the rest of a longer line is dropped (binary junk, minified files). */
const MAX_LINE_CHARS = 64 * 1024;
class LineSplitter {
    onLine;
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    pending = '';
    /** The current line is longer than MAX_LINE_CHARS: ignore input until its newline. */
    skipping = false;
    constructor(onLine) {
        this.onLine = onLine;
    }
    push(chunk) {
        this.feed(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    }
    end() {
        this.feed(this.decoder.end());
        if (this.pending.length > 0 || this.skipping)
            this.onLine(this.pending);
        this.pending = '';
        this.skipping = false;
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
        if (start < s.length && !this.skipping) {
            this.pending += s.slice(start);
            if (this.pending.length > MAX_LINE_CHARS) {
                this.pending = this.pending.slice(0, MAX_LINE_CHARS);
                this.skipping = true;
            }
        }
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
    { kind: 'exit-code', re: /^Done\. Your build exited with [1-9]/, score: 2 },
    { kind: 'gh-error', re: /##\[error\]|^::error\b/, score: 7 },
    { kind: 'exit-code', re: /\b(?:exit(?:ed)? (?:with )?(?:code|status)|returned (?:a )?non-zero (?:exit )?(?:code|status)|exit status) :?\s*[1-9]\d*\b/i, score: 4 },
    { kind: 'exit-code', re: /\bError [1-9]\d*\s*$|\*\*\* \[.*\] Error \d+/, score: 3 },
    { kind: 'timeout', re: /\b(?:timed? ?out|timeout (?:of|after|exceeded)|No output has been received in the last|exceeded the maximum (?:execution )?time|The operation was canceled)/i, score: 5 },
    { kind: 'oom', re: /\b(?:Killed\s*$|OOMKilled|[Oo]ut of memory|heap out of memory|exit code 137|std::bad_alloc|MemoryError|Cannot allocate memory)/, score: 6 },
    // Python.
    { kind: 'python-traceback', re: /^\s*Traceback \(most recent call last\):/, score: 6, opens: true },
    { kind: 'python-traceback', re: /^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Failure)\b(?::|$)/, score: 6 },
    { kind: 'pytest', re: /^=+ (?:FAILURES|ERRORS) =+$|^=+ short test summary info =+$/, score: 5, opens: true },
    { kind: 'pytest', re: /^(?:FAILED|ERROR) \S+\.py|^=+ .*\b\d+ (?:failed|errors?)\b.* =+$|^E {2,}\S/, score: 6 },
    { kind: 'pytest', re: /^_{3,} .+ _{3,}$/, score: 3, opens: true },
    { kind: 'pip', re: /ResolutionImpossible|Could not find a version that satisfies|No matching distribution found|ERROR: Cannot install|conflicting dependencies|PackagesNotFoundError/, score: 7 },
    // JavaScript test runners and tools.
    { kind: 'jest', re: /^\s*FAIL\s+\S|^\s*●\s+\S|^Tests:\s+.*\b\d+ failed/, score: 6, opens: true },
    { kind: 'mocha', re: /^\s*\d+ failing\b|^\s*\d+\) \S/, score: 5, opens: true },
    { kind: 'vitest', re: /^\s*(?:×|✗|✖|❯|✘)\s+\S|^\s*(?:Test Files|Tests)\s+\d+ failed|AssertionError|Expected:|Received:/, score: 4 },
    { kind: 'npm', re: /^npm ERR!|^npm error\b|ERR_PNPM_|^error Command failed|^\s*ELIFECYCLE|^error\s+\S/, score: 4 },
    { kind: 'tsc', re: /\berror TS\d+:/, score: 7 },
    { kind: 'eslint', re: /^\s+\d+:\d+\s+error\s|^✖ \d+ problems?/, score: 6 },
    { kind: 'tap', re: /^not ok \d+/, score: 5, opens: true },
    // Go.
    { kind: 'go-test', re: /^\s*--- FAIL:|^FAIL\s|^FAIL$|^panic: |^fatal error: /, score: 6, opens: true },
    { kind: 'go-build', re: /^\S+\.go:\d+:\d+: /, score: 6 },
    // Rust.
    { kind: 'cargo', re: /^error(?:\[E\d+\])?: |thread '.*' panicked at|^test result: FAILED|^failures:$/, score: 6, opens: true },
    // JVM.
    { kind: 'maven', re: /^\[ERROR\]|BUILD FAILURE|<<< (?:FAILURE|ERROR)!|Tests run: \d+, Failures: [1-9]|Tests run: \d+, Failures: \d+, Errors: [1-9]/, score: 5 },
    { kind: 'gradle', re: /^FAILURE: Build failed|^\* What went wrong:|^> Task \S+ FAILED|^BUILD FAILED/, score: 6, opens: true },
    { kind: 'junit', re: /\*\*\*.*\bFAIL(?:ED|URE)\b|^\s*(?:[\w$]+\.)+[\w$]*(?:Exception|Error)\b/, score: 5 },
    // .NET.
    { kind: 'dotnet', re: /\berror (?:CS|MSB|NU|FS)\d+\b|^\s*Failed [\w.]+|^\s*Failed!|^\s*Error Message:/, score: 6 },
    // Ruby.
    { kind: 'rspec', re: /^Failures:$|Failure\/Error:|^rspec \.\/|\b\d+ examples?, [1-9]\d* failures?/, score: 6, opens: true },
    { kind: 'minitest', re: /^\s*\d+\) (?:Failure|Error):|^(?:Failure|Error):$|\d+ runs, \d+ assertions, [1-9]\d* failures|, [1-9]\d* errors?,|rake aborted!/, score: 6, opens: true },
    // PHP, Elixir, Erlang, Scala and other runners with a clear failure summary.
    { kind: 'test-summary', re: /^FAILURES!$|^There (?:was|were) \d+ (?:failure|error)s?:|^\d+ tests?, \d+ failures?|\b[1-9]\d* (?:tests? )?fail(?:ed|ures?)\b/, score: 4, opens: true },
    { kind: 'erlang', re: /^=ERROR REPORT====|^\*\* \(\w+\)/, score: 5, opens: true },
    // Compilers via make.
    { kind: 'compiler', re: /:\d+(?::\d+)?: (?:fatal )?error:|undefined reference to|ld returned \d+ exit status|^collect2|error: linker command failed|^make(?:\[\d+\])?: \*\*\*/, score: 6 },
    // Docker builds.
    { kind: 'docker', re: /failed to solve|executor failed running|returned a non-zero code: [1-9]|^ERROR \[|^#\d+ ERROR:/, score: 6 },
    // A diff printed by a formatter or golden-file check: the diff is the explanation.
    { kind: 'diff', re: /^diff --git |^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@|^--- a\/|^\+\+\+ b\//, score: 3, opens: true },
    // Shell.
    { kind: 'shell', re: /command not found|No such file or directory|Permission denied|not installed|: not found$/i, score: 5 },
    { kind: 'git', re: /^fatal: |^error: /, score: 5 }
];
// The general fallback: words people use when something went wrong.
const GENERIC = /\b(?:errors?|fail(?:s|ed|ure|ures|ing)?|fatal|exception|abort(?:ed|ing)?|panic(?:ked)?|crash(?:ed)?|cannot|can't|could ?n[o']t|unable to|not found|undefined|denied|refused|invalid|missing|unexpected|assert(?:ion)?|mismatch|violat(?:ion|ed)|problem|broken|wrong|segmentation|core dumped|traceback|incompatible|unsatisfi|conflict)\b/i;
const STRONG_WORD = /\b(?:ERROR|FAIL(?:ED|URE|URES)?|FATAL|Error:|Exception:|error:|failed:)/;
// Lines that mention failure words without reporting one.
const NEGATIVE = /\b0 (?:errors?|failures?|failed)\b|\b(?:errors?|failures?|failed)[:=]\s*0\b|-Werror|-Wno-error|\bwarning\b|\bWARN\b|\bPASS(?:ED)?\b|\bok\b|✓|✔|\bSKIP(?:PED)?\b|\bXFAIL\b|\bdeprecat|ignore.?errors?|on.?error|error.?handl|errors?_|_errors?|allow_failures|fast_finish|--fail|set -e/i;
const STACK_FRAME = /^\s+at |:\d+: in |^\s*\[C\]: in |^\s+File "|^\s*from \S+:\d+|^\s+\S+:\d+:in |^\s*#\d+\s+0x|^\s*\d+: 0x|\.(?:py|js|ts|rb|go|rs|java|kt|scala|cs|php|ex|exs|c|cc|cpp|h|lua|hs|swift|ps1):\d+/;
// A cheap test run on every line; only lines it accepts go through the rules above. It must accept every line
// that any rule or the generic scorer could match. Spelled case-sensitively with explicit capitals: irregexp runs
// a case-insensitive alternation about twice as slowly, and this test is most of the time spent on a large log.
const PREFILTER = /[Ee](?:rr|RR|xce|XCE|xit|XIT|xpected|xamples?,)|[Ff](?:ail|AIL|atal|ATAL)|[Tt](?:race|ime(?:d|out| out))|[Aa](?:bort|BORT|ssert|lloc)|[Pp](?:anic|ANIC|roblem)|[Cc](?:rash|an(?:no|')t|ould|onflict|ollect2)|[Uu](?:nable|ndef|nexpected|nsatisf)|[Nn](?:ot |on-zero|OT )|[Dd](?:enied|ump)|[Rr](?:efused|eceived|uns,)|[Ii](?:nvalid|ncompat)|[Mm](?:issing|ismatch|aximum|emory)|[Vv]iolat|[Bb]roken|[Ww](?:rong|hat went)|[Ss](?:egment|hort test summary)|[Kk]ill|[Oo]peration was|The command|##\[|::error|[●×✗✖❯✘]|\*\*\*|!!|\[-\]|File "|^\s*\d+\) |^E {2}|^_{3}|^\*\* |^diff |^@@ |^(?:---|\+\+\+) [ab]\//;
const NONE = { score: 0, kind: 'score', exit: false, opens: false };
/** Scores one cleaned line. Fast for the common case of a line that says nothing about a failure. */
function classify(text) {
    if (text.length === 0 || !PREFILTER.test(text))
        return NONE;
    // Very long lines (minified bundles, data dumps) are rarely the explanation; judge only their start.
    const t = text.length > 2000 ? text.slice(0, 2000) : text;
    let best;
    for (const r of RULES) {
        if ((best === undefined || r.score > best.score) && r.re.test(t))
            best = r;
    }
    if (best) {
        const exit = best.kind === 'exit-code' && /^The command ".*" (?:exited with [1-9]|failed)/.test(t);
        // A negative word only weakens a generic-ish recogniser hit, e.g. "0 failed" in a test summary.
        const score = best.kind === 'test-summary' && NEGATIVE.test(t) ? 1 : best.score;
        return { score, kind: best.kind, exit, opens: best.opens === true && score > 1 };
    }
    let score = 0;
    if (GENERIC.test(t))
        score = STRONG_WORD.test(t) ? 3 : 2;
    if (STACK_FRAME.test(t))
        score = Math.max(score, 1);
    if (score > 0 && NEGATIVE.test(t))
        score = Math.min(score, 1) * 0.5;
    if (score === 0)
        return NONE;
    return { score, kind: 'score', exit: false, opens: false };
}
/** A Travis command echo ("$ npm test") or an Actions step header: a new command segment starts. */
function commandStart(text) {
    return text.startsWith('$ ') || text.startsWith('##[group]Run ');
}
/** Lines that continue a report already open: stack frames, indented detail, diff lines. */
function isContinuation(text) {
    const c = text.charCodeAt(0);
    // space, tab, '+', '-', '|', '>', '@'
    return c === 32 || c === 9 || c === 43 || c === 45 || c === 124 || c === 62 || c === 64 || STACK_FRAME.test(text);
}

;// CONCATENATED MODULE: ./src/logs/extractor.ts



const DEFAULT_MAX_TOKENS = 4000;
/** Longest cleaned line kept in a block; a longer line is kept as its prefix (a data dump is not a reason). */
const MAX_KEPT_CHARS = 2000;
const RING = 48; // recent non-empty lines kept for context before a block
const PRE_CONTEXT = 5; // lines shown before an ordinary block
const EXIT_CONTEXT = 12; // lines shown before a failed command's exit line: its last output
const POST_CONTEXT = 4; // lines kept after a block's last hit
const GAP = 4; // non-matching lines after which a block closes
const OPEN_GAP = 60; // the same inside a structured report (traceback, FAILURES section...)
const MAX_CONTINUATION = 40; // indented detail, stack frames and lists that follow a hit
const MAX_BLOCK_LINES = 300; // a longer run is split into several candidates
const MAX_CANDIDATES = 400; // candidates kept; beyond this the weakest go
const NEAR_EXIT_BONUS = 8; // for the last candidates before a failed command's exit
const SOFT_TOKENS = 1700; // blocks beyond the best one are added up to this many tokens
const MIN_OPEN_SCORE = 2; // weakest line that opens a block on its own
const tokensOf = (chars) => Math.ceil(chars / 4);
const lineChars = (l) => l.text.length + 1;
class extractor_FailureExtractor {
    maxTokens;
    splitter;
    n = 0;
    ring = new Array(RING);
    ringPos = 0;
    open;
    lastKeptN = 0;
    candidates = [];
    segment = 0;
    /** First line of the current command segment: context never reaches back past it. */
    segmentStart = 0;
    failedSegments = new Set();
    step;
    failedStep;
    ended;
    constructor(opts = {}) {
        const max = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
        this.maxTokens = Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_MAX_TOKENS;
        this.splitter = new LineSplitter((raw) => this.line(raw));
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
    line(raw) {
        const n = ++this.n;
        const cl = cleanLine(raw);
        let text = cl.text;
        if (cl.ghStep !== undefined && cl.ghStep !== this.step) {
            this.step = cl.ghStep;
            this.newSegment(n);
        }
        if (text.length === 0)
            return;
        // Actions workflow commands that only structure the log are not shown.
        if (text.startsWith('##[')) {
            if (text.startsWith('##[group]')) {
                if (text.startsWith('##[group]Run ') && cl.ghStep === undefined)
                    this.step = text.slice(13);
                if (commandStart(text))
                    this.newSegment(n + 1);
                this.close();
                return;
            }
            if (text.startsWith('##[endgroup]'))
                return;
        }
        if (text.length > MAX_KEPT_CHARS)
            text = text.slice(0, MAX_KEPT_CHARS);
        if (commandStart(text)) {
            this.close();
            this.newSegment(n);
        }
        const info = classify(text);
        const kept = { n, text, score: info.score };
        if (info.exit || (info.kind === 'gh-error' && /exit code [1-9]/.test(text))) {
            this.failedSegments.add(this.segment);
            if (this.failedStep === undefined && this.step !== undefined)
                this.failedStep = this.step;
        }
        const open = this.open;
        if (open) {
            // Indented detail, stack frames and list items go on with what the block reported.
            const detail = info.score === 0 && open.idle < MAX_CONTINUATION && isContinuation(text);
            const cont = info.score > 0 || detail || open.idle < (open.opens ? OPEN_GAP : GAP);
            if (cont && open.lines.length < MAX_BLOCK_LINES) {
                this.add(open, kept, info.kind, info.opens, info.exit);
                if (detail)
                    open.lastHit = n;
                this.remember(kept);
                return;
            }
            this.close();
        }
        if (info.score >= MIN_OPEN_SCORE || info.exit) {
            const c = this.start(info.exit ? EXIT_CONTEXT : PRE_CONTEXT);
            this.add(c, kept, info.kind, info.opens, info.exit);
            this.open = c;
        }
        this.remember(kept);
    }
    newSegment(first) {
        this.segment++;
        this.segmentStart = first;
    }
    remember(k) {
        this.ring[this.ringPos] = k;
        this.ringPos = (this.ringPos + 1) % RING;
    }
    /** A new candidate with up to `context` recent lines not already in another block. */
    start(context) {
        const pre = [];
        for (let i = 1; i <= RING && pre.length < context; i++) {
            const k = this.ring[(this.ringPos - i + RING) % RING];
            if (k === undefined || k.n <= this.lastKeptN || k.n < this.segmentStart)
                break;
            pre.push(k);
        }
        pre.reverse();
        const c = {
            kind: 'score',
            kindScore: 0,
            segment: this.segment,
            lines: [],
            lastHit: 0,
            idle: 0,
            opens: false,
            hasExit: false,
            sum: 0,
            max: 0,
            chars: 0
        };
        if (this.step !== undefined)
            c.step = this.step;
        for (const k of pre)
            this.add(c, { n: k.n, text: k.text, score: 0 }, 'score', false, false);
        return c;
    }
    add(c, k, kind, opens, exit) {
        // A sliced string keeps its whole input chunk alive: store a flat copy of what is kept.
        k.text = flat(dropJunk(k.text));
        c.lines.push(k);
        c.chars += k.text.length + 1;
        this.lastKeptN = k.n;
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
        }
        if (c.max === 0)
            return;
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
        const anyFailed = this.failedSegments.size > 0;
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
        const scored = this.candidates.map((c) => {
            let s = intrinsic(c);
            if (this.failedSegments.has(c.segment))
                s += NEAR_EXIT_BONUS * 0.5 ** (fromEnd.get(c) ?? 0);
            if (anyFailed)
                s *= this.failedSegments.has(c.segment) ? 2 : 0.6;
            if (c.hasExit)
                s += 4;
            // Later blocks are more often the cause; earlier ones are often warnings the build survived.
            s += 3 * ((c.lines[c.lines.length - 1]?.n ?? 0) / Math.max(1, total));
            return { c, s };
        });
        scored.sort((a, b) => b.s - a.s);
        // Most failures are explained in far fewer tokens than the hard budget: stop adding blocks at a softer one.
        const soft = Math.min(this.maxTokens, SOFT_TOKENS);
        const chosen = [];
        let used = 0;
        // A retried command prints the same failure again: one copy is enough.
        const seen = new Set();
        for (const { c } of scored) {
            const key = c.lines.map((l) => l.text).join('\n');
            if (seen.has(key))
                continue;
            seen.add(key);
            const t = tokensOf(c.chars);
            if (chosen.length === 0) {
                chosen.push(c);
                used += Math.min(t, this.maxTokens);
                continue;
            }
            if (used + t > soft)
                continue;
            chosen.push(c);
            used += t;
        }
        chosen.sort((a, b) => (a.lines[0]?.n ?? 0) - (b.lines[0]?.n ?? 0));
        const blocks = fit(chosen, this.maxTokens);
        const tokens = tokensOf(blocks.reduce((s, b) => s + b.lines.reduce((t, l) => t + lineChars(l), 0), 0));
        const ex = { blocks, tokens, totalLines: total };
        if (this.failedStep !== undefined)
            ex.failedStep = this.failedStep;
        return ex;
    }
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
/** Turns candidates into blocks whose lines together stay within the budget. */
function fit(chosen, maxTokens) {
    const budget = maxTokens * 4;
    let used = 0;
    const blocks = [];
    for (const c of chosen) {
        const lines = [];
        for (const k of c.lines) {
            const need = k.text.length + 1;
            if (used + need > budget)
                break;
            lines.push({ n: k.n, text: k.text });
            used += need;
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
