'use strict';
// Conformance runner for the Node package (tests/conformance/cases.json).
//
//   node tests/conformance/node/run-conformance.js [--cases FILE] [--sandbox BIN] [-k TEXT]
//
// Starts ctc-sandbox on a free port of 127.0.0.1 (or uses CTC_SANDBOX_URL), runs every case through the
// public API of ../../bindings-node (camelCase options objects, positional path ids), prints one line
// per failing case and ends with "N passed, N failed". Exit status 1 when a case failed.
const path = require('node:path');
const fs = require('node:fs');
const crypto = require('node:crypto');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ctc = require(path.join(ROOT, 'bindings-node'));

const LANG = 'node';
const MISSING = Symbol('missing');

// op -> [resource, method, calling convention, path id]
//   params: m(params, options)   id: m(id, options)   idParams: m(id, params, options)   none: m(options)
const OPS = {
  'cards.create': ['cards', 'create', 'params'],
  'cards.list': ['cards', 'list', 'params'],
  'cards.retrieve': ['cards', 'retrieve', 'id', 'card_id'],
  'cards.details': ['cards', 'details', 'id', 'card_id'],
  'cards.update': ['cards', 'update', 'idParams', 'card_id'],
  'cards.freeze': ['cards', 'freeze', 'id', 'card_id'],
  'cards.unfreeze': ['cards', 'unfreeze', 'id', 'card_id'],
  'cards.terminate': ['cards', 'terminate', 'id', 'card_id'],
  'cards.fund': ['cards', 'fund', 'idParams', 'card_id'],
  'cards.withdraw': ['cards', 'withdraw', 'idParams', 'card_id'],
  'transactions.list': ['transactions', 'list', 'params'],
  'transactions.retrieve': ['transactions', 'retrieve', 'id', 'transaction_id'],
  'wallet.retrieve': ['wallet', 'retrieve', 'none'],
  'wallet.addresses': ['wallet', 'addresses', 'params'],
  'wallet.deposits': ['wallet', 'deposits', 'params'],
  'bins.list': ['bins', 'list', 'params'],
  'threeds.list': ['threeds', 'list', 'params'],
  'threeds.retrieve': ['threeds', 'retrieve', 'id', 'challenge_id'],
  'webhooks.create': ['webhooks', 'create', 'params'],
  'webhooks.list': ['webhooks', 'list', 'params'],
  'webhooks.delete': ['webhooks', 'delete', 'id', 'webhook_id'],
  'sandbox.deposit': ['sandbox', 'deposit', 'params'],
  'sandbox.confirm_deposit': ['sandbox', 'confirmDeposit', 'id', 'deposit_id'],
  'sandbox.authorize': ['sandbox', 'authorize', 'params'],
  'sandbox.settle': ['sandbox', 'settle', 'id', 'transaction_id'],
  'sandbox.refund': ['sandbox', 'refund', 'idParams', 'transaction_id'],
  'sandbox.challenge': ['sandbox', 'challenge', 'params'],
};

const REF = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$/;
const INTERP = /\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}/g;

class CaseError extends Error {}

/** snake_case to camelCase, as the package names parameters and fields. */
const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
/** A field path as the package reports it: its first segment camelCased ("allowed_categories[1]"). */
const camelField = (field) => field.replace(/^[A-Za-z0-9_]+/, (head) => camel(head));

// ------------------------------------------------------------------------------ sandbox and HTTP
async function startSandbox(binary) {
  if (process.env.CTC_SANDBOX_URL) return { url: process.env.CTC_SANDBOX_URL.replace(/\/$/, ''), proc: null };
  const proc = spawn(binary, ['--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = readline.createInterface({ input: proc.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`ctc-sandbox exited with ${code}`)));
  });
  if (!first.startsWith('listening on ')) throw new Error(`ctc-sandbox did not start: ${first}`);
  return { url: first.slice('listening on '.length).trim().replace(/\/$/, ''), proc };
}

async function sandboxGet(sb, route, key) {
  const res = await fetch(sb.url + route, { headers: { Authorization: `Bearer ${key}` } });
  if (!res.ok) throw new CaseError(`GET ${route}: ${res.status}`);
  return res.json();
}
const requestCount = async (sb, key) => (await sandboxGet(sb, '/sandbox/stats', key)).requests;
const requestLog = async (sb, key) => (await sandboxGet(sb, '/sandbox/requests', key)).data;

// ------------------------------------------------------------------------------ values
const isObject = (v) => v !== null && typeof v === 'object';

