export const id = 916;
export const ids = [916];
export const modules = {

/***/ 7916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listCommand: () => (/* binding */ listCommand),
/* harmony export */   listSpec: () => (/* binding */ listSpec),
/* harmony export */   rows: () => (/* binding */ rows)
/* harmony export */ });
/* harmony import */ var _store_dynamo_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6407);
/* harmony import */ var _store_store_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1644);
/* harmony import */ var _render_dashboard_page_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(426);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7593);
/* harmony import */ var _init_table_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2189);
/* harmony import */ var _plain_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6312);
// `list --table NAME [--repo OWNER/NAME [--pr N | --commit SHA]] [--status S] [--json]`: stored proposals, newest
// first. Without --repo, every repository through the status index, as `fixflow dashboard` reads them.






const listSpec = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .defineCommand */ .NB)({
    name: 'list',
    summary: 'Lists stored proposals (of a repository, pull request or commit, or in one status), newest first.',
    options: {
        table: { type: 'string', value: 'NAME', help: 'DynamoDB table (required)' },
        repo: {
            type: 'string',
            value: 'OWNER/NAME',
            help: 'repository (default: every repository, needs --status)'
        },
        pr: { type: 'string', value: 'N', help: 'only this pull request (with --repo)' },
        commit: { type: 'string', value: 'SHA', help: 'only this commit (with --repo)' },
        status: { type: 'string', value: 'S', help: `only this status: ${_store_store_js__WEBPACK_IMPORTED_MODULE_5__/* .STATUSES */ .f.join(', ')}` },
        limit: { type: 'string', value: 'N', help: 'at most N proposals (default 50)' },
        json: { type: 'boolean', help: "print the items as JSON, as the dashboard's failures.json" },
        region: {
            type: 'string',
            value: 'R',
            help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
        }
    },
    notes: [
        'Columns: id, status, risk, time, commit, fix PR. Credentials come from the environment (AWS_PROFILE).',
        'Reads only (dynamodb:Query on the table and its indexes).'
    ]
});
const REPO = /^[\w.-]+\/[\w.-]+$/;
async function listCommand(argv) {
    const parsed = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCommand */ .RM)(listSpec, argv);
    if (!parsed)
        return 0;
    const { table, repo, commit } = parsed.values;
    if (!table)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('list needs --table NAME');
    const status = statusOf(parsed.values.status);
    // Every repository is read through the status index: one status, so the query stays one index partition.
    if (!repo && !status)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('list needs --repo OWNER/NAME, or --status S for every repository');
    if (repo !== undefined && !REPO.test(repo))
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`--repo is '${repo}'; expected OWNER/NAME`);
    const pr = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .positiveInt */ .NJ)('pr', parsed.values.pr);
    if (pr !== undefined && commit !== undefined)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('give --pr or --commit, not both');
    if ((pr !== undefined || commit !== undefined) && !repo)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('--pr and --commit need --repo');
    if (commit !== undefined && !/^[0-9a-f]{40}$/i.test(commit)) {
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`--commit is '${commit}'; expected a full 40-hex commit SHA`);
    }
    const limit = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .positiveInt */ .NJ)('limit', parsed.values.limit) ?? 50;
    const store = new _store_dynamo_js__WEBPACK_IMPORTED_MODULE_0__/* .DynamoStore */ .yG({ table, region: (0,_init_table_js__WEBPACK_IMPORTED_MODULE_3__.regionOf)(parsed.values.region) });
    try {
        const records = await read(store, { repo, pr, commit, status, limit });
        const items = (0,_render_dashboard_page_js__WEBPACK_IMPORTED_MODULE_1__/* .failureItems */ .xh)(records, status).slice(0, limit);
        if (parsed.values.json) {
            process.stdout.write(JSON.stringify(items, null, 2) + '\n');
            return 0;
        }
        for (const line of rows(items))
            process.stdout.write(line + '\n');
        if (!items.length)
            process.stderr.write('no proposals\n');
        return 0;
    }
    finally {
        store.destroy();
    }
}
function statusOf(value) {
    if (value === undefined)
        return undefined;
    const status = _store_store_js__WEBPACK_IMPORTED_MODULE_5__/* .STATUSES */ .f.find(s => s === value);
    if (!status)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`--status is '${value}'; expected one of ${_store_store_js__WEBPACK_IMPORTED_MODULE_5__/* .STATUSES */ .f.join(', ')}`);
    return status;
}
async function read(store, q) {
    if (q.repo && (q.pr !== undefined || q.commit !== undefined)) {
        return store.listForThread(q.repo, q.pr !== undefined ? { pr_number: q.pr } : { commit_sha: q.commit });
    }
    if (q.repo)
        return store.listRecent(q.repo, q.limit, q.status);
    // Checked by the caller: without --repo there is a status.
    return q.status ? store.listByStatus(q.status, q.limit) : [];
}
/** Tab-separated rows for a terminal; every value from the table is made inert (terminalSafe). */
function rows(items) {
    return items.map(i => (0,_plain_text_js__WEBPACK_IMPORTED_MODULE_4__/* .terminalSafe */ .k)([i.failure_id, i.status, i.risk_score, i.timestamp, i.commit_sha.slice(0, 7), i.pr_url ?? ''].join('\t')));
}


