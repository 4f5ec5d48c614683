#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9668:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ localAdvice)
/* harmony export */ });
/* unused harmony export LOCAL_CREDENTIALS */
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7593);
// Messages written for the action (run in CI) say what to change in a workflow; run locally, the same faults are
// fixed in the user's shell. This rewrites the CI advice into local advice, and names the CLI the way it was run.

const CI_CREDENTIALS = /Configure them with aws-actions\/configure-aws-credentials[^.]*before FixFlow runs\./g;
const LOCAL_CREDENTIALS = 'Locally, FixFlow uses the AWS SDK default chain: set AWS_PROFILE (after `aws sso login` or `aws configure`), or ' +
    'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), in the environment, ' +
    'and AWS_REGION or --region; or pass --provider rules to analyse without a cloud account.';
/** `fixflow <command>` in a message, when meant as something to run: a `fixflow` binary is usually not installed. */
const FIXFLOW_COMMAND = /\bfixflow (analyze|extract|init-table|list)\b/g;
function localAdvice(message, prog = (0,_args_js__WEBPACK_IMPORTED_MODULE_0__/* .programName */ .kX)()) {
    return message.replace(CI_CREDENTIALS, LOCAL_CREDENTIALS).replace(FIXFLOW_COMMAND, `${prog} $1`);
}


/***/ }),

/***/ 7593:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NB: () => (/* binding */ defineCommand),
/* harmony export */   NJ: () => (/* binding */ positiveInt),
/* harmony export */   RM: () => (/* binding */ parseCommand),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   kX: () => (/* binding */ programName)
/* harmony export */ });
/* unused harmony export usage */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
// The one argument parser of every CLI command: node:util parseArgs in strict mode, plus `--help` and a usage
// text generated from the same option table, so what --help lists is exactly what the parser accepts.


/** Keeps the option table's literal types, so each command's parsed values are typed from its own table. */
function defineCommand(spec) {
    return spec;
}
/** A mistake in the command line: exit code 2 and a pointer to --help. */
class UsageError extends Error {
    name = 'UsageError';
}
/**
 * How the user can run this CLI again, for messages: `npx fixflow` through the package's bin link, else
 * `node <the script path as typed from here>` (a `fixflow` binary is usually not on PATH).
 */
function programName(script = process.argv[1], cwd = process.cwd()) {
    if (!script)
        return 'npx fixflow';
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(script) === 'fixflow')
        return 'npx fixflow';
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(cwd, script);
    const shown = rel && !rel.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(rel) ? rel : script;
    return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`;
}
function optionLine(name, o) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(30)} ${o.help}${o.multiple ? ' (repeatable)' : ''}`;
}
function usage(spec, prog = programName()) {
    const pos = spec.positionals ? ` ${spec.positionals.synopsis}` : '';
    const lines = [
        `usage: ${prog} ${spec.name}${pos} [options]`,
        '',
        spec.summary,
        '',
        'options:',
        ...Object.entries(spec.options).map(([name, o]) => optionLine(name, o)),
        optionLine('help', { type: 'boolean', short: 'h', help: 'show this help' })
    ];
    for (const note of spec.notes ?? [])
        lines.push('', note);
    return lines.join('\n') + '\n';
}
/**
 * Parses `argv` against the spec. Returns undefined after printing the help for `--help`; throws UsageError for an
 * unknown option, a missing value or a wrong number of positionals.
 */
function parseCommand(spec, argv) {
    const options = {
        help: { type: 'boolean', short: 'h' }
    };
    for (const [name, o] of Object.entries(spec.options)) {
        options[name] = {
            type: o.type,
            ...(o.multiple ? { multiple: true } : {}),
            ...(o.short ? { short: o.short } : {})
        };
    }
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
            args: argv,
            options,
            strict: true,
            allowPositionals: spec.positionals !== undefined
        });
    }
    catch (e) {
        // parseArgs' own messages name the option and say what is wrong; the hint says where the list is.
        throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    if (parsed.values.help === true) {
        process.stdout.write(usage(spec));
        return undefined;
    }
    const count = parsed.positionals.length;
    const want = spec.positionals;
    if (want && (count < want.min || count > want.max)) {
        throw new UsageError(count < want.min
            ? `missing ${want.synopsis}`
            : `unexpected argument '${parsed.positionals[want.max] ?? ''}'`);
    }
    const values = {};
    for (const [name, o] of Object.entries(spec.options)) {
        const v = parsed.values[name];
        values[name] = o.type === 'boolean' ? v === true : o.multiple ? (v ?? []) : v;
    }
    return { values: values, positionals: parsed.positionals };
}
/** A whole number >= 1 from an option value, or a UsageError naming the option. */
function positiveInt(option, value) {
    if (value === undefined)
        return undefined;
    const n = Number(value);
    if (!value.trim() || !Number.isInteger(n) || n <= 0) {
        throw new UsageError(`--${option} wants a positive whole number, got '${value}'`);
    }
    return n;
}


