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

test('the native addon exposes the core operations and its version', () => {
  const native = require('../lib/native');
  assert.ok(native.operations().includes('cards.create'));
  assert.ok(native.operations().includes('sandbox.challenge'));
  assert.equal(native.nativeVersion(), sdk.VERSION);
});

test('generated models match spec/openapi.yaml (no drift)', () => {
  const { generate } = require('../scripts/generate-models.js');
  const { js, dts, mjs } = generate();
  assert.equal(fs.readFileSync(path.join(PKG, 'models.mjs'), 'utf8'), mjs, 'models.mjs drifted');
  assert.equal(
    fs.readFileSync(path.join(PKG, 'lib', 'models.js'), 'utf8'),
    js,
    'lib/models.js drifted: run node scripts/generate-models.js',
  );
  assert.equal(
    fs.readFileSync(path.join(PKG, 'models.d.ts'), 'utf8'),
    dts,
    'models.d.ts drifted: run node scripts/generate-models.js',
  );
});

test('models cover every operation the core dispatches', () => {
  const native = require('../lib/native');
  const { RESULTS } = require('../lib/models');
  for (const op of native.operations()) assert.ok(op in RESULTS, `no result model entry for ${op}`);
});

test('models ignore unknown fields and keep unknown enum values as strings', () => {
  const card = sdk.Card.fromJSON({ id: 'card_1', status: 'suspended_for_review', brand_new_field: 1, bin_id: '1' });
  assert.equal(card.status, 'suspended_for_review');
  assert.equal(card.binId, '1');
  assert.equal('brandNewField' in card, false);
  assert.equal('brand_new_field' in card, false);
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