/***/ }),

/***/ 6312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ toPlainText),
/* harmony export */   k: () => (/* binding */ terminalSafe)
/* harmony export */ });
/* harmony import */ var _render_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4876);
// `--format text`: the comment as a plain terminal shows it. The comment is rendered once, as markdown, and this
// undoes the markup FixFlow's renderer writes (a small, known subset): no HTML, no fences, no escapes.

const ENTITIES = {
    '&lt;': '<',
    '&gt;': '>',
    '&amp;': '&',
    '&quot;': '"',
    '&#39;': "'"
};
/** Prose outside code spans: links become "text (url)", emphasis and backslash escapes go, entities are decoded. */
function plainInline(text) {
    return (0,_render_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .splitCodeSpans */ .ZT)(text)
        .map(part => {
        if (part.code)
            return part.text;
        return part.text
            .replace(/<\/?(sub|sup|b|i|em|strong)>/g, '')
            .replace(/\[([^\]\n]*)\]\((https?:\/\/[^\s()]+)\)/g, '$1 ($2)')
            .replace(/\*\*/g, '')
            .replace(/\\([\\`*_[\]{}()#+\-.!|~<>])/g, '$1')
            .replace(/&(lt|gt|amp|quot|#39);/g, m => ENTITIES[m] ?? m);
    })
        .join('')
        .replace(/\u200b/g, '');
}
function toPlainText(markdown) {
    const out = [];
    let fence;
    for (const line of markdown.split('\n')) {
        if (fence !== undefined) {
            // Inside a fenced block (the diff, a command): the text as it is, to copy or to pipe into git apply.
            if (line === fence)
                fence = undefined;
            else
                out.push(line);
            continue;
        }
        const open = /^(`{3,})[\w-]*$/.exec(line);
        if (open?.[1]) {
            fence = open[1];
            continue;
        }
        if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*<\/details>\s*$/.test(line))
            continue;
        const summary = /^<details[^>]*><summary>(.*)<\/summary>$/.exec(line);
        if (summary) {
            out.push(plainInline(summary[1] ?? '') + ':');
            continue;
        }
        const heading = /^#{1,6} (.*)$/.exec(line);
        if (heading) {
            const title = plainInline(heading[1] ?? '');
            out.push(title, '='.repeat([...title].length));
            continue;
        }
        out.push(plainInline(line.replace(/ {2}$/, '')));
    }
    // Blank lines left by dropped markup collapse to one.
    return out
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
}
/**
 * What reaches a terminal: control characters (escape sequences could rewrite the screen or the title) and bidi
 * overrides (could reorder what is shown) from logs, files or model text are shown as visible code points.
 */
function terminalSafe(text) {
    return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, c => `<U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? ''}>`);
}


/***/ }),

/***/ 426:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aC: () => (/* binding */ renderDashboardPage),
/* harmony export */   xh: () => (/* binding */ failureItems)
/* harmony export */ });
/* unused harmony export scriptSafeJson */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// The static web dashboard (`fixflow dashboard --out DIR`): one self-contained index.html and failures.json.
// Every value in the page comes from proposal records, which hold model prose, log text and branch names: the page
// never parses them as HTML. The data rides in a JSON script block (escaped so it cannot close the tag) and the
// page's own script puts it in the DOM with textContent only. A Content-Security-Policy of `default-src 'none'`
// with hashes for the one style and the one script means the page can load nothing and send nothing.

