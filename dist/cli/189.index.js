export const id = 189;
export const ids = [189];
export const modules = {

/***/ 2495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ BoundedRetryStrategy)
/* harmony export */ });
/**
 * A bounded exponential backoff with jitter, plugged into the AWS SDK's retry middleware: the SDK classifies the
 * error and waits; this decides whether and how long. `retryableNames` adds client errors worth another attempt
 * that the SDK does not classify as transient (Bedrock's 408 ModelTimeoutException, for one).
 */
class BoundedRetryStrategy {
    maxAttempts;
    baseDelayMs;
    opts;
    constructor(maxAttempts, baseDelayMs, opts = {}) {
        this.maxAttempts = maxAttempts;
        this.baseDelayMs = baseDelayMs;
        this.opts = opts;
    }
    acquireInitialRetryToken() {
        return Promise.resolve(token(0, 0));
    }
    refreshRetryTokenForRetry(previous, info) {
        const retries = previous.getRetryCount() + 1;
        const name = info.error?.name ?? '';
        const retryable = info.errorType !== 'CLIENT_ERROR' || (this.opts.retryableNames?.has(name) ?? false);
        if (!retryable || retries >= this.maxAttempts)
            return Promise.reject(info.error ?? new Error('no retry'));
        const maxDelay = this.opts.maxDelayMs ?? 20_000;
        const ceiling = Math.min(maxDelay, this.baseDelayMs * 2 ** (retries - 1));
        let delay = ceiling / 2 + Math.random() * (ceiling / 2);
        if (info.retryAfterHint instanceof Date) {
            delay = Math.max(delay, Math.min(info.retryAfterHint.getTime() - Date.now(), maxDelay));
        }
        return Promise.resolve(token(retries, Math.round(delay)));
    }
    recordSuccess() { }
}
function token(count, delay) {
    return { getRetryCount: () => count, getRetryDelay: () => delay };
}


/***/ }),

/***/ 2189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  initTableCommand: () => (/* binding */ initTableCommand),
  initTableSpec: () => (/* binding */ initTableSpec),
  regionOf: () => (/* binding */ regionOf)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var dist_cjs = __webpack_require__(4305);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/store/store.ts
var store = __webpack_require__(1644);
// EXTERNAL MODULE: ./src/store/dynamo.ts
var dynamo = __webpack_require__(6407);
;// CONCATENATED MODULE: ./src/store/init-table.ts
// `fixflow init-table`: creates the proposals table with its two indexes (on demand) and waits until it is usable.
// Honours AWS_ENDPOINT_URL_DYNAMODB through the SDK, so a local DynamoDB or the tests' dynalite work the same way.