/** JSON-like copy of a result (models serialise with camelCase keys), for $exact and messages. */
function plain(value) {
  if (value === MISSING) return '<missing>';
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value));
}
const show = (value) => JSON.stringify(plain(value));

/** A field by its wire name: the camelCase property, else the name as given (user data such as metadata). */
function lookup(obj, key) {
  if (!isObject(obj)) return MISSING;
  if (Array.isArray(obj)) return /^\d+$/.test(key) && Number(key) < obj.length ? obj[Number(key)] : MISSING;
  const c = camel(key);
  if (c in obj) return obj[c];
  if (key in obj) return obj[key];
  return MISSING;
}

function asList(obj) {
  if (Array.isArray(obj)) return obj;
  if (isObject(obj) && Array.isArray(obj.data)) return obj.data; // a Page
  return null;
}

function ref(env, name, route) {
  if (!(name in env)) throw new CaseError(`unknown reference $${name}`);
  let value = env[name];
  for (const seg of route.split('.').filter(Boolean)) {
    value = lookup(value, seg);
    if (value === MISSING) throw new CaseError(`reference $${name}${route}: no field ${seg}`);
  }
  return value;
}

/** Substitutes references ("$card.id", "${card.id}") and builds special values. */
function resolve(value, env) {
  if (typeof value === 'string') {
    if (value === '$any') return value;
    const m = REF.exec(value);
    if (m) return ref(env, m[1], m[2]);
    return value.replace(INTERP, (_, name, route) => String(ref(env, name, route)));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, env));
  if (isObject(value)) {
    const keys = Object.keys(value).sort().join(',');
    if (keys === '$number') return Number(value.$number);
    if (keys === '$repeat,times') return String(value.$repeat).repeat(value.times);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, env)]));
  }
  return value;
}

const sameNumber = (a, b) => typeof a === 'number' && Math.abs(a - b) <= 1e-9;

function deepEqual(exp, act) {
  if (Array.isArray(exp))
    return Array.isArray(act) && exp.length === act.length && exp.every((e, i) => deepEqual(e, act[i]));
  if (isObject(exp)) {
    if (!isObject(act) || Array.isArray(act)) return false;
    const keys = Object.keys(exp);
    return keys.length === Object.keys(act).length && keys.every((k) => k in act && deepEqual(exp[k], act[k]));
  }
  if (typeof exp === 'number') return sameNumber(act, exp);
  return exp === act;
}

/** Mismatches of `act` against the expectation `exp` (objects: subset; see README). */
function match(exp, act, where) {
  const here = where || 'result';
  // null: null or left out
  if (act === MISSING || act === undefined) return exp === null ? [] : [`${here}: missing`];
  if (exp === '$any') return act === null ? [`${here}: expected a value, got null`] : [];
  if (isObject(exp) && !Array.isArray(exp) && '$len' in exp) {
    const items = asList(act);
    return items && items.length === exp.$len ? [] : [`${here}: expected ${exp.$len} items, got ${show(act)}`];
  }
  if (isObject(exp) && !Array.isArray(exp) && '$exact' in exp) {
    return deepEqual(exp.$exact, plain(act)) ? [] : [`${here}: expected exactly ${show(exp.$exact)}, got ${show(act)}`];
  }
  if (Array.isArray(exp)) {
    const items = asList(act);
    if (!items || items.length !== exp.length) return [`${here}: expected ${exp.length} items, got ${show(act)}`];
    return exp.flatMap((e, i) => match(e, items[i], `${where}[${i}]`));
  }
  if (isObject(exp)) {
    if (!isObject(act)) return [`${here}: expected an object, got ${show(act)}`];
    return Object.entries(exp).flatMap(([k, v]) => match(v, lookup(act, k), where ? `${where}.${k}` : k));
  }
  if (typeof exp === 'number') return sameNumber(act, exp) ? [] : [`${here}: expected ${exp}, got ${show(act)}`];
  return exp === act ? [] : [`${here}: expected ${JSON.stringify(exp)}, got ${show(act)}`];
}

function checkKey(what, exp, got) {
  if (exp === true) return got ? [] : [`${what}: expected an idempotency key, got none`];
  if (exp === false) return got ? [`${what}: expected no idempotency key, got ${got}`] : [];
  return got === exp ? [] : [`${what}: expected idempotency key ${exp}, got ${got}`];
}

