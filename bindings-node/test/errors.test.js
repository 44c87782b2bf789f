'use strict';
// Every error class, from real sandbox answers (and client-side checks), with its fields.
const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('..');
const { startSandbox } = require('./helpers');

const {
  CryptoTopCardError,
  APIError,
  BadRequestError,
  InsufficientFundsError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ValidationError,
  ConfigurationError,
  WebhookVerificationError,
  InternalError,
} = sdk;
const fs = require('node:fs');
const path = require('node:path');
const native = require('../lib/native');
const { fromCoreError, fromNativeThrow } = require('../lib/errors');
const { parseEnvelope } = require('../lib/client');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

/** Awaits `promise`, expects it to reject with `Cls`, returns the error. */
async function rejectsWith(promise, Cls) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof Cls, `expected ${Cls.name}, got ${err && err.name}: ${err && err.message}`);
    assert.equal(err.name, Cls.name);
    assert.ok(err instanceof CryptoTopCardError);
    assert.ok(err instanceof Error);
    assert.equal(typeof err.message, 'string');
    assert.ok(err.message.length > 0);
    assert.ok(typeof err.stack === 'string');
    return err;
  }
  assert.fail(`expected a ${Cls.name}`);
}

test('the error classes are exactly the core table (names and parents), in JS, index.d.ts and index.mjs', () => {
  const table = native.errorClasses();
  assert.ok(table.length >= 17);
  const jsErrors = Object.entries(sdk).filter(([, v]) => typeof v === 'function' && v.prototype instanceof Error);
  assert.deepEqual(jsErrors.map(([name]) => name).sort(), table.map((c) => c.name).sort(), 'same set of classes');
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
  const mjs = fs.readFileSync(path.join(__dirname, '..', 'index.mjs'), 'utf8');
  for (const { name, parent } of table) {
    const Cls = sdk[name];
    const Parent = parent == null ? Error : sdk[parent];
    assert.equal(Object.getPrototypeOf(Cls), Parent, `${name} extends ${parent ?? 'Error'}`);
    assert.ok(new Cls('x') instanceof CryptoTopCardError);
    assert.match(dts, new RegExp(`export declare class ${name} extends ${parent ?? 'Error'} `), `index.d.ts: ${name}`);
    assert.match(mjs, new RegExp(`\\b${name},`), `index.mjs exports ${name}`);
  }
  assert.equal(sdk.InsufficientFundsError.name, 'InsufficientFundsError');
  assert.ok(
    new InternalError('x') instanceof CryptoTopCardError && !(new InternalError('x') instanceof APIConnectionError),
  );
  assert.ok(new ConfigurationError('x') instanceof ValidationError);
});

test('the class is chosen by the JSON class alone (not status or kind); an unknown class is InternalError', () => {
  const e = fromCoreError({ class: 'NotFoundError', kind: 'internal_server', status: 500, error: 'x', message: 'm' });
  assert.ok(e instanceof NotFoundError);
  assert.equal(e.status, 500);
  assert.equal(e.code, 'x');
  assert.ok(
    fromCoreError({ class: 'InsufficientFundsError', kind: 'bad_request', status: 400 }) instanceof
      InsufficientFundsError,
  );
  assert.ok(
    fromCoreError({ class: 'BadRequestError', status: 400, error: 'insufficient_funds' }) instanceof BadRequestError,
  );
  assert.ok(
    !(
      fromCoreError({ class: 'BadRequestError', status: 400, error: 'insufficient_funds' }) instanceof
      InsufficientFundsError
    ),
  );
  for (const bad of [
    { kind: 'not_found', status: 404 },
    { class: 'NoSuchError' },
    { class: 'toString' },
    { class: '__proto__' },
  ]) {
    const err = fromCoreError(bad);
    assert.ok(err instanceof InternalError, JSON.stringify(bad));
  }
  // A native throw without the core's JSON (napi's own) is an SDK bug, never a ValidationError.
  const napiThrow = Object.assign(
    new Error('Failed to convert JavaScript value `String "sk_live_x"` into rust type `u32`'),
    {
      code: 'NumberExpected',
    },
  );
  const mapped = fromNativeThrow(napiThrow);
  assert.ok(mapped instanceof InternalError);
  assert.equal(mapped.message.includes('sk_live_x'), false, 'napi text (which may quote a value) is not repeated');
});

