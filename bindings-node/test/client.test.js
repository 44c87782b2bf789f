'use strict';
// The package surface: CommonJS and ESM entry points, configuration from the environment,
// close(), user agent, the testing helper, and the model generator staying in sync with the spec.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');
const sdk = require('..');
const { startSandbox } = require('./helpers');

const PKG = path.resolve(__dirname, '..');

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

test('CommonJS exports', () => {
  assert.equal(typeof sdk.CryptoTopCard, 'function');
  assert.equal(sdk.default, sdk.CryptoTopCard);
  assert.equal(typeof sdk.verifyWebhook, 'function');
  assert.equal(typeof sdk.constructEvent, 'function');
  assert.equal(typeof sdk.generateTestSignature, 'function');
  assert.equal(typeof sdk.toCents, 'function');
  assert.equal(typeof sdk.fromCents, 'function');
  assert.equal(sdk.VERSION, require('../package.json').version);
  const { Sandbox } = require('../testing');
  assert.equal(typeof Sandbox.start, 'function');
});

test('ESM entry points (import from the package) work against the sandbox', () => {
  const code = `
    import { CryptoTopCard, NotFoundError, Card } from 'cryptotopcard';
    import Default from 'cryptotopcard';
    import { Sandbox } from 'cryptotopcard/testing';
    const sb = await Sandbox.start();
    const client = new CryptoTopCard(sb.apiKey, { baseUrl: sb.url });
    const card = await client.cards.create({ binId: '491653', amount: 25 });
    let notFound = false;
    try { await client.cards.retrieve('card_none'); } catch (e) { notFound = e instanceof NotFoundError; }
    console.log(JSON.stringify({ same: Default === CryptoTopCard, balance: card.balance, notFound, model: card instanceof Card }));
    client.close();
    await sb.stop();
  `;
  // Resolve 'cryptotopcard' through a node_modules link next to a temporary script.
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'ctc-esm-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PKG, path.join(dir, 'node_modules', 'cryptotopcard'), 'dir');
  fs.writeFileSync(path.join(dir, 'main.mjs'), code);
  const r = spawnSync(process.execPath, [path.join(dir, 'main.mjs')], { encoding: 'utf8', timeout: 60000 });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { same: true, balance: 25, notFound: true, model: true });
});

