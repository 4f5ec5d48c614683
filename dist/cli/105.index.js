export const id = 105;
export const ids = [105];
export const modules = {

/***/ 1105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   extractCommand: () => (/* binding */ extractCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _extract_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6422);
// `fixflow extract <log-file | -> [--max-tokens N] [--json]`: prints the failure block of a log.
// Kept free of heavy imports: the command runs once per log in benchmarks, so cold start matters.


const USAGE = 'usage: fixflow extract <log-file | -> [--max-tokens N] [--json]';
async function extractCommand(argv) {
    let file;
    let maxTokens;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--json')
            json = true;
        else if (a === '--max-tokens' || a?.startsWith('--max-tokens=')) {
            const v = a === '--max-tokens' ? argv[++i] : a.slice('--max-tokens='.length);
            const n = Number(v);
            if (!v || !Number.isInteger(n) || n <= 0) {
                process.stderr.write(`fixflow extract: --max-tokens wants a positive integer, got '${v ?? ''}'\n${USAGE}\n`);
                return 2;
            }
            maxTokens = n;
        }
        else if (a === '-h' || a === '--help') {
            process.stdout.write(USAGE + '\n');
            return 0;
        }
        else if (file === undefined && a !== undefined && (a === '-' || !a.startsWith('-')))
            file = a;
        else {
            process.stderr.write(`fixflow extract: unexpected argument '${a ?? ''}'\n${USAGE}\n`);
            return 2;
        }
    }
    if (file === undefined) {
        process.stderr.write(USAGE + '\n');
        return 2;
    }
    const opts = maxTokens === undefined ? {} : { maxTokens };
    let ex;
    try {
        ex =
            file === '-'
                ? await (0,_extract_js__WEBPACK_IMPORTED_MODULE_1__/* .extractStream */ .QW)(process.stdin, opts)
                : extractFile(file, opts);
    }
    catch (e) {
        process.stderr.write(`fixflow extract: cannot read '${file}': ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
    const out = json ? JSON.stringify(ex, null, 2) : (0,_extract_js__WEBPACK_IMPORTED_MODULE_1__/* .formatExtraction */ .Jz)(ex);
    await new Promise(resolve => process.stdout.write(out.length > 0 ? out + '\n' : '', () => resolve()));
    return 0;
}
/** Reads a file through one reused 64 KB buffer: no allocation per chunk, so memory stays flat on huge logs. */
function extractFile(file, opts) {
    const ex = new _extract_js__WEBPACK_IMPORTED_MODULE_1__/* .FailureExtractor */ .P6(opts);
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
