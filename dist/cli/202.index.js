export const id = 202;
export const ids = [202];
export const modules = {

/***/ 4805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nh: () => (/* binding */ gatherFiles),
/* harmony export */   x8: () => (/* binding */ gatherContext),
/* harmony export */   xC: () => (/* binding */ RepoSnapshot)
/* harmony export */ });
/* unused harmony exports mentionedPaths, failureLines */
/* harmony import */ var _localize_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8341);
/* harmony import */ var _patch_paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5734);
/* harmony import */ var _localize_tools_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6943);



/** Reads files of the failing commit once each (context, rules and validation share it). */
class RepoSnapshot {
    tree;
    fetch;
    fetchMany;
    cache = new Map();
    paths;
    byPath;
    constructor(tree, fetch, 
    /** Reads many files in one go (GraphQL); a file it cannot give falls back to `fetch`. */
    fetchMany) {
        this.tree = tree;
        this.fetch = fetch;
        this.fetchMany = fetchMany;
        this.byPath = new Map(tree.map(e => [e.path, e]));
        this.paths = tree.filter(e => e.mode !== '120000' && e.mode !== '160000').map(e => e.path);
    }
    has(path) {
        return this.byPath.has(path);
    }
    getFile(path) {
        // Only regular files of the tree are read: symlinks and submodules are never followed.
        if (!this.isFile(path))
            return Promise.resolve(undefined);
        let p = this.cache.get(path);
        if (!p) {
            p = this.fetch(path);
            this.cache.set(path, p);
        }
        return p;
    }
    /** Loads files in one batch when the source can; later getFile calls are then served from the cache. */
    async prefetch(paths) {
        const todo = paths.filter(p => !this.cache.has(p) && this.isFile(p));
        if (!this.fetchMany || todo.length < 2)
            return;
        let got;
        try {
            got = await this.fetchMany(todo);
        }
        catch {
            return; // one file at a time, then
        }
        for (const p of todo) {
            const f = got.get(p);
            if (f)
                this.cache.set(p, Promise.resolve(f));
        }
    }
    /** A regular file of the tree (not a symlink, a submodule or a folder). */
    isRegularFile(path) {
        return this.isFile(path);
    }
    isFile(path) {
        const mode = this.byPath.get(path)?.mode;
        return mode === '100644' || mode === '100755';
    }
    async read(path) {
        return (await this.getFile(path))?.content;
    }
}
/** Larger files are not sent (windows of them would be, but reading megabytes of generated code is waste). */
const MAX_FILE_BYTES = 1_000_000;
/** A path-looking token in a log line: `src/app.py`, `/home/runner/work/r/r/lib/x.ts:12:3`. */
const PATH_TOKEN = /(?:[A-Za-z]:)?[\w@.+-]*(?:[\\/][\w@.+-]+)*\.[A-Za-z0-9]{1,10}\b/g;
/** Tree paths named in the failure lines, first mention first. Absolute runner paths match by suffix. */
function mentionedPaths(failures, paths) {
    const set = new Set(paths);
    const found = [];
    const seen = new Set();
    for (const f of failures) {
        for (const block of f.extraction.blocks) {
            for (const line of block.lines) {
                for (const m of line.text.matchAll(PATH_TOKEN)) {
                    const hit = repoPathOf(m[0], set);
                    if (hit && !seen.has(hit)) {
                        seen.add(hit);
                        found.push(hit);
                    }
                }
            }
        }
    }
    return found;
}
/** The failure lines of every job, in order, as the localizer reads them. */
function failureLines(failures) {
    return failures.flatMap(f => f.extraction.blocks.flatMap(b => b.lines.map(l => l.text)));
}
/**
 * The files sent to the model first, most telling first: localized from the failure lines over the failing
 * commit's tree (see src/analysis/localize/), each a readable text file of the tree.
 */
async function gatherContext(snapshot, failures, maxFiles = _localize_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_MAX_FILES */ .$c) {
    const tree = new _localize_index_js__WEBPACK_IMPORTED_MODULE_0__/* .TreeIndex */ .Np(snapshot.paths.filter(p => snapshot.isRegularFile(p)));
    const readText = async (path) => {
        const f = await snapshot.getFile(path);
        return f && isText(f.content) ? f.content : undefined;
    };
    const cands = await (0,_localize_index_js__WEBPACK_IMPORTED_MODULE_0__/* .localize */ .kg)(failureLines(failures), tree, readText, {
        maxFiles: maxFiles * 2,
        prefetch: paths => snapshot.prefetch(paths.slice(0, 40))
    });
    await snapshot.prefetch(cands.map(c => c.path));
    const files = [];
    const choices = [];
    for (const c of cands) {
        if (files.length >= maxFiles)
            break;
        // The lookup tool's rule, for the same reason: a log line naming a credentials file does not send it to the model.
        if ((0,_localize_tools_js__WEBPACK_IMPORTED_MODULE_2__/* .isSecretLooking */ .MI)(c.path))
            continue;
        const f = await snapshot.getFile(c.path);
        if (!f || !isText(f.content))
            continue;
        files.push({ path: c.path, content: f.content, sha: f.sha, reason: c.reason, focus: c.lines });
        choices.push({ path: c.path, reason: c.reason, evidence: c.line, lines: c.lines });
    }
    return { files, choices };
}
function isText(content) {
    return content.length <= MAX_FILE_BYTES && !content.includes('\u0000');
}
/** The files sent to the model (see gatherContext). */
async function gatherFiles(snapshot, failures) {
    return (await gatherContext(snapshot, failures)).files;
}


/***/ }),

/***/ 8341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $c: () => (/* binding */ DEFAULT_MAX_FILES),
  Np: () => (/* reexport */ TreeIndex),
  kg: () => (/* binding */ localize)
});

;// CONCATENATED MODULE: ./src/analysis/localize/types.ts
// Shapes shared by the localization resolvers. Each resolver is pure: text and tree paths in, candidates out.
/** How strong the evidence for a candidate is; the order of this list is the ranking order. */
const EVIDENCE = [
    'frame', // a stack frame or a file:line diagnostic in the failure block
    'failing-test', // the test file of a test named as failing
    'under-test', // the code a failing test exercises, by naming convention
    'used-by-test', // a module the failing test uses near its failing line, or imports
    'named', // a repository file or class the failure lines name in passing
    'manifest', // the build manifest of the module that failed
    'related' // named with words of a failing test's name (fills places nothing stronger took)
];

;// CONCATENATED MODULE: ./src/analysis/localize/tree.ts
// An index of the failing commit's file paths: lookups by exact path, by path suffix and by basename.
/** Source extensions of the languages FixFlow localizes in, by family (a test may exercise any of its family). */
const CODE_FAMILIES = [
    ['java', 'kt', 'kts', 'scala', 'groovy'],
    ['py'],
    ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts'],
    ['go'],
    ['cs', 'fs', 'vb'],
    ['rs'],
    ['rb'],
    ['php'],
    ['c', 'h', 'cc', 'cpp', 'hpp', 'cxx', 'hh'],
    ['swift'],
    ['m', 'mm'],
    ['ex', 'exs'],
    ['dart'],
    ['hs'],
    ['clj', 'cljs']
];
const FAMILY_OF = new Map(CODE_FAMILIES.flatMap(f => f.map(e => [e, f])));
function extOf(path) {
    const base = baseName(path);
    const dot = base.lastIndexOf('.');
    return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
function baseName(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
function dirName(path) {
    const i = path.lastIndexOf('/');
    return i < 0 ? '' : path.slice(0, i);
}
/** Extensions of the same language family as `ext` (itself first); empty when `ext` is not code. */
function familyOf(ext) {
    const f = FAMILY_OF.get(ext.toLowerCase());
    return f ? [ext.toLowerCase(), ...f.filter(e => e !== ext.toLowerCase())] : [];
}
function isCode(path) {
    return FAMILY_OF.has(extOf(path));
}
/** Test code by the conventions of the common ecosystems (directories and file names). */
function isTestPath(path) {
    if (/(^|\/)([\w-]*[-_.])?(tests?|specs?|__tests__|testing)\/|(^|\/)src\/it\/|(^|\/)[a-z]\w*Tests?\//.test(path)) {
        return true;
    }
    const base = baseName(path);
    return (/^test_|_test\.|_spec\.|\.(test|spec)\.|^Test[A-Z]/.test(base) ||
        /(Tests?|IT|Spec|TestCase|Specs)\.[A-Za-z]+$/.test(base));
}
class TreeIndex {
    paths;
    set;
    byBase = new Map();
    dirs = new Set();
    constructor(paths) {
        this.paths = paths;
        this.set = new Set(paths);
        for (const p of paths) {
            const b = baseName(p);
            const list = this.byBase.get(b);
            if (list)
                list.push(p);
            else
                this.byBase.set(b, [p]);
            let d = dirName(p);
            while (d && !this.dirs.has(d)) {
                this.dirs.add(d);
                d = dirName(d);
            }
        }
    }
    has(path) {
        return this.set.has(path);
    }
    hasDir(dir) {
        return this.dirs.has(dir);
    }
    withBase(base) {
        return this.byBase.get(base) ?? [];
    }
    /** Paths equal to `suffix` or ending in `/suffix` (suffix is a relative path such as `org/x/Y.java`). */
    endingWith(suffix) {
        const s = suffix.replace(/^\/+/, '');
        return this.withBase(baseName(s)).filter(p => p === s || p.endsWith('/' + s));
    }
    /**
     * A token that names a file, such as an absolute runner path, `./src/x.py` or `x.go`: the tree path that is its
     * longest suffix. Several equally good matches are ambiguous: all are returned (the caller decides).
     */
    resolvePath(token) {
        const t = token.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
        if (this.set.has(t))
            return [t];
        const parts = t.split('/').filter(Boolean);
        for (let i = 1; i < parts.length; i++) {
            const rest = parts.slice(i).join('/');
            if (this.set.has(rest))
                return [rest];
        }
        // No leading segments to drop to: match by the longest tail shared with a tree path.
        const same = this.withBase(parts[parts.length - 1] ?? '');
        // A bare name may be any file of that name; a path must share its folder too (`/usr/lib/x/__init__.py` is
        // not the repository's `pkg/__init__.py`).
        if (parts.length === 1 && same.length <= 1)
            return [...same];
        let best = [];
        let bestLen = 0;
        for (const p of same) {
            const n = sharedTail(p.split('/'), parts);
            if (n > bestLen) {
                bestLen = n;
                best = [p];
            }
            else if (n === bestLen)
                best.push(p);
        }
        return parts.length > 1 && bestLen < 2 ? [] : best;
    }
}
/** How many trailing segments two paths share. */
function sharedTail(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n])
        n++;
    return n;
}

