'use strict';
// Secret hygiene: util.inspect, JSON.stringify and error text of a whole session never contain
// the API key, a PAN, a CVV or a webhook secret (unless the field is read explicitly).
const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const sdk = require('..');
const { startSandbox } = require('./helpers');

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

function renderings(value) {
  const out = [
    util.inspect(value, { depth: Infinity }),
    util.inspect(value, { depth: Infinity, showHidden: true, getters: false }),
    util.format('%o', value),
    util.format('%j', value),
  ];
  try {
    out.push(JSON.stringify(value));
  } catch (_) {
    /* circular: not JSON-able */
  }
  if (value instanceof Error) out.push(String(value), value.message, value.stack);
  return out.join('\n');
}

test('a full session shows no key, PAN, CVV or webhook secret', async () => {
  const apiKey = `sk_test_${'S3cr3tK3y'.repeat(3)}`;
  const secret = 'whsec_ThisIsTheWebhookSigningSecret0123456789';
  const client = env.client({ apiKey });
  const seen = [];
  const keep = (v) => {
    seen.push(v);
    return v;
  };

  keep(client);
  keep(env.sb);
  const card = keep(await client.cards.create({ binId: '491653', amount: 200, label: 'hygiene' }));
  const detailsWithResponse = keep(await client.cards.details(card.id).withResponse());
  const details = detailsWithResponse.data;
  keep(details);
  keep(await client.cards.list());
  const wh = keep(await client.webhooks.create({ url: 'http://127.0.0.1:9/h', events: ['*'], secret }));
  keep(await client.webhooks.list());
  keep(await client.wallet.retrieve().withResponse());
  // Errors from the API and from validation, some of which concern secret-bearing inputs.
  keep(
    await client.webhooks
      .create({ url: 'http://127.0.0.1:9/h', events: ['*'], secret: 'whsec_tooShort' })
      .catch((e) => e),
  );
  keep(await client.cards.create({ binId: '491653', amount: NaN }).catch((e) => e));
  keep(
    await env
      .client({ apiKey: `${apiKey}x` })
      .cards.retrieve('card_nope')
      .catch((e) => e),
  );
  keep(
    await env
      .client({ apiKey: 'sk_bogus_Key_Value_987654321' })
      .wallet.retrieve()
      .catch((e) => e),
  );
  try {
    keep(new sdk.CryptoTopCard(`${apiKey}\n`, { baseUrl: env.sb.url }));
  } catch (e) {
    keep(e);
  }
  try {
    keep(sdk.constructEvent('{"id":"evt_1"}', 'abcd', secret));
  } catch (e) {
    keep(e);
  }

  // The sensitive values, read explicitly, are there...
  assert.equal(details.pan.length, 16);
  assert.equal(details.cvv.length, 3);
  assert.equal(wh.secret, secret);
  // ...and appear in no rendering of anything above.
  const forbidden = [apiKey, 'S3cr3tK3y', details.pan, secret, 'sk_bogus_Key_Value_987654321'];
  const text = seen.map(renderings).join('\n');
  for (const s of forbidden) assert.equal(text.includes(s), false, `leaked: ${s.slice(0, 8)}…`);
  // The CVV is 3 digits: check the field renderings specifically.
  assert.match(util.inspect(details), /cvv: '\[REDACTED\]'/);
  assert.match(util.inspect(details), /pan: '\[REDACTED\]'/);
  assert.equal(JSON.stringify(details).includes('cvv'), false);
  assert.equal(JSON.stringify(details).includes('pan'), false);
  assert.equal(Object.keys(details).includes('pan'), false);
  assert.equal(Object.keys(wh).includes('secret'), false);
  assert.match(util.inspect(client), /apiKey: '\[REDACTED\]'/);
  assert.deepEqual(JSON.parse(JSON.stringify(client)).apiKey, '[REDACTED]');
  // Spreading a model copies no secret either.
  assert.equal({ ...details }.pan, undefined);
});

test('the 3DS OTP is read explicitly and hidden from inspect, JSON, keys and spreads', async () => {
  const crypto = require('node:crypto');
  const client = env.client({ apiKey: env.newKey() });
  const card = await client.cards.create({ binId: '531993', amount: 50 });
  const ch = await client.sandbox.challenge({ cardId: card.id, merchant: 'SPOTIFY', amount: 9.99 });
  const one = await client.threeds.retrieve(ch.id);
  const list = await client.threeds.list({ cardId: card.id });
  // A 3ds.challenge webhook event carries the challenge (with its OTP) too.
  const secret = 'whsec_OtpEventSigningSecret0123456789abc';
  const body = JSON.stringify({
    id: 'evt_otp',
    type: '3ds.challenge',
    created_at: new Date().toISOString(),
    data: { id: ch.id, card_id: card.id, merchant: 'SPOTIFY', amount: 9.99, otp: ch.otp, status: 'pending' },
  });
  const event = sdk.constructEvent(body, crypto.createHmac('sha256', secret).update(body).digest('hex'), secret);

  const otp = ch.otp;
  assert.match(otp, /^\d{6}$/);
  assert.equal(one.otp, otp);
  assert.equal(list.data[0].otp, otp);
  assert.equal(event.data.otp, otp);
  for (const value of [ch, one, list.data[0], event.data]) {
    assert.match(util.inspect(value), /otp: '\[REDACTED\]'/);
    assert.equal(JSON.stringify(value).includes('otp'), false);
    assert.equal(Object.keys(value).includes('otp'), false);
    assert.equal({ ...value }.otp, undefined);
  }
  // The OTP value appears in no rendering of any of them (nor of the page, the event or the response).
  const withResponse = await client.threeds.retrieve(ch.id).withResponse();
  const text = [ch, one, list, event, withResponse].map(renderings).join('\n');
  assert.equal(text.includes(otp), false, 'the OTP leaked into a rendering');
});
