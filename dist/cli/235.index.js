export const id = 235;
export const ids = [235];
export const modules = {

/***/ 8235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   extractCommand: () => (/* binding */ extractCommand),
/* harmony export */   extractSpec: () => (/* binding */ extractSpec)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _logs_extract_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7359);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7593);
// `extract <log-file | -> [--max-tokens N] [--green <log-file>] [--json]`: prints the failure block of a log;
// --green names the log of a passing run of the same job, whose lines count as weak evidence.
// Kept free of heavy imports: the command runs once per log in benchmarks, so cold start matters.



const extractSpec = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .defineCommand */ .NB)({
    name: 'extract',
    summary: 'Prints the failure block of a CI log (a file, or - for standard input). Reads nothing else.',
    positionals: { synopsis: '<log-file | ->', min: 1, max: 1 },
    options: {
        'max-tokens': {
            type: 'string',
            value: 'N',
            help: 'keep at most about N tokens (chars / 4) of failure lines'
        },
        green: {
            type: 'string',
            value: 'FILE',
            help: 'the log of a passing run of the same job: lines it also has count as weak evidence'
        },
        json: { type: 'boolean', help: 'print the extraction as JSON (blocks, line numbers, token estimate)' }
    }
});
async function extractCommand(argv) {
    const parsed = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCommand */ .RM)(extractSpec, argv);
    if (!parsed)
        return 0;
    const maxTokens = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .positiveInt */ .NJ)('max-tokens', parsed.values['max-tokens']);
    const file = parsed.positionals[0] ?? '-';
    const opts = maxTokens === undefined ? {} : { maxTokens };
    const green = parsed.values.green;
    if (typeof green === 'string') {
        try {
            opts.weak = (0,_logs_extract_js__WEBPACK_IMPORTED_MODULE_1__/* .weakLines */ .oZ)(readHead(green, MAX_GREEN_BYTES));
        }
        catch (e) {
            throw new Error(`cannot read '${green}': ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    let ex;
    try {
        ex =
            file === '-'
                ? await (0,_logs_extract_js__WEBPACK_IMPORTED_MODULE_1__/* .extractStream */ .QW)(process.stdin, opts)
                : extractFile(file, opts);
    }
    catch (e) {
        throw new Error(`cannot read '${file}': ${e instanceof Error ? e.message : String(e)}`);
    }
    const out = parsed.values.json ? JSON.stringify(ex, null, 2) : (0,_logs_extract_js__WEBPACK_IMPORTED_MODULE_1__/* .formatExtraction */ .Jz)(ex);
    await new Promise(resolve => process.stdout.write(out.length > 0 ? out + '\n' : '', () => resolve()));
    return 0;
}
/** The green log is read whole up to this: weakLines reads a bounded number of lines of it too. */
const MAX_GREEN_BYTES = 64 << 20;
/** The first `max` bytes of a file, as text. */
function readHead(file, max) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, 'r');
    try {
        const buf = Buffer.alloc(Math.min(max, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).size));
        const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, 0, buf.length, 0);
        return buf.toString('utf8', 0, n);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** Reads a file through one reused 64 KB buffer: no allocation per chunk, so memory stays flat on huge logs. */
function extractFile(file, opts) {
    const ex = new _logs_extract_js__WEBPACK_IMPORTED_MODULE_1__/* .FailureExtractor */ .P6(opts);
    const buf = Buffer.allocUnsafe(1 << 16);
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, 'r');
    try {
        for (let n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf); n > 0; n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf))
            ex.push(buf.subarray(0, n));
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    return ex.end();
}


/***/ })

};