const ATTRIBUTES = [
    { AttributeName: 'failure_id', AttributeType: 'S' },
    { AttributeName: 'status', AttributeType: 'S' },
    { AttributeName: 'repo_name', AttributeType: 'S' },
    { AttributeName: 'timestamp', AttributeType: 'S' }
];
/** Creates the table (or finds it) and waits until the table and both indexes are ACTIVE. */
async function initTable(opts) {
    const client = opts.client ?? new dist_cjs.DynamoDBClient({ region: opts.region, customUserAgent: 'fixflow' });
    const log = opts.log ?? (() => { });
    try {
        let result;
        try {
            await client.send(new dist_cjs.CreateTableCommand({
                TableName: opts.table,
                BillingMode: 'PAY_PER_REQUEST',
                AttributeDefinitions: ATTRIBUTES,
                KeySchema: [{ AttributeName: 'failure_id', KeyType: 'HASH' }],
                GlobalSecondaryIndexes: [
                    {
                        IndexName: dynamo/* STATUS_INDEX */.QV,
                        KeySchema: [
                            { AttributeName: 'status', KeyType: 'HASH' },
                            { AttributeName: 'timestamp', KeyType: 'RANGE' }
                        ],
                        Projection: { ProjectionType: 'ALL' }
                    },
                    {
                        IndexName: dynamo/* REPO_INDEX */.cI,
                        KeySchema: [
                            { AttributeName: 'repo_name', KeyType: 'HASH' },
                            { AttributeName: 'timestamp', KeyType: 'RANGE' }
                        ],
                        Projection: { ProjectionType: 'ALL' }
                    }
                ]
            }));
            result = 'created';
            log(`creating table ${opts.table} in ${opts.region}`);
        }
        catch (e) {
            if (e.name !== 'ResourceInUseException')
                throw e;
            result = 'exists';
            log(`table ${opts.table} already exists in ${opts.region}`);
        }
        const table = await waitActive(client, opts.table, opts.timeoutMs ?? 300_000, opts.pollMs ?? 2000);
        checkLayout(table, opts.table);
        return result;
    }
    catch (e) {
        if (e instanceof store/* StoreConfigError */.IC)
            throw e;
        const name = e.name ?? 'Error';
        if (name === 'AccessDeniedException')
            throw new store/* StoreConfigError */.IC(`Creating ${opts.table} in ${opts.region} was denied: ${(0,errors/* errorMessage */.gJ)(e)}. It needs dynamodb:CreateTable and ` +
                `dynamodb:DescribeTable (run it once with an administrator's credentials, not the action's role).`);
        throw e;
    }
    finally {
        if (!opts.client)
            client.destroy();
    }
}
async function waitActive(client, table, timeoutMs, pollMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const { Table } = await client.send(new dist_cjs.DescribeTableCommand({ TableName: table }));
        const ready = Table?.TableStatus === 'ACTIVE' &&
            (Table.GlobalSecondaryIndexes ?? []).every(i => i.IndexStatus === 'ACTIVE');
        if (ready && Table)
            return Table;
        if (Date.now() >= deadline)
            throw new Error(`table ${table} is not ACTIVE after ${Math.round(timeoutMs / 1000)} s (status ${Table?.TableStatus})`);
        await new Promise(r => setTimeout(r, pollMs));
    }
}
/** An existing table must have the key and indexes FixFlow queries. */
function checkLayout(t, name) {
    const problems = [];
    const hash = t.KeySchema?.find(k => k.KeyType === 'HASH')?.AttributeName;
    if (hash !== 'failure_id')
        problems.push(`its partition key is ${hash ?? 'unknown'}, not failure_id`);
    if ((t.KeySchema ?? []).some(k => k.KeyType === 'RANGE'))
        problems.push('it has a sort key (FixFlow needs none)');
    for (const [index, key] of [
        [dynamo/* STATUS_INDEX */.QV, 'status'],
        [dynamo/* REPO_INDEX */.cI, 'repo_name']
    ]) {
        const gsi = t.GlobalSecondaryIndexes?.find(i => i.IndexName === index);
        if (!gsi)
            problems.push(`the index ${index} (${key}, timestamp) is missing`);
        else {
            const h = gsi.KeySchema?.find(k => k.KeyType === 'HASH')?.AttributeName;
            const r = gsi.KeySchema?.find(k => k.KeyType === 'RANGE')?.AttributeName;
            if (h !== key || r !== 'timestamp')
                problems.push(`the index ${index} is keyed on ${h}/${r}, not ${key}/timestamp`);
        }
    }
    if (problems.length > 0)
        throw new store/* StoreConfigError */.IC(`The table ${name} exists but does not fit FixFlow: ${problems.join('; ')}. Use another table name or fix it.`);
}

// EXTERNAL MODULE: ./src/cli/args.ts
var args = __webpack_require__(7593);
;// CONCATENATED MODULE: ./src/cli/init-table.ts
// `init-table --table NAME [--region R]`: creates the DynamoDB table and its indexes.


const initTableSpec = (0,args/* defineCommand */.NB)({
    name: 'init-table',
    summary: 'Creates the DynamoDB table FixFlow keeps proposals in, with its indexes (honours AWS_ENDPOINT_URL_DYNAMODB).',
    options: {
        table: { type: 'string', value: 'NAME', help: 'table name (required)' },
        region: {
            type: 'string',
            value: 'R',
            help: 'AWS region (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)'
        }
    },
    notes: [
        'Credentials come from the environment: AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'
    ]
});
function regionOf(option, env = process.env) {
    return option ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}
