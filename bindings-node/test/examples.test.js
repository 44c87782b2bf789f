'use strict';
// The published Node example (api-reference.md) run as written inside an async function, the
// examples/node scripts, and `npm pack`: the tarball installs into an empty folder and runs there.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSandbox } = require('./helpers');

const PKG = path.resolve(__dirname, '..');
const ROOT = path.resolve(PKG, '..');
const EXAMPLES = path.join(ROOT, 'examples', 'node');

// The Node example exactly as api-reference.md publishes it (its line breaks restored).
const PUBLISHED = `const { CryptoTopCard } = require('cryptotopcard');
const client = new CryptoTopCard('sk_live_your_api_key');

// Create a card
const card = await client.cards.create({
  binId: '491653',
  amount: 500,
  label: 'Ad Spend',
});

// Get 3DS OTPs
const challenges = await client.threeds.list({
  cardId: card.id,
  status: 'pending',
});

// Set up webhooks
await client.webhooks.create({
  url: 'https://yourapp.com/hooks',
  events: ['transaction.authorized', '3ds.challenge'],
});`;

let env;
let tmp;
test.before(async () => {
  env = await startSandbox();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctc-node-examples-'));
  fs.mkdirSync(path.join(tmp, 'node_modules'));
  fs.symlinkSync(PKG, path.join(tmp, 'node_modules', 'cryptotopcard'), 'dir');
});
test.after(async () => {
  await env.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function runNode(file, key, cwd) {
  return spawnSync(process.execPath, [file], {
    cwd,
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, CRYPTOTOPCARD_BASE_URL: env.sb.url, CRYPTOTOPCARD_API_KEY: key },
  });
}

test('the embedded copy is the published example (docs/api-reference.md)', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'api-reference.md'), 'utf8');
  const squash = (s) => s.replace(/\s+/g, '');
  assert.ok(squash(doc).includes(squash(PUBLISHED)), 'PUBLISHED differs from the Node example in api-reference.md');
});