;// CONCATENATED MODULE: ./src/analysis/localize/jvm.ts

const JVM_EXTS = ['java', 'kt', 'scala', 'groovy'];
/** `at pkg.Class$Inner.method(Class.java:12)`, with an optional `module/` or `app//` loader prefix. */
const FRAME = /\bat\s+(?:[\w.$@-]+\/+)?((?:[\w$]+\.)*)([\w$]+)\.[\w$<>-]+\(([\w$-]+\.(?:java|kt|kts|groovy|scala))(?::(\d+))?\)/;
/** Application log chatter printed while tests run: names in it are rarely the failure. */
const CHATTER = /\b(DEBUG|INFO|TRACE)\b/;
/** Is this line a JVM stack frame? */
function isJvmFrame(text) {
    return FRAME.test(text);
}
/** `pkg.Class`, `pkg.Class$Inner`, `pkg.Class.method` (a failing test id, an exception type, a message). */
const QUALIFIED = /\b((?:[a-z_][\w]*\.)+)([A-Z][\w]*)/g;
/** A line that reports a failing test (Surefire, Gradle, JUnit 5 console). */
const FAILING = /<<<\s*(?:FAILURE|ERROR)|\bFAILED\b|\bFAIL(?:ED|URE)?:|^\s*(?:\[ERROR\]\s+)?(?:Failed tests|Tests in error)|\[ERROR\].*\bTest/i;
/** `org/x/Y$Z.class` on a class path or in a resource error. */
const CLASS_RESOURCE = /\b((?:[\w-]+\/)+)([A-Z][\w]*)(?:\$[\w$]*)?\.class\b/g;
/** A simple test class name with a method and line, as Surefire and Gradle summaries print (`FooTest.bar:12`). */
const SIMPLE_TEST = /\b([A-Z][\w]*(?:Tests?|IT|Spec|TestCase))[.#](\w+)(?::(\d+))?/g;
/** The tree file of a JVM class: `pkg/Class.<ext>` by suffix, or the only file named `file`, or the closest one. */
function resolveJvmClass(tree, pkg, cls, file) {
    const names = file ? [file] : JVM_EXTS.map(e => `${cls}.${e}`);
    const dir = pkg.join('/');
    for (const name of names) {
        const hits = tree.endingWith(dir ? `${dir}/${name}` : name);
        if (hits.length)
            return pickClosest(hits, pkg);
    }
    // Kotlin and Groovy files need not sit in their package's folder: fall back to the basename.
    for (const name of names) {
        const hits = tree.withBase(name);
        if (hits.length === 1)
            return hits[0];
        if (hits.length > 1 && pkg.length) {
            const best = pickClosest([...hits], pkg);
            if (best && sharedTail(best.split('/').slice(0, -1), pkg) > 0)
                return best;
        }
    }
    return undefined;
}
function pickClosest(hits, pkg) {
    // Prefer main code over copies in test fixtures, then the shortest path.
    return [...hits].sort((a, b) => sharedTail(b.split('/').slice(0, -1), pkg) - sharedTail(a.split('/').slice(0, -1), pkg) ||
        a.length - b.length)[0];
}
/** The header of a failing test's report: Surefire/JUnit `<<< FAILURE!`, Gradle `FooTest > bar FAILED`. */
const REPORT_START = /<<<\s*(?:FAILURE|ERROR)!|^\s*[\w.$]+ > .+ FAILED\s*$/;
/** The summary of failing tests Surefire prints at the end. */
const SUMMARY = /^\s*(?:\[ERROR\]\s+)?(?:Failed tests|Tests in error|Failures|Errors):/;
/** Where a report ends: the next test class starts, a summary, or timestamped application logging. */
const REPORT_END = /^\s*(?:Running [\w.$]+|Tests run:|Results ?:|\[(?:INFO|WARNING)\]|\d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2})/;
/** Frames of code that only reports a failure (exception types, assertion helpers): seldom where the fix goes. */
const REPORTER = /(?:Exception|Error|Errors|Assert|Asserts|Assertions|Preconditions|Validate|Check|Checks)$/;
const REPORTING_METHOD = /^_?(?:report|throw|fail|raise|wrap|from|check|assert|require|verify|validate)/;
/**
 * Stack frames (`at ...(File.java:N)`) of code in the tree; frames of libraries and the JDK resolve to nothing.
 * Ranked by depth in their trace first (the top frame of every trace before the second frame of any), so one deep
 * trace does not crowd out the others; frames of reporting helpers rank after real code.
 */
