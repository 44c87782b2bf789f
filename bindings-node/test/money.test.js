'use strict';
// Integer-cents helpers for arithmetic on amounts (amounts stay numbers in the models).
const test = require('node:test');
const assert = require('node:assert/strict');
const { toCents, fromCents, ValidationError } = require('..');
const { startSandbox } = require('./helpers');

test('toCents is exact for 2-decimal amounts, float noise included', () => {
  assert.notEqual(0.1 + 0.2, 0.3);
  assert.equal(toCents(0.1 + 0.2), 30);
  assert.equal(toCents(19.99), 1999);
  assert.equal(toCents(4999.99), 499999);
  assert.equal(toCents(0.07), 7);
  assert.equal(toCents(1.005 - 0.005), 100);
  assert.equal(toCents(-19.99), -1999);
  assert.equal(Object.is(toCents(-0), 0), true, 'never -0');
  assert.equal(toCents(0), 0);
  assert.equal(toCents(10000), 1000000);
  assert.equal(toCents(90071992547409.91), 9007199254740991, 'the largest amount counted exactly');
  // Every 2-decimal amount up to 100,000.00 maps to its cents.
  for (let c = 0; c <= 10000000; c += 997) assert.equal(toCents(Number((c / 100).toFixed(2))), c);
  // Sums of many amounts drift further; they still land on the cent.
  let sum = 0;
  for (let i = 0; i < 1000; i += 1) sum += 0.01;
  assert.notEqual(sum, 10);
  assert.equal(toCents(sum), 1000);
});

test('fromCents gives the number the API uses for that amount', () => {
  assert.equal(fromCents(1999), 19.99);
  assert.equal(fromCents(499999), 4999.99);
  assert.equal(fromCents(30), 0.3);
  assert.equal(fromCents(toCents(0.1) + toCents(0.2)), 0.3);
  assert.equal(fromCents(-1999), -19.99);
  assert.equal(Object.is(fromCents(-0), 0), true);
  for (let c = 0; c <= 10000000; c += 997) assert.equal(fromCents(c), Number((c / 100).toFixed(2)));
});

test('fractions of a cent and non-numbers are ValidationErrors', () => {
  for (const bad of [0.125, 1.001, 19.999]) {
    assert.throws(
      () => toCents(bad),
      (e) => e instanceof ValidationError && e.field === 'amount',
      String(bad),
    );
  }
  for (const bad of [NaN, Infinity, '19.99', null, 1e300]) {
    assert.throws(
      () => toCents(/** @type {number} */ (bad)),
      (e) => e instanceof ValidationError && e.field === 'amount',
      String(bad),
    );
  }
  for (const bad of [19.99, NaN, 2 ** 53, '1999']) {
    assert.throws(
      () => fromCents(/** @type {number} */ (bad)),
      (e) => e instanceof ValidationError && e.field === 'cents',
      String(bad),
    );
  }
});

test('arithmetic in cents against the sandbox: balances add up exactly', async () => {
  const env = await startSandbox();
  try {
    const client = env.client({ apiKey: env.newKey() });
    const before = await client.wallet.retrieve();
    assert.notEqual(10.1 + 10.2, 20.3);
    const card = await client.cards.create({ binId: '491653', amount: fromCents(toCents(10.1) + toCents(10.2)) });
    assert.equal(card.balance, 20.3);
    await client.cards.fund(card.id, { amount: 19.99 });
    const after = await client.cards.retrieve(card.id);
    assert.equal(toCents(after.balance), toCents(20.3) + toCents(19.99));
    assert.equal(after.balance, fromCents(4029));
    const wallet = await client.wallet.retrieve();
    assert.equal(toCents(before.balance) - toCents(wallet.balance), toCents(after.balance));
  } finally {
    await env.stop();
  }
});
