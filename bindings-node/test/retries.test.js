'use strict';
// Retries and idempotency under X-Sandbox-Fault, and an event loop that stays responsive.
const test = require('node:test');
const assert = require('node:assert/strict');
const { APIConnectionError, InternalServerError, RateLimitError } = require('..');
const { startSandbox, stats } = require('./helpers');

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

test('drop_after_commit on create: exactly one card, wallet exact, same key replays it', async () => {
  const key = env.newKey();
  const faulty = env.client({ apiKey: key, maxRetries: 2, defaultHeaders: { 'X-Sandbox-Fault': 'drop_after_commit' } });
  const clean = env.client({ apiKey: key });
  const before = await stats(env.sb, key);
  const idem = `drop-${Date.now()}`;
  let first = null;
  try {
    first = await faulty.cards.create({ binId: '491653', amount: 123.45 }, { idempotencyKey: idem });
  } catch (err) {
    assert.ok(err instanceof APIConnectionError, `${err.name}: ${err.message}`);
  }
  const after = await stats(env.sb, key);
  // The first attempt committed then dropped; the SDK retried with the same idempotency key.
  assert.ok(after.faults.drop_after_commit - before.faults.drop_after_commit >= 1);
  // requests counted: the attempts plus the second stats read itself.
  assert.ok(after.requests - before.requests >= 3, 'the SDK retried after the dropped connection');

  const cards = await clean.cards.list();
  assert.equal(cards.data.length, 1, 'exactly one card');
  assert.equal(cards.data[0].balance, 123.45);
  assert.equal((await clean.wallet.retrieve()).balance, 10000 - 123.45);
  if (first) assert.equal(first.id, cards.data[0].id);

  const replay = await clean.cards.create({ binId: '491653', amount: 123.45 }, { idempotencyKey: idem }).withResponse();
  assert.equal(replay.response.replayed, true);
  assert.equal(replay.data.id, cards.data[0].id);
  assert.equal((await clean.cards.list()).data.length, 1);
  assert.equal((await clean.wallet.retrieve()).balance, 9876.55);
});

test('a create lost to drop_after_commit (maxRetries 0), retried with err.idempotencyKey: exactly one card', async () => {
  const key = env.newKey();
  const faulty = env.client({ apiKey: key, maxRetries: 0, defaultHeaders: { 'X-Sandbox-Fault': 'drop_after_commit' } });
  const clean = env.client({ apiKey: key });
  const before = await stats(env.sb, key);
  const err = await faulty.cards.create({ binId: '491653', amount: 42.5, label: 'once' }).catch((e) => e);
  assert.ok(err instanceof APIConnectionError, `${err.name}: ${err.message}`);
  assert.match(err.idempotencyKey, /^[0-9a-f-]{36}$/, 'the generated key is on the error');
  const after = await stats(env.sb, key);
  assert.equal(after.faults.drop_after_commit - before.faults.drop_after_commit, 1, 'one attempt, no retry');

  // The application-level retry, as the README shows it.
  const retried = await clean.cards
    .create({ binId: '491653', amount: 42.5, label: 'once' }, { idempotencyKey: err.idempotencyKey })
    .withResponse();
  assert.equal(retried.response.replayed, true, 'the committed create was replayed, not applied again');
  assert.equal(retried.response.idempotencyKey, err.idempotencyKey);
  const cards = await clean.cards.list();
  assert.equal(cards.data.length, 1, 'exactly one card');
  assert.equal(cards.data[0].id, retried.data.id);
  assert.equal((await clean.wallet.retrieve()).balance, 10000 - 42.5);
});

test('drop_after_commit on fund without a caller key: the SDK key makes the retry safe', async () => {
  const key = env.newKey();
  const clean = env.client({ apiKey: key });
  const card = await clean.cards.create({ binId: '491653', amount: 100 });
  const faulty = env.client({ apiKey: key, maxRetries: 3, defaultHeaders: { 'X-Sandbox-Fault': 'drop_after_commit' } });
  await faulty.cards.fund(card.id, { amount: 50 }).catch((err) => {
    assert.ok(err instanceof APIConnectionError);
  });
  assert.equal((await clean.cards.retrieve(card.id)).balance, 150, 'funded exactly once');
  assert.equal((await clean.wallet.retrieve()).balance, 10000 - 150);
});

test('error_503 is retried maxRetries times, then InternalServerError', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key, maxRetries: 2, defaultHeaders: { 'X-Sandbox-Fault': 'error_503' } });
  const before = await stats(env.sb, key);
  const err = await client.wallet.retrieve().catch((e) => e);
  assert.ok(err instanceof InternalServerError, `${err.name}`);
  assert.equal(err.status, 503);
  assert.equal(err.error, 'service_unavailable');
  const after = await stats(env.sb, key);
  assert.equal(after.faults.error_503 - before.faults.error_503, 3, 'one attempt plus two retries');
});

test('error_503 on a create is retried with one idempotency key: no card is created twice', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key, maxRetries: 1, defaultHeaders: { 'X-Sandbox-Fault': 'error_503' } });
  await client.cards.create({ binId: '491653', amount: 10 }).catch(() => null);
  const clean = env.client({ apiKey: key });
  assert.equal((await clean.cards.list()).data.length, 0);
  assert.equal((await clean.wallet.retrieve()).balance, 10000);
});

test('rate_limit is retried (honouring Retry-After), then RateLimitError with retryAfter', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key, maxRetries: 1, defaultHeaders: { 'X-Sandbox-Fault': 'rate_limit' } });
  const before = await stats(env.sb, key);
  const err = await client.bins.list().catch((e) => e);
  assert.ok(err instanceof RateLimitError, `${err.name}`);
  assert.equal(err.retryAfter, 1);
  const after = await stats(env.sb, key);
  assert.equal(after.faults.rate_limit - before.faults.rate_limit, 2, 'one attempt plus one retry');
});

test('per-call maxRetries overrides the client default', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key, maxRetries: 3, defaultHeaders: { 'X-Sandbox-Fault': 'error_500' } });
  const before = await stats(env.sb, key);
  await client.wallet.retrieve({ maxRetries: 0 }).catch(() => null);
  const after = await stats(env.sb, key);
  assert.equal(after.faults.error_500 - before.faults.error_500, 1);
});

test('the event loop stays responsive during a slow call', async () => {
  const client = env.client({ defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=400' } });
  let ticks = 0;
  let timerFired = false;
  const interval = setInterval(() => {
    ticks += 1;
  }, 10);
  setTimeout(() => {
    timerFired = true;
  }, 20);
  let timerFiredBeforeResolve;
  const wallet = await client.wallet.retrieve().then((w) => {
    timerFiredBeforeResolve = timerFired;
    return w;
  });
  clearInterval(interval);
  assert.equal(wallet.balance, 10000);
  assert.equal(timerFiredBeforeResolve, true, 'a timer fired while the call was in flight');
  assert.ok(ticks >= 2, `interval ticked ${ticks} times during the call`);
});

test('many concurrent calls complete, each with its own result', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const cards = await Promise.all(
    Array.from({ length: 24 }, (_, i) => client.cards.create({ binId: '531993', amount: 1 + i, label: `c${i}` })),
  );
  assert.equal(new Set(cards.map((c) => c.id)).size, 24);
  const total = cards.reduce((s, c) => s + c.balance, 0);
  assert.equal(total, (24 * 25) / 2);
  assert.equal((await client.wallet.retrieve()).balance, 10000 - total);
});