test('key and base URL from the environment; options object form', async () => {
  const saved = { k: process.env.CRYPTOTOPCARD_API_KEY, u: process.env.CRYPTOTOPCARD_BASE_URL };
  process.env.CRYPTOTOPCARD_API_KEY = env.newKey();
  process.env.CRYPTOTOPCARD_BASE_URL = env.sb.url;
  try {
    const client = new sdk.CryptoTopCard();
    assert.equal(client.baseUrl, env.sb.url);
    assert.equal((await client.wallet.retrieve()).balance, 10000);
    client.close();
    const other = new sdk.CryptoTopCard({ apiKey: env.newKey(), baseUrl: env.sb.url, timeout: 5000, maxRetries: 1 });
    assert.equal(other.timeout, 5000);
    assert.equal(other.maxRetries, 1);
    assert.equal((await other.bins.list()).data.length, 2);
    other.close();
  } finally {
    for (const [k, v] of [
      ['CRYPTOTOPCARD_API_KEY', saved.k],
      ['CRYPTOTOPCARD_BASE_URL', saved.u],
    ]) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('every call returns a Promise, even for bad input', async () => {
  const client = env.client();
  const p = client.cards.create({ amount: 'x' });
  assert.ok(p instanceof Promise);
  await assert.rejects(p, sdk.ValidationError);
  const q = client.wallet.retrieve();
  assert.ok(q instanceof Promise);
  assert.equal((await q).balance, 10000);
});

test('close(): later calls fail, and nothing keeps Node alive', () => {
  const code = `
    const { Sandbox } = require('cryptotopcard/testing');
    (async () => {
      const sb = await Sandbox.start();
      const client = sb.client();
      await client.cards.create({ binId: '491653', amount: 5 });
      client.close();
      await sb.stop();
      console.log('done');
    })();
  `;
  const r = spawnSync(process.execPath, ['-e', code], {
    encoding: 'utf8',
    timeout: 30000,
    env: { ...process.env, NODE_PATH: path.dirname(PKG) },
    cwd: PKG,
  });
  // `-e` resolves 'cryptotopcard/testing' through the package's own name (self-reference via exports).
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'done');
  assert.equal(r.signal, null, 'the process exited by itself');
});

test('the production addon does not contain the sandbox server; the test package does', () => {
  const fs = require('node:fs');
  const native = require('../lib/native');
  assert.equal('NativeSandbox' in native, false);
  const sandboxAddon = require('cryptotopcard-sandbox');
  assert.equal(typeof sandboxAddon.NativeSandbox.start, 'function');
  const addonFile = (dir) =>
    path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.node')),
    );
  const production = fs.readFileSync(addonFile(path.join(PKG, 'native')));
  const testing = fs.readFileSync(addonFile(path.join(PKG, 'sandbox-addon', 'native')));
  for (const marker of ['cryptotopcard_sandbox', 'rusqlite', 'axum']) {
    assert.equal(production.includes(marker), false, `the production addon links ${marker}`);
  }
  assert.equal(testing.includes('cryptotopcard_sandbox'), true);
  console.log(`addon sizes (this build): production ${production.length} bytes, sandbox ${testing.length} bytes`);
});

test('the native addon exposes the core operations and its version', () => {
  const native = require('../lib/native');
  assert.ok(native.operations().includes('cards.create'));
  assert.ok(native.operations().includes('sandbox.challenge'));
  assert.equal(native.nativeVersion(), sdk.VERSION);
});

test('models cover every operation the core dispatches', () => {
  const native = require('../lib/native');
  const { RESULTS } = require('../lib/models');
  for (const op of native.operations()) assert.ok(op in RESULTS, `no result model entry for ${op}`);
});

test('models keep unknown fields (camelCase) without replacing known fields or methods; secret-looking ones hidden', () => {
  const util = require('node:util');
  // As JSON.parse gives it: `__proto__` is then an own key like any other.
  const raw = JSON.parse(
    JSON.stringify({
      id: 'card_1',
      status: 'suspended_for_review',
      bin_id: '1',
      brand_new_field: 1,
      nested_thing: { inner_key: 'v', metadata: { keep_me: 1 } },
      binId: 'not the known field',
      constructor: 'x',
      toString: 'z',
      card_pin: '4321',
      pan_token: 'tok_secret_value',
    }).replace('{', '{"__proto__":{"polluted":true},'),
  );
  assert.ok(Object.hasOwn(raw, '__proto__'));
  const card = sdk.Card.fromJSON(raw);
  assert.equal(card.polluted, undefined);
  assert.equal({}.polluted, undefined);
  assert.equal(card.status, 'suspended_for_review');
  assert.equal(card.binId, '1');
  assert.equal(card.brandNewField, 1);
  assert.deepEqual(card.nestedThing, { innerKey: 'v', metadata: { keep_me: 1 } });
  assert.equal('brand_new_field' in card, false);
  assert.equal(card.constructor, sdk.Card);
  assert.equal(Object.getPrototypeOf(card), sdk.Card.prototype);
  assert.equal(typeof card.toString, 'function');
  // A field whose name looks secret is kept, but read explicitly only.
  assert.equal(card.cardPin, '4321');
  assert.equal(card.panToken, 'tok_secret_value');
  const shown = [util.inspect(card, { depth: Infinity }), JSON.stringify(card), Object.keys(card).join(',')].join('\n');
  for (const secret of ['4321', 'tok_secret_value']) assert.equal(shown.includes(secret), false, secret);
  assert.match(util.inspect(card), /cardPin: '\[REDACTED\]'/);
  // Known sensitive fields stay hidden whatever else arrives.
  const details = sdk.CardDetails.fromJSON({ id: 'card_1', pan: '4111111111111111', cvv: '123', extra_info: 'e' });
  assert.equal(details.extraInfo, 'e');
  assert.equal(details.pan, '4111111111111111');
  assert.equal(JSON.stringify(details).includes('4111111111111111'), false);
  assert.equal(Object.keys(details).includes('pan'), false);
});

test('fields a newer API sends survive into models: an object, list items and the page (X-Sandbox-Future-Fields)', async () => {
  const util = require('node:util');
  const client = env.client({ apiKey: env.newKey(), defaultHeaders: { 'X-Sandbox-Future-Fields': '1' } });
  const future = 'from a newer API';
  const card = await client.cards.create({ binId: '491653', amount: 5 });
  assert.ok(card instanceof sdk.Card);
  assert.equal(card.sandboxFutureField, future);
  assert.equal(JSON.parse(JSON.stringify(card)).sandboxFutureField, future);
  assert.equal((await client.cards.retrieve(card.id)).sandboxFutureField, future);
  const page = await client.cards.list();
  assert.equal(page.data.length, 1);
  assert.ok(page.data[0] instanceof sdk.CardSummary);
  assert.equal(page.data[0].sandboxFutureField, future);
  assert.equal(page.sandboxFutureField, future, "the list answer's own unknown field is on the page");
  for await (const item of client.cards.list()) assert.equal(item.sandboxFutureField, future);
  // Secrets stay hidden next to the unknown field.
  const details = await client.cards.details(card.id);
  assert.equal(details.sandboxFutureField, future);
  assert.equal(details.pan.length, 16);
  assert.equal(util.inspect(details).includes(details.pan), false);
  assert.equal(JSON.stringify(details).includes(details.pan), false);
  // Without the header, the same objects have no such field.
  const plain = env.client({ apiKey: env.newKey() });
  const c2 = await plain.cards.create({ binId: '491653', amount: 5 });
  assert.equal('sandboxFutureField' in c2, false);
});

test('unset options are left to the core (defaults, environment); getters show what it resolved', () => {
  // A client without options: the core applied its own defaults.
  const c = new sdk.CryptoTopCard('sk_test_defaults', { baseUrl: env.sb.url });
  assert.equal(typeof c.timeout, 'number');
  assert.ok(c.timeout > 0);
  assert.ok(Number.isInteger(c.maxRetries));
  const d = new sdk.CryptoTopCard('sk_test_defaults', { baseUrl: env.sb.url, timeout: 1234, maxRetries: 7 });
  assert.deepEqual([d.timeout, d.maxRetries, d.baseUrl], [1234, 7, env.sb.url]);
  // Null is "unset" too.
  const e = new sdk.CryptoTopCard({ apiKey: 'sk_test_defaults', baseUrl: env.sb.url, timeout: null, maxRetries: null });
  assert.deepEqual([e.timeout, e.maxRetries], [c.timeout, c.maxRetries]);
  for (const x of [c, d, e]) x.close();
  assert.equal(d.timeout, 1234, 'still readable after close()');
  // The JavaScript layer states no default and reads no environment variable itself.
  const sources = ['index.js', 'testing.js', ...fs.readdirSync(path.join(PKG, 'lib')).map((f) => `lib/${f}`)]
    .filter((f) => f.endsWith('.js'))
    .concat(fs.readdirSync(path.join(PKG, 'lib', 'resources')).map((f) => `lib/resources/${f}`));
  for (const file of sources) {
    const text = fs.readFileSync(path.join(PKG, file), 'utf8').replace(/\/\*[^]*?\*\/|\/\/.*$/gm, '');
    for (const pattern of [/process\.env/, /CRYPTOTOPCARD_/, /api\.cryptotopcard\.com/, /\b60000\b/, /\b10485760\b/]) {
      assert.equal(pattern.test(text), false, `${file} restates a default or reads the environment: ${pattern}`);
    }
  }
});

test('maxResponseBytes: maps to the core cap (InternalServerError response_too_large); checked', async () => {
  const key = env.newKey();
  const small = env.client({ apiKey: key, maxResponseBytes: 600, maxRetries: 0 });
  // A small answer passes, a larger one is refused before it is read.
  const wallet = await small.wallet.retrieve();
  assert.equal(wallet.balance, 10000);
  const big = env.client({ apiKey: key });
  for (let i = 0; i < 5; i += 1) await big.cards.create({ binId: '491653', amount: 1, label: `cap-${i}` });
  const err = await small.cards.list({ perPage: 5 }).catch((e) => e);
  assert.ok(err instanceof sdk.InternalServerError, `${err && err.name}: ${err && err.message}`);
  assert.equal(err.code, 'response_too_large');
  assert.equal((await big.cards.list({ perPage: 5 })).data.length, 5);
  // Validation: a whole number of bytes; 0 is refused by the core.
  const bad = [
    ['a string', '1000'],
    ['negative', -1],
    ['fractional', 10.5],
    ['not finite', Infinity],
    ['zero (the core refuses it)', 0],
  ];
  for (const [what, value] of bad) {
    assert.throws(
      () => new sdk.CryptoTopCard('sk_test_abc', { baseUrl: env.sb.url, maxResponseBytes: value }),
      (e) => e instanceof sdk.ConfigurationError && e.field === 'maxResponseBytes',
      what,
    );
  }
});

test('every value index.d.ts / models.d.ts declares exists at run time (and nothing public is `any`)', () => {
  for (const file of ['index.d.ts', 'models.d.ts', 'testing.d.ts']) {
    const text = fs.readFileSync(path.join(PKG, file), 'utf8');
    assert.equal(/\bany\b/.test(text.replace(/\/\*\*[^]*?\*\//g, '')), false, `${file} uses any`);
    const mod = file === 'testing.d.ts' ? require('../testing') : sdk;
    for (const m of text.matchAll(/^export declare (?:class|function|const) (\w+)/gm)) {
      assert.ok(
        m[1] in mod,
        `${file} declares ${m[1]}, which ${file === 'testing.d.ts' ? 'testing' : 'index'}.js does not export`,
      );
    }
  }
});

test('public types are precise: tsc --strict accepts right uses and rejects wrong ones', () => {
  const tsc = path.join(PKG, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'types', 'tsconfig.json')], {
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
