'use strict';
// Issue #8: a table of bad inputs. Each must be a ValidationError naming the field, and no
// request may reach the sandbox (its request counter and the account's state stay unchanged).
const test = require('node:test');
const assert = require('node:assert/strict');
const { CryptoTopCard, ValidationError, ConfigurationError } = require('..');
const { startSandbox, stats } = require('./helpers');

let env;
let key;
let client;
let card;
test.before(async () => {
  env = await startSandbox();
  key = env.newKey();
  client = env.client({ apiKey: key });
  card = await client.cards.create({ binId: '491653', amount: 100 });
});
test.after(async () => {
  await env.stop();
});

const long = (n) => 'x'.repeat(n);
const manyKeys = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

// [description, expected field (camelCase; a prefix match for nested paths), call]
const CASES = [
  ['binId a number', 'binId', (c) => c.cards.create({ binId: 491653, amount: 10 })],
  ['binId missing', 'binId', (c) => c.cards.create({ amount: 10 })],
  ['binId empty', 'binId', (c) => c.cards.create({ binId: '', amount: 10 })],
  ['amount missing', 'amount', (c) => c.cards.create({ binId: '491653' })],
  ['amount a string', 'amount', (c) => c.cards.create({ binId: '491653', amount: '10' })],
  ['amount NaN', 'amount', (c) => c.cards.create({ binId: '491653', amount: NaN })],
  ['amount Infinity', 'amount', (c) => c.cards.create({ binId: '491653', amount: Infinity })],
  ['amount -Infinity', 'amount', (c) => c.cards.create({ binId: '491653', amount: -Infinity })],
  ['amount negative', 'amount', (c) => c.cards.create({ binId: '491653', amount: -5 })],
  ['amount three decimals', 'amount', (c) => c.cards.create({ binId: '491653', amount: 10.005 })],
  ['amount below 1.00', 'amount', (c) => c.cards.create({ binId: '491653', amount: 0.99 })],
  ['amount above 5000', 'amount', (c) => c.cards.create({ binId: '491653', amount: 5000.01 })],
  ['amount a BigInt', 'amount', (c) => c.cards.create({ binId: '491653', amount: 10n })],
  ['label over 64 chars', 'label', (c) => c.cards.create({ binId: '491653', amount: 10, label: long(65) })],
  ['label a number', 'label', (c) => c.cards.create({ binId: '491653', amount: 10, label: 12 })],
  ['metadata 21 keys', 'metadata', (c) => c.cards.create({ binId: '491653', amount: 10, metadata: manyKeys(21) })],
  [
    'metadata key over 40 chars',
    'metadata',
    (c) => c.cards.create({ binId: '491653', amount: 10, metadata: { [long(41)]: 'v' } }),
  ],
  [
    'metadata value over 500 chars',
    'metadata',
    (c) => c.cards.create({ binId: '491653', amount: 10, metadata: { k: long(501) } }),
  ],
  ['metadata an array', 'metadata', (c) => c.cards.create({ binId: '491653', amount: 10, metadata: ['a'] })],
  [
    'unknown category',
    'allowedCategories',
    (c) => c.cards.create({ binId: '491653', amount: 10, allowedCategories: ['gambling'] }),
  ],
  [
    'categories not an array',
    'allowedCategories',
    (c) => c.cards.create({ binId: '491653', amount: 10, allowedCategories: 'advertising' }),
  ],
  [
    'spendingLimit negative',
    'spendingLimit',
    (c) => c.cards.create({ binId: '491653', amount: 10, spendingLimit: -1 }),
  ],
  ['autoFreezeAt NaN', 'autoFreezeAt', (c) => c.cards.create({ binId: '491653', amount: 10, autoFreezeAt: NaN })],
  ['unknown parameter', 'colour', (c) => c.cards.create({ binId: '491653', amount: 10, colour: 'red' })],
  ['params not an object', 'params', (c) => c.cards.create('491653')],
  ['perPage 0', 'perPage', (c) => c.cards.list({ perPage: 0 })],
  ['perPage 101', 'perPage', (c) => c.cards.list({ perPage: 101 })],
  ['perPage fractional', 'perPage', (c) => c.cards.list({ perPage: 2.5 })],
  ['page 0', 'page', (c) => c.cards.list({ page: 0 })],
  ['transactions perPage 101', 'perPage', (c) => c.transactions.list({ perPage: 101 })],
  ['transactions minAmount NaN', 'minAmount', (c) => c.transactions.list({ minAmount: NaN })],
  ['empty card id (retrieve)', 'cardId', (c) => c.cards.retrieve('')],
  ['missing card id (details)', 'cardId', (c) => c.cards.details()],
  ['card id a number', 'cardId', (c) => c.cards.freeze(42)],
  ['empty card id (fund)', 'cardId', (c) => c.cards.fund('', { amount: 5 })],
  ['fund amount NaN', 'amount', (c) => c.cards.fund(card.id, { amount: NaN })],
  ['fund amount three decimals', 'amount', (c) => c.cards.fund(card.id, { amount: 1.001 })],
  ['withdraw amount 0', 'amount', (c) => c.cards.withdraw(card.id, { amount: 0 })],
  ['withdraw amount negative', 'amount', (c) => c.cards.withdraw(card.id, { amount: -1 })],
  ['update label over 64', 'label', (c) => c.cards.update(card.id, { label: long(65) })],
  ['empty card id (terminate)', 'cardId', (c) => c.cards.terminate('')],
  ['empty transaction id', 'transactionId', (c) => c.transactions.retrieve('')],
  ['empty challenge id', 'challengeId', (c) => c.threeds.retrieve('')],
  ['empty webhook id', 'webhookId', (c) => c.webhooks.delete('')],
  ['webhook events missing', 'events', (c) => c.webhooks.create({ url: 'https://example.com/h' })],
  ['webhook url missing', 'url', (c) => c.webhooks.create({ events: ['*'] })],
  ['sandbox deposit negative', 'amountUsd', (c) => c.sandbox.deposit({ currency: 'btc', amountUsd: -1 })],
  [
    'idempotencyKey not a string',
    'idempotencyKey',
    (c) => c.cards.create({ binId: '491653', amount: 10 }, { idempotencyKey: 5 }),
  ],
  ['timeout negative', 'timeout', (c) => c.wallet.retrieve({ timeout: -1 })],
  ['timeout NaN', 'timeout', (c) => c.wallet.retrieve({ timeout: NaN })],
  ['maxRetries negative', 'maxRetries', (c) => c.wallet.retrieve({ maxRetries: -1 })],
  ['unknown request option', 'idempotency_key', (c) => c.wallet.retrieve({ idempotency_key: 'k' })],
  ['signal not an AbortSignal', 'signal', (c) => c.wallet.retrieve({ signal: 'abort' })],
  // Ids the URL builder could not keep as one path segment (DELETE /cards/.. would be DELETE /cards).
  ["cardId '..' (terminate)", 'cardId', (c) => c.cards.terminate('..')],
  ["cardId '.'", 'cardId', (c) => c.cards.retrieve('.')],
  ["cardId with '/'", 'cardId', (c) => c.cards.fund('card_a/withdraw', { amount: 1 })],
  ["cardId with '?'", 'cardId', (c) => c.cards.retrieve('card_a?x=1')],
  ["cardId with '#'", 'cardId', (c) => c.cards.freeze('card_a#b')],
  ['cardId with a space', 'cardId', (c) => c.cards.details('card a')],
  ["webhookId '..'", 'webhookId', (c) => c.webhooks.delete('..')],
  ["transactionId with '/'", 'transactionId', (c) => c.sandbox.settle('txn_a/b')],
];

