'use strict';
// Every operation of the SDK against the real sandbox: camelCase models, metadata kept as given,
// balances exact, response metadata.
const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('..');
const { startSandbox } = require('./helpers');

const {
  Card,
  CardSummary,
  CardDetails,
  FundResult,
  WithdrawResult,
  Transaction,
  Wallet,
  Deposit,
  Bin,
  ThreeDSChallenge,
  Page,
} = sdk;

// Records which core operations this file drives, to check that it drives every one.
const native = require('../lib/native');
const used = new Set();
const realCall = native.NativeClient.prototype.call;
native.NativeClient.prototype.call = function call(op, ...rest) {
  used.add(op);
  return realCall.call(this, op, ...rest);
};

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
  native.NativeClient.prototype.call = realCall;
});

test('cards: create, retrieve, details, update, freeze, unfreeze, fund, withdraw, terminate', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const card = await client.cards.create({
    binId: '491653',
    amount: 500,
    label: 'Meta Ads Campaign #12',
    spendingLimit: 2000,
    allowedCategories: ['advertising'],
    metadata: { campaign: 'spring_2026', snake_key: 'v', camelKey: 'w' },
  });
  assert.ok(card instanceof Card);
  assert.match(card.id, /^card_/);
  assert.equal(card.binId, '491653');
  assert.equal(card.network, 'visa');
  assert.equal(card.status, 'active');
  assert.equal(card.balance, 500);
  assert.equal(card.spendingLimit, 2000);
  assert.deepEqual(card.allowedCategories, ['advertising']);
  assert.deepEqual(card.metadata, { campaign: 'spring_2026', snake_key: 'v', camelKey: 'w' });
  assert.equal(typeof card.createdAt, 'string');
  assert.equal(card.last4.length, 4);
  assert.equal('bin_id' in card, false);

  const again = await client.cards.retrieve(card.id);
  assert.ok(again instanceof Card);
  assert.equal(again.id, card.id);
  assert.equal(again.balance, 500);

  const details = await client.cards.details(card.id);
  assert.ok(details instanceof CardDetails);
  assert.equal(details.pan.length, 16);
  assert.ok(details.pan.startsWith('491653'));
  assert.ok(details.pan.endsWith(card.last4));
  assert.match(details.cvv, /^\d{3}$/);
  assert.ok(details.expYear >= 2026);
  assert.ok(details.billingAddress.city);

  const updated = await client.cards.update(card.id, { label: 'Renamed', metadata: { extra_key: 'x' } });
  assert.equal(updated.label, 'Renamed');
  assert.deepEqual(updated.metadata, { campaign: 'spring_2026', snake_key: 'v', camelKey: 'w', extra_key: 'x' });

  const frozen = await client.cards.freeze(card.id);
  assert.equal(frozen.status, 'frozen');
  assert.equal(typeof frozen.frozenAt, 'string');
  const unfrozen = await client.cards.unfreeze(card.id);
  assert.equal(unfrozen.status, 'active');

  const funded = await client.cards.fund(card.id, { amount: 200 });
  assert.ok(funded instanceof FundResult);
  assert.equal(funded.previousBalance, 500);
  assert.equal(funded.fundedAmount, 200);
  assert.equal(funded.newBalance, 700);
  assert.equal(funded.walletBalance, 10000 - 700);

  const withdrawn = await client.cards.withdraw(card.id, { amount: 50.25 });
  assert.ok(withdrawn instanceof WithdrawResult);
  assert.equal(withdrawn.withdrawnAmount, 50.25);
  assert.equal(withdrawn.newBalance, 649.75);
  assert.equal(withdrawn.walletBalance, 9350.25);

  const terminated = await client.cards.terminate(card.id);
  assert.equal(terminated.status, 'terminated');
  assert.equal(terminated.refundedAmount, 649.75);
  const wallet = await client.wallet.retrieve();
  assert.equal(wallet.balance, 10000);
});