test('a panic caught at the napi boundary is InternalError (not APIConnectionError), in a call and synchronously', async () => {
  const client = new native.NativeClient({ apiKey: 'sk_test_panic', baseUrl: env.sb.url, sdkVersion: sdk.VERSION });
  // Inside a call's task on the runtime: the call settles with the internal error.
  const text = await client.__panicForTest(true);
  assert.throws(
    () => parseEnvelope(text, null),
    (err) => err instanceof InternalError && !(err instanceof APIConnectionError) && /panic/.test(err.message),
  );
  assert.equal(JSON.parse(text).error.class, 'InternalError');
  assert.equal(JSON.parse(text).error.kind, 'internal');
  // Synchronously: napi's catch_unwind turns it into a throw, which maps to InternalError.
  let thrown = null;
  try {
    client.__panicForTest(false);
  } catch (err) {
    thrown = fromNativeThrow(err);
  }
  assert.ok(thrown instanceof InternalError, String(thrown));
  // The client still works after both.
  const ok = parseEnvelope(await client.call('wallet.retrieve', '{}', null, null, null, null), null);
  assert.equal(ok.data.balance, 10000);
  client.close();
});

test('a native result is split into data, next and metadata; the metadata is parsed on first use', () => {
  const meta =
    '{"status":200,"request_id":"req_1","headers":[["x-a","1"]],"idempotency_key":null,"replayed":false,"retries":0}';
  const body = '{"id":"card_1","label":"a\\u0001b","meta":{"status":1}}';
  const env = parseEnvelope(`${meta}\u0001{"page":2}\u0001${body}`, null);
  assert.deepEqual(env.data, { id: 'card_1', label: 'a\u0001b', meta: { status: 1 } });
  assert.deepEqual(env.next, { page: 2 });
  assert.equal(env.meta.request_id, 'req_1');
  assert.equal(env.meta, env.meta, 'parsed once');
  assert.equal(parseEnvelope(`${meta}\u0001null\u0001null`, null).data, null);
  assert.equal(parseEnvelope(`${meta}\u0001null\u0001 [1] `, null).next, null);
  for (const bad of [`${meta}\u0001null`, `${meta}\u0001null\u0001{`, `${meta}\u0001{\u0001{}`]) {
    assert.throws(
      () => parseEnvelope(bad, 'k'),
      (err) => err instanceof InternalError && err.idempotencyKey === 'k',
    );
  }
});

test('class hierarchy matches the Python SDK', () => {
  assert.ok(new InsufficientFundsError('x') instanceof BadRequestError);
  assert.ok(new BadRequestError('x') instanceof APIError);
  for (const C of [
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    ConflictError,
    RateLimitError,
    InternalServerError,
  ]) {
    assert.ok(new C('x') instanceof APIError, C.name);
  }
  assert.ok(new APITimeoutError('x') instanceof APIConnectionError);
  assert.ok(!(new APIConnectionError('x') instanceof APIError));
  assert.ok(new ValidationError('x') instanceof CryptoTopCardError);
  assert.ok(new WebhookVerificationError('x') instanceof CryptoTopCardError);
  // The abort error is not a connection error (a retry loop on APIConnectionError must not retry
  // what the user aborted); its name is the ecosystem's 'AbortError'.
  const abort = new APIUserAbortError();
  assert.ok(abort instanceof CryptoTopCardError);
  assert.ok(!(abort instanceof APIConnectionError) && !(abort instanceof APIError));
  assert.equal(abort.name, 'AbortError');
  assert.equal(abort.code, 'ABORT_ERR');
  assert.equal(abort.message, 'Request was aborted.');
  assert.equal(abort.idempotencyKey, null);
});