test('every bad input is a ValidationError naming the field, and nothing reaches the sandbox', async (t) => {
  const walletBefore = await client.wallet.retrieve();
  const cardsBefore = await client.cards.list();
  const before = await stats(env.sb, key);
  const failures = [];
  for (const [what, field, call] of CASES) {
    let err = null;
    try {
      await call(client);
    } catch (e) {
      err = e;
    }
    if (!(err instanceof ValidationError)) {
      failures.push(
        `${what}: expected ValidationError(${field}), got ${err ? `${err.name}: ${err.message}` : 'success'}`,
      );
    } else if (!(
      err.field === field ||
      (typeof err.field === 'string' && err.field.startsWith(`${field}.`)) ||
      (typeof err.field === 'string' && err.field.startsWith(`${field}[`))
    )) {
      failures.push(`${what}: field ${JSON.stringify(err.field)} instead of ${field} (${err.message})`);
    } else {
      assert.equal(err.status, null);
      assert.equal(err.requestId, null);
    }
  }
  const after = await stats(env.sb, key);
  assert.deepEqual(failures, []);
  // Only the second stats read itself reached the server.
  assert.equal(after.requests - before.requests, 1, 'no bad input reached the sandbox');
  assert.deepEqual(await client.wallet.retrieve(), walletBefore);
  assert.equal((await client.cards.list()).data.length, cardsBefore.data.length);
  t.diagnostic(`${CASES.length} bad inputs rejected before sending`);
});

