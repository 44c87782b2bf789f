'use strict';
// Pages and auto-paging (`for await`) through the core's next-page parameters.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Page, CardSummary, Transaction } = require('..');
const { startSandbox } = require('./helpers');

let env;
let client;
let key;
let ids;
test.before(async () => {
  env = await startSandbox();
  key = env.newKey();
  client = env.client({ apiKey: key });
  ids = [];
  for (let i = 0; i < 7; i += 1) {
    const c = await client.cards.create({ binId: '491653', amount: 10 + i, label: `page-${i}` });
    ids.push(c.id);
  }
});
test.after(async () => {
  await env.stop();
});

test('one page: data and pagination', async () => {
  const page = await client.cards.list({ perPage: 3 });
  assert.ok(page instanceof Page);
  assert.equal(page.data.length, 3);
  assert.deepEqual(
    {
      page: page.pagination.page,
      perPage: page.pagination.perPage,
      total: page.pagination.total,
      totalPages: page.pagination.totalPages,
    },
    { page: 1, perPage: 3, total: 7, totalPages: 3 },
  );
  assert.equal(page.hasNextPage(), true);
});

test('for await over a page visits every item of every page once', async () => {
  const page = await client.cards.list({ perPage: 3, sort: 'balance', order: 'asc' });
  const seen = [];
  for await (const card of page) {
    assert.ok(card instanceof CardSummary);
    seen.push(card.id);
  }
  assert.deepEqual(seen, ids);
});

test('for await directly on the list promise', async () => {
  const seen = [];
  for await (const card of client.cards.list({ perPage: 2 })) seen.push(card.id);
  assert.equal(seen.length, 7);
  assert.deepEqual([...seen].sort(), [...ids].sort());
});

test('getNextPage and iterPages', async () => {
  const first = await client.cards.list({ perPage: 4, sort: 'balance', order: 'asc' });
  const second = await first.getNextPage();
  assert.equal(second.pagination.page, 2);
  assert.deepEqual(
    second.data.map((c) => c.id),
    ids.slice(4),
  );
  assert.equal(second.hasNextPage(), false);
  assert.equal(await second.getNextPage(), null);
  const sizes = [];
  for await (const p of first.iterPages()) sizes.push(p.data.length);
  assert.deepEqual(sizes, [4, 3]);
});

test('filters are kept on later pages', async () => {
  const seen = [];
  for await (const c of client.cards.list({ perPage: 1, label: 'page-1' })) seen.push(c.label);
  assert.deepEqual(seen, ['page-1']);
});

test('an empty list iterates nothing; a page starting later continues from there', async () => {
  const other = env.client({ apiKey: env.newKey() });
  const empty = await other.cards.list();
  assert.equal(empty.data.length, 0);
  assert.equal(empty.hasNextPage(), false);
  let n = 0;
  for await (const _ of empty) n += 1;
  assert.equal(n, 0);
  const seen = [];
  for await (const c of client.cards.list({ perPage: 3, page: 2, sort: 'balance', order: 'asc' })) seen.push(c.id);
  assert.deepEqual(seen, ids.slice(3));
});

test('transactions auto-page too (100+ items with perPage 100)', async () => {
  const card = await client.cards.create({ binId: '531993', amount: 500 });
  const merchant = { name: 'SHOP', category: 'shopping' };
  await Promise.all(
    Array.from({ length: 105 }, () => client.sandbox.authorize({ cardId: card.id, amount: 1, merchant })),
  );
  let n = 0;
  for await (const t of client.transactions.list({ cardId: card.id, perPage: 100 })) {
    assert.ok(t instanceof Transaction);
    n += 1;
  }
  assert.equal(n, 105);
});

test('the next page comes from the core with the page (Output.next_page), filters kept; null on the last page', async () => {
  const native = require('../lib/native');
  const { parseEnvelope } = require('../lib/client');
  const sdk = require('..');
  const own = env.newKey();
  const seed = env.client({ apiKey: own });
  for (let i = 0; i < 4; i += 1) await seed.cards.create({ binId: '491653', amount: 1, label: i === 0 ? 'only' : 'x' });
  const raw = new native.NativeClient({ apiKey: own, baseUrl: env.sb.url, sdkVersion: sdk.VERSION });
  const call = async (op, params) =>
    parseEnvelope(await raw.call(op, JSON.stringify(params), null, null, null, null), null);
  assert.equal((await call('cards.list', { per_page: 3, label: 'only' })).next, null, 'one match: no next page');
  const a = await call('cards.list', { per_page: 3, sort: 'balance' });
  assert.deepEqual(a.next, { per_page: 3, sort: 'balance', page: 2 });
  const b = await call('cards.list', a.next);
  assert.equal(b.data.data.length, 1);
  assert.equal(b.next, null);
  // Non-list operations carry no next page.
  assert.equal((await call('wallet.retrieve', {})).next, null);
  raw.close();
  // The pager hands exactly those params back (a page built with `next: null` has no next page,
  // whatever its pagination says).
  const page = await client.cards.list({ perPage: 3 });
  const fake = new Page(() => Promise.reject(new Error('not called')), page.data, page.pagination, null);
  assert.equal(fake.hasNextPage(), false);
  assert.equal(await fake.getNextPage(), null);
});
