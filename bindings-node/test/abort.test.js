'use strict';
// AbortSignal on every call: prompt rejection with APIUserAbortError, the request dropped in Rust
// (the server sees its connection closed), nothing sent for an already-aborted signal, auto-paging,
// a signal shared by many calls, and close() with calls in flight.
const test = require('node:test');
const assert = require('node:assert/strict');
const { APIUserAbortError, APIConnectionError, CryptoTopCard, CryptoTopCardError, ValidationError } = require('..');
const { startSandbox, startSilentServer, stats, eventually } = require('./helpers');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BOUND_MS = 2000; // generous bound; the target is 50 ms (figures are printed)

let env;
let silent;
test.before(async () => {
  env = await startSandbox();
  silent = await startSilentServer();
});
test.after(async () => {
  await silent.close();
  await env.stop();
});

/** A client of the silent server: long timeout, no retries (only an abort can end a call). */
function silentClient() {
  return new CryptoTopCard(env.newKey(), { baseUrl: silent.url, timeout: 30000, maxRetries: 0 });
}

/** Settles `promise`; returns { err, ms } with ms measured from `t0`. */
async function rejection(promise, t0) {
  try {
    await promise;
  } catch (err) {
    return { err, ms: performance.now() - t0 };
  }
  assert.fail('expected a rejection');
}

function assertAbortError(err, signal) {
  assert.ok(err instanceof APIUserAbortError, `${err && err.name}: ${err && err.message}`);
  assert.ok(err instanceof CryptoTopCardError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'AbortError');
  assert.equal(err.code, 'ABORT_ERR');
  assert.equal(err.cause, signal.reason);
  assert.match(String(err), /^AbortError: /);
}

test('abort during a call to a server that never answers: prompt rejection, connection closed', async () => {
  const client = silentClient();
  const ac = new AbortController();
  const before = silent.connections.length;
  const call = client.cards.retrieve('card_silent', { signal: ac.signal });
  // Wait until the request reached the server, so the abort really cuts a call in flight.
  const conn = await eventually(() => {
    const c = silent.connections[before];
    return c && c.data.includes('\r\n\r\n') ? c : null;
  });
  assert.match(conn.data, /^GET \/v1\/cards\/card_silent /);
  const t0 = performance.now();
  ac.abort();
  const { err, ms } = await rejection(call, t0);
  assertAbortError(err, ac.signal);
  assert.equal(err.idempotencyKey, null, 'a GET has no idempotency key');
  console.log(`abort -> rejection: ${ms.toFixed(2)} ms (target 50 ms)`);
  assert.ok(ms < BOUND_MS, `rejected after ${ms} ms`);
  // The request was dropped in Rust: the server sees the connection closed.
  await eventually(() => conn.closedAt !== null, { tries: 200, ms: 10 });
  const closedMs = conn.closedAt - t0;
  console.log(`abort -> server saw the socket closed: ${closedMs.toFixed(2)} ms`);
  assert.ok(closedMs < BOUND_MS, `socket closed ${closedMs} ms after the abort`);
  client.close();
});

test('abort of a mutating call: the error carries the idempotency key that was sent', async () => {
  const client = silentClient();
  for (const given of [undefined, 'my-key-abort-1']) {
    const ac = new AbortController();
    const before = silent.connections.length;
    const call = client.cards.create(
      { binId: '491653', amount: 10 },
      { signal: ac.signal, ...(given ? { idempotencyKey: given } : {}) },
    );
    await eventually(() => silent.connections[before]?.data.includes('\r\n\r\n'));
    const sent = silent.header(before, 'x-idempotency-key');
    const t0 = performance.now();
    ac.abort(new Error('user gave up'));
    const { err, ms } = await rejection(call, t0);
    assertAbortError(err, ac.signal);
    assert.equal(err.cause.message, 'user gave up');
    assert.ok(ms < BOUND_MS);
    assert.ok(sent, 'the request carried X-Idempotency-Key');
    assert.equal(err.idempotencyKey, sent, 'the key on the error is the key that was sent');
    if (given) assert.equal(sent, given);
    else assert.match(sent, UUID);
    await eventually(() => silent.connections[before].closedAt !== null, { tries: 200, ms: 10 });
  }
  client.close();
});