test('bad client configuration is a ConfigurationError (a ValidationError) naming the option', () => {
  const bad = [
    ['non-HTTPS baseUrl', 'baseUrl', () => new CryptoTopCard('sk_test_abc', { baseUrl: 'http://api.example.com/v1' })],
    ['baseUrl not a URL', 'baseUrl', () => new CryptoTopCard('sk_test_abc', { baseUrl: 'not a url' })],
    ['baseUrl a number', 'baseUrl', () => new CryptoTopCard('sk_test_abc', { baseUrl: 443 })],
    ['empty key', 'apiKey', () => new CryptoTopCard('', { baseUrl: env.sb.url })],
    ['blank key', 'apiKey', () => new CryptoTopCard('   ', { baseUrl: env.sb.url })],
    ['key with a newline', 'apiKey', () => new CryptoTopCard('sk_test_a\nb', { baseUrl: env.sb.url })],
    ['key a number', 'apiKey', () => new CryptoTopCard(12345, { baseUrl: env.sb.url })],
    ['timeout a string', 'timeout', () => new CryptoTopCard('sk_test_abc', { baseUrl: env.sb.url, timeout: '10s' })],
    ['timeout zero', 'timeout', () => new CryptoTopCard('sk_test_abc', { baseUrl: env.sb.url, timeout: 0 })],
    [
      'maxRetries fractional',
      'maxRetries',
      () => new CryptoTopCard('sk_test_abc', { baseUrl: env.sb.url, maxRetries: 1.5 }),
    ],
    ['unknown option', 'base_url', () => new CryptoTopCard('sk_test_abc', { base_url: env.sb.url })],
    ...['Authorization', 'x-idempotency-key', 'Content-Type', 'Content-Length', 'Host', 'User-Agent'].map((h) => [
      `reserved default header ${h}`,
      'defaultHeaders',
      () => new CryptoTopCard('sk_test_abc', { baseUrl: env.sb.url, defaultHeaders: { [h]: 'x' } }),
    ]),
  ];
  for (const [what, field, make] of bad) {
    assert.throws(
      make,
      (e) => e instanceof ConfigurationError && e instanceof ValidationError && e.field === field,
      what,
    );
  }
  const saved = process.env.CRYPTOTOPCARD_API_KEY;
  delete process.env.CRYPTOTOPCARD_API_KEY;
  try {
    assert.throws(
      () => new CryptoTopCard(undefined, { baseUrl: env.sb.url }),
      (e) => e instanceof ConfigurationError && e.field === 'apiKey',
    );
  } finally {
    if (saved !== undefined) process.env.CRYPTOTOPCARD_API_KEY = saved;
  }
});