test('the published example runs verbatim inside an async function (its literal key, base URL from the environment)', async () => {
  const script = `(async () => {\n${PUBLISHED}\nconsole.log(JSON.stringify({ id: card.id, challenges: challenges.data.length }));\nclient.close();\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
  const file = path.join(tmp, 'published-verbatim.js');
  fs.writeFileSync(file, script);
  const r = runNode(file, env.newKey(), tmp);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim());
  // The sandbox keeps an account per key, live-looking keys included (only /sandbox/* needs sk_test_).
  const owner = env.client({ apiKey: 'sk_live_your_api_key' });
  const card = await owner.cards.retrieve(out.id);
  assert.equal(card.label, 'Ad Spend');
  assert.equal(out.challenges, 0);
});

test('the published example runs as written inside an async function (sk_test_ key from the environment)', async () => {
  const key = env.newKey();
  // As written, except that the literal key is read from the environment and top-level await
  // runs inside an async function; then the effects are checked through a second client.
  const body = PUBLISHED.replace("'sk_live_your_api_key'", 'process.env.CRYPTOTOPCARD_API_KEY');
  const script = `(async () => {\n${body}\nconsole.log(JSON.stringify({ id: card.id, last4: card.last4, challenges: challenges.data.length }));\nclient.close();\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
  const file = path.join(tmp, 'published.js');
  fs.writeFileSync(file, script);
  const r = runNode(file, key, tmp);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim());
  assert.match(out.id, /^card_/);
  assert.equal(out.challenges, 0);
  const client = env.client({ apiKey: key });
  const card = await client.cards.retrieve(out.id);
  assert.equal(card.label, 'Ad Spend');
  assert.equal(card.balance, 500);
  const hooks = await client.webhooks.list();
  assert.deepEqual(
    hooks.data.map((w) => w.url),
    ['https://yourapp.com/hooks'],
  );
  assert.deepEqual(hooks.data[0].events, ['transaction.authorized', '3ds.challenge']);
});

test('examples/node/*.js and *.mjs run against the sandbox', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.js') || f.endsWith('.mjs'));
  assert.ok(files.length >= 2);
  for (const f of files) {
    fs.copyFileSync(path.join(EXAMPLES, f), path.join(tmp, f));
    const r = runNode(path.join(tmp, f), env.newKey(), tmp);
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test('npm pack: the tarball installs into an empty folder and an example runs there', () => {
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctc-pack-'));
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctc-app-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
        cwd: PKG,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }),
    );
    const tarball = path.join(packDir, packed[0].filename);
    const files = packed[0].files.map((f) => f.path);
    for (const must of [
      'index.js',
      'index.mjs',
      'index.d.ts',
      'models.d.ts',
      'testing.js',
      'lib/models.js',
      'native/index.js',
    ]) {
      assert.ok(files.includes(must), `tarball lacks ${must}`);
    }
    assert.ok(
      files.some((f) => /^native\/.*\.node$/.test(f)),
      'tarball lacks the native addon',
    );
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('node_modules/')));
    fs.writeFileSync(
      path.join(appDir, 'package.json'),
      JSON.stringify({ name: 'ctc-pack-check', version: '1.0.0', private: true }),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], {
      cwd: appDir,
      encoding: 'utf8',
    });
    fs.copyFileSync(path.join(EXAMPLES, 'quickstart.js'), path.join(appDir, 'quickstart.js'));
    const r = runNode(path.join(appDir, 'quickstart.js'), env.newKey(), appDir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /card card_/);
    const esm = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { CryptoTopCard } from 'cryptotopcard'; import { Sandbox } from 'cryptotopcard/testing'; console.log(typeof CryptoTopCard, typeof Sandbox.start);",
      ],
      {
        cwd: appDir,
        encoding: 'utf8',
      },
    );
    assert.equal(esm.status, 0, esm.stderr);
    assert.equal(esm.stdout.trim(), 'function function');

    // Without cryptotopcard-sandbox, Sandbox.start() explains what to install.
    const startScript = `
      const { Sandbox } = require('cryptotopcard/testing');
      Sandbox.start().then(
        async (sb) => {
          const client = sb.client();
          const w = await client.wallet.retrieve();
          console.log(JSON.stringify({ ok: true, currency: w.currency }));
          client.close();
          await sb.stop();
        },
        (e) => console.log(JSON.stringify({ ok: false, code: e.code, message: e.message })),
      );
    `;
    const missing = spawnSync(process.execPath, ['-e', startScript], { cwd: appDir, encoding: 'utf8' });
    assert.equal(missing.status, 0, missing.stderr);
    const m = JSON.parse(missing.stdout.trim());
    assert.equal(m.ok, false);
    assert.equal(m.code, 'ERR_CTC_SANDBOX_NOT_INSTALLED');
    assert.match(m.message, /npm install --save-dev cryptotopcard-sandbox/);

    // With the test package packed and installed beside it, the same script runs a sandbox.
    const sandboxPacked = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
        cwd: path.join(PKG, 'sandbox-addon'),
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }),
    );
    const sandboxFiles = sandboxPacked[0].files.map((f) => f.path);
    assert.ok(
      sandboxFiles.some((f) => /^native\/.*\.node$/.test(f)),
      'the sandbox tarball lacks its addon',
    );
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--offline', path.join(packDir, sandboxPacked[0].filename)],
      { cwd: appDir, encoding: 'utf8' },
    );
    const started = spawnSync(process.execPath, ['-e', startScript], { cwd: appDir, encoding: 'utf8' });
    assert.equal(started.status, 0, started.stderr);
    assert.deepEqual(JSON.parse(started.stdout.trim()), { ok: true, currency: 'USD' });
  } finally {
    fs.rmSync(packDir, { recursive: true, force: true });
    fs.rmSync(appDir, { recursive: true, force: true });
  }
});
