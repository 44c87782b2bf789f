'use strict';
// Webhooks delivered by the sandbox to a local HTTP server, verified with the SDK helpers.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const sdk = require('..');
const { startSandbox, eventually } = require('./helpers');

const {
  verifyWebhook,
  constructEvent,
  WebhookVerificationError,
  ValidationError,
  CardCreatedEvent,
  CardFrozenEvent,
  TransactionAuthorizedEvent,
  Card,
  Transaction,
} = sdk;

let env;
let server;
let received;
let url;
test.before(async () => {
  env = await startSandbox();
  received = [];
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks), path: req.url });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}/hooks`;
});
test.after(async () => {
  await env.stop();
  await new Promise((r) => server.close(r));
});

test('events are delivered, signed, and verify with verifyWebhook / constructEvent', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const wh = await client.webhooks.create({ url, events: ['card.created', 'card.frozen', 'transaction.authorized'] });
  const card = await client.cards.create({ binId: '491653', amount: 50 });
  await client.cards.freeze(card.id);
  await client.cards.unfreeze(card.id); // not subscribed: never delivered
  await client.sandbox.authorize({ cardId: card.id, amount: 5, merchant: { name: 'SPOTIFY' }, settle: false });

  const mine = () => received.filter((r) => r.body.includes(card.id));
  await eventually(() => mine().length >= 3);
  const byType = {};
  for (const d of mine()) {
    const sig = d.headers['x-ctc-signature'];
    assert.equal(verifyWebhook(d.body, sig, wh.secret), true);
    assert.equal(verifyWebhook(d.body.toString('utf8'), sig, wh.secret), true, 'string payload too');
    assert.equal(verifyWebhook(new Uint8Array(d.body), sig, wh.secret), true, 'Uint8Array payload too');
    const event = constructEvent(d.body, sig, wh.secret);
    assert.equal(event.type, d.headers['x-ctc-event']);
    assert.equal(event.id, d.headers['x-ctc-delivery']);
    byType[event.type] = event;
  }
  assert.deepEqual(Object.keys(byType).sort(), ['card.created', 'card.frozen', 'transaction.authorized']);
  assert.ok(byType['card.created'] instanceof CardCreatedEvent);
  assert.ok(byType['card.created'].data instanceof Card);
  assert.equal(byType['card.created'].data.id, card.id);
  assert.equal(typeof byType['card.created'].createdAt, 'string');
  assert.ok(byType['card.frozen'] instanceof CardFrozenEvent);
  assert.equal(byType['card.frozen'].data.status, 'frozen');
  assert.ok(byType['transaction.authorized'] instanceof TransactionAuthorizedEvent);
  assert.ok(byType['transaction.authorized'].data instanceof Transaction);
  assert.equal(byType['transaction.authorized'].data.cardId, card.id);
  assert.equal(
    mine().some((d) => d.headers['x-ctc-event'] === 'card.unfrozen'),
    false,
  );
});

test('a tampered body, a wrong secret or a missing signature does not verify', async () => {
  const client = env.client({ apiKey: env.newKey() });
  const wh = await client.webhooks.create({ url, events: ['*'] });
  const card = await client.cards.create({ binId: '531993', amount: 5 });
  const d = await eventually(() => received.find((r) => r.body.includes(card.id)));
  const sig = d.headers['x-ctc-signature'];
  const tampered = Buffer.from(d.body.toString('utf8').replace('"balance":5', '"balance":500'));
  assert.equal(verifyWebhook(tampered, sig, wh.secret), false);
  assert.equal(verifyWebhook(d.body, sig, 'whsec_wrong_secret_0123456789abcdefghij'), false);
  assert.equal(verifyWebhook(d.body, undefined, wh.secret), false);
  assert.equal(verifyWebhook(d.body, 'zz', wh.secret), false);
  assert.throws(() => constructEvent(tampered, sig, wh.secret), WebhookVerificationError);
  assert.throws(() => constructEvent(d.body, '', wh.secret), WebhookVerificationError);
  assert.throws(() => constructEvent(d.body, undefined, wh.secret), WebhookVerificationError);
});

test('replay protection: an old signed event is rejected unless tolerance is 0', () => {
  const secret = 'whsec_replay_test_secret_0123456789abcdef';
  const old = new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const body = JSON.stringify({ id: 'evt_old', type: 'card.created', created_at: old, data: { id: 'card_x' } });
  const sig = crypto.createHmac('sha256', secret).update(body).digest('hex');
  assert.equal(verifyWebhook(body, sig, secret), true);
  assert.throws(() => constructEvent(body, sig, secret), WebhookVerificationError);
  assert.throws(() => constructEvent(body, sig, secret, 60), WebhookVerificationError);
  const ev = constructEvent(body, sig, secret, 0);
  assert.equal(ev.id, 'evt_old');
  assert.equal(constructEvent(body, sig, secret, 7200).data.id, 'card_x');
});

test('an unknown event type survives as a plain object with its type string', () => {
  const secret = 'whsec_unknown_type_secret_0123456789abcd';
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const body = JSON.stringify({
    id: 'evt_new',
    type: 'card.renamed',
    created_at: now,
    data: { id: 'card_y', new_field: 1 },
  });
  const sig = crypto.createHmac('sha256', secret).update(body).digest('hex');
  const ev = constructEvent(body, sig, secret);
  assert.equal(ev.type, 'card.renamed');
  assert.equal(ev.id, 'evt_new');
});

test('fields of an event the SDK does not know yet survive (event and its data), secrets still hidden', () => {
  const util = require('node:util');
  const secret = 'whsec_future_fields_secret_0123456789abcd';
  const body = JSON.stringify({
    id: 'evt_future',
    type: 'card.frozen',
    created_at: new Date().toISOString(),
    delivery_attempt: 2,
    data: { id: 'card_1', status: 'frozen', frozen_at: new Date().toISOString(), freeze_reason: 'user' },
  });
  const sig = crypto.createHmac('sha256', secret).update(body).digest('hex');
  const event = constructEvent(body, sig, secret);
  assert.ok(event instanceof CardFrozenEvent);
  assert.equal(event.deliveryAttempt, 2);
  assert.ok(event.data instanceof Card);
  assert.equal(event.data.freezeReason, 'user');
  assert.equal(event.data.status, 'frozen');
  // The verification still rejects a tampered payload with the same extra fields.
  assert.throws(() => constructEvent(body.replace('"user"', '"admin"'), sig, secret), WebhookVerificationError);
  assert.equal(util.inspect(event).includes(secret), false);
});

test('bad helper arguments are ValidationErrors naming the argument', () => {
  assert.throws(
    () => verifyWebhook(42, 'ab', 'whsec_x'),
    (e) => e instanceof ValidationError && e.field === 'payload',
  );
  assert.throws(
    () => verifyWebhook('{}', 'ab', ''),
    (e) => e instanceof ValidationError && e.field === 'secret',
  );
  assert.throws(
    () => constructEvent('{}', 'ab', 'whsec_x', -1),
    (e) => e instanceof ValidationError && e.field === 'tolerance',
  );
  assert.throws(
    () => constructEvent('{}', 'ab', 'whsec_x', 1.5),
    (e) => e instanceof ValidationError && e.field === 'tolerance',
  );
});

test('generateTestSignature signs like the API (HMAC-SHA256 hex), and what it signs verifies', () => {
  const { generateTestSignature } = sdk;
  const secret = 'whsec_test_helper_secret_0123456789abcdef';
  const body = JSON.stringify({
    id: 'evt_helper',
    type: 'card.created',
    created_at: new Date().toISOString(),
    data: { id: 'card_h' },
  });
  const sig = generateTestSignature(body, secret);
  assert.equal(sig, crypto.createHmac('sha256', secret).update(body).digest('hex'));
  assert.equal(generateTestSignature(Buffer.from(body), secret), sig, 'Buffer payload signs the same bytes');
  assert.equal(verifyWebhook(body, sig, secret), true);
  assert.equal(constructEvent(body, sig, secret).id, 'evt_helper');
  // The same helpers hang off client.webhooks, as stripe.webhooks.* do.
  const client = env.client();
  assert.equal(client.webhooks.generateTestSignature(body, secret), sig);
  assert.equal(client.webhooks.verify(body, sig, secret), true);
  assert.equal(client.webhooks.constructEvent(body, sig, [secret]).id, 'evt_helper');
  assert.throws(
    () => generateTestSignature(body, ''),
    (e) => e instanceof ValidationError && e.field === 'secret',
  );
  assert.throws(
    () => generateTestSignature({ id: 'evt' }, secret),
    (e) => e instanceof ValidationError && e.field === 'payload',
  );
});

test('secret rotation: a list of secrets verifies a delivery signed with any of them', async () => {
  // A real delivery, signed by the sandbox with the endpoint's secret.
  const client = env.client({ apiKey: env.newKey() });
  const wh = await client.webhooks.create({ url, events: ['card.created'] });
  const card = await client.cards.create({ binId: '491653', amount: 7 });
  const d = await eventually(() => received.find((r) => r.body.includes(card.id)));
  const sig = d.headers['x-ctc-signature'];
  const next = 'whsec_rotated_new_secret_0123456789abcdef';
  assert.equal(verifyWebhook(d.body, sig, [next, wh.secret]), true, 'old secret second in the list');
  assert.equal(verifyWebhook(d.body, sig, [wh.secret, next]), true);
  assert.equal(verifyWebhook(d.body, sig, [next]), false);
  assert.equal(constructEvent(d.body, sig, [next, wh.secret]).data.id, card.id);
  assert.throws(() => constructEvent(d.body, sig, [next]), WebhookVerificationError);
  // A delivery signed with the new secret verifies against the same list.
  const signedNew = sdk.generateTestSignature(d.body, next);
  assert.equal(constructEvent(d.body, signedNew, [next, wh.secret]).id, d.headers['x-ctc-delivery']);
  for (const bad of [[], [''], [wh.secret, 42], 'x'.slice(1)]) {
    assert.throws(
      () => verifyWebhook(d.body, sig, bad),
      (e) => e instanceof ValidationError && e.field === 'secret',
      `secret ${JSON.stringify(bad)}`,
    );
  }
});

test('an event dated in the future (beyond the tolerance) is refused unless tolerance is 0', () => {
  const secret = 'whsec_future_dated_secret_0123456789abcd';
  const ahead = new Date(Date.now() + 3600 * 1000).toISOString();
  const body = JSON.stringify({ id: 'evt_ahead', type: 'card.created', created_at: ahead, data: { id: 'card_f' } });
  const sig = sdk.generateTestSignature(body, secret);
  assert.equal(verifyWebhook(body, sig, secret), true, 'the signature itself is fine');
  assert.throws(() => constructEvent(body, sig, secret), WebhookVerificationError);
  assert.throws(() => constructEvent(body, sig, [secret], 600), WebhookVerificationError);
  assert.equal(constructEvent(body, sig, secret, 7200).id, 'evt_ahead');
  assert.equal(constructEvent(body, sig, secret, 0).id, 'evt_ahead');
  // A little clock skew (within the tolerance) is accepted.
  const skewed = JSON.stringify({
    id: 'evt_skew',
    type: 'card.created',
    created_at: new Date(Date.now() + 30 * 1000).toISOString(),
    data: { id: 'card_s' },
  });
  assert.equal(constructEvent(skewed, sdk.generateTestSignature(skewed, secret), secret).id, 'evt_skew');
});