const ITEM_KEYS = [
    'failure_id',
    'repo_name',
    'branch',
    'commit_sha',
    'run_id',
    'pr_number',
    'root_cause',
    'proposed_patch',
    'diff',
    'risk_score',
    'risk_reasons',
    'confidence',
    'status',
    'pr_url',
    'comment_url',
    'proposal_hash',
    'timestamp',
    'updated_at',
    'approved_by',
    'model_id',
    'input_tokens',
    'output_tokens',
    'outcome_note',
    'outcome_url',
    'workflow_name',
    'run_url'
];
/** The API shape: items newest first, optionally of one status (`GET /failures?status=pending`). */
function failureItems(records, status) {
    return records
        .filter(r => !status || r.status === status)
        .map(r => {
        const item = {};
        for (const k of ITEM_KEYS)
            if (r[k] !== undefined)
                item[k] = r[k];
        return item;
    })
        .sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
}
/** JSON that can sit inside a <script> element: nothing in it can end the element or start a comment. */
function scriptSafeJson(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:16px;margin:0}
nav a{color:#fff;margin-right:12px;text-decoration:none;padding:4px 8px;border-radius:6px}
nav a[aria-current=page]{background:#57606a}
.filters{padding:8px 16px;display:flex;gap:12px;background:#fff;border-bottom:1px solid #d0d7de}
main{padding:16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
td.cause{max-width:40em;overflow-wrap:anywhere}
.badge{padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap}
.low{background:#dafbe1}.medium{background:#fff8c5}.high{background:#ffebe9}
pre.diff{background:#fff;border:1px solid #d0d7de;padding:8px;overflow:auto}
pre.diff span{display:block;white-space:pre}
.add{background:#e6ffec}.del{background:#ffebe9}.hunk{color:#0969da}
.empty{color:#57606a}
`;
// The page's behaviour. Values reach the DOM only through textContent and checked attributes.
const SCRIPT = `
'use strict';
const data = JSON.parse(document.getElementById('fixflow-data').textContent);
const items = data.failures;
const VIEWS = {
  pending: { title: 'Pending fixes', statuses: ['pending'] },
  active: { title: 'Active fix PRs', statuses: ['approved'] },
  resolved: { title: 'Resolved history', statuses: ['resolved', 'merged', 'failed'] },
  all: { title: 'All proposals', statuses: null }
};
const $ = id => document.getElementById(id);
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function safeUrl(u) {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch (e) {
    return null;
  }
}
function link(u, text) {
  const href = safeUrl(u);
  if (!href) return el('span', '');
  const a = el('a', text);
  a.href = href;
  a.rel = 'noopener noreferrer';
  return a;
}
function badge(risk) {
  const level = ['low', 'medium', 'high'].includes(risk) ? risk : 'high';
  return el('span', level, 'badge ' + level);
}
function firstLine(s) {
  const line = String(s || '').split('\\n')[0];
  return line.length > 140 ? line.slice(0, 139) + '…' : line;
}
function age(ts) {
  const ms = Date.parse(data.generated_at) - Date.parse(ts);
  if (!isFinite(ms)) return '';
  const h = Math.floor(ms / 3600000);
  return h < 1 ? 'under 1 h' : h < 48 ? h + ' h' : Math.floor(h / 24) + ' d';
}
function fill(select, values) {
  for (const v of values) {
    const o = el('option', v);
    o.value = v;
    select.appendChild(o);
  }
}
fill($('f-repo'), [...new Set(items.map(i => i.repo_name))].sort());
fill($('f-status'), ['pending', 'approved', 'rejected', 'resolved', 'failed', 'merged', 'stale']);
fill($('f-risk'), ['low', 'medium', 'high']);
function filtered(view) {
  const repo = $('f-repo').value, status = $('f-status').value, risk = $('f-risk').value;
  return items.filter(i =>
    (!view.statuses || view.statuses.includes(i.status)) &&
    (!repo || i.repo_name === repo) && (!status || i.status === status) && (!risk || i.risk_score === risk));
}
function detailLink(i) {
  const a = el('a', i.failure_id);
  a.href = '#detail/' + encodeURIComponent(i.failure_id);
  return a;
}
function list(name) {
  const view = VIEWS[name];
  const main = $('main');
  main.appendChild(el('h2', view.title));
  const rows = filtered(view);
  if (!rows.length) {
    main.appendChild(el('p', 'Nothing here.', 'empty'));
    return;
  }
  const table = el('table');
  const head = el('tr');
  for (const h of ['id', 'repository', 'status', 'risk', 'confidence', 'root cause', 'age', 'links']) head.appendChild(el('th', h));
  table.appendChild(head);
  for (const i of rows) {
    const tr = el('tr');
    tr.dataset.id = i.failure_id;
    const id = el('td'); id.appendChild(detailLink(i)); tr.appendChild(id);
    tr.appendChild(el('td', i.repo_name));
    tr.appendChild(el('td', i.status));
    const r = el('td'); r.appendChild(badge(i.risk_score)); tr.appendChild(r);
    tr.appendChild(el('td', Math.round(Number(i.confidence) * 100) + '%'));
    tr.appendChild(el('td', firstLine(i.root_cause), 'cause'));
    tr.appendChild(el('td', age(i.updated_at || i.timestamp)));
    const links = el('td');
    links.appendChild(link(i.comment_url, 'thread'));
    if (i.pr_url) { links.appendChild(el('span', ' · ')); links.appendChild(link(i.pr_url, 'fix PR')); }
    tr.appendChild(links);
    table.appendChild(tr);
  }
  main.appendChild(table);
}
function detail(id) {
  const main = $('main');
  const i = items.find(x => x.failure_id === id);
  if (!i) {
    main.appendChild(el('p', 'No proposal with this id.', 'empty'));
    return;
  }
  main.appendChild(el('h2', 'Proposal ' + i.failure_id));
  const meta = el('p');
  meta.appendChild(el('span', i.repo_name + ' · ' + i.status + ' · risk '));
  meta.appendChild(badge(i.risk_score));
  meta.appendChild(el('span', ' · confidence ' + Math.round(Number(i.confidence) * 100) + '%'));
  main.appendChild(meta);
  main.appendChild(el('h3', 'Root cause'));
  main.appendChild(el('p', i.root_cause, 'cause'));
  main.appendChild(el('h3', 'Risk'));
  const reasons = el('ul');
  for (const r of i.risk_reasons || []) reasons.appendChild(el('li', r));
  main.appendChild(reasons);
  if (i.outcome_note) main.appendChild(el('p', i.outcome_note));
  const links = el('p');
  links.appendChild(link(i.comment_url, 'thread'));
  if (i.pr_url) { links.appendChild(el('span', ' · ')); links.appendChild(link(i.pr_url, 'fix PR')); }
  if (i.run_url) { links.appendChild(el('span', ' · ')); links.appendChild(link(i.run_url, 'failed run')); }
  main.appendChild(links);
  main.appendChild(el('h3', 'Patch'));
  const pre = el('pre', undefined, 'diff');
  for (const line of String(i.diff || '').split('\\n')) {
    const c = line.startsWith('@@') ? 'hunk' : line.startsWith('+') && !line.startsWith('+++') ? 'add'
      : line.startsWith('-') && !line.startsWith('---') ? 'del' : '';
    pre.appendChild(el('span', line, c));
  }
  main.appendChild(pre);
}
function render() {
  const main = $('main');
  main.replaceChildren();
  // A link with a malformed escape (#%E0) must not leave the page blank.
  let hash = '';
  try { hash = decodeURIComponent(location.hash.slice(1)); } catch (e) { hash = ''; }
  const name = hash.startsWith('detail/') ? 'detail' : VIEWS[hash] ? hash : 'pending';
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (name === 'detail') detail(hash.slice('detail/'.length)); else list(name);
}
for (const id of ['f-repo', 'f-status', 'f-risk']) $(id).addEventListener('change', render);
window.addEventListener('hashchange', render);
$('generated').textContent = 'generated ' + data.generated_at + ' · ' + items.length + ' proposal(s)';
render();
`;
function cspHash(text) {
    return `'sha256-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text, 'utf8').digest('base64')}'`;
}
/** The whole page: no external request, no framework, every value inert. */
function renderDashboardPage(items, generatedAt) {
    const csp = [
        "default-src 'none'",
        `style-src ${cspHash(STYLE)}`,
        `script-src ${cspHash(SCRIPT)}`,
        "img-src 'none'",
        "form-action 'none'",
        "base-uri 'none'"
    ].join('; ');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FixFlow dashboard</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>FixFlow dashboard</h1>
<nav><a href="#pending" data-view="pending">Pending</a><a href="#active" data-view="active">Active PRs</a><a href="#resolved" data-view="resolved">Resolved</a><a href="#all" data-view="all">All</a></nav>
<span id="generated"></span></header>
<div class="filters">
<label>Repository <select id="f-repo"><option value="">all</option></select></label>
<label>Status <select id="f-status"><option value="">all</option></select></label>
<label>Risk <select id="f-risk"><option value="">all</option></select></label>
</div>
<main id="main"></main>
<script type="application/json" id="fixflow-data">${scriptSafeJson({ generated_at: generatedAt, failures: items })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}


/***/ }),

/***/ 4876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ prose),
/* harmony export */   EU: () => (/* binding */ fence),
/* harmony export */   VV: () => (/* binding */ escapeInline),
/* harmony export */   ZT: () => (/* binding */ splitCodeSpans),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   fd: () => (/* binding */ escapeProse),
/* harmony export */   h9: () => (/* binding */ FixFlowText),
/* harmony export */   l3: () => (/* binding */ fixflowText),
/* harmony export */   md: () => (/* binding */ md)
/* harmony export */ });
// Untrusted text (model prose, log lines, names) made inert before it reaches a GitHub comment (docs/security.md,
// threat 8), and FixFlow's own text (the rules analyzer's diagnoses) rendered with its inline code intact.
const ZWSP = '\u200b';
/** FixFlow's own markup with safe values in it: `md\`**Root cause:** ${escapeProse(x)}\``. */
function md(parts, ...values) {
    return parts.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
}
/** Escapes one piece of untrusted text, keeping its spaces and line breaks as they are. */
function inert(text) {
    return (text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        // Backslash-escape what makes links, images, emphasis, code and tables; block markers only where they act.
        .replace(/[\\`*_[\]!|~]/g, c => '\\' + c)
        .replace(/^(\s*)([#+-])/gm, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
        // Mentions and team mentions would notify people; autolinks would make the text a link.
        .replace(/@(?=[A-Za-z0-9])/g, '@' + ZWSP)
        // Issue and pull request references (#12, owner/repo#12, GH-12) would link and notify another thread.
        .replace(/(#|\bGH-)(?=\d)/gi, m => m + ZWSP)
        .replace(/(https?|ftp):\/\//gi, (_m, scheme) => `${scheme}:/${ZWSP}/`)
        .replace(/\bwww\\?\./gi, m => m.slice(0, 3) + ZWSP + m.slice(3)));
}
/** Control characters out, CRLF to LF, capped at maxChars. */
function clean(text, maxChars) {
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const s = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    return s.length > maxChars ? s.slice(0, maxChars) + '…' : s;
}
/** Prose the model wrote: no HTML, images, links, mentions, headings or tables — just text. */
function escapeProse(text, maxChars = 2000) {
    return inert(clean(text, maxChars))
        .split('\n')
        .map(l => l.trimEnd())
        .join('  \n');
}
/** Inline code for a short value (path, job name, id): backticks inside are matched by a longer run. */
function code(value) {
    const v = value.replace(/[\r\n]+/g, ' ');
    const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map(r => r.length));
    const ticks = '`'.repeat(longest + 1);
    const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
    return `${ticks}${pad}${v}${pad}${ticks}`;
}
/** A fenced block whose fence is longer than any backtick run inside it. */
function fence(body, lang = '') {
    const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map(r => r.length));
    const ticks = '`'.repeat(Math.max(3, longest + 1));
    const text = body.endsWith('\n') ? body : body + '\n';
    return `${ticks}${lang}\n${text}${ticks}`;
}
/** Text placed inside <summary> or a table cell. */
function escapeInline(text) {
    return escapeProse(text, 300).replace(/ {2}\n/g, ' ');
}
/**
 * Splits text into code spans and the text between them, as CommonMark does: a run of n backticks opens a span
 * that the next run of exactly n closes; a run with no partner is literal. With `escapes`, a backslash before a
 * run makes it literal (markdown input); FixFlow's raw text has no escapes. Linear in the text's length.
 */
function splitCodeSpans(text, escapes = true) {
    const runs = [];
    for (const m of text.matchAll(/`+/g)) {
        runs.push({
            at: m.index,
            len: m[0].length,
            escaped: escapes && m.index > 0 && text[m.index - 1] === '\\'
        });
    }
    // Per run length, the next run of that length not yet passed: every pointer only moves forward.
    const byLen = new Map();
    runs.forEach((r, i) => byLen.set(r.len, [...(byLen.get(r.len) ?? []), i]));
    const next = new Map();
    const parts = [];
    let from = 0;
    for (let i = 0; i < runs.length; i++) {
        const open = runs[i];
        if (!open || open.escaped)
            continue;
        const same = byLen.get(open.len) ?? [];
        let p = next.get(open.len) ?? 0;
        while (p < same.length && (same[p] ?? Infinity) <= i)
            p++;
        next.set(open.len, p);
        const j = same[p];
        const close = j === undefined ? undefined : runs[j];
        if (j === undefined || !close)
            continue;
        if (open.at > from)
            parts.push({ code: false, text: text.slice(from, open.at) });
        let inner = text.slice(open.at + open.len, close.at).replace(/\n/g, ' ');
        if (inner.length > 1 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim())
            inner = inner.slice(1, -1);
        parts.push({ code: true, text: inner });
        from = close.at + close.len;
        i = j;
    }
    if (from < text.length)
        parts.push({ code: false, text: text.slice(from) });
    return parts;
}
/** Text FixFlow wrote itself, marked where it is made, so no renderer can mistake it for untrusted text. */
class FixFlowText {
    text;
    constructor(text) {
        this.text = text;
    }
}
/** Untrusted prose escaped; FixFlow's own text rendered with its code spans. */
function prose(text) {
    return text instanceof FixFlowText ? fixflowText(text.text) : escapeProse(text);
}
/** `@scope/name`, `@types/node`: in FixFlow's text a package name, shown as code (copies whole, never a mention). */
const AT_NAME = /@[A-Za-z0-9](?:[\w./-]*[\w-])?/g;
function fixflowInline(line) {
    return splitCodeSpans(line, false)
        .map(part => {
        if (part.code)
            return code(part.text);
        let out = '';
        let from = 0;
        for (const m of part.text.matchAll(AT_NAME)) {
            out += inert(part.text.slice(from, m.index)) + code(m[0]);
            from = m.index + m[0].length;
        }
        return out + inert(part.text.slice(from));
    })
        .join('');
}
/**
 * Text FixFlow wrote itself (the rules analyzer's root causes and diagnoses), which may quote untrusted values
 * (package names, log lines): its `inline code` and package names render as code, its "- " lines as a list, and
 * everything else is escaped as untrusted prose is, so a quoted value stays inert.
 */
function fixflowText(text, maxChars = 2000) {
    const s = clean(text, maxChars);
    // Blocks: runs of list lines and runs of prose lines, separated by a blank line so neither swallows the other.
    const blocks = [];
    let list;
    for (const line of s.split('\n')) {
        const item = /^\s*- (.*)$/.exec(line);
        if (!line.trim()) {
            list = undefined;
            continue;
        }
        const isItem = item !== null;
        if (isItem !== list)
            blocks.push([]);
        list = isItem;
        blocks[blocks.length - 1]?.push(isItem ? `- ${fixflowInline(item[1] ?? '')}` : fixflowInline(line.trim()));
    }
    return blocks.map(b => (b[0]?.startsWith('- ') ? b.join('\n') : b.join('  \n'))).join('\n\n');
}


/***/ })

};
