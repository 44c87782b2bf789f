'use strict';
// Log records: the core's events handed to a logger object (console by default) without blocking
// the event loop or keeping the process alive. The process-level cases (CRYPTOTOPCARD_LOG, the
// default console logger, exiting) run as child scripts against this file's sandbox.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const sdk = require('..');
const { startSandbox, eventually } = require('./helpers');

const { ConfigurationError, InternalServerError } = sdk;
const PKG = path.resolve(__dirname, '..');

let env;
test.before(async () => {
  // Whatever the developer's shell says, these cases decide the level themselves.
  delete process.env.CRYPTOTOPCARD_LOG;
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

/** A logger that keeps every record: { level, message, fields }. */
function recorder() {
  const records = [];
  const at = (level) => (message, fields) => records.push({ level, message, fields });
  return { records, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** Lets queued records reach the logger (they arrive through the event loop). */
const settle = () => new Promise((r) => setTimeout(r, 50));

/** Runs `code` in a child process; resolves { status, stdout, stderr, ms }. */
function runChild(code, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, CTC_PKG: PKG, SB_URL: env.sb.url, ...extraEnv };
    if (!('CRYPTOTOPCARD_LOG' in extraEnv)) delete childEnv.CRYPTOTOPCARD_LOG;
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', code], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

test('at debug, calls produce request/response/retrying records with their fields, never a secret', async () => {
  const key = env.newKey();
  const { records, logger } = recorder();
  const client = env.client({ apiKey: key, logger, logLevel: 'debug' });
  assert.equal(client.logLevel, 'debug');

  const card = await client.cards.create({ binId: '491653', amount: 20 });
  const details = await client.cards.details(card.id);
  const hook = await client.webhooks.create({ url: 'http://127.0.0.1:9/hook', events: ['card.created'] });
  const challenge = await client.sandbox.challenge({ cardId: card.id, merchant: 'SHOP', amount: 3 });
  const { response } = await client.wallet.retrieve().withResponse();
  // A retried call: 503 on every attempt, one retry.
  const failing = client.withOptions({ maxRetries: 1, defaultHeaders: { 'X-Sandbox-Fault': 'error_503' } });
  await assert.rejects(failing.wallet.retrieve(), InternalServerError);
  await eventually(() => records.some((r) => r.message === 'cryptotopcard: retrying'));
  await settle();

  const request = records.find((r) => r.message === 'cryptotopcard: request' && r.fields.path === '/wallet');
  assert.ok(request, JSON.stringify(records.slice(0, 3)));
  assert.equal(request.level, 'debug');
  assert.equal(request.fields.method, 'GET');
  assert.equal(request.fields.attempt, 0);

  const resp = records.find(
    (r) => r.message === 'cryptotopcard: response' && r.fields.requestId === response.requestId,
  );
  assert.ok(resp, 'a response record carries the request id');
  assert.equal(resp.level, 'info');
  assert.equal(resp.fields.method, 'GET');
  assert.equal(resp.fields.path, '/wallet');
  assert.equal(resp.fields.status, 200);
  assert.equal(resp.fields.attempt, 0);
  assert.equal(typeof resp.fields.elapsedMs, 'number');
  assert.ok(resp.fields.elapsedMs >= 0);

  const retrying = records.find((r) => r.message === 'cryptotopcard: retrying');
  assert.equal(retrying.level, 'info');
  assert.equal(retrying.fields.status, 503);
  assert.equal(retrying.fields.attempt, 0);
  assert.equal(typeof retrying.fields.delayMs, 'number');
  const retried = records.filter((r) => r.message === 'cryptotopcard: request' && r.fields.attempt === 1);
  assert.equal(retried.length, 1, 'the retry is logged as attempt 1');

  // POST paths, and every record, are free of the key and the sensitive values of those calls.
  assert.ok(records.some((r) => r.fields.method === 'POST' && r.fields.path === '/cards'));
  const text = JSON.stringify(records);
  const secrets = { key, pan: details.pan, otp: challenge.otp, webhookSecret: hook.secret };
  for (const [name, value] of Object.entries(secrets)) {
    assert.equal(typeof value, 'string', `${name} was returned`);
    assert.equal(text.includes(value), false, `${name} appears in a log record`);
  }
  // A 3-digit CVV also occurs by chance in request ids and timings: look for it by its name.
  assert.match(details.cvv, /^\d{3,4}$/);
  assert.doesNotMatch(text, new RegExp(`cvv\\W{0,6}${details.cvv}`, 'i'), 'the CVV appears in a log record');
  assert.ok(records.length >= 12, `records: ${records.length}`);
});

test('the level filters: info leaves out the per-attempt request records', async () => {
  const { records, logger } = recorder();
  const client = env.client({ logger, logLevel: 'info' });
  await client.wallet.retrieve();
  await eventually(() => records.length > 0);
  await settle();
  assert.deepEqual(
    records.map((r) => r.message),
    ['cryptotopcard: response'],
  );
  const errorsOnly = recorder();
  const quiet = env.client({ logger: errorsOnly.logger, logLevel: 'error' });
  await quiet.wallet.retrieve();
  await settle();
  assert.deepEqual(errorsOnly.records, []);
});

test('off: no records (no level given and CRYPTOTOPCARD_LOG unset, or logLevel off)', async () => {
  const unset = recorder();
  const a = env.client({ logger: unset.logger });
  assert.equal(a.logLevel, 'off');
  const off = recorder();
  const b = env.client({ logger: off.logger, logLevel: 'off' });
  assert.equal(b.logLevel, 'off');
  await a.wallet.retrieve();
  await b.wallet.retrieve();
  // Another client of this process logging at debug does not make these two log.
  const other = recorder();
  await env.client({ logger: other.logger, logLevel: 'debug' }).wallet.retrieve();
  await eventually(() => other.records.length >= 2);
  await a.wallet.retrieve();
  await settle();
  assert.deepEqual(unset.records, []);
  assert.deepEqual(off.records, []);
});

test('clients from withOptions log to the same logger', async () => {
  const { records, logger } = recorder();
  const client = env.client({ logger, logLevel: 'info' });
  const derived = client.withOptions({ timeout: 20000 });
  assert.equal(derived.logLevel, 'info');
  await derived.bins.list();
  await eventually(() => records.some((r) => r.fields.path === '/bins'));
});

test('a logger that throws loses its record, not the call', async () => {
  const boom = () => {
    throw new Error('logger failure');
  };
  const client = env.client({ logger: { debug: boom, info: boom, warn: boom, error: boom }, logLevel: 'debug' });
  const wallet = await client.wallet.retrieve();
  assert.equal(wallet.currency, 'USD');
  await settle();
});

test('bad logging options are ConfigurationErrors naming the option', () => {
  assert.throws(
    () => env.client({ logLevel: 'loud' }),
    (e) => e instanceof ConfigurationError && e.field === 'logLevel',
  );
  assert.throws(
    () => env.client({ logLevel: 3 }),
    (e) => e instanceof ConfigurationError && e.field === 'logLevel',
  );
  for (const bad of [{}, { debug() {} }, 'console', 42]) {
    assert.throws(
      () => env.client({ logger: bad, logLevel: 'debug' }),
      (e) => e instanceof ConfigurationError && e.field === 'logger',
    );
  }
});

test('CRYPTOTOPCARD_LOG=debug logs to console by default; the process exits promptly', async () => {
  const key = env.newKey();
  const code = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard(process.env.KEY, { baseUrl: process.env.SB_URL });
    console.log('level=' + client.logLevel);
    client.cards.create({ binId: '491653', amount: 5 }).then((c) => client.cards.details(c.id))
      .then((d) => console.log('pan-last4=' + d.pan.slice(-4)));
    // No close(), no exit(): the logger must not keep the process alive.
  `;
  const r = await runChild(code, { KEY: key, CRYPTOTOPCARD_LOG: 'debug' });
  console.log(`logging child exited after ${r.ms.toFixed(0)} ms`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^level=debug$/m);
  assert.match(r.stdout, /cryptotopcard: request/);
  assert.match(r.stdout, /cryptotopcard: response/);
  assert.match(r.stdout, /path: '\/cards'/);
  assert.match(r.stdout, /requestId: 'req_/);
  assert.match(r.stdout, /pan-last4=\d{4}/);
  assert.equal(r.stdout.includes(key), false, 'the key is never logged');
  assert.ok(r.ms < 15000, `the process took ${r.ms} ms to exit`);
});

test('with a logger on and nothing in flight, the process exits at once; off means silence', async () => {
  const idle = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard('sk_test_idle', { baseUrl: process.env.SB_URL, logLevel: 'debug' });
    console.log('made ' + client.logLevel);
  `;
  const r = await runChild(idle);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'made debug');
  assert.ok(r.ms < 15000, `idle process took ${r.ms} ms to exit`);

  const silent = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard(process.env.KEY, { baseUrl: process.env.SB_URL });
    client.wallet.retrieve().then(() => console.log('done ' + client.logLevel));
  `;
  for (const level of [undefined, 'off']) {
    const extra = level ? { KEY: env.newKey(), CRYPTOTOPCARD_LOG: level } : { KEY: env.newKey() };
    const q = await runChild(silent, extra);
    assert.equal(q.status, 0, q.stderr);
    assert.equal(q.stdout.trim(), 'done off');
    assert.equal(q.stderr, '');
  }
  // CRYPTOTOPCARD_LOG=info: responses, no per-attempt request records.
  const info = await runChild(silent, { KEY: env.newKey(), CRYPTOTOPCARD_LOG: 'info' });
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /cryptotopcard: response/);
  assert.doesNotMatch(info.stdout, /cryptotopcard: request/);
});

test('a worker logging through its own logger is terminated mid-stream: the process goes on and exits', async () => {
  const code = `
    const { Worker } = require('node:worker_threads');
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const worker = new Worker(\`
      const { parentPort, workerData } = require('node:worker_threads');
      const { CryptoTopCard } = require(workerData.pkg);
      let n = 0;
      const count = () => { n += 1; if (n === 20) parentPort.postMessage('logging'); };
      const logger = { debug: count, info: count, warn: count, error: count };
      const client = new CryptoTopCard(workerData.key, { baseUrl: workerData.url, logger, logLevel: 'debug' });
      const loop = () => client.wallet.retrieve().then(loop, loop);
      for (let i = 0; i < 8; i += 1) loop();
    \`, { eval: true, workerData: { pkg: process.env.CTC_PKG, url: process.env.SB_URL, key: process.env.KEY } });
    worker.on('message', () => worker.terminate());
    worker.on('exit', async () => {
      const seen = [];
      const logger = { debug() {}, info: (m, f) => seen.push(f.status), warn() {}, error() {} };
      const client = new CryptoTopCard(process.env.KEY, { baseUrl: process.env.SB_URL, logger, logLevel: 'info' });
      await client.wallet.retrieve();
      await new Promise((r) => setTimeout(r, 50));
      console.log('main logged ' + JSON.stringify(seen));
    });
  `;
  const r = await runChild(code, { KEY: env.newKey() });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), 'main logged [200]');
  assert.ok(r.ms < 30000, `took ${r.ms} ms`);
});
