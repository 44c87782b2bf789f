'use strict';
// Telemetry headers as the sandbox received them (GET /v1/sandbox/requests: the account's last
// requests with their user agent and X-CTC-* headers).
const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('..');
const { startSandbox, rawGet } = require('./helpers');

let env;
test.before(async () => {
  env = await startSandbox();
});
test.after(async () => {
  await env.stop();
});

/** The requests the sandbox logged for `key`, oldest first. */
async function logged(key) {
  const r = await rawGet(env.sb, key, '/sandbox/requests');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
}

/** Rust's names for Node's platform and architecture. */
const OS = { darwin: 'macos', win32: 'windows' }[process.platform] ?? process.platform;
const ARCH = { x64: 'x86_64', arm64: 'aarch64', ia32: 'x86' }[process.arch] ?? process.arch;

test('every request says which SDK, runtime and platform sent it', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key });
  await client.wallet.retrieve();
  await client.cards.create({ binId: '491653', amount: 5 });
  const entries = await logged(key);
  assert.equal(entries.length, 2);
  assert.deepEqual(
    entries.map((e) => e.method),
    ['GET', 'POST'],
  );
  for (const { headers } of entries) {
    assert.equal(headers['x-ctc-lang'], 'node');
    assert.equal(headers['x-ctc-package-version'], sdk.VERSION);
    assert.equal(typeof headers['x-ctc-core-version'], 'string');
    assert.equal(headers['x-ctc-runtime'], 'node');
    assert.equal(headers['x-ctc-runtime-version'], process.version);
    assert.equal(headers['x-ctc-os'], OS);
    assert.equal(headers['x-ctc-arch'], ARCH);
    assert.equal(headers['x-ctc-retry-count'], '0');
    assert.match(headers['user-agent'], new RegExp(`^cryptotopcard-node/${sdk.VERSION.replace(/\./g, '\\.')} `));
    assert.equal(headers.authorization, undefined, 'the sandbox never logs the key');
  }
});

test('X-CTC-Retry-Count counts the attempts of a retried call', async () => {
  const key = env.newKey();
  const client = env.client({ apiKey: key, maxRetries: 1, defaultHeaders: { 'X-Sandbox-Fault': 'error_503' } });
  await assert.rejects(client.wallet.retrieve(), sdk.InternalServerError);
  const entries = await logged(key);
  assert.deepEqual(
    entries.map((e) => [e.path.replace(/^\/v1/, ''), e.headers['x-ctc-retry-count']]),
    [
      ['/wallet', '0'],
      ['/wallet', '1'],
    ],
  );
  // A derived client sends the same telemetry.
  const derived = client.withOptions({ maxRetries: 0 });
  await assert.rejects(derived.wallet.retrieve(), sdk.InternalServerError);
  const last = (await logged(key)).at(-1);
  assert.equal(last.headers['x-ctc-retry-count'], '0');
  assert.equal(last.headers['x-ctc-runtime'], 'node');
  assert.equal(last.headers['x-ctc-lang'], 'node');
});