function jvmFrames(lines, tree) {
    const out = [];
    let depth = 0;
    // When the log reports failing tests, only their traces are the failure: other traces were logged by code
    // under test while tests passed (a caught exception, a retry) and count as weak evidence.
    const reported = lines.some(l => REPORT_START.test(l) || SUMMARY.test(l));
    let inReport = false;
    lines.forEach((text, i) => {
        if (REPORT_START.test(text))
            inReport = true;
        else if (REPORT_END.test(text))
            inReport = false;
        const m = FRAME.exec(text);
        if (!m) {
            // A new trace starts at any line that is neither a frame nor a continuation.
            if (!/^\s*(?:\.\.\. \d+ (?:more|common)|Caused by:|Suppressed:)/.test(text))
                depth = 0;
            return;
        }
        const pkg = (m[1] ?? '').split('.').filter(Boolean);
        const cls = (m[2] ?? '').split('$')[0] ?? '';
        const path = resolveJvmClass(tree, pkg, cls, m[3]);
        if (!path)
            return;
        const test = isTestPath(path);
        const method = /\.([\w$<>-]+)\(/.exec(text)?.[1] ?? '';
        const reporter = REPORTER.test(cls) || REPORTING_METHOD.test(method);
        const weak = reported && !inReport;
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
        });
        if (!test && !reporter)
            depth++;
    });
    return out;
}
/** Qualified class names and class-path resources the failure lines name: failing test classes, types in messages. */
function jvmNames(lines, tree) {
    const out = [];
    lines.forEach((text, i) => {
        if (FRAME.test(text))
            return; // frames are jvmFrames' job
        const failing = FAILING.test(text);
        for (const m of text.matchAll(QUALIFIED)) {
            const pkg = (m[1] ?? '').split('.').filter(Boolean);
            const path = resolveQualified(tree, pkg, m[2] ?? '');
            const c = path && named(path, text, i, failing);
            if (c)
                out.push(c);
        }
        for (const m of text.matchAll(CLASS_RESOURCE)) {
            const pkg = (m[1] ?? '').split('/').filter(Boolean);
            const path = resolveJvmClass(tree, pkg, m[2] ?? '');
            const c = path && named(path, text, i, failing);
            if (c)
                out.push(c);
        }
        for (const m of text.matchAll(SIMPLE_TEST)) {
            const path = resolveJvmClass(tree, [], m[1] ?? '');
            // Summary lines (`  FooTest.bar:12 expected...`) list failing tests; elsewhere the line must say it failed.
            const summary = /^\s*(?:\[ERROR\]\s+)?(?:Run \d+: )?[A-Z][\w$]*[.#]\w+(?::\d+)?/.test(text);
            const c = path && named(path, text, i, failing || summary);
            if (c) {
                if (m[3])
                    c.lines = [Number(m[3])];
                out.push(c);
            }
        }
    });
    return out;
}
function resolveQualified(tree, pkg, cls) {
    // Only an exact package-folder match: a bare class name in prose is too weak to guess from.
    for (const e of JVM_EXTS) {
        const hits = tree.endingWith(`${pkg.join('/')}/${cls}.${e}`);
        if (hits.length)
            return pickClosest(hits, pkg);
    }
    return undefined;
}
function named(path, line, i, failing) {
    const test = isTestPath(path);
    if (test && failing) {
        return { path, evidence: 'failing-test', reason: 'test named as failing', line, lines: [], rank: i };
    }
    // A test that is only running, or a class in application log chatter, is no evidence.
    if (test || CHATTER.test(line.slice(0, 80)))
        return undefined;
    return { path, evidence: 'named', reason: 'class named in the failure lines', line, lines: [], rank: i };
}

;// CONCATENATED MODULE: ./src/analysis/localize/paths.ts


/** A path-looking token (`src/app.py`, `/home/runner/work/r/r/lib/x.ts`, `C:\a\b.cs`, `x.go`). */
const PATH_TOKEN = /(?:[A-Za-z]:)?[\w@.+~-]*(?:[\\/][\w@.+~-]+)*\.[A-Za-z][A-Za-z0-9]{0,9}(?![\w/\\])/g;
/** What may follow a path to give its line: `:12`, `(12,3)`, `", line 12`, `:line 12`, ` on line 12`, `#L12`. */
const LINE_AFTER = /^(?::(\d+)|\((\d+)[,)]|", line (\d+)|:line (\d+)| on line (\d+)|#L(\d+)|\s+line (\d+))/;
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
]);
/** Hosts and versions that look like files: `github.com`, `v1.2.3`, `foo.example.org`. */
const NOT_FILE = /^(?:[\w-]+\.)+(?:com|org|net|io|dev|edu|gov)$|^v?\d+(?:\.\d+)+$/;
/** A line that says a step passed or only warns: its paths are no evidence of the failure. */
const WARNING_ONLY = /^\s*(?:\[?(?:WARN|WARNING|INFO|DEBUG)\]?\b|warning:|npm warn|DeprecationWarning)/i;
function pathMentions(lines, tree) {
    const out = [];
    lines.forEach((text, i) => {
        if (WARNING_ONLY.test(text) || isJvmFrame(text))
            return; // JVM frames resolve by package (jvm.ts)
        for (const m of text.matchAll(PATH_TOKEN)) {
            const token = m[0];
            if (NOT_FILE.test(token) || token.length < 3)
                continue;
            const hits = tree.resolvePath(token);
            // A bare basename shared by many files (index.js, __init__.py) says nothing about which one.
            if (hits.length === 0 || hits.length > 2)
                continue;
            const after = LINE_AFTER.exec(text.slice((m.index ?? 0) + token.length));
            const lineNo = after ? Number(after.slice(1).find(Boolean)) : undefined;
            for (const path of hits) {
                const c = classify(path, text, i, lineNo, hits.length);
                // A passing mention (a log statement, a resource served) is evidence only for text files in a failing line.
                if (c.evidence === 'named' && (!isTextual(path) || CHATTER.test(text.slice(0, 80))))
                    continue;
                out.push(c);
            }
        }
    });
    return out;
}
function classify(path, text, i, lineNo, ways) {
    const lines = lineNo === undefined ? [] : [lineNo];
    const code = isCode(path);
    const test = isTestPath(path);
    const rank = i + (ways > 1 ? 0.5 : 0);
    if (ways > 1) {
        // Two files share the name: only other evidence can tell which one is meant.
        return {
            path,
            evidence: 'named',
            reason: 'file named in the failure lines (ambiguous name)',
            line: text,
            lines,
            rank
        };
    }
    if (test && (lineNo !== undefined || /\bFAIL|FAILED|Error|✕|failing/i.test(text))) {
        return { path, evidence: 'failing-test', reason: 'failing test file', line: text, lines, rank };
    }
    if (lineNo !== undefined && (code || !DATA_EXT.has(extOf(path)))) {
        return {
            path,
            evidence: 'frame',
            reason: 'frame or diagnostic in the failure block',
            line: text,
            lines,
            rank
        };
    }
    return { path, evidence: 'named', reason: 'file named in the failure lines', line: text, lines, rank };
}
/** Files worth naming to a model: code, build files and text data; never images, archives or binaries. */
function isTextual(path) {
    return (isCode(path) ||
        DATA_EXT.has(extOf(path)) ||
        /(^|\/)(Makefile|Dockerfile|Gemfile|Rakefile)$|\.(gradle|kts|sbt|cfg|ini|sh|sql|proto|graphql|vue|svelte)$/.test(path));
}
/** Is this a data file (fixture, config) rather than code or a build file? */
function isDataFile(path) {
    return DATA_EXT.has(extOf(path)) && !/(^|\/)(pom\.xml|package\.json|tsconfig\.json)$/.test(path);
}

;// CONCATENATED MODULE: ./src/analysis/localize/tests.ts

