'use strict';
// Proxies and custom certificate authorities, through a real local forwarding proxy (a net.Server
// recording each connection's request head and splicing it to the sandbox) and a real TLS front
// (https://localhost, certificate from the test CA in test/fixtures). Environment proxies are
// read when a client is built, so those cases run in a child process with the variables set.
const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const { spawn } = require('node:child_process');
const path = require('node:path');
const sdk = require('..');
const { startSandbox, startForwardProxy, startTlsFront } = require('./helpers');

const { CryptoTopCard, APIConnectionError, ConfigurationError } = sdk;
const PKG = path.resolve(__dirname, '..');
const PASSWORD = 'pr0xy-s3cret-pw';

let env;
let proxy;
let front;
test.before(async () => {
  env = await startSandbox();
  proxy = await startForwardProxy();
  front = await startTlsFront(env.sb.url);
});
test.after(async () => {
  await env.stop();
  await proxy.close();
  await front.close();
});

/** The Proxy-Authorization a client sends for `user:password`. */
const basic = (userinfo) => `Basic ${Buffer.from(decodeURIComponent(userinfo)).toString('base64')}`;

/** Runs `code` in a child process with `extraEnv`; resolves { status, stdout, stderr }. */
function runChild(code, extraEnv) {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, CTC_PKG: PKG, ...extraEnv };
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
      if (!(k in extraEnv)) delete childEnv[k];
    }
    const child = spawn(process.execPath, ['-e', code], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A child script: one wallet call with `options`, prints { ok, name, message }. */
const walletScript = (options) => `
  const { CryptoTopCard } = require(process.env.CTC_PKG);
  const client = new CryptoTopCard(process.env.KEY, { ...${JSON.stringify(options)}, maxRetries: 0, timeout: 10000 });
  client.wallet.retrieve().then(
    (w) => console.log(JSON.stringify({ ok: true, currency: w.currency })),
    (e) => console.log(JSON.stringify({ ok: false, name: e.name, message: e.message })),
  ).finally(() => client.close());
`;

test('an explicit proxy with credentials: absolute-form request, Proxy-Authorization sent', async () => {
  const userinfo = `ctc-user:${PASSWORD}`;
  const client = env.client({ proxy: proxy.url(userinfo), maxRetries: 0 });
  const seen = proxy.heads.length;
  const wallet = await client.wallet.retrieve();
  assert.equal(wallet.currency, 'USD');
  const head = proxy.heads[seen];
  assert.ok(head, 'the request went through the proxy');
  assert.equal(head.line, `GET ${env.sb.url}/wallet HTTP/1.1`);
  assert.equal(head.headers['proxy-authorization'], basic(userinfo));
  // The proxy URL (its password) is never shown.
  for (const shown of [util.inspect(client), JSON.stringify(client), String(client)]) {
    assert.equal(shown.includes(PASSWORD), false, shown);
  }
});

test('https through an explicit proxy: CONNECT tunnel with Proxy-Authorization, custom CA trusted', async () => {
  const userinfo = `tunnel:${PASSWORD}`;
  const client = new CryptoTopCard(env.sb.apiKey, {
    baseUrl: front.url,
    proxy: proxy.url(userinfo),
    rootCertificatesPem: front.caPem,
    maxRetries: 0,
  });
  try {
    const seen = proxy.heads.length;
    assert.equal((await client.wallet.retrieve()).currency, 'USD');
    const head = proxy.heads[seen];
    assert.equal(head.line, `CONNECT localhost:${front.port} HTTP/1.1`);
    assert.equal(head.headers['proxy-authorization'], basic(userinfo));
  } finally {
    client.close();
  }
});

test('an unusable proxy fails without quoting its URL', async () => {
  // Not a URL at all: a ConfigurationError naming the option.
  assert.throws(
    () => env.client({ proxy: `not a url ${PASSWORD}` }),
    (e) => e instanceof ConfigurationError && e.field === 'proxy' && !e.message.includes(PASSWORD),
  );
  assert.throws(
    () => env.client({ proxy: 42 }),
    (e) => e instanceof ConfigurationError && e.field === 'proxy',
  );
  // A proxy nobody listens on: the call fails with a connection error, the password unsaid.
  const net = require('node:net');
  const closed = net.createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const { port } = closed.address();
  await new Promise((r) => closed.close(r));
  const client = env.client({ proxy: `http://u:${PASSWORD}@127.0.0.1:${port}`, maxRetries: 0 });
  await assert.rejects(client.wallet.retrieve(), (e) => {
    assert.ok(e instanceof APIConnectionError, e.name);
    assert.equal(e.message.includes(PASSWORD), false, e.message);
    assert.equal(util.inspect(e).includes(PASSWORD), false);
    return true;
  });
});

test('rootCertificatesPem: a server certified by a private CA is trusted only with it', async () => {
  const trusted = new CryptoTopCard(env.sb.apiKey, { baseUrl: front.url, rootCertificatesPem: front.caPem });
  const asBuffer = new CryptoTopCard(env.sb.apiKey, {
    baseUrl: front.url,
    rootCertificatesPem: [Buffer.from(front.caPem)],
  });
  const untrusted = new CryptoTopCard(env.sb.apiKey, { baseUrl: front.url, maxRetries: 0 });
  try {
    assert.equal((await trusted.wallet.retrieve()).currency, 'USD');
    assert.equal((await asBuffer.wallet.retrieve()).currency, 'USD');
    await assert.rejects(
      untrusted.wallet.retrieve(),
      (e) => e instanceof APIConnectionError && /certificate/i.test(e.message),
    );
  } finally {
    for (const c of [trusted, asBuffer, untrusted]) c.close();
  }
  for (const bad of ['not a certificate', [], [42], 42]) {
    assert.throws(
      () => new CryptoTopCard(env.sb.apiKey, { baseUrl: front.url, rootCertificatesPem: bad }),
      (e) => e instanceof ConfigurationError && e.field === 'rootCertificatesPem',
      JSON.stringify(bad),
    );
  }
});

test('HTTP_PROXY / HTTPS_PROXY from the environment are used; NO_PROXY bypasses them', async () => {
  const key = env.newKey();
  // http:// base URL: HTTP_PROXY.
  let seen = proxy.heads.length;
  let r = await runChild(walletScript({ baseUrl: env.sb.url }), {
    KEY: key,
    HTTP_PROXY: proxy.url(`envuser:${PASSWORD}`),
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, currency: 'USD' });
  assert.equal(proxy.heads.length, seen + 1, 'HTTP_PROXY was used');
  assert.equal(proxy.heads[seen].line, `GET ${env.sb.url}/wallet HTTP/1.1`);
  assert.equal(proxy.heads[seen].headers['proxy-authorization'], basic(`envuser:${PASSWORD}`));

  // https:// base URL: HTTPS_PROXY (a CONNECT tunnel), with the private CA.
  seen = proxy.heads.length;
  r = await runChild(walletScript({ baseUrl: front.url, rootCertificatesPem: front.caPem }), {
    KEY: key,
    HTTPS_PROXY: proxy.url(),
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, currency: 'USD' });
  assert.equal(proxy.heads.length, seen + 1, 'HTTPS_PROXY was used');
  assert.equal(proxy.heads[seen].line, `CONNECT localhost:${front.port} HTTP/1.1`);

  // NO_PROXY naming the host: straight to the sandbox.
  seen = proxy.heads.length;
  r = await runChild(walletScript({ baseUrl: env.sb.url }), {
    KEY: key,
    HTTP_PROXY: proxy.url(),
    NO_PROXY: '127.0.0.1',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, currency: 'USD' });
  assert.equal(proxy.heads.length, seen, 'NO_PROXY bypassed the proxy');
});

test('the proxy option replaces the environment proxy', async () => {
  const seen = proxy.heads.length;
  const r = await runChild(walletScript({ baseUrl: env.sb.url, proxy: proxy.url() }), {
    KEY: env.newKey(),
    // An environment proxy nobody listens on: used, it would fail the call.
    HTTP_PROXY: 'http://127.0.0.1:9',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, currency: 'USD' });
  assert.equal(proxy.heads.length, seen + 1);
});