async function initTableCommand(argv) {
    const parsed = (0,args/* parseCommand */.RM)(initTableSpec, argv);
    if (!parsed)
        return 0;
    const { table } = parsed.values;
    if (!table)
        throw new args/* UsageError */.eb('init-table needs --table NAME');
    const region = regionOf(parsed.values.region);
    const result = await initTable({ table, region });
    process.stdout.write(`table ${table} in ${region}: ${result}\n`);
    return 0;
}


/***/ }),

/***/ 6407:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QV: () => (/* binding */ STATUS_INDEX),
/* harmony export */   cI: () => (/* binding */ REPO_INDEX),
/* harmony export */   yG: () => (/* binding */ DynamoStore)
/* harmony export */ });
/* unused harmony exports REQUIRED_ACTIONS, marshal, marshalItem, unmarshal, unmarshalItem */
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2495);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1644);



const STATUS_INDEX = 'status-timestamp-index';
const REPO_INDEX = 'repo-timestamp-index';
/** The IAM actions the action needs on the table and its indexes. */
const REQUIRED_ACTIONS = [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:Query'
];
function marshal(value) {
    if (value === null)
        return { NULL: true };
    switch (typeof value) {
        case 'string':
            return { S: value };
        case 'number':
            if (!Number.isFinite(value))
                throw new TypeError(`cannot store the number ${value} in DynamoDB`);
            return { N: String(value) };
        case 'boolean':
            return { BOOL: value };
        case 'object':
            if (Array.isArray(value))
                return { L: value.map(v => marshal(v === undefined ? null : v)) };
            return { M: marshalItem(value) };
        default:
            throw new TypeError(`cannot store a ${typeof value} in DynamoDB`);
    }
}
function marshalItem(obj) {
    const out = {};
    for (const [k, v] of Object.entries(obj))
        if (v !== undefined)
            out[k] = marshal(v);
    return out;
}
function unmarshal(av) {
    if (av.S !== undefined)
        return av.S;
    if (av.N !== undefined)
        return Number(av.N);
    if (av.BOOL !== undefined)
        return av.BOOL;
    if (av.NULL !== undefined)
        return null;
    if (av.L !== undefined)
        return av.L.map(unmarshal);
    if (av.M !== undefined)
        return unmarshalItem(av.M);
    if (av.SS !== undefined)
        return [...av.SS];
    if (av.NS !== undefined)
        return av.NS.map(Number);
    throw new TypeError(`unsupported DynamoDB attribute type ${Object.keys(av).join(',')}`);
}
function unmarshalItem(item) {
    const out = {};
    for (const [k, v] of Object.entries(item))
        out[k] = unmarshal(v);
    return out;
}
// ---------------------------------------------------------------------------------------------------------------
const THROTTLING = new Set([
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
    'LimitExceededException'
]);
const CREDENTIALS = new Set([
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'ExpiredTokenException',
    'MissingAuthenticationTokenException',
    'CredentialsProviderError'
]);
/** Attributes that identify an item; `transition` never rewrites them. */
const IMMUTABLE = new Set(['failure_id']);
const MAX_PAGES = 20;
class DynamoStore {
    kind = 'dynamodb';
    table;
    region;
    log;
    opts;
    sdk;
    /** The client once built, for destroy(). */
    client;
    constructor(opts) {
        this.table = opts.table;
        this.region = opts.region;
        this.log = opts.log ?? (() => { });
        this.opts = opts;
    }
    /**
     * The SDK and its client, loaded on the first request: most runs of the action keep proposals in their threads,
     * and the SDK is a large part of the bundle, so only a run that uses the table pays its parse time (ncc emits it
     * as a chunk next to dist/index.js).
     */
    connect() {
        this.sdk ??= Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(305)]).then(__webpack_require__.t.bind(__webpack_require__, 4305, 19)).then(mod => {
            const opts = this.opts;
            const maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
            this.client =
                opts.client ??
                    new mod.DynamoDBClient({
                        region: opts.region,
                        customUserAgent: 'fixflow',
                        maxAttempts,
                        retryStrategy: new _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .BoundedRetryStrategy */ .r(maxAttempts, opts.retryBaseDelayMs ?? 100, {
                            maxDelayMs: 10_000
                        }),
                        ...(opts.requestHandler !== undefined ? { requestHandler: opts.requestHandler } : {})
                    });
            return { mod, client: this.client };
        });
        return this.sdk;
    }
    /** Closes idle connections so the process can exit at once. */
    destroy() {
        this.client?.destroy();
    }
    /**
     * Writes the proposal. A second save of the same failure_id replaces the item only while it is still pending, so
     * a re-run of the same attempt neither duplicates it nor clobbers an approved, rejected or resolved proposal.
     */
    async save(record) {
        try {
            const { mod, client } = await this.connect();
            await client.send(new mod.PutItemCommand({
                TableName: this.table,
                Item: marshalItem(record),
                ConditionExpression: 'attribute_not_exists(failure_id) OR #status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': { S: 'pending' } }
            }));
        }
        catch (e) {
            if (nameOf(e) === 'ConditionalCheckFailedException') {
                this.log(`dynamodb: ${record.failure_id} is no longer pending; the earlier item is kept`);
                return;
            }
            throw this.mapError(e, 'PutItem');
        }
    }
    async get(failureId) {
        try {
            const { mod, client } = await this.connect();
            const out = await client.send(new mod.GetItemCommand({
                TableName: this.table,
                Key: { failure_id: { S: failureId } },
                ConsistentRead: true
            }));
            return out.Item ? unmarshalItem(out.Item) : undefined;
        }
        catch (e) {
            throw this.mapError(e, 'GetItem');
        }
    }
    /**
     * Conditional status change (see ProposalStore). With a claim, the token and claimed_at are written with it, and
     * the same write also succeeds when the item is already in `to` under this token: the SDK retries a write whose
     * response was lost, and without the token that retry would fail its own condition and report "already
     * approved" for an approve that won. With `takeOver`, an approved item without pr_url held by that token moves
     * to this token instead.
     */
    async transition(failureId, from, to, fields = {}, claim) {
        const froms = Array.isArray(from) ? from : [from];
        if (froms.length === 0)
            return false;
        const names = { '#status': 'status' };
        const values = { ':to': { S: to } };
        const sets = ['#status = :to'];
        froms.forEach((s, i) => {
            values[`:from${i}`] = { S: s };
        });
        const updates = { updated_at: new Date().toISOString(), ...fields };
        delete updates['status'];
        delete updates['claim_token'];
        delete updates['claimed_at'];
        let i = 0;
        for (const [k, v] of Object.entries(updates)) {
            if (v === undefined || IMMUTABLE.has(k))
                continue;
            names[`#f${i}`] = k;
            values[`:f${i}`] = marshal(v);
            sets.push(`#f${i} = :f${i}`);
            i++;
        }
        let condition = `#status IN (${froms.map((_, j) => `:from${j}`).join(', ')})`;
        if (claim) {
            names['#claim'] = 'claim_token';
            names['#claimed'] = 'claimed_at';
            values[':claim'] = { S: claim.token };
            values[':claimed'] = { S: new Date().toISOString() };
            sets.push('#claim = :claim', '#claimed = :claimed');
            if (claim.held)
                condition = `(${condition} AND #claim = :claim)`;
            // Already where this claim was going: our own earlier write, whose answer was lost.
            condition = `${condition} OR (#status = :to AND #claim = :claim)`;
            if (claim.takeOver !== undefined) {
                names['#pr'] = 'pr_url';
                values[':previous'] = { S: claim.takeOver };
                values[':approved'] = { S: 'approved' };
                condition += ' OR (#status = :approved AND #claim = :previous AND attribute_not_exists(#pr))';
            }
        }
        try {
            const { mod, client } = await this.connect();
            await client.send(new mod.UpdateItemCommand({
                TableName: this.table,
                Key: { failure_id: { S: failureId } },
                UpdateExpression: `SET ${sets.join(', ')}`,
                ConditionExpression: `attribute_exists(failure_id) AND (${condition})`,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values
            }));
            return true;
        }
        catch (e) {
            if (nameOf(e) === 'ConditionalCheckFailedException')
                return false;
            throw this.mapError(e, 'UpdateItem');
        }
    }
    /**
     * The repository's newest proposals (the dashboard), newest first; with `status`, only those in it. The status is
     * a filter on the repository index, applied after each page is read, so pages are read until `limit` items match.
     */
    async listRecent(repo, limit = 20, status) {
        const input = {
            TableName: this.table,
            IndexName: REPO_INDEX,
            KeyConditionExpression: 'repo_name = :repo',
            ExpressionAttributeValues: { ':repo': { S: repo } },
            ScanIndexForward: false
        };
        if (status !== undefined) {
            input.FilterExpression = '#status = :status';
            input.ExpressionAttributeNames = { '#status': 'status' };
            input.ExpressionAttributeValues[':status'] = { S: status };
        }
        return this.queryUpTo(input, limit);
    }
    /**
     * Proposals in one status across every repository, newest first (the static dashboard): the status index, paged,
     * at most `limit` items.
     */
    async listByStatus(status, limit = 200) {
        return this.queryUpTo({
            TableName: this.table,
            IndexName: STATUS_INDEX,
            KeyConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': { S: status } },
            ScanIndexForward: false
        }, limit);
    }
    /** Pages a query until `limit` items came back (each page asks only for what is missing) or the pages run out. */
    async queryUpTo(input, limit) {
        const out = [];
        try {
            const { mod, client } = await this.connect();
            let start;
            for (let page = 0; page < MAX_PAGES && out.length < limit; page++) {
                const res = await client.send(new mod.QueryCommand({ ...input, Limit: limit - out.length, ExclusiveStartKey: start }));
                for (const item of res.Items ?? [])
                    out.push(unmarshalItem(item));
                start = res.LastEvaluatedKey;
                if (!start)
                    break;
            }
        }
        catch (e) {
            throw this.mapError(e, 'Query');
        }
        return out;
    }
    /**
     * Proposals of one thread, newest first: a PR's (by pr_number), or a commit's when there is no PR (by commit_sha,
     * items without pr_number). Reads the repository index; GSI reads are eventually consistent.
     */
    async listForThread(repo, thread) {
        const input = {
            TableName: this.table,
            IndexName: REPO_INDEX,
            KeyConditionExpression: 'repo_name = :repo',
            ScanIndexForward: false,
            ExpressionAttributeValues: { ':repo': { S: repo } }
        };
        const values = input.ExpressionAttributeValues;
        if (thread.pr_number !== undefined) {
            input.FilterExpression = 'pr_number = :pr';
            values[':pr'] = { N: String(thread.pr_number) };
        }
        else if (thread.commit_sha !== undefined) {
            input.FilterExpression = 'commit_sha = :sha AND attribute_not_exists(pr_number)';
            values[':sha'] = { S: thread.commit_sha };
        }
        else {
            return [];
        }
        const out = [];
        try {
            const { mod, client } = await this.connect();
            let start;
            for (let page = 0; page < MAX_PAGES; page++) {
                const res = await client.send(new mod.QueryCommand({ ...input, ExclusiveStartKey: start }));
                for (const item of res.Items ?? [])
                    out.push(unmarshalItem(item));
                start = res.LastEvaluatedKey;
                if (!start)
                    break;
            }
        }
        catch (e) {
            throw this.mapError(e, 'Query');
        }
        // The index orders by timestamp; equal timestamps fall back to the id for a stable order.
        return out.sort((a, b) => a.timestamp === b.timestamp
            ? b.failure_id.localeCompare(a.failure_id)
            : a.timestamp < b.timestamp
                ? 1
                : -1);
    }
    mapError(e, op) {
        const name = nameOf(e);
        const msg = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e);
        const where = `DynamoDB table "${this.table}" in ${this.region}`;
        if (name === 'ResourceNotFoundException') {
            return new _store_js__WEBPACK_IMPORTED_MODULE_2__/* .StoreConfigError */ .IC(`${where} was not found (or lacks the index ${REPO_INDEX}): ${msg}. Create it with ` +
                `\`fixflow init-table --table ${this.table} --region ${this.region}\` or the CloudFormation template in ` +
                `docs/cloudformation.yml, or fix the dynamodb-table / aws-region inputs.`);
        }
        if (name === 'AccessDeniedException') {
            return new _store_js__WEBPACK_IMPORTED_MODULE_2__/* .StoreConfigError */ .IC(`Access to ${where} was denied (${op}): ${msg}. Allow ${REQUIRED_ACTIONS.join(', ')} on ` +
                `arn:aws:dynamodb:${this.region}:<account>:table/${this.table} and .../table/${this.table}/index/* ` +
                `in the role's IAM policy (docs/aws-setup.md).`);
        }
        if (CREDENTIALS.has(name)) {
            return new _store_js__WEBPACK_IMPORTED_MODULE_2__/* .StoreConfigError */ .IC(`AWS credentials were refused or missing for ${where}: ${msg}. Configure them with ` +
                `aws-actions/configure-aws-credentials before FixFlow runs.`);
        }
        if (name === 'ValidationException' && /key|schema/i.test(msg)) {
            return new _store_js__WEBPACK_IMPORTED_MODULE_2__/* .StoreConfigError */ .IC(`${where} does not have the expected layout (${op}): ${msg}. Its partition key must be failure_id (S); ` +
                `\`fixflow init-table\` creates it right.`);
        }
        const attempts = e.$metadata?.attempts;
        const tries = attempts !== undefined ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : '';
        const why = THROTTLING.has(name) ? 'kept throttling requests' : 'could not be reached';
        return new _store_js__WEBPACK_IMPORTED_MODULE_2__/* .StoreUnavailableError */ .o2(`${where} ${why}${tries} (${op}): ${name}: ${msg}`);
    }
}
function nameOf(e) {
    return e?.name ?? '';
}