const GO_TEST = /^\s*--- FAIL: (\w+)/;
const GO_PACKAGE = /^(?:FAIL|ok)\s+([\w.~-]+(?:\/[\w.~-]+)+)\s/;
/** `Failed Ns.FooTests.Bar [12 ms]` (dotnet test), `tests.test_x.TestY.test_z` (unittest), `X.Y.Z` ids. */
const DOTTED = /\b((?:[A-Za-z_]\w*\.){1,}[A-Za-z_]\w*)\b/g;
const DOTTED_EXTS = ['cs', 'fs', 'vb', 'py'];
/** Go: failing test function names, and the tree folders of the failing packages. */
function goFailures(lines, tree) {
    const names = new Set();
    const dirs = [];
    for (const text of lines) {
        const t = GO_TEST.exec(text);
        if (t?.[1])
            names.add(t[1].split('/')[0] ?? t[1]);
        const p = GO_PACKAGE.exec(text);
        if (p?.[1] && text.startsWith('FAIL')) {
            const dir = goPackageDir(tree, p[1]);
            if (dir !== undefined && !dirs.includes(dir))
                dirs.push(dir);
        }
    }
    return { names, dirs };
}
/** The tree folder of a Go import path: its longest tail that is a folder (or the root for the module itself). */
function goPackageDir(tree, importPath) {
    const parts = importPath.split('/');
    for (let i = 1; i < parts.length; i++) {
        const rest = parts.slice(i).join('/');
        if (tree.hasDir(rest))
            return rest;
    }
    return tree.paths.some(p => p.endsWith('_test.go') && !p.includes('/')) ? '' : undefined;
}
/** Go test files of the failing packages that define a failing test (`func TestX(`). */
function goTestFiles(failures, tree, contents) {
    const out = [];
    for (const [path, content] of contents) {
        if (!path.endsWith('_test.go') || !failures.dirs.includes(dirName(path)))
            continue;
        content.split('\n').forEach((line, i) => {
            const m = /^func (Test\w+)\(/.exec(line);
            if (m?.[1] && failures.names.has(m[1])) {
                out.push({
                    path,
                    evidence: 'failing-test',
                    reason: `defines the failing test ${m[1]}`,
                    line: line.trim(),
                    lines: [i + 1],
                    rank: out.length
                });
            }
        });
    }
    return out.filter(c => tree.has(c.path));
}
/** Dotted test ids (.NET, unittest) resolved to files: `Ns.FooTests.Bar` -> `**\/FooTests.cs`, `a.b.c` -> `a/b/c.py`. */
function dottedTests(lines, tree) {
    const out = [];
    lines.forEach((text, i) => {
        if (!/\bfail|\berror|✗|✕|×/i.test(text))
            return;
        for (const m of text.matchAll(DOTTED)) {
            const parts = (m[1] ?? '').split('.');
            const path = resolveDotted(tree, parts);
            if (path) {
                const test = isTestPath(path);
                out.push({
                    path,
                    evidence: test ? 'failing-test' : 'named',
                    reason: test ? 'test named as failing' : 'module named in the failure lines',
                    line: text,
                    lines: [],
                    rank: i
                });
            }
        }
    });
    return out;
}
function resolveDotted(tree, parts) {
    for (let k = parts.length; k >= 1; k--) {
        const head = parts.slice(0, k);
        for (const ext of DOTTED_EXTS) {
            // A module path (`a/b/c.py`) needs two segments; a class file (`FooTests.cs`) only its name.
            if (k >= 2) {
                const hits = tree.endingWith(`${head.join('/')}.${ext}`);
                if (hits.length === 1)
                    return hits[0];
            }
            const last = head[head.length - 1] ?? '';
            if (ext !== 'py' && /^[A-Z]/.test(last)) {
                const hits = tree.withBase(`${last}.${ext}`);
                if (hits.length === 1 && hits[0] && baseName(hits[0]) === `${last}.${ext}`)
                    return hits[0];
            }
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/analysis/localize/subjects.ts

/** Subject stems of a test file name, best first (`FooBarTest` -> `FooBar`). */
function subjectStems(testPath) {
    const base = baseName(testPath);
    const stem = base.replace(/\.[^.]+$/, '');
    const out = [];
    const add = (s) => {
        if (s && s !== stem && !out.includes(s))
            out.push(s);
    };
    add(/^(.+?)(?:Unit|Integration|Int|Functional)?(?:Tests?|IT|ITCase|Spec|Specs|TestCase|TestSuite)$/.exec(stem)?.[1]);
    add(/^(.+?)(?:Tests?|IT|ITCase|Spec|Specs|TestCase|TestSuite)$/.exec(stem)?.[1]);
    add(/^Test(?=[A-Z])(.+)$/.exec(stem)?.[1]);
    add(/^test_(.+)$/.exec(stem)?.[1]);
    add(/^(.+?)_(?:test|spec|tests)$/.exec(stem)?.[1]);
    add(/^(.+?)\.(?:test|spec|e2e|unit)$/.exec(stem)?.[1]);
    return out;
}
/** Files named like the subject of `testPath`, in its language family, closest folder first. */
function subjectsOf(testPath, tree, evidenceLine, rank) {
    const exts = familyOf(extOf(testPath));
    if (!exts.length)
        return [];
    const testDir = dirName(testPath).split('/');
    const out = [];
    for (const stem of subjectStems(testPath)) {
        const hits = [];
        for (const ext of exts) {
            for (const p of tree.withBase(`${stem}.${ext}`))
                if (!isTestPath(p))
                    hits.push(p);
            // A package's own entry: tests/test_foo.py -> foo/__init__.py, foo.test.ts -> foo/index.ts
            for (const idx of ['__init__', 'index', 'mod']) {
                for (const p of tree.withBase(`${idx}.${ext}`)) {
                    if (baseName(dirName(p)) === stem && !isTestPath(p))
                        hits.push(p);
                }
            }
        }
        if (!hits.length)
            continue;
        // Mirrored layouts (src/test/java/a/b vs src/main/java/a/b, tests/a vs a/) share the most trailing folders.
        const score = (p) => sharedTail(dirName(p).split('/'), testDir);
        hits.sort((a, b) => score(b) - score(a) || a.length - b.length);
        const best = score(hits[0] ?? '');
        for (const path of hits.filter(p => score(p) === best).slice(0, 2)) {
            out.push({
                path,
                evidence: 'under-test',
                reason: `exercised by ${baseName(testPath)} (by name)`,
                line: evidenceLine,
                lines: [],
                rank
            });
        }
        break;
    }
    return out.length ? out : similarNames(testPath, tree, evidenceLine, rank);
}
/** Word stems of an identifier: `DateSerializationTest` -> date, serializ (suffixes folded so -er ~ -ation). */
function nameStems(name) {
    let got = STEMS.get(name);
    if (!got) {
        got = stemsOf(name);
        if (STEMS.size > 50_000)
            STEMS.clear();
        STEMS.set(name, got);
    }
    return got;
}
/** Stems by name: every followed test scans the tree's names, so each name is split once. */
const STEMS = new Map();
function stemsOf(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .split(/[^A-Za-z]+/)
        .map(w => w.toLowerCase())
        .filter(w => w.length > 1 && !/^(test|tests|spec|it|case|should|when)$/.test(w))
        .map(w => w.replace(/(ations?|ers?|ings?|ors?|ions?|s)$/, ''))
        .filter(w => w.length > 1);
}
/**
 * No file is named after the test: the files of its language whose names hold every word of the test's name
 * (`DateSerializationTest` -> `DateSerializer`, `DateTimeSerializerBase`), fewest extra words first.
 */
function similarNames(testPath, tree, evidenceLine, rank) {
    const words = nameStems(baseName(testPath).replace(/\.[^.]+$/, ''));
    if (!words.length)
        return [];
    const exts = new Set(familyOf(extOf(testPath)));
    const scored = [];
    for (const p of tree.paths) {
        if (!exts.has(extOf(p)) || isTestPath(p))
            continue;
        const stems = nameStems(baseName(p).replace(/\.[^.]+$/, ''));
        if (words.every(w => stems.some(s => s.startsWith(w) || w.startsWith(s)))) {
            scored.push({ path: p, extra: stems.length - words.length });
        }
    }
    scored.sort((a, b) => a.extra - b.extra || a.path.length - b.path.length);
    return scored.slice(0, 2).map((s, i) => ({
        path: s.path,
        evidence: 'under-test',
        reason: `named like the failing test ${baseName(testPath)}`,
        line: evidenceLine,
        lines: [],
        rank: rank + 0.5 + i / 100
    }));
}
/**
 * Files of the test's language that share words with its name (`ParserAutoCloseTest` -> `YAMLParser`): weak
 * evidence, used only to fill places nothing stronger took. Most shared words first, then fewest other words,
 * then the closest folder.
 */
function relatedByName(testPath, tree, evidenceLine, rank) {
    const words = nameStems(baseName(testPath).replace(/\.[^.]+$/, '')).filter(w => w.length > 2);
    if (!words.length)
        return [];
    const exts = new Set(familyOf(extOf(testPath)));
    const testDir = dirName(testPath).split('/');
    const scored = [];
    for (const p of tree.paths) {
        if (!exts.has(extOf(p)) || isTestPath(p) || p === testPath)
            continue;
        const stems = nameStems(baseName(p).replace(/\.[^.]+$/, ''));
        // The last word of a compound name is its head (`TestSqlVariable` is about a variable): it weighs more.
        let shared = 0;
        let count = 0;
        words.forEach((w, i) => {
            if (!stems.some(s => s.startsWith(w) || w.startsWith(s)))
                return;
            count++;
            shared += i === words.length - 1 ? 1.5 : 1;
        });
        if (!shared)
            continue;
        scored.push({
            path: p,
            shared,
            extra: stems.length - count,
            near: sharedTail(dirName(p).split('/'), testDir)
        });
    }
    scored.sort((a, b) => b.shared - a.shared || b.near - a.near || a.extra - b.extra || a.path.length - b.path.length);
    return scored.slice(0, 4).map((s, i) => ({
        path: s.path,
        evidence: 'related',
        reason: `named like the failing test ${baseName(testPath)}`,
        line: evidenceLine,
        lines: [],
        rank: rank + i / 100
    }));
}
/**
 * The implementation of an interface or abstract class a test uses (`Diff` -> `DiffImpl`, `DefaultDiff`): the code
 * that runs is there. Placed right after the file it implements.
 */
function implementationsOf(c, tree) {
    const ext = extOf(c.path);
    const stem = baseName(c.path).replace(/\.[^.]+$/, '');
    const dir = dirName(c.path).split('/');
    const out = [];
    for (const name of [`${stem}Impl.${ext}`, `Default${stem}.${ext}`]) {
        const hits = tree.withBase(name).filter(p => !isTestPath(p));
        hits.sort((a, b) => sharedTail(dirName(b).split('/'), dir) - sharedTail(dirName(a).split('/'), dir));
        const path = hits[0];
        if (path) {
            out.push({
                ...c,
                path,
                reason: `implements ${baseName(c.path)} (${c.reason})`,
                lines: [],
                rank: c.rank + 0.001
            });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/analysis/localize/imports.ts


/** Lines either side of a failing line whose identifiers count as "used at the failure". */
const NEAR = 6;
const MAX_PER_TEST = 6;
/** Import and package lines: they declare a use, they are not one. */
const IMPORT_LINE = /^\s*(?:import|package|from|use|using|require|require_relative)\b/;
function usedByTest(testPath, content, failingLines, tree, rank) {
    const ext = extOf(testPath);
    const lines = content.split('\n');
    let uses;
    if (['java', 'kt', 'scala', 'groovy'].includes(ext))
        uses = jvmUses(testPath, lines, tree);
    else if (ext === 'py')
        uses = pythonUses(testPath, lines, tree);
    else if (/^(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(ext))
        uses = jsUses(testPath, lines, tree);
    else if (ext === 'rb')
        uses = rubyUses(lines, tree);
    else if (ext === 'php')
        uses = phpUses(lines, tree);
    else if (ext === 'go')
        uses = goUses(testPath, tree);
    else
        uses = [];
    // Score: used near a failing line, then how often the file's name occurs in the test.
    const scored = new Map();
    for (const u of uses) {
        if (u.path === testPath || isTestPath(u.path))
            continue;
        const name = baseName(u.path).replace(/\.[^.]+$/, '');
        const re = new RegExp(`\\b${name.replace(/[^\w]/g, '\\$&')}\\b`);
        let count = 0;
        let near = false;
        lines.forEach((l, i) => {
            if (IMPORT_LINE.test(l) || !re.test(l))
                return;
            count++;
            if (failingLines.some(f => Math.abs(f - 1 - i) <= NEAR))
                near = true;
        });
        const prev = scored.get(u.path);
        if (!prev)
            scored.set(u.path, { near, count, at: u.at });
    }
    return [...scored.entries()]
        .sort((a, b) => Number(b[1].near) - Number(a[1].near) || b[1].count - a[1].count || a[1].at - b[1].at)
        .slice(0, MAX_PER_TEST)
        .map(([path, s], i) => ({
        path,
        evidence: 'used-by-test',
        reason: s.near
            ? `used by ${baseName(testPath)} at the failing line`
            : `imported by ${baseName(testPath)}`,
        line: (lines[s.at] ?? '').trim(),
        lines: [],
        rank: rank + (s.near ? 0 : 0.5) + i / 100
    }));
}
function jvmUses(testPath, lines, tree) {
    const uses = [];
    let pkg = [];
    const imported = new Set();
    lines.forEach((l, at) => {
        const p = /^\s*package\s+([\w.]+)/.exec(l);
        if (p?.[1])
            pkg = p[1].split('.');
        const m = /^\s*import\s+(?:static\s+)?([\w.]+?)(?:\.\*)?\s*;?\s*$/.exec(l);
        if (!m?.[1])
            return;
        const parts = m[1].split('.');
        // `import a.b.C`, `import static a.b.C.m`, `import a.b.C.Inner`: the first capitalised segment is the file.
        const ci = parts.findIndex(s => /^[A-Z]/.test(s));
        if (ci < 0)
            return;
        const path = resolveJvmClass(tree, parts.slice(0, ci), parts[ci] ?? '');
        if (path) {
            uses.push({ path, at });
            imported.add(parts[ci] ?? '');
        }
    });
    // Classes of the same package need no import: capitalised names used in the test that are files of that package.
    const dir = pkg.join('/');
    const seen = new Set();
    lines.forEach((l, at) => {
        if (/^\s*(import|package)\b/.test(l))
            return;
        for (const m of l.matchAll(/\b([A-Z][A-Za-z0-9_]*)\b/g)) {
            const name = m[1] ?? '';
            if (seen.has(name) || imported.has(name))
                continue;
            seen.add(name);
            for (const ext of ['java', 'kt', 'scala', 'groovy']) {
                const hit = tree.endingWith(dir ? `${dir}/${name}.${ext}` : `${name}.${ext}`)[0];
                if (hit && hit !== testPath) {
                    uses.push({ path: hit, at });
                    break;
                }
            }
        }
    });
    return uses;
}
function pythonUses(testPath, lines, tree) {
    const uses = [];
    const here = dirName(testPath);
    lines.forEach((l, at) => {
        const from = /^\s*from\s+(\.*)([\w.]*)\s+import\s+([\w, ()]+)/.exec(l);
        const imp = /^\s*import\s+([\w.]+)/.exec(l);
        const mods = [];
        let base = '';
        if (from) {
            const dots = from[1]?.length ?? 0;
            base = dots
                ? here
                    .split('/')
                    .slice(0, Math.max(0, here.split('/').length - (dots - 1)))
                    .join('/')
                : '';
            const mod = from[2] ?? '';
            mods.push(mod);
            for (const n of (from[3] ?? '').split(/[,()\s]+/).filter(Boolean))
                mods.push(mod ? `${mod}.${n}` : n);
        }
        else if (imp?.[1])
            mods.push(imp[1]);
        for (const mod of mods) {
            const rel = mod.replace(/\./g, '/');
            const cands = [`${rel}.py`, `${rel}/__init__.py`].map(c => (base ? `${base}/${c}` : c));
            for (const c of cands) {
                const hit = tree.has(c) ? c : tree.endingWith(c)[0];
                if (hit) {
                    uses.push({ path: hit, at });
                    break;
                }
            }
        }
    });
    return uses;
}
const JS_EXTS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];
function jsUses(testPath, lines, tree) {
    const uses = [];
    lines.forEach((l, at) => {
        for (const m of l.matchAll(/(?:from\s+|require\(\s*|import\(\s*|jest\.mock\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
            const target = normalize(`${dirName(testPath)}/${m[1] ?? ''}`);
            if (target === undefined)
                continue;
            const noJs = target.replace(/\.(js|mjs|cjs)$/, ''); // ESM TypeScript imports name the emitted .js
            for (const suffix of JS_EXTS) {
                const hit = [target + suffix, noJs + suffix].find(c => tree.has(c));
                if (hit) {
                    uses.push({ path: hit, at });
                    break;
                }
            }
        }
    });
    return uses;
}
function rubyUses(lines, tree) {
    const uses = [];
    lines.forEach((l, at) => {
        const m = /^\s*require(?:_relative)?\s+['"]([\w./-]+)['"]/.exec(l);
        if (!m?.[1])
            return;
        const hit = tree.endingWith(`${m[1].replace(/^(\.\.?\/)+/, '')}.rb`)[0];
        if (hit)
            uses.push({ path: hit, at });
    });
    return uses;
}
function phpUses(lines, tree) {
    const uses = [];
    lines.forEach((l, at) => {
        const m = /^\s*use\s+([\w\\]+)\s*(?:as\s+\w+)?;/.exec(l);
        if (!m?.[1])
            return;
        const parts = m[1].split('\\');
        // PSR-4 maps a namespace prefix to a folder: try ever shorter namespace tails.
        for (let i = 0; i < parts.length; i++) {
            const hit = tree.endingWith(`${parts.slice(i).join('/')}.php`)[0];
            if (hit) {
                uses.push({ path: hit, at });
                break;
            }
        }
    });
    return uses;
}
function goUses(testPath, tree) {
    // A Go test sits in its package: the package's other files are what it exercises (a few, closest names first).
    const dir = dirName(testPath);
    return tree.paths
        .filter(p => dirName(p) === dir && p.endsWith('.go') && !p.endsWith('_test.go'))
        .map(path => ({ path, at: 0 }));
}
function normalize(path) {
    const out = [];
    for (const seg of path.split('/')) {
        if (seg === '' || seg === '.')
            continue;
        if (seg === '..') {
            if (!out.length)
                return undefined;
            out.pop();
        }
        else
            out.push(seg);
    }
    return out.join('/');
}

;// CONCATENATED MODULE: ./src/analysis/localize/index.ts
// Deterministic localization: which files of the failing commit a person would open first, from the failure lines.
// The resolvers are pure (lines and tree paths in, candidates out); this module reads the few test files whose
// imports matter, merges the candidates and ranks them by evidence.








const DEFAULT_MAX_FILES = 8;
/** Failing test files whose subjects and imports are followed (the first ones in the log). */
const MAX_TESTS_FOLLOWED = 3;
/** Go test files read to find where a failing test function is defined. */
const MAX_GO_FILES_READ = 40;
/** Files of each kind taken before any kind may take more: a long stack must not crowd out the test's subject. */
const QUOTA = {
    frame: 4,
    'failing-test': 2,
    'under-test': 2,
    'used-by-test': 2,
    named: 1,
    manifest: 1,
    related: 0
};
const MANIFESTS = [
    'pom.xml',
    'build.gradle',
    'build.gradle.kts',
    'package.json',
    'pyproject.toml',
    'requirements.txt',
    'setup.py',
    'setup.cfg',
    'Pipfile',
    'go.mod',
    'Cargo.toml',
    'Gemfile',
    'composer.json',
    'build.sbt'
];
/** A failure that a dependency manifest fixes: a module, package or artifact that cannot be found. */
const MISSING_DEPENDENCY = /ModuleNotFoundError|No module named|Cannot find (?:module|package)|Could not resolve (?:dependencies|dependency)|package [\w.]+ does not exist|could not find (?:gem|crate)|cannot find package|no required module provides package|Unable to resolve dependency/i;
async function localize(failureLines, tree, read, opts = {}) {
    const lines = failureLines.map(l => (l.length > 2000 ? l.slice(0, 2000) : l));
    const found = [
        ...jvmFrames(lines, tree),
        ...jvmNames(lines, tree),
        ...pathMentions(lines, tree),
        ...dottedTests(lines, tree)
    ];
    const go = goFailures(lines, tree);
    const goFiles = go.names.size && go.dirs.length
        ? tree.paths
            .filter(p => p.endsWith('_test.go') && go.dirs.includes(dirName(p)))
            .slice(0, MAX_GO_FILES_READ)
        : [];
    // One batch for what is known so far (the files read below among them): each read may be a request.
    await opts.prefetch?.([...merge(found).map(c => c.path), ...goFiles, ...MANIFESTS.filter(m => tree.has(m))]);
    if (goFiles.length) {
        const files = goFiles;
        const contents = new Map();
        for (const p of files) {
            const c = await read(p);
            if (c !== undefined)
                contents.set(p, c);
        }
        found.push(...goTestFiles(go, tree, contents));
    }
    // Follow the failing tests: the code they are named after, and what they use near the failing line.
    const tests = merge(found.filter(c => c.evidence === 'failing-test')).slice(0, MAX_TESTS_FOLLOWED);
    for (const t of tests) {
        found.push(...subjectsOf(t.path, tree, t.line, t.rank));
        found.push(...relatedByName(t.path, tree, t.line, t.rank));
        const content = await read(t.path);
        if (content !== undefined)
            found.push(...usedByTest(t.path, content, t.lines, tree, t.rank));
    }
    // Code the failing tests reach through an interface: its implementation next to it.
    for (const c of found.filter(c => c.evidence === 'under-test' || c.evidence === 'used-by-test')) {
        found.push(...implementationsOf(c, tree));
    }
    let ranked = merge(found);
    // A name that matched several files is settled when stronger evidence picked one of them.
    const settled = new Set(ranked.filter(c => c.evidence !== 'named').map(c => baseName(c.path)));
    ranked = ranked.filter(c => c.evidence !== 'named' || !c.reason.includes('ambiguous') || !settled.has(baseName(c.path)));
    // Fixtures and data files named in messages are noise when code is on offer.
    if (ranked.some(c => isCode(c.path)))
        ranked = ranked.filter(c => c.evidence === 'frame' || !isDataFile(c.path));
    const manifest = nearestManifest(tree, ranked[0]?.path);
    const missing = lines.find(l => MISSING_DEPENDENCY.test(l));
    if (manifest && !ranked.some(c => c.path === manifest)) {
        // A missing module or package is fixed in the manifest: then it ranks with the frames.
        const c = missing
            ? {
                path: manifest,
                evidence: 'frame',
                reason: 'dependency manifest (a module is missing)',
                line: missing,
                lines: [],
                rank: -1
            }
            : {
                path: manifest,
                evidence: 'manifest',
                reason: 'build manifest of the failing module',
                line: '',
                lines: [],
                rank: 0
            };
        ranked = merge([...ranked, c]);
    }
    return pick(ranked, opts.maxFiles ?? DEFAULT_MAX_FILES);
}
/** One candidate a path: the strongest evidence wins, line numbers are pooled. */
function merge(cands) {
    const byPath = new Map();
    for (const c of cands) {
        const prev = byPath.get(c.path);
        if (!prev) {
            byPath.set(c.path, { ...c, lines: [...c.lines] });
            continue;
        }
        const lines = [...new Set([...prev.lines, ...c.lines])];
        if (order(c) < order(prev))
            byPath.set(c.path, { ...c, lines });
        else
            prev.lines = lines;
    }
    return [...byPath.values()].sort((a, b) => order(a) - order(b));
}
function order(c) {
    return EVIDENCE.indexOf(c.evidence) * 1e7 + c.rank;
}
/** Takes each kind up to its quota, then fills the remaining places in ranking order. */
function pick(ranked, max) {
    const taken = new Set();
    const used = new Map();
    for (const c of ranked) {
        if (taken.size >= max)
            break;
        const n = used.get(c.evidence) ?? 0;
        if (n < QUOTA[c.evidence]) {
            taken.add(c);
            used.set(c.evidence, n + 1);
        }
    }
    for (const c of ranked) {
        if (taken.size >= max)
            break;
        taken.add(c);
    }
    return ranked.filter(c => taken.has(c));
}
/** The manifest closest above a file (a monorepo module's own), else the root's. */
function nearestManifest(tree, path) {
    let dir = path === undefined ? '' : dirName(path);
    for (;;) {
        for (const m of MANIFESTS) {
            const p = dir ? `${dir}/${m}` : m;
            if (tree.has(p))
                return p;
        }
        if (!dir)
            return undefined;
        dir = dirName(dir);
    }
}


/***/ }),

/***/ 6943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C4: () => (/* binding */ LIST_TOOL),
/* harmony export */   MI: () => (/* binding */ isSecretLooking),
/* harmony export */   TD: () => (/* binding */ FIND_TOOL),
/* harmony export */   cP: () => (/* binding */ READ_TOOL),
/* harmony export */   oT: () => (/* binding */ CONTEXT_TOOL_SPECS),
/* harmony export */   pT: () => (/* binding */ ContextTools)
/* harmony export */ });
/* unused harmony export CONTEXT_TOOL_NAMES */
/* harmony import */ var _patch_paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5734);
// The read-only second look: tools the model may call in the same Converse conversation to see more of the failing
// commit (list a folder, read a file, find a symbol in the files it has). Every path is checked like a patch path
// (inside the repository, no symlink or submodule on the way) and secret-looking files are never read. The number
// of files and the characters returned are bounded; each file read is recorded with the model's reason.

const LIST_TOOL = 'list_directory';
const READ_TOOL = 'read_file';
const FIND_TOOL = 'find_symbol';
const CONTEXT_TOOL_NAMES = [LIST_TOOL, READ_TOOL, FIND_TOOL];
/** Tool specs in the Converse shape (name, description, JSON schema). */
const CONTEXT_TOOL_SPECS = [
    {
        name: LIST_TOOL,
        description: 'List the files and folders of one folder of the repository at the failing commit.',
        schema: {
            type: 'object',
            properties: { path: { type: 'string', description: 'Repository-relative folder; "" for the root.' } },
            required: ['path']
        }
    },
    {
        name: READ_TOOL,
        description: 'Read one more repository file at the failing commit (a file the fix may need that you were not shown).',
        schema: {
            type: 'object',
            properties: {
                path: { type: 'string', description: 'Repository-relative file path.' },
                reason: { type: 'string', description: 'Why this file is needed, in a few words.' },
                line: { type: 'integer', description: 'Optional: the line to center on when the file is large.' }
            },
            required: ['path', 'reason']
        }
    },
    {
        name: FIND_TOOL,
        description: 'Find the lines that mention an identifier in the files you have been shown or have read.',
        schema: {
            type: 'object',
            properties: { name: { type: 'string', description: 'An identifier: class, function, variable.' } },
            required: ['name']
        }
    }
];
/** Files that may hold credentials: never read, whatever the model asks. */
const SECRET_FILE = /(^|\/)(\.env(\..*)?|\.envrc|\.netrc|\.npmrc|\.pypirc|\.git-credentials|\.htpasswd|credentials(\.[\w]+)?|secrets?(\.[\w]+)?|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|known_hosts|authorized_keys)$|\.(pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ppk|tfvars|tfstate|ovpn)$|(^|\/)\.(ssh|aws|gnupg|docker)\//i;
/**
 * More files that hold credentials by convention: docker-compose env files (`prod.env`), `secrets.<env>.yml`,
 * `<name>-credentials.json` and service-account keys, kubeconfigs, and the config files of common clients.
 */
const SECRET_FILE_MORE = /[^/]\.env$|(^|\/)[\w.-]*secrets?\.[\w.-]*\.(json|ya?ml|toml|ini|conf|cfg|properties|xml|txt)$|(^|\/)[\w.-]*credentials?[\w.-]*\.(json|ya?ml|toml|ini|conf|cfg|properties|xml|txt)$|(^|\/)service[-_]?account[\w.-]*\.json$|(^|\/)\.?kubeconfig$|(^|\/)\.kube\/|(^|\/)\.(vault-token|pgpass|my\.cnf|dockercfg|s3cfg|boto)$|\.p8$/i;
function isSecretLooking(path) {
    return SECRET_FILE.test(path) || SECRET_FILE_MORE.test(path);
}
class ContextTools {
    snapshot;
    /** Files read through read_file, in order, with the model's reason. */
    read = [];
    known = new Map();
    charsLeft;
    maxFiles;
    maxFileChars;
    constructor(snapshot, shown, opts = {}) {
        this.snapshot = snapshot;
        for (const f of shown)
            this.known.set(f.path, f.content);
        this.maxFiles = opts.maxFiles ?? 4;
        this.charsLeft = opts.maxChars ?? 24_000;
        this.maxFileChars = opts.maxFileChars ?? 12_000;
    }
    async run(name, input) {
        const args = (typeof input === 'object' && input !== null ? input : {});
        let out;
        if (name === LIST_TOOL)
            out = this.list(args.path);
        else if (name === READ_TOOL)
            out = await this.readFile(args.path, args.reason, args.line);
        else if (name === FIND_TOOL)
            out = this.find(args.name);
        else
            out = { ok: false, text: `unknown tool "${name}"` };
        if (out.text.length > this.charsLeft) {
            out = { ok: false, text: 'the lookup budget is spent: propose the fix with what you have' };
        }
        this.charsLeft -= out.text.length;
        return out;
    }
    list(path) {
        const dir = typeof path === 'string' ? path.replace(/\/+$/, '').replace(/^\.\/?/, '') : '';
        if (dir !== '') {
            const why = (0,_patch_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPath */ .Cg)(dir, this.snapshot.tree);
            if (why)
                return { ok: false, text: `refused: ${why}` };
        }
        const prefix = dir ? `${dir}/` : '';
        const names = new Set();
        for (const p of this.snapshot.paths) {
            if (!p.startsWith(prefix))
                continue;
            const rest = p.slice(prefix.length);
            const slash = rest.indexOf('/');
            names.add(slash < 0 ? rest : `${rest.slice(0, slash)}/`);
        }
        if (!names.size)
            return { ok: false, text: `no folder "${dir}" in the repository` };
        const list = [...names].sort().slice(0, 200);
        return { ok: true, text: list.join('\n') + (names.size > 200 ? `\n… and ${names.size - 200} more` : '') };
    }
    async readFile(path, reason, line) {
        if (typeof path !== 'string')
            return { ok: false, text: 'refused: path must be a string' };
        const why = (0,_patch_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPath */ .Cg)(path, this.snapshot.tree);
        if (why)
            return { ok: false, text: `refused: ${why}` };
        if (isSecretLooking(path))
            return { ok: false, text: 'refused: the file may hold secrets' };
        if (!this.snapshot.has(path))
            return { ok: false, text: `no file "${path}" in the repository` };
        if (!this.snapshot.isRegularFile(path))
            return { ok: false, text: 'refused: not a regular file' };
        if (this.known.has(path))
            return { ok: false, text: `"${path}" is already in the prompt` };
        if (this.read.length >= this.maxFiles) {
            return { ok: false, text: `refused: at most ${this.maxFiles} files may be read` };
        }
        const content = await this.snapshot.read(path);
        if (content === undefined || content.includes('\u0000'))
            return { ok: false, text: 'refused: not a text file' };
        this.known.set(path, content);
        const why2 = typeof reason === 'string' ? oneLine(reason) : '';
        this.read.push({ path, reason: why2 ? `read by the model: ${why2}` : 'read by the model' });
        return { ok: true, text: window(content, typeof line === 'number' ? line : 1, this.maxFileChars) };
    }
    find(name) {
        if (typeof name !== 'string' || !/^[\w$.]{2,100}$/.test(name)) {
            return { ok: false, text: 'refused: give one identifier (letters, digits, _ $ .)' };
        }
        const re = new RegExp(`(^|[^\\w$])${name.replace(/[.$]/g, '\\$&')}($|[^\\w$])`);
        const hits = [];
        for (const [path, content] of this.known) {
            content.split('\n').forEach((l, i) => {
                if (hits.length < 40 && re.test(l))
                    hits.push(`${path}:${i + 1}: ${l.trim().slice(0, 200)}`);
            });
        }
        return {
            ok: true,
            text: hits.length ? hits.join('\n') : `"${name}" occurs in none of the files you have`
        };
    }
}
function oneLine(text) {
    const flat = text
        // eslint-disable-next-line no-control-regex -- the reason is model output shown in a comment
        .replace(/[\u0000-\u001f\u007f<>`|]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
/** The file, or a window of whole lines around `line` when it is longer than maxChars, with its line range. */
function window(content, line, maxChars) {
    if (content.length <= maxChars)
        return content;
    const lines = content.split('\n');
    let from = Math.max(0, Math.min(lines.length - 1, line - 1) - 20);
    let to = from;
    let used = 0;
    while (to < lines.length && used + (lines[to] ?? '').length + 1 <= maxChars)
        used += (lines[to++] ?? '').length + 1;
    while (from > 0 && used + (lines[from - 1] ?? '').length + 1 <= maxChars)
        used += (lines[--from] ?? '').length + 1;
    return `[lines ${from + 1}-${to} of ${lines.length}]\n${lines.slice(from, to).join('\n')}`;
}


/***/ }),

/***/ 838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ localTree)
/* harmony export */ });
/* unused harmony export gitBlobSha */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



const SKIP_DIRS = new Set([
    '.git',
    'node_modules',
    '.venv',
    'venv',
    '__pycache__',
    'target',
    'dist',
    'build',
    '.tox'
]);
/** Git's blob id of some content, so local files carry the same SHAs the API would report. */
function gitBlobSha(content) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** A working directory as a tree, the way listTree reports a commit (for the CLI; no git needed). */
function localTree(root) {
    const tree = [];
    const walk = (dir) => {
        for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir).sort()) {
            const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
            const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(full);
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, full).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
            if (st.isDirectory()) {
                if (!SKIP_DIRS.has(name))
                    walk(full);
            }
            else if (st.isSymbolicLink()) {
                tree.push({ path, mode: '120000', sha: '' });
            }
            else if (st.isFile()) {
                // Blob SHAs are computed when a file is read: only the few files FixFlow reads need one.
                tree.push({ path, mode: st.mode & 0o111 ? '100755' : '100644', sha: '' });
            }
        }
    };
    walk(root);
    const byPath = new Map(tree.map(e => [e.path, e]));
    const read = (path) => {
        const e = byPath.get(path);
        if (!e || e.mode === '120000')
            return Promise.resolve(undefined);
        const bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path));
        return Promise.resolve({ content: bytes.toString('utf8'), sha: gitBlobSha(bytes) });
    };
    return { tree, read };
}


/***/ }),

/***/ 5734:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cg: () => (/* binding */ checkPath),
/* harmony export */   bz: () => (/* binding */ isProtected),
/* harmony export */   jq: () => (/* binding */ GlobPatternError),
/* harmony export */   rV: () => (/* binding */ protectedMatcher),
/* harmony export */   xj: () => (/* binding */ repoPathOf)
/* harmony export */ });
/* unused harmony export globMatches */
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_0__);
// Path safety (may FixFlow write this path at all?) and protection (does writing it need a separate, explicit
// approval?). Both are pure string checks: model output is untrusted, so every file_path goes through checkPath
// before anything reads or writes it (docs/security.md, threats 3, 4 and 11).

const MAX_PATH = 4096;
/** Git modes that must never be written through: a symlink could point outside the repository, a gitlink is
 *  another repository. */
const LINK_MODES = { '120000': 'a symlink', '160000': 'a submodule' };
/**
 * Why `path` may not be written, or undefined when it is a plain repository-relative path.
 * `tree` (the commit's recursive tree) lets it refuse paths that are, or go through, a symlink or submodule.
 */
function checkPath(path, tree) {
    if (typeof path !== 'string' || path.length === 0)
        return 'empty path';
    if (path.length > MAX_PATH)
        return `path longer than ${MAX_PATH} characters`;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(path))
        return 'path contains a control character';
    // A path shown in the comment must read as what it is: bidi controls reorder how it displays.
    if (/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/.test(path))
        return 'path contains a bidirectional control character';
    if (path.includes('\\'))
        return 'path contains a backslash';
    if (path.startsWith('/'))
        return 'absolute path';
    if (/^[A-Za-z]:/.test(path))
        return 'absolute path (drive letter)';
    if (path.startsWith('~'))
        return 'path starts with ~';
    const segments = path.split('/');
    for (const seg of segments) {
        if (seg === '')
            return 'path has an empty segment (// or a trailing /)';
        if (seg === '.' || seg === '..')
            return `path has a "${seg}" segment`;
        // A leading dash turns a path into an option for git and most CLIs (--upload-pack=...).
        if (seg.startsWith('-'))
            return `path segment "${seg}" starts with "-"`;
        if (isGitDir(seg))
            return 'path inside .git';
    }
    if (tree && tree.length > 0) {
        const modes = new Map(tree.map(e => [e.path, e.mode]));
        for (let i = 1; i <= segments.length; i++) {
            const prefix = segments.slice(0, i).join('/');
            const kind = LINK_MODES[modes.get(prefix) ?? ''];
            if (kind === undefined)
                continue;
            return i === segments.length ? `path is ${kind}` : `path goes through ${kind} (${prefix})`;
        }
    }
    return undefined;
}
/** `.git`, and the names Windows and macOS file systems fold onto it (`.GIT`, `.git.`, `.git `, `git~1`). */
function isGitDir(seg) {
    const s = seg.toLowerCase().replace(/[. ]+$/, '');
    return s === '.git' || s === 'git~1';
}
const under = (...dirs) => (p) => dirs.some(d => p.startsWith(`${d}/`) || p.includes(`/${d}/`));
const named = (...names) => (_p, base) => names.includes(base);
// Built-in protection, matched case-insensitively so `.GitHub/` or `codeowners` cannot slip through on a
// case-insensitive checkout. Protected = changing it alters who may do what, what runs in CI, or what runs on
// other people's machines at install or commit time. Ordinary build scripts (Makefile, setup.py, build.rs) are
// not protected but risk.ts scores them high.
const RULES = [
    { test: p => p.startsWith('.github/'), why: 'under .github/ (workflows, actions and repository settings)' },
    { test: named('codeowners'), why: 'CODEOWNERS decides who must review' },
    { test: named('.gitmodules'), why: '.gitmodules points at other repositories' },
    {
        test: (p, b) => ['.npmrc', '.pnpmfile.cjs', '.pypirc', 'pip.conf', '.condarc'].includes(b) ||
            b.startsWith('.yarnrc') ||
            /(^|\/)\.cargo\/config(\.toml)?$/.test(p) ||
            /(^|\/)\.bundle\/config$/.test(p) ||
            under('.mvn', '.yarn/plugins')(p) ||
            /(^|\/)gradle\/wrapper\//.test(p),
        why: 'package manager configuration (registries, credentials, install-time code)'
    },
    {
        test: (p, b) => [
            '.gitlab-ci.yml',
            '.travis.yml',
            'bitbucket-pipelines.yml',
            '.drone.yml',
            'appveyor.yml',
            '.appveyor.yml',
            '.cirrus.yml',
            '.woodpecker.yml',
            'cloudbuild.yaml',
            'cloudbuild.yml',
            'buildspec.yml',
            'codemagic.yaml'
        ].includes(b) ||
            /^jenkinsfile(\..+)?$/.test(b) ||
            /^azure-pipelines.*\.ya?ml$/.test(b) ||
            under('.circleci', '.gitlab', '.buildkite', '.azure-pipelines', '.woodpecker', '.semaphore', '.teamcity')(p),
        why: 'CI configuration'
    },
    {
        test: (p, b) => ['.pre-commit-config.yaml', '.pre-commit-hooks.yaml', '.envrc', '.devcontainer.json'].includes(b) ||
            /^lefthook.*\.(ya?ml|json|toml)$/.test(b) ||
            /(^|\/)\.lefthook/.test(p) ||
            /(^|\/)\.vscode\/tasks\.json$/.test(p) ||
            /^\.gitpod(\.ya?ml|\.dockerfile)$/.test(b) ||
            under('.husky', '.devcontainer', '.githooks')(p),
        why: 'hooks, tasks or dev environment that run code on other machines'
    },
    {
        test: (p, b) => ['.pnp.cjs', '.pnp.js', '.pnp.loader.mjs'].includes(b) || under('.yarn/releases', '.yarn/sdks')(p),
        why: 'vendored package manager code that runs on every install'
    },
    {
        test: p => /(^|\/)action\.ya?ml$/.test(p),
        why: 'a GitHub Action definition (runs in the workflows that use it)'
    },
    {
        test: (_p, b) => ['netlify.toml', 'vercel.json', '.readthedocs.yaml', '.readthedocs.yml', 'bitrise.yml'].includes(b),
        why: 'deployment or hosted-build configuration'
    }
];
// The built-in names above match at any depth: monorepos open, build and deploy sub-projects as their own roots
// (a nested .devcontainer.json, .envrc or action.yml runs just like a top-level one).
/**
 * Why `path` is protected, or undefined. `extra` are the `protected-paths` globs (see protectedMatcher).
 */
function isProtected(path, extra) {
    const lower = path.toLowerCase();
    const base = lower.slice(lower.lastIndexOf('/') + 1);
    for (const rule of RULES)
        if (rule.test(lower, base))
            return rule.why;
    for (const pattern of extra) {
        const p = pattern.trim();
        if (p !== '' && globMatches(p, path))
            return `matches protected-paths "${p}"`;
    }
    return undefined;
}
/** A `protected-paths` pattern picomatch cannot parse, or one that could only remove protection. */
class GlobPatternError extends Error {
    name = 'GlobPatternError';
}
// picomatch options, chosen to read like a .gitignore: `*` also matches dot files, case is ignored (a
// case-insensitive checkout writes `Deploy/` where `deploy/**` is protected; protecting more is the safe side),
// and an unbalanced bracket, brace or parenthesis is an error instead of a literal character.
const GLOB_OPTIONS = { dot: true, nocase: true, strictBrackets: true };
const compiled = new Map();
/**
 * The `protected-paths` pattern as a RegExp, gitignore-like: a leading `/` anchors at the root, a trailing `/` is
 * dropped, and a pattern without `/` matches a name at any depth (`*.{tf,tfvars}` = `**\/*.{tf,tfvars}`).
 * Otherwise picomatch syntax: `*` and `?` stay within one segment, `**` spans segments, braces, classes
 * (`[0-9]`, `[[:digit:]]`) and extglobs (`+(a|b)`, `!(x)`). Throws GlobPatternError when the pattern cannot be
 * parsed, would match nothing, or is negated (a protected list can only add protection): fail closed.
 */
function protectedMatcher(pattern) {
    const cached = compiled.get(pattern);
    if (cached)
        return cached;
    let p = pattern.trim();
    if (p.startsWith('!')) {
        throw new GlobPatternError(`"${pattern}" is negated; protected-paths can only add protection`);
    }
    const anchored = p.startsWith('/');
    p = p.replace(/^\/+/, '').replace(/\/+$/, '');
    if (p === '')
        throw new GlobPatternError(`"${pattern}" names no path`);
    if (!anchored && !p.includes('/'))
        p = `**/${p}`;
    let re;
    try {
        re = picomatch__WEBPACK_IMPORTED_MODULE_0___default().makeRe(p, GLOB_OPTIONS);
    }
    catch (e) {
        throw new GlobPatternError(`"${pattern}" cannot be parsed: ${e instanceof Error ? e.message : String(e)}`);
    }
    // picomatch falls back to a never-matching /$^/ when its own output is not a valid RegExp (`[z-a]`).
    if (re.source === '$^')
        throw new GlobPatternError(`"${pattern}" cannot be parsed (it would match nothing)`);
    compiled.set(pattern, re);
    return re;
}
/** Whether the glob matches `path` or one of its leading directories (a protected directory protects its files). */
function globMatches(pattern, path) {
    if (pattern.trim() === '')
        return false;
    const re = protectedMatcher(pattern);
    const segments = path.split('/');
    for (let i = segments.length; i >= 1; i--) {
        if (re.test(segments.slice(0, i).join('/')))
            return true;
    }
    return false;
}
/**
 * The one path-suffix resolver: a path as a log prints it (absolute on the runner, `./`-relative, Windows
 * separators) reduced to a repository path, the longest suffix that is in `paths`:
 * `/home/runner/work/r/r/src/x.py` -> `src/x.py`.
 */
function repoPathOf(logPath, paths) {
    const has = (p) => ('has' in paths ? paths.has(p) : paths.includes(p));
    const parts = logPath
        .replace(/\\/g, '/')
        .split('/')
        .filter(p => p !== '' && p !== '.');
    for (let i = 0; i < parts.length; i++) {
        const candidate = parts.slice(i).join('/');
        if (has(candidate))
            return candidate;
    }
    return undefined;
}


/***/ })

};