test('every error of a mutating call carries its idempotency key; other calls carry null', async () => {
  const client = env.client({ apiKey: env.newKey(), maxRetries: 0 });
  // An API error (400), generated key and caller's key.
  const e1 = await rejectsWith(client.cards.create({ binId: '999999', amount: 10 }), BadRequestError);
  assert.match(e1.idempotencyKey, UUID);
  const e2 = await rejectsWith(
    client.cards.create({ binId: '999999', amount: 10 }, { idempotencyKey: 'mine-400' }),
    BadRequestError,
  );
  assert.equal(e2.idempotencyKey, 'mine-400');
  // 404 on a POST and on a DELETE.
  assert.match((await rejectsWith(client.cards.freeze('card_missing'), NotFoundError)).idempotencyKey, UUID);
  assert.match((await rejectsWith(client.webhooks.delete('wh_missing'), NotFoundError)).idempotencyKey, UUID);
  // Validation before sending (in JavaScript and in the core): the key the call would have used.
  assert.match(
    (await rejectsWith(client.cards.create({ binId: '491653', amount: NaN }), ValidationError)).idempotencyKey,
    UUID,
  );
  const e3 = await rejectsWith(
    client.cards.fund('card_x', { amount: 1.234 }, { idempotencyKey: 'mine-val' }),
    ValidationError,
  );
  assert.equal(e3.idempotencyKey, 'mine-val');
  // A timeout of a POST.
  const slow = env.client({ maxRetries: 0, defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=3000' } });
  const e4 = await rejectsWith(slow.cards.create({ binId: '491653', amount: 1 }, { timeout: 200 }), APITimeoutError);
  assert.match(e4.idempotencyKey, UUID);
  // GETs have no key.
  assert.equal((await rejectsWith(client.cards.retrieve('card_missing'), NotFoundError)).idempotencyKey, null);
  assert.equal((await rejectsWith(slow.wallet.retrieve({ timeout: 200 }), APITimeoutError)).idempotencyKey, null);
});

test('BadRequestError: unknown BIN (invalid_bin) with status, error, requestId', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const err = await rejectsWith(client.cards.create({ binId: '999999', amount: 10 }), BadRequestError);
  assert.equal(err.status, 400);
  assert.equal(err.error, 'invalid_bin');
  assert.equal(err.code, 'invalid_bin', 'code: the API error code, as napi errors carry it');
  assert.match(err.requestId, /^req_/);
  assert.ok(!(err instanceof InsufficientFundsError));
});

test('InsufficientFundsError: wallet too low (insufficient_funds) or card too low (insufficient_card_balance)', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const a = await client.cards.create({ binId: '491653', amount: 5000 });
  await client.cards.create({ binId: '491653', amount: 5000 });
  const err = await rejectsWith(client.cards.create({ binId: '491653', amount: 1 }), InsufficientFundsError);
  assert.equal(err.status, 400);
  assert.equal(err.error, 'insufficient_funds');
  assert.equal(err.code, 'insufficient_funds');
  assert.ok(err instanceof BadRequestError);
  // The core's Error::class_name (the one decision for every SDK) maps both balance codes to
  // InsufficientFundsError: the wallet's (insufficient_funds) and a card's (insufficient_card_balance).
  const err2 = await rejectsWith(client.cards.withdraw(a.id, { amount: 5000.01 }), InsufficientFundsError);
  assert.ok(err2 instanceof BadRequestError);
  assert.equal(err2.code, 'insufficient_card_balance');
  assert.equal((await client.wallet.retrieve()).balance, 0);
});

test('AuthenticationError: a key the API does not accept', async () => {
  const client = env.client({ apiKey: 'sk_bogus_real_key_123' });
  const err = await rejectsWith(client.wallet.retrieve(), AuthenticationError);
  assert.equal(err.status, 401);
  assert.equal(err.error, 'authentication_failed');
  assert.ok(!err.message.includes('sk_bogus_real_key_123'));
});