/***/ }),

/***/ 486:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7593);
/* harmony import */ var _advice_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9668);
// The local CLI's dispatcher. Each command's module is imported only when it runs (so `extract`, run once per log
// in benchmarks, starts without loading the AWS SDK); registering a command is one line in COMMANDS.



/** name: [what it does, in a few words; its module, imported only when the command runs]. One line per command. */
const COMMANDS = {
    analyze: ['analyse CI logs, print the comment', () => Promise.all(/* import() */[__nccwpck_require__.e(6), __nccwpck_require__.e(700), __nccwpck_require__.e(359), __nccwpck_require__.e(202), __nccwpck_require__.e(86)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2086)).then(m => m.analyzeCommand)],
    extract: ['print the failure block of a CI log', () => Promise.all(/* import() */[__nccwpck_require__.e(359), __nccwpck_require__.e(235)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8235)).then(m => m.extractCommand)],
    'init-table': ['create the DynamoDB table', () => Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(305), __nccwpck_require__.e(189)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2189)).then(m => m.initTableCommand)],
    list: ['list stored proposals', () => Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(305), __nccwpck_require__.e(189), __nccwpck_require__.e(916)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7916)).then(m => m.listCommand)],
    context: [
        'print the files the model would see first',
        () => Promise.all(/* import() */[__nccwpck_require__.e(6), __nccwpck_require__.e(359), __nccwpck_require__.e(202), __nccwpck_require__.e(370)]).then(__nccwpck_require__.bind(__nccwpck_require__, 370)).then(m => m.contextCommand)
    ],
    dashboard: [
        'write the static dashboard page',
        () => Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(305), __nccwpck_require__.e(189), __nccwpck_require__.e(238)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6238)).then(m => m.dashboardCommand)
    ]
};
function topUsage(prog) {
    const width = Math.max(...Object.keys(COMMANDS).map(n => n.length)) + 2;
    return [
        `usage: ${prog} <command> [options]`,
        `       ${prog} <command> --help`,
        `       ${prog} --version`,
        '',
        'commands:',
        ...Object.entries(COMMANDS).map(([name, [summary]]) => `  ${name.padEnd(width)}${summary}`),
        '',
        `First run: ${prog} analyze --log examples/python-missing-module/ci.log --repo examples/python-missing-module/repo`,
        ''
    ].join('\n');
}
/** The version of the package this CLI was built from (package.json is inlined by the bundler). */
async function version() {
    const pkg = (await __nccwpck_require__.e(/* import() */ 330).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8330, 19))).default;
    return pkg.version;
}
async function main(argv) {
    const [command, ...rest] = argv;
    const prog = (0,_args_js__WEBPACK_IMPORTED_MODULE_0__/* .programName */ .kX)();
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
        process.stdout.write(topUsage(prog));
        return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-V') {
        process.stdout.write(`fixflow ${await version()}\n`);
        return 0;
    }
    const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!entry) {
        process.stderr.write(`${prog}: unknown command '${command}'\n\n${topUsage(prog)}`);
        return 2;
    }
    try {
        const run = await entry[1]();
        return await run(rest);
    }
    catch (e) {
        if (e instanceof _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb) {
            process.stderr.write(`${prog} ${command}: ${e.message}\nSee: ${prog} ${command} --help\n`);
            return 2;
        }
        process.stderr.write(`${prog} ${command}: ${(0,_advice_js__WEBPACK_IMPORTED_MODULE_1__/* .localAdvice */ .O)((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e), prog)}\n`);
        return 1;
    }
}
process.exitCode = await main(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* unused harmony exports httpStatus, oneLine, bestEffort */
/** One way to turn anything thrown into a message. */
function errorMessage(e) {
    if (e instanceof Error)
        return e.message;
    if (typeof e === 'string')
        return e;
    try {
        return JSON.stringify(e);
    }
    catch {
        return String(e);
    }
}
/** A fault the user fixes in their configuration: the job fails with this text. */
class ConfigError extends Error {
    name = 'ConfigError';
}
/** HTTP status of an Octokit (or AWS SDK) error, or undefined; network failures are reported as 500 by Octokit. */
function httpStatus(e) {
    if (typeof e === 'object' && e !== null && 'status' in e && typeof e.status === 'number')
        return e.status;
    return undefined;
}
/** An error's message on one line, shortened: safe to quote in a thread reply or a log line. */
function oneLine(e, max) {
    return errorMessage(e)
        .replace(/[\r\n]+/g, ' ')
        .slice(0, max);
}
/**
 * Runs a step whose failure must not stop the flow (the main effect already happened): the failure is logged as a
 * warning saying what could not be done, never swallowed silently. Returns undefined when the step failed.
 */
async function bestEffort(what, f, warn) {
    try {
        return await f();
    }
    catch (e) {
        warn(`could not ${what}: ${errorMessage(e)}`);
        return undefined;
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__main = __webpack_exports__.i;
/******/ export { __webpack_exports__main as main };
/******/ 
