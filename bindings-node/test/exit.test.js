'use strict';
// The process lifetime with calls in flight, as a user's program meets it: each case is a script
// run in a child process (status, stderr and wall time checked). The silent server (accepts, never
// answers) runs in this test process; the children reach it over 127.0.0.1.
//
// Semantics under test (see lib/client.js): a call in flight keeps the event loop alive, as fetch
// does, until it settles or times out; aborting it or client.close() releases it at once;
// process.exit() with calls in flight exits with the requested status, quietly.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSilentServer } = require('./helpers');

const PKG = path.resolve(__dirname, '..');

let silent;
let dir;
test.before(async () => {
  silent = await startSilentServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctc-exit-'));
});
test.after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await silent.close();
});

/** Runs `code` as a script (CommonJS, or ESM when `ext` is 'mjs'); resolves { status, signal, stdout, stderr, ms }. */
function runScript(name, code, ext = 'js', nodeArgs = []) {
  const file = path.join(dir, `${name}.${ext}`);
  fs.writeFileSync(file, code);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, file], {
      env: { ...process.env, CTC_PKG: PKG, SILENT_URL: silent.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

test('a script that aborts a call to a silent server and returns exits promptly, status 0, no stderr', async () => {
  const code = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard('sk_test_exit', { baseUrl: process.env.SILENT_URL, timeout: 30000, maxRetries: 0 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    client.cards.create({ binId: '491653', amount: 5 }, { signal: ac.signal }).catch((e) => {
      console.log(JSON.stringify({ name: e.name, key: typeof e.idempotencyKey }));
    });
    // A GET aborted the same way, left without a catch handler on the signal's side.
    client.wallet.retrieve({ signal: ac.signal }).catch(() => console.log('get aborted'));
  `;
  const r = await runScript('abort-return', code);
  console.log(`abort-and-return script: exited after ${r.ms.toFixed(0)} ms (call timeout 30000 ms)`);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /"name":"AbortError","key":"string"/);
  assert.match(r.stdout, /get aborted/);
  assert.ok(r.ms < 15000, `the aborted call held the process for ${r.ms} ms`);
});

test('ESM: await of an aborted call, then the module ends: exits promptly', async () => {
  const code = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const { CryptoTopCard, APIUserAbortError } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard('sk_test_exit', { baseUrl: process.env.SILENT_URL, timeout: 30000, maxRetries: 0 });
    try {
      await client.cards.retrieve('card_x', { signal: AbortSignal.timeout(150) });
    } catch (e) {
      console.log(e instanceof APIUserAbortError, e.cause.name);
    }
  `;
  const r = await runScript('abort-esm', code, 'mjs');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), 'true TimeoutError');
  assert.ok(r.ms < 15000, `${r.ms} ms`);
});

test('client.close() releases a pending call: rejected, and the process exits promptly', async () => {
  const code = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard('sk_test_exit', { baseUrl: process.env.SILENT_URL, timeout: 30000, maxRetries: 0 });
    client.cards.fund('card_x', { amount: 1 }).catch((e) => console.log(e.name, typeof e.idempotencyKey));
    setTimeout(() => client.close(), 200);
  `;
  const r = await runScript('close-release', code);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), 'APIConnectionError string');
  assert.ok(r.ms < 15000, `${r.ms} ms`);
});

test('without abort, a pending call keeps the process alive until its timeout (as fetch does)', async () => {
  const code = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const client = new CryptoTopCard('sk_test_exit', { baseUrl: process.env.SILENT_URL, timeout: 1500, maxRetries: 0 });
    const t0 = Date.now();
    client.wallet.retrieve().catch((e) => console.log(e.name, Date.now() - t0 >= 1400));
  `;
  const r = await runScript('timeout-alive', code);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), 'APITimeoutError true');
});