test('an already-aborted signal rejects at once and sends nothing', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key });
  const ac = new AbortController();
  ac.abort();
  const before = await stats(env.sb, key);
  const calls = [
    client.cards.create({ binId: '491653', amount: 10 }, { signal: ac.signal }),
    client.cards.retrieve('card_x', { signal: ac.signal }),
    client.cards.fund('card_x', { amount: 5 }, { signal: ac.signal }),
    client.wallet.retrieve({ signal: ac.signal }),
    client.cards.list({}, { signal: ac.signal }),
    client.webhooks.delete('wh_x', { signal: ac.signal }),
  ];
  // Rejected before any timer or I/O callback runs.
  let turned = false;
  setImmediate(() => {
    turned = true;
  });
  const results = await Promise.allSettled(calls);
  assert.equal(turned, false, 'rejected within the same turn of the event loop');
  for (const r of results) {
    assert.equal(r.status, 'rejected');
    assertAbortError(r.reason, ac.signal);
  }
  // Mutating calls report the key they would have used; GETs have none.
  assert.match(results[0].reason.idempotencyKey, UUID);
  assert.match(results[2].reason.idempotencyKey, UUID);
  assert.equal(results[1].reason.idempotencyKey, null);
  assert.equal(results[4].reason.idempotencyKey, null);
  const after = await stats(env.sb, key);
  assert.equal(after.requests - before.requests, 1, 'only the second stats read reached the server');
  assert.equal((await client.cards.list()).data.length, 0);

  // Same against the silent server: no connection is even opened.
  const quiet = silentClient();
  const opened = silent.connections.length;
  const err = await quiet.cards.create({ binId: '491653', amount: 1 }, { signal: ac.signal }).catch((e) => e);
  assertAbortError(err, ac.signal);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(silent.connections.length, opened, 'no connection opened');
  quiet.close();
});

test('withResponse() and asResponse() reject with the abort error too', async () => {
  const client = silentClient();
  const ac = new AbortController();
  const p = client.wallet.retrieve({ signal: ac.signal });
  const both = p.withResponse();
  const meta = p.asResponse();
  setTimeout(() => ac.abort(), 20);
  const [a, b, c] = await Promise.allSettled([p, both, meta]);
  for (const r of [a, b, c]) assertAbortError(r.reason, ac.signal);
  client.close();
});

test('AbortSignal.timeout() aborts a call; the cause is its TimeoutError', async () => {
  const client = silentClient();
  const signal = AbortSignal.timeout(100);
  const t0 = performance.now();
  const { err, ms } = await rejection(client.cards.retrieve('card_t', { signal }), t0);
  assertAbortError(err, signal);
  assert.equal(err.cause.name, 'TimeoutError');
  assert.ok(ms >= 90 && ms < BOUND_MS, `${ms} ms`);
  client.close();
});

test('abort after the call settled changes nothing', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const ac = new AbortController();
  const wallet = await client.wallet.retrieve({ signal: ac.signal });
  ac.abort();
  assert.equal(wallet.balance, 10000);
  // The signal can still be given to later calls, which then reject at once.
  const err = await client.wallet.retrieve({ signal: ac.signal }).catch((e) => e);
  assertAbortError(err, ac.signal);
});

test('one signal shared by many concurrent calls: one listener, no warning, all rejected', async () => {
  const client = silentClient();
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const ac = new AbortController();
    const calls = Array.from({ length: 40 }, (_, i) => client.cards.retrieve(`card_${i}`, { signal: ac.signal }));
    const listeners = require('node:events').getEventListeners(ac.signal, 'abort');
    assert.equal(listeners.length, 1, 'a single abort listener for all calls');
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    ac.abort();
    const results = await Promise.allSettled(calls);
    const ms = performance.now() - t0;
    for (const r of results) assertAbortError(r.reason, ac.signal);
    console.log(`40 calls aborted by one signal: all rejected in ${ms.toFixed(2)} ms`);
    assert.ok(ms < BOUND_MS);
    // Sequential calls with a long-lived signal leave no listener behind.
    const ok = new AbortController();
    const sandboxClient = env.client({ apiKey: env.newKey() });
    for (let i = 0; i < 15; i += 1) await sandboxClient.wallet.retrieve({ signal: ok.signal });
    assert.equal(require('node:events').getEventListeners(ok.signal, 'abort').length, 0);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      warnings.map((w) => w.name),
      [],
    );
  } finally {
    process.off('warning', onWarning);
    client.close();
  }
});