// ------------------------------------------------------------------------------ calls
function makeClient(sb, key, spec) {
  const options = { baseUrl: 'base_url' in spec ? spec.base_url : sb.url };
  if ('max_response_bytes' in spec) options.maxResponseBytes = spec.max_response_bytes;
  if ('max_retries' in spec) options.maxRetries = spec.max_retries;
  if ('default_headers' in spec) options.defaultHeaders = { ...spec.default_headers };
  return new ctc.CryptoTopCard('api_key' in spec ? spec.api_key : key, options);
}

/** Runs `op` the way a user of the package writes it; resolves with { data, response }. */
async function call(client, op, params, options) {
  const entry = OPS[op];
  if (!entry) throw new CaseError(`unknown operation ${op}`);
  const [resource, method, convention, idKey] = entry;
  const rest = {};
  for (const [k, v] of Object.entries(params)) if (k !== idKey) rest[camel(k)] = v;
  const id = idKey ? params[idKey] : undefined;
  const opts = 'idempotency_key' in options ? { idempotencyKey: options.idempotency_key } : undefined;
  const target = client[resource];
  let promise;
  switch (convention) {
    case 'params':
      promise = target[method](rest, opts);
      break;
    case 'id':
      if (Object.keys(rest).length) throw new CaseError(`the Node API takes no params besides the id for ${op}`);
      promise = target[method](id, opts);
      break;
    case 'idParams':
      promise = target[method](id, rest, opts);
      break;
    default:
      if (Object.keys(rest).length) throw new CaseError(`the Node API takes no params for ${op}`);
      promise = target[method](opts);
  }
  return promise.withResponse();
}

function checkError(exp, e) {
  const out = [];
  const cls = e && e.constructor ? e.constructor.name : typeof e;
  const Expected = ctc[exp.class];
  if (cls !== exp.class || typeof Expected !== 'function' || !(e instanceof Expected)) {
    out.push(`error class: expected ${exp.class}, got ${cls} (${e && e.message})`);
  }
  const got = {
    status: e.status ?? null,
    code: e.code ?? null,
    field: e.field ?? null,
    param: e.param ?? null,
  };
  const want = { ...exp };
  if (typeof want.field === 'string') want.field = camelField(want.field);
  if (typeof want.param === 'string') want.param = camelField(want.param);
  for (const name of ['status', 'code', 'field', 'param']) {
    if (name in want && got[name] !== want[name]) {
      out.push(`error ${name}: expected ${JSON.stringify(want[name])}, got ${JSON.stringify(got[name])}`);
    }
  }
  if ('retry_after' in exp && !sameNumber(e.retryAfter, exp.retry_after)) {
    out.push(`error retry_after: expected ${exp.retry_after}, got ${e.retryAfter}`);
  }
  if ('idempotency_key' in exp) out.push(...checkKey('error', exp.idempotency_key, e.idempotencyKey));
  if (exp.request_id === true && !String(e.requestId ?? '').startsWith('req_')) {
    out.push(`error request_id: expected the API's req_ id, got ${JSON.stringify(e.requestId)}`);
  }
  if (exp.message === true && !e.message) out.push("error message: expected the API's message, got none");
  return out;
}

function checkMeta(exp, response) {
  const out = [];
  if ('status' in exp && response.status !== exp.status) {
    out.push(`meta status: expected ${exp.status}, got ${response.status}`);
  }
  if ('replayed' in exp && response.replayed !== exp.replayed) {
    out.push(`meta replayed: expected ${exp.replayed}, got ${response.replayed}`);
  }
  if ('idempotency_key' in exp) out.push(...checkKey('meta', exp.idempotency_key, response.idempotencyKey));
  return out;
}

async function checkNextPage(exp, page) {
  if (!isObject(page) || typeof page.hasNextPage !== 'function') return ['next_page: the result is not a Page'];
  if (exp === null) return page.hasNextPage() ? ['next_page: expected none, the page says there is one'] : [];
  const next = await page.getNextPage();
  if (next === null) return ['next_page: expected a next page, got none'];
  return match(exp, next, 'next_page');
}

function checkRequest(exp, sent, entries, logged, env) {
  if (exp === 'none') {
    const out = sent === 0 ? [] : [`request: expected nothing sent, the sandbox got ${sent}`];
    if (logged && entries.length) out.push(`request: expected nothing sent, logged ${JSON.stringify(entries)}`);
    return out;
  }
  const count = exp.count ?? 1;
  const out = sent === count ? [] : [`request: expected ${count} sent, the sandbox got ${sent}`];
  if (logged && exp.method) {
    const want = `${exp.method} ${resolve(exp.path, env)}`;
    const seen = entries.map((x) => `${x.method} ${x.path}`);
    if (seen.length !== count || seen.some((s) => s !== want)) {
      out.push(`request: expected ${count} x ${want}, logged ${JSON.stringify(seen)}`);
    }
  }
  return out;
}