test('process.exit() with calls in flight: the requested status, empty stderr (repeated, varied timing)', async () => {
  // Calls that never answer, calls answered around the moment of exit (the in-process sandbox
  // with small delays), and an in-process sandbox still serving: nothing may crash or print.
  const code = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const { Sandbox } = require(process.env.CTC_PKG + '/testing');
    const exitAfter = Number(process.argv[2] || process.env.EXIT_AFTER);
    (async () => {
      const sb = await Sandbox.start();
      const silentClient = new CryptoTopCard('sk_test_exit', { baseUrl: process.env.SILENT_URL, timeout: 30000, maxRetries: 0 });
      for (let i = 0; i < 10; i += 1) silentClient.cards.create({ binId: '491653', amount: 1 }).catch(() => {});
      for (let i = 0; i < 30; i += 1) {
        const c = sb.client({ defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=' + (i * 4) } });
        c.cards.create({ binId: '491653', amount: 1 }).catch(() => {});
        c.wallet.retrieve().then(() => {}, () => {});
      }
      const ac = new AbortController();
      silentClient.cards.retrieve('card_y', { signal: ac.signal }).catch(() => {});
      setTimeout(() => ac.abort(), exitAfter / 2);
      setTimeout(() => process.exit(7), exitAfter);
    })();
  `;
  for (const exitAfter of [1, 40, 60, 90, 130]) {
    const file = `exit-inflight-${exitAfter}`;
    const r = await runScript(file, code.replace('process.env.EXIT_AFTER', String(exitAfter)));
    assert.equal(r.stderr, '', `exit after ${exitAfter} ms: stderr`);
    assert.equal(r.signal, null, `exit after ${exitAfter} ms: killed by ${r.signal}`);
    assert.equal(r.status, 7, `exit after ${exitAfter} ms: status`);
    assert.ok(r.ms < 15000, `${r.ms} ms`);
  }
});

test('a worker thread terminated with calls in flight: its requests are dropped, the process goes on', async () => {
  // The silent server runs in the child's main thread here, to see the worker's connections close
  // while the child process is still alive.
  const code = `
    const net = require('node:net');
    const { Worker } = require('node:worker_threads');
    const closed = [];
    let terminatedAt = 0;
    const server = net.createServer((s) => {
      s.resume();
      s.on('error', () => {});
      s.on('close', () => closed.push(performance.now() - terminatedAt));
    });
    server.listen(0, '127.0.0.1', () => {
      const url = 'http://127.0.0.1:' + server.address().port + '/v1';
      const worker = new Worker(\`
        const { CryptoTopCard } = require(process.env.CTC_PKG);
        const { parentPort, workerData } = require('node:worker_threads');
        const client = new CryptoTopCard('sk_test_w', { baseUrl: workerData, timeout: 30000, maxRetries: 0 });
        for (let i = 0; i < 5; i += 1) client.cards.retrieve('card_' + i).catch(() => {});
        parentPort.postMessage('started');
      \`, { eval: true, workerData: url });
      worker.on('message', () => setTimeout(() => {
        terminatedAt = performance.now();
        worker.terminate();
      }, 200));
      worker.on('exit', () => setTimeout(async () => {
        // The shared runtime still serves this thread's calls afterwards.
        const { CryptoTopCard, APIUserAbortError } = require(process.env.CTC_PKG);
        const client = new CryptoTopCard('sk_test_m', { baseUrl: url, maxRetries: 0 });
        const err = await client.wallet.retrieve({ signal: AbortSignal.timeout(100) }).catch((e) => e);
        console.log(JSON.stringify({ closed, after: err instanceof APIUserAbortError }));
        server.close();
      }, 1000));
    });
  `;
  const r = await runScript('worker-terminate', code);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const out = JSON.parse(r.stdout.trim());
  assert.equal(out.after, true);
  // The worker's 5 requests, closed when it was terminated (not at their 30 s timeout); the
  // main thread's aborted call adds one more.
  assert.ok(out.closed.length >= 5, `connections closed: ${JSON.stringify(out.closed)}`);
  const worker = out.closed.slice(0, 5);
  console.log(`worker terminated -> its 5 connections closed after ${worker.map((ms) => ms.toFixed(1)).join(', ')} ms`);
  for (const ms of worker) assert.ok(ms < 2000, `${ms} ms`);
  assert.ok(r.ms < 15000, `${r.ms} ms`);
});

test('garbage collection of an unreferenced client does not cancel its calls in flight', async () => {
  const code = `
    const { CryptoTopCard } = require(process.env.CTC_PKG);
    const { Sandbox } = require(process.env.CTC_PKG + '/testing');
    (async () => {
      const sb = await Sandbox.start();
      const start = () => {
        const c = new CryptoTopCard(sb.apiKey, { baseUrl: sb.url, defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=500' } });
        return [c.wallet.retrieve(), c.cards.create({ binId: '491653', amount: 3 })];
      };
      const calls = start();
      for (let i = 0; i < 5; i += 1) {
        global.gc();
        await new Promise((r) => setTimeout(r, 40));
      }
      const r = await Promise.allSettled(calls);
      console.log(r.map((x) => (x.status === 'fulfilled' ? 'ok' : x.reason.name)).join(' '));
      await sb.stop();
    })();
  `;
  const r = await runScript('gc-client', code, 'js', ['--expose-gc']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), 'ok ok');
});