test('PermissionDeniedError: sandbox endpoints with a live key', async () => {
  const client = env.client({ apiKey: 'sk_live_permission_test_key' });
  const err = await rejectsWith(client.sandbox.deposit({ currency: 'btc', amountUsd: 10 }), PermissionDeniedError);
  assert.equal(err.status, 403);
  assert.equal(err.error, 'forbidden');
});

test('NotFoundError', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const err = await rejectsWith(client.cards.retrieve('card_missing'), NotFoundError);
  assert.equal(err.status, 404);
  assert.equal(err.error, 'not_found');
  await rejectsWith(client.transactions.retrieve('txn_missing'), NotFoundError);
  await rejectsWith(client.threeds.retrieve('3ds_missing'), NotFoundError);
  await rejectsWith(client.webhooks.delete('wh_missing'), NotFoundError);
});

test('ConflictError: invalid_card_state, card_terminated, idempotency_key_reused', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const card = await client.cards.create({ binId: '491653', amount: 10 });
  const e1 = await rejectsWith(client.cards.unfreeze(card.id), ConflictError);
  assert.equal(e1.status, 409);
  assert.equal(e1.error, 'invalid_card_state');
  await client.cards.terminate(card.id);
  const e2 = await rejectsWith(client.cards.fund(card.id, { amount: 5 }), ConflictError);
  assert.equal(e2.error, 'card_terminated');
  const key = `reuse-${Date.now()}`;
  await client.cards.create({ binId: '491653', amount: 1 }, { idempotencyKey: key });
  const e3 = await rejectsWith(
    client.cards.create({ binId: '491653', amount: 2 }, { idempotencyKey: key }),
    ConflictError,
  );
  assert.equal(e3.error, 'idempotency_key_reused');
});

test('RateLimitError with retryAfter (details limit, no retries)', async () => {
  const client = env.client({ apiKey: env.newKey(), maxRetries: 0 });
  const card = await client.cards.create({ binId: '491653', amount: 10 });
  for (let i = 0; i < 30; i += 1) await client.cards.details(card.id);
  const err = await rejectsWith(client.cards.details(card.id), RateLimitError);
  assert.equal(err.status, 429);
  assert.equal(err.error, 'rate_limited');
  assert.equal(typeof err.retryAfter, 'number');
  assert.ok(err.retryAfter > 0);
});

test('InternalServerError after retries of error_500', async () => {
  const client = env.client({ maxRetries: 0, defaultHeaders: { 'X-Sandbox-Fault': 'error_500' } });
  const err = await rejectsWith(client.wallet.retrieve(), InternalServerError);
  assert.equal(err.status, 500);
  assert.equal(err.error, 'internal_error');
});

test('APIConnectionError: nothing listening; and a closed client', async () => {
  const net = require('node:net');
  const port = await new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  const client = env.client({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
  const err = await rejectsWith(client.wallet.retrieve(), APIConnectionError);
  assert.equal(err.status, null);
  assert.ok(!(err instanceof APITimeoutError));
  const closed = env.client();
  closed.close();
  await rejectsWith(closed.wallet.retrieve(), APIConnectionError);
});

test('APITimeoutError: a slow answer past the per-call timeout', async () => {
  const client = env.client({ maxRetries: 0, defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=3000' } });
  const err = await rejectsWith(client.wallet.retrieve({ timeout: 200 }), APITimeoutError);
  assert.ok(err instanceof APIConnectionError);
});

test('ValidationError names the field (camelCase)', async () => {
  const client = env.client();
  const err = await rejectsWith(client.cards.create({ binId: '491653', amount: 1.234 }), ValidationError);
  assert.equal(err.field, 'amount');
  const err2 = await rejectsWith(client.cards.create({ amount: 10 }), ValidationError);
  assert.equal(err2.field, 'binId');
  assert.equal(err2.status, null);
});

test('WebhookVerificationError from constructEvent', () => {
  assert.throws(
    () => sdk.constructEvent('{"id":"evt_1"}', 'deadbeef', 'whsec_abcdefghijklmnopqrstuvwxyz012345'),
    (err) => err instanceof WebhookVerificationError && err.name === 'WebhookVerificationError',
  );
});