test('cards.list returns a Page of CardSummary with pagination, filters in camelCase', async () => {
  const client = env.client({ apiKey: env.newKey() });
  await client.cards.create({ binId: '491653', amount: 10, label: 'alpha one' });
  await client.cards.create({ binId: '531993', amount: 20, label: 'beta two' });
  const page = await client.cards.list({ perPage: 10 });
  assert.ok(page instanceof Page);
  assert.equal(page.data.length, 2);
  assert.ok(page.data.every((c) => c instanceof CardSummary));
  assert.equal(page.pagination.perPage, 10);
  assert.equal(page.pagination.total, 2);
  assert.equal(page.pagination.page, 1);
  const visa = await client.cards.list({ binId: '531993' });
  assert.deepEqual(
    visa.data.map((c) => c.label),
    ['beta two'],
  );
  const byLabel = await client.cards.list({ label: 'alpha' });
  assert.deepEqual(
    byLabel.data.map((c) => c.label),
    ['alpha one'],
  );
  const asc = await client.cards.list({ sort: 'balance', order: 'asc' });
  assert.deepEqual(
    asc.data.map((c) => c.balance),
    [10, 20],
  );
});

test('wallet: retrieve, addresses, deposits; sandbox deposit and confirm', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const w = await client.wallet.retrieve();
  assert.ok(w instanceof Wallet);
  assert.equal(w.balance, 10000);
  assert.equal(w.currency, 'USD');

  const all = await client.wallet.addresses();
  assert.ok(all.addresses.btc);
  assert.ok(all.minDeposit.usdt);
  const eth = await client.wallet.addresses({ currency: 'eth' });
  assert.ok(eth.addresses.eth);

  const confirmed = await client.sandbox.deposit({ currency: 'btc', amountUsd: 500 });
  assert.ok(confirmed instanceof Deposit);
  assert.equal(confirmed.status, 'confirmed');
  assert.equal(confirmed.feeUsd, 10);
  assert.equal(confirmed.creditedUsd, 490);
  assert.equal((await client.wallet.retrieve()).balance, 10490);

  const pending = await client.sandbox.deposit({ currency: 'usdt', amountUsd: 100, status: 'pending' });
  assert.equal(pending.status, 'pending');
  assert.equal((await client.wallet.retrieve()).pendingDeposits, 98); // credited_usd of pending deposits
  const done = await client.sandbox.confirmDeposit(pending.id);
  assert.equal(done.status, 'confirmed');
  assert.equal((await client.wallet.retrieve()).balance, 10490 + 98);

  const deposits = await client.wallet.deposits();
  assert.equal(deposits.data.length, 2);
  const btc = await client.wallet.deposits({ currency: 'btc' });
  assert.deepEqual(
    btc.data.map((d) => d.id),
    [confirmed.id],
  );
});

test('bins.list', async () => {
  const client = env.client();
  const bins = await client.bins.list();
  const ids = bins.data.map((b) => b.id).sort();
  assert.deepEqual(ids, ['491653', '531993']);
  const visa = bins.data.find((b) => b.id === '491653');
  assert.ok(visa instanceof Bin);
  assert.equal(visa.network, 'visa');
  assert.equal(visa.threeDs, true);
  assert.equal(visa.maxTransaction, 5000);
  assert.ok(Array.isArray(visa.bestFor));
});

