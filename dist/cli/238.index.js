export const id = 238;
export const ids = [238];
export const modules = {

/***/ 6238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dashboardCommand: () => (/* binding */ dashboardCommand),
/* harmony export */   dashboardSpec: () => (/* binding */ dashboardSpec)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _store_dynamo_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6407);
/* harmony import */ var _store_store_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1644);
/* harmony import */ var _render_dashboard_page_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(426);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7593);
/* harmony import */ var _init_table_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2189);
// `fixflow dashboard --table NAME [--repo OWNER/NAME]... --out DIR`: the static web dashboard (index.html) and
// failures.json, read from the DynamoDB table with read-only calls (Query on the repository or status index).







const dashboardSpec = (0,_args_js__WEBPACK_IMPORTED_MODULE_4__/* .defineCommand */ .NB)({
    name: 'dashboard',
    summary: 'Writes the static dashboard: DIR/index.html (Pending, Detail, Active PRs, Resolved; filters by repository, ' +
        'status and risk; self-contained, no external request) and DIR/failures.json (every proposal, newest first).',
    options: {
        table: { type: 'string', value: 'NAME', help: 'DynamoDB table (required)' },
        out: {
            type: 'string',
            value: 'DIR',
            help: 'directory to write index.html and failures.json to (required)'
        },
        repo: {
            type: 'string',
            multiple: true,
            value: 'OWNER/NAME',
            help: 'only this repository (default: every repository, through the status index)'
        },
        limit: { type: 'string', value: 'N', help: 'at most N proposals per repository or status (default 500)' },
        region: {
            type: 'string',
            value: 'R',
            help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
        }
    },
    notes: [
        'Reads only: needs dynamodb:Query on the table and its indexes. Credentials come from the environment.'
    ]
});
const REPO = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/;
async function dashboardCommand(argv) {
    const parsed = (0,_args_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCommand */ .RM)(dashboardSpec, argv);
    if (!parsed)
        return 0;
    const { values } = parsed;
    if (!values.table || !values.out)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .eb('dashboard needs --table NAME and --out DIR');
    const repos = values.repo;
    const bad = repos.find(r => !REPO.test(r));
    if (bad !== undefined)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .eb(`--repo is '${bad}'; expected OWNER/NAME`);
    const limit = (0,_args_js__WEBPACK_IMPORTED_MODULE_4__/* .positiveInt */ .NJ)('limit', values.limit) ?? 500;
    if (limit > 5000)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .eb(`--limit is ${limit}; at most 5000`);
    const region = (0,_init_table_js__WEBPACK_IMPORTED_MODULE_5__.regionOf)(values.region);
    const store = new _store_dynamo_js__WEBPACK_IMPORTED_MODULE_2__/* .DynamoStore */ .yG({ table: values.table, region });
    let lists;
    try {
        lists = repos.length
            ? await Promise.all(repos.map(r => store.listRecent(r, limit)))
            : await Promise.all(_store_store_js__WEBPACK_IMPORTED_MODULE_6__/* .STATUSES */ .f.map(s => store.listByStatus(s, limit)));
    }
    finally {
        store.destroy();
    }
    const byId = new Map();
    for (const r of lists.flat())
        byId.set(r.failure_id, r);
    const items = (0,_render_dashboard_page_js__WEBPACK_IMPORTED_MODULE_3__/* .failureItems */ .xh)([...byId.values()]);
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(values.out);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(out, { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(out, 'index.html'), (0,_render_dashboard_page_js__WEBPACK_IMPORTED_MODULE_3__/* .renderDashboardPage */ .aC)(items, new Date().toISOString()));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(out, 'failures.json'), JSON.stringify(items, null, 2) + '\n');
    process.stdout.write(`wrote ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(out, 'index.html')} and failures.json (${items.length} proposals)\n`);
    return 0;
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


/***/ })

};
