'use strict';
// client.withOptions(): a copy with some settings changed, sharing the connection pool.
const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('..');
const { startSandbox, startForwardProxy } = require('./helpers');

const { CryptoTopCard, ConfigurationError, InternalServerError, APITimeoutError, APIConnectionError } = sdk;

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

test('overrides apply to the copy only; the rest is inherited', async () => {
  const client = env.client({ timeout: 30000, maxRetries: 2 });
  const derived = client.withOptions({ timeout: 5000, maxRetries: 0, maxResponseBytes: 4096 });
  assert.equal(derived.timeout, 5000);
  assert.equal(derived.maxRetries, 0);
  assert.equal(derived.maxResponseBytes, 4096);
  assert.equal(derived.baseUrl, client.baseUrl);
  assert.equal(client.timeout, 30000);
  assert.equal(client.maxRetries, 2);
  assert.equal(client.maxResponseBytes, 10 * 1024 * 1024);
  const same = client.withOptions();
  assert.equal(same.timeout, 30000);
  assert.equal(same.maxRetries, 2);
  assert.ok(derived instanceof CryptoTopCard);
  // Same account (same key): what one creates, the other reads.
  const card = await client.cards.create({ binId: '491653', amount: 5 });
  assert.equal((await derived.cards.retrieve(card.id)).id, card.id);
});

test('overrides change behaviour: headers, retries, timeout, response cap', async () => {
  const client = env.client({ maxRetries: 0 });
  // defaultHeaders are added to the copy's requests only.
  const faulty = client.withOptions({ defaultHeaders: { 'X-Sandbox-Fault': 'error_503' } });
  await assert.rejects(faulty.wallet.retrieve(), (e) => e instanceof InternalServerError && e.status === 503);
  assert.equal((await client.wallet.retrieve()).currency, 'USD');
  const retried = await faulty
    .withOptions({ maxRetries: 1 })
    .wallet.retrieve()
    .catch((e) => e);
  assert.ok(retried instanceof InternalServerError);
  // timeout: a slow answer times out on the copy only.
  const slow = client.withOptions({ defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=1500' } });
  await assert.rejects(slow.withOptions({ timeout: 200 }).wallet.retrieve(), APITimeoutError);
  assert.equal((await slow.wallet.retrieve()).currency, 'USD');
  // maxResponseBytes: the copy refuses a page the original accepts.
  const small = client.withOptions({ maxResponseBytes: 64 });
  await assert.rejects(small.bins.list(), (e) => e instanceof InternalServerError && e.code === 'response_too_large');
  assert.ok((await client.bins.list()).data.length > 0);
});

test('the copy shares the connection pool: one connection through the proxy for both', async () => {
  const proxy = await startForwardProxy();
  try {
    const client = env.client({ proxy: proxy.url() });
    const derived = client.withOptions({ timeout: 10000 });
    assert.equal(client._sharesPoolWith(derived), true);
    await client.wallet.retrieve();
    await derived.wallet.retrieve();
    await client.bins.list();
    await derived.bins.list();
    assert.equal(proxy.connections, 1, 'both clients reused one pooled connection');
    // A client built separately has its own pool (its own connection).
    const separate = env.client({ proxy: proxy.url() });
    assert.equal(client._sharesPoolWith(separate), false);
    await separate.wallet.retrieve();
    assert.equal(proxy.connections, 2);
    // Closing the copy leaves the original working, and the other way round.
    derived.close();
    await assert.rejects(derived.wallet.retrieve(), APIConnectionError);
    assert.equal((await client.wallet.retrieve()).currency, 'USD');
    const second = client.withOptions({ maxRetries: 1 });
    client.close();
    assert.equal((await second.wallet.retrieve()).currency, 'USD');
    second.close();
    assert.throws(() => client.withOptions({}), APIConnectionError);
  } finally {
    await proxy.close();
  }
});

test('bad withOptions options are ConfigurationErrors naming the option', () => {
  const client = env.client();
  for (const [opts, field] of [
    [{ proxy: 'http://127.0.0.1:1' }, 'proxy'],
    [{ apiKey: 'sk_test_other' }, 'apiKey'],
    [{ timeout: -1 }, 'timeout'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ maxResponseBytes: 0 }, 'maxResponseBytes'],
    [{ defaultHeaders: { Authorization: 'Bearer x' } }, 'defaultHeaders'],
    [{ defaultHeaders: { 'X-CTC-Lang': 'go' } }, 'defaultHeaders'],
    [{ defaultHeaders: { 'X-A': 1 } }, 'defaultHeaders'],
  ]) {
    assert.throws(
      () => client.withOptions(opts),
      (e) => e instanceof ConfigurationError && e.field === field,
      JSON.stringify(opts),
    );
  }
  assert.throws(() => client.withOptions('fast'), ConfigurationError);
});