/***/ }),

/***/ 1644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* binding */ StoreConfigError),
/* harmony export */   f: () => (/* binding */ STATUSES),
/* harmony export */   o2: () => (/* binding */ StoreUnavailableError)
/* harmony export */ });
/* unused harmony exports claimToken, isStalledClaim */
/** The claim token of one approve command: the same comment always claims with the same token. */
function claimToken(commentId) {
    return `comment-${commentId}`;
}
/**
 * Whether an approved proposal is a half-done apply a new approve may take over: it has a claim but no fix PR,
 * and the claim is older than `leaseMs` (so an approve still at work is not raced). Default lease 10 minutes,
 * longer than an approve job takes to branch, commit and open the PR.
 */
function isStalledClaim(r, now, leaseMs = 10 * 60_000) {
    if (r.status !== 'approved' || r.pr_url || !r.claim_token)
        return false;
    const at = Date.parse(r.claimed_at ?? '');
    return Number.isNaN(at) || now.getTime() - at >= leaseMs;
}
/**
 * Where proposals live: DynamoDB when `dynamodb-table` is set, else the thread comment itself. Which one is behind a
 * thread is src/thread/'s business (an injected ThreadStrategy); nothing asks a store what it is.
 */
/** Every proposal status, in the order a proposal moves through them. */
const STATUSES = [
    'pending',
    'approved',
    'rejected',
    'resolved',
    'failed',
    'merged',
    'stale'
];
/** Raised for configuration faults (missing table, no permission): the job must fail with this message. */
class StoreConfigError extends Error {
    name = 'StoreConfigError';
}
/** Raised when the store cannot be reached after retries: the thread says analysis is unavailable. */
class StoreUnavailableError extends Error {
    name = 'StoreUnavailableError';
}


/***/ })

};