/** One setup step; `as` names its result, or its error when the step expects one. */
async function runStep(sb, key, plainClient, step, i, env) {
  const client = step.client ? makeClient(sb, key, step.client) : plainClient;
  let value;
  try {
    ({ data: value } = await call(client, step.op, resolve(step.params ?? {}, env), resolve(step.options ?? {}, env)));
  } catch (e) {
    if (e instanceof CaseError) throw e;
    const cls = e && e.constructor.name;
    if (cls !== step.error) throw new CaseError(`setup step ${i} (${step.op}) failed: ${cls}: ${e && e.message}`);
    if (step.as) env[step.as] = { class: cls, idempotency_key: e.idempotencyKey };
    return;
  }
  if (step.error) throw new CaseError(`setup step ${i} (${step.op}): expected ${step.error}, got a result`);
  if (step.as) env[step.as] = value;
}

async function runCase(sb, c, index) {
  const key = `sk_test_conf_${LANG}_${index}_${crypto.randomBytes(6).toString('hex')}`;
  const env = {};
  const expect = c.expect;
  const plainClient = makeClient(sb, key, {});
  for (const [i, step] of (c.setup ?? []).entries()) await runStep(sb, key, plainClient, step, i, env);
  const params = resolve(c.params ?? {}, env);
  const options = resolve(c.options ?? {}, env);
  const clientSpec = c.client ?? {};
  const logBefore = await requestLog(sb, key);
  const countBefore = await requestCount(sb, key);
  let result = null;
  let response = null;
  let error = null;
  try {
    const client = makeClient(sb, key, clientSpec);
    ({ data: result, response } = await call(client, c.op, params, options));
  } catch (e) {
    if (e instanceof CaseError) throw e;
    error = e;
  }
  const sent = (await requestCount(sb, key)) - countBefore - 1;
  const entries = (await requestLog(sb, key)).slice(logBefore.length);
  const failures = [];
  if (expect.error) {
    if (!error) failures.push(`expected ${expect.error.class}, got a result: ${show(result)}`);
    else failures.push(...checkError(resolve(expect.error, env), error));
  } else if (error) {
    failures.push(`unexpected ${error && error.constructor.name}: ${error && error.message}`);
  } else {
    if ('result' in expect) failures.push(...match(resolve(expect.result, env), result, ''));
    if (expect.meta) failures.push(...checkMeta(resolve(expect.meta, env), response));
  }
  if (expect.request) failures.push(...checkRequest(expect.request, sent, entries, !('api_key' in clientSpec), env));
  if ('next_page' in expect && !error) failures.push(...(await checkNextPage(resolve(expect.next_page, env), result)));
  return failures;
}

function parseArgs(argv) {
  const args = {
    cases: path.join(ROOT, 'tests', 'conformance', 'cases.json'),
    sandbox: process.env.CTC_SANDBOX_BIN || path.join(ROOT, 'target', 'debug', 'ctc-sandbox'),
    only: '',
  };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--cases') args.cases = argv[++i];
    else if (argv[i] === '--sandbox') args.sandbox = argv[++i];
    else if (argv[i] === '-k') args.only = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { cases } = JSON.parse(fs.readFileSync(args.cases, 'utf8'));
  const runSkipped = process.env.CTC_CONFORMANCE_RUN_SKIPPED === '1';
  const sb = await startSandbox(args.sandbox);
  let passed = 0;
  let failed = 0;
  try {
    for (const [index, c] of cases.entries()) {
      if (args.only && !c.name.includes(args.only)) continue;
      const reason = c.skip && c.skip[LANG];
      if (reason && !runSkipped) {
        process.stderr.write(`skip ${c.name}: ${reason}\n`);
        continue;
      }
      let failures;
      try {
        failures = await runCase(sb, c, index);
      } catch (e) {
        failures = [e instanceof CaseError ? e.message : `runner error: ${e && e.stack}`];
      }
      if (failures.length) {
        failed += 1;
        process.stdout.write(`FAIL ${c.name}: ${failures.join('; ')}\n`);
      } else {
        passed += 1;
      }
    }
  } finally {
    if (sb.proc) sb.proc.kill();
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`conformance runner: ${e && e.stack}\n`);
  process.exitCode = 2;
});