test('abort during auto-paging: between pages, between items, and while a page is in flight', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key });
  for (let i = 0; i < 5; i += 1) await client.cards.create({ binId: '491653', amount: 1 + i });

  // Between items: the iteration stops at the next item, and no further page is requested.
  const ac = new AbortController();
  const seen = [];
  const before = await stats(env.sb, key);
  let err = null;
  try {
    for await (const card of client.cards.list({ perPage: 2 }, { signal: ac.signal })) {
      seen.push(card.id);
      if (seen.length === 3) ac.abort();
    }
  } catch (e) {
    err = e;
  }
  assertAbortError(err, ac.signal);
  assert.equal(seen.length, 3);
  const after = await stats(env.sb, key);
  assert.equal(after.requests - before.requests, 3, 'two pages and the stats read; no third page');

  // Between pages: getNextPage() with the aborted signal rejects and sends nothing.
  const ac2 = new AbortController();
  const first = await client.cards.list({ perPage: 2 }, { signal: ac2.signal });
  assert.equal(first.hasNextPage(), true);
  ac2.abort();
  const s1 = await stats(env.sb, key);
  assertAbortError(await first.getNextPage().catch((e) => e), ac2.signal);
  const s2 = await stats(env.sb, key);
  assert.equal(s2.requests - s1.requests, 1);

  // A page in flight: the sandbox delays every answer by 3 s; the abort ends the wait.
  const slow = env.client({ apiKey: key, defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=3000' } });
  const ac3 = new AbortController();
  setTimeout(() => ac3.abort(), 100);
  const t0 = performance.now();
  let slowErr = null;
  try {
    for await (const _card of slow.cards.list({ perPage: 2 }, { signal: ac3.signal })) {
      assert.fail('no page arrives before the abort');
    }
  } catch (e) {
    slowErr = e;
  }
  const ms = performance.now() - t0;
  assertAbortError(slowErr, ac3.signal);
  console.log(`auto-paging aborted while a page was in flight: ended after ${ms.toFixed(2)} ms (abort at 100 ms)`);
  assert.ok(ms < 2500, `${ms} ms: the 3 s page was not awaited`);
});

test('close() with calls in flight: they reject at once with APIConnectionError, requests dropped', async () => {
  const client = silentClient();
  const before = silent.connections.length;
  const get = client.cards.retrieve('card_c');
  const post = client.cards.create({ binId: '491653', amount: 3 }, { idempotencyKey: 'close-key-1' });
  await eventually(() => silent.connections.slice(before).filter((c) => c.data.includes('\r\n\r\n')).length === 2);
  const t0 = performance.now();
  client.close();
  const [a, b] = await Promise.allSettled([get, post]);
  const ms = performance.now() - t0;
  for (const r of [a, b]) {
    assert.equal(r.status, 'rejected');
    assert.ok(r.reason instanceof APIConnectionError, `${r.reason.name}`);
    assert.match(r.reason.message, /closed/);
  }
  assert.equal(a.reason.idempotencyKey, null);
  assert.equal(b.reason.idempotencyKey, 'close-key-1');
  console.log(`close() -> in-flight calls rejected: ${ms.toFixed(2)} ms`);
  assert.ok(ms < BOUND_MS);
  await eventually(() => silent.connections.slice(before).every((c) => c.closedAt !== null), { tries: 200, ms: 10 });
  // Later calls fail at once as before.
  assert.ok((await client.wallet.retrieve().catch((e) => e)) instanceof APIConnectionError);
});

test('signal must be an AbortSignal', async () => {
  const client = env.client();
  for (const bad of ['yes', 1, {}, { aborted: false }]) {
    const err = await client.wallet.retrieve({ signal: bad }).catch((e) => e);
    assert.ok(err instanceof ValidationError, String(err));
    assert.equal(err.field, 'signal');
  }
  // null/undefined mean no signal.
  assert.equal((await client.wallet.retrieve({ signal: undefined })).balance, 10000);
});

test('a create aborted mid-flight, retried with err.idempotencyKey: exactly one card', async () => {
  const key = env.newKey();
  const slow = env.client({ apiKey: key, defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=1000' } });
  const clean = env.client({ apiKey: key, maxRetries: 5 });
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 200);
  const params = { binId: '491653', amount: 7, label: 'aborted-then-retried' };
  const err = await slow.cards.create(params, { signal: ac.signal }).catch((e) => e);
  assertAbortError(err, ac.signal);
  assert.match(err.idempotencyKey, UUID);
  // Whether or not the server went on with the aborted request, the retry with its key cannot
  // create a second card (a request still running answers idempotency_key_in_use, retried).
  const first = await clean.cards.create(params, { idempotencyKey: err.idempotencyKey });
  await new Promise((r) => setTimeout(r, 1200)); // past the aborted request's delay
  const again = await clean.cards.create(params, { idempotencyKey: err.idempotencyKey }).withResponse();
  assert.equal(again.response.replayed, true);
  assert.equal(again.data.id, first.id);
  assert.equal((await clean.cards.list()).data.length, 1, 'exactly one card');
  assert.equal((await clean.wallet.retrieve()).balance, 10000 - 7);
});
