export const id = 370;
export const ids = [370];
export const modules = {

/***/ 370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   contextCommand: () => (/* binding */ contextCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _logs_extract_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7359);
/* harmony import */ var _cli_local_tree_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(838);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4805);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8341);
// `fixflow context --log FILE [--log FILE ...] --repo DIR [--json] [--max-files N]`: the repository files FixFlow
// would show the model first for these logs, one path a line (with --json: path, reason, evidence line).






const USAGE = 'usage: fixflow context --log FILE [--log FILE ...] --repo DIR [--json] [--max-files N] [--max-prompt-tokens N]';
/** The action's default max-prompt-tokens; `analyze` extracts failure lines within half of it, and so does this. */
const DEFAULT_PROMPT_TOKENS = 6000;
async function contextCommand(argv) {
    let values;
    try {
        ;
        ({ values } = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
            args: argv,
            options: {
                log: { type: 'string', multiple: true },
                repo: { type: 'string' },
                json: { type: 'boolean', default: false },
                'max-files': { type: 'string' },
                'max-prompt-tokens': { type: 'string' },
                help: { type: 'boolean', short: 'h', default: false }
            },
            strict: true
        }));
    }
    catch (e) {
        process.stderr.write(`fixflow context: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(USAGE + '\n');
        return 0;
    }
    const logs = values.log ?? [];
    if (!logs.length || !values.repo) {
        process.stderr.write(USAGE + '\n');
        return 2;
    }
    let maxFiles = _index_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_MAX_FILES */ .$c;
    if (values['max-files'] !== undefined) {
        maxFiles = Number(values['max-files']);
        if (!Number.isInteger(maxFiles) || maxFiles <= 0) {
            process.stderr.write(`fixflow context: --max-files wants a positive integer, got '${values['max-files']}'\n`);
            return 2;
        }
    }
    const promptTokens = Number(values['max-prompt-tokens'] ?? DEFAULT_PROMPT_TOKENS);
    if (!Number.isInteger(promptTokens) || promptTokens < 500) {
        process.stderr.write(`fixflow context: --max-prompt-tokens wants an integer >= 500, got '${values['max-prompt-tokens'] ?? ''}'\n`);
        return 2;
    }
    const failures = [];
    for (const [i, file] of logs.entries()) {
        const extraction = await (0,_logs_extract_js__WEBPACK_IMPORTED_MODULE_2__/* .extractStream */ .QW)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file), {
            maxTokens: Math.floor(promptTokens / 2)
        });
        failures.push({ jobId: i + 1, jobName: file, extraction });
    }
    const { tree, read } = (0,_cli_local_tree_js__WEBPACK_IMPORTED_MODULE_3__/* .localTree */ .q)(values.repo);
    const { choices } = await (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .gatherContext */ .x8)(new _context_js__WEBPACK_IMPORTED_MODULE_4__/* .RepoSnapshot */ .xC(tree, read), failures, maxFiles);
    const cands = choices;
    const out = values.json ? JSON.stringify(cands, null, 2) : cands.map(c => c.path).join('\n');
    await new Promise(resolve => process.stdout.write(out ? out + '\n' : '', () => resolve()));
    return 0;
}


/***/ })

};