test('transactions and sandbox simulators: authorize, settle, refund, decline, retrieve, list', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const card = await client.cards.create({ binId: '491653', amount: 100, allowedCategories: ['advertising'] });
  const merchant = { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' };

  const auth = await client.sandbox.authorize({ cardId: card.id, amount: 12.5, merchant, settle: false });
  assert.ok(auth instanceof Transaction);
  assert.equal(auth.type, 'authorization');
  assert.equal(auth.cardId, card.id);
  assert.equal(auth.merchant.name, 'FACEBK ADS');
  const settled = await client.sandbox.settle(auth.id);
  assert.equal(settled.type, 'settlement');
  const refund = await client.sandbox.refund(settled.id, { amount: 2.5 });
  assert.equal(refund.type, 'refund');

  const declined = await client.sandbox.authorize({
    cardId: card.id,
    amount: 5,
    merchant: { name: 'STEAM', category: 'gaming' },
  });
  assert.equal(declined.type, 'decline');
  assert.equal(declined.declineReason, 'category_not_allowed');

  const one = await client.transactions.retrieve(settled.id);
  assert.equal(one.id, settled.id);
  assert.ok(Array.isArray(one.timeline));
  const list = await client.transactions.list({ cardId: card.id });
  assert.ok(list.data.length >= 3);
  assert.ok(list.data.every((t) => t.cardId === card.id));
  const declines = await client.transactions.list({ cardId: card.id, type: 'decline' });
  assert.deepEqual(
    declines.data.map((t) => t.id),
    [declined.id],
  );
  const since = await client.transactions.list({ cardId: card.id, from: new Date(Date.now() - 3600 * 1000) });
  assert.equal(since.data.length, list.data.length, 'a Date filter is sent as RFC 3339');
  const future = await client.transactions.list({ cardId: card.id, from: new Date(Date.now() + 24 * 3600 * 1000) });
  assert.equal(future.data.length, 0);
  const byMerchant = await client.transactions.list({ merchant: 'FACEBK', minAmount: 0 });
  assert.ok(byMerchant.data.length >= 1);
  const after = await client.cards.retrieve(card.id);
  assert.equal(after.balance, 100 - 12.5 + 2.5);
});

test('3DS: sandbox challenge, list, retrieve', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const card = await client.cards.create({ binId: '531993', amount: 50 });
  const ch = await client.sandbox.challenge({ cardId: card.id, merchant: 'SPOTIFY', amount: 9.99 });
  assert.ok(ch instanceof ThreeDSChallenge);
  assert.match(ch.otp, /^\d{6}$/);
  assert.equal(ch.status, 'pending');
  const list = await client.threeds.list({ cardId: card.id, status: 'pending' });
  assert.deepEqual(
    list.data.map((c) => c.id),
    [ch.id],
  );
  const one = await client.threeds.retrieve(ch.id);
  assert.equal(one.otp, ch.otp);
  assert.equal(one.merchant, 'SPOTIFY');
});

test('webhooks: create, list, delete', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const wh = await client.webhooks.create({ url: 'http://127.0.0.1:9/hooks', events: ['card.created'] });
  assert.match(wh.id, /^wh_/);
  assert.match(wh.secret, /^whsec_/);
  assert.deepEqual(wh.events, ['card.created']);
  const custom = await client.webhooks.create({
    url: 'http://127.0.0.1:9/other',
    events: ['*'],
    secret: 'whsec_custom_secret_0123456789abcdefghij',
  });
  assert.equal(custom.secret, 'whsec_custom_secret_0123456789abcdefghij');
  const list = await client.webhooks.list();
  assert.deepEqual(list.data.map((w) => w.id).sort(), [wh.id, custom.id].sort());
  const gone = await client.webhooks.delete(wh.id);
  assert.equal(gone, null);
  const { response } = await client.webhooks.delete(custom.id).withResponse();
  assert.equal(response.status, 204);
  assert.equal((await client.webhooks.list()).data.length, 0);
});

test('withResponse / asResponse give status, headers, requestId, idempotency replay', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const { data, response } = await client.wallet.retrieve().withResponse();
  assert.equal(data.balance, 10000);
  assert.equal(response.status, 200);
  assert.match(response.requestId, /^req_/);
  assert.equal(response.headers['x-request-id'], response.requestId);
  assert.equal(response.replayed, false);

  const key = `idem-${Date.now()}`;
  const first = await client.cards.create({ binId: '491653', amount: 5 }, { idempotencyKey: key }).withResponse();
  const second = await client.cards.create({ binId: '491653', amount: 5 }, { idempotencyKey: key }).withResponse();
  assert.equal(first.response.status, 201);
  assert.equal(first.response.idempotencyKey, key);
  assert.equal(second.response.replayed, true);
  assert.equal(second.data.id, first.data.id);
  assert.equal((await client.wallet.retrieve()).balance, 9995);

  const meta = await client.bins.list().asResponse();
  assert.equal(meta.status, 200);
});

test('this file drove every operation the core dispatches', () => {
  const missing = native.operations().filter((op) => !used.has(op));
  assert.deepEqual(missing, []);
});
