'use strict';
// Shared test set-up: the real sandbox (in-process, real HTTP on 127.0.0.1, free port) and a
// few raw HTTP helpers for reading the sandbox's admin endpoints directly (not through the SDK).
const { Sandbox, newTestKey } = require('../testing');
const { CryptoTopCard } = require('..');

/** Starts a sandbox for a test file; returns { sb, client(opts), key, stop }. */
async function startSandbox() {
  const sb = await Sandbox.start();
  const clients = [];
  const client = (opts = {}) => {
    const c = new CryptoTopCard(opts.apiKey ?? sb.apiKey, { baseUrl: sb.url, ...opts, apiKey: undefined });
    clients.push(c);
    return c;
  };
  const stop = async () => {
    for (const c of clients) c.close();
    await sb.stop();
  };
  return { sb, client, stop, newKey: newTestKey };
}

/** GET an endpoint of the sandbox with a key, bypassing the SDK. */
async function rawGet(sb, key, path) {
  const res = await fetch(`${sb.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** The sandbox's server counters (GET /v1/sandbox/stats). */
async function stats(sb, key) {
  const r = await rawGet(sb, key, '/sandbox/stats');
  if (r.status !== 200) throw new Error(`stats: HTTP ${r.status}`);
  return r.body;
}

/** Requests the sandbox has served so far (from its stats). */
function requestCount(s) {
  for (const k of ['requests', 'requests_total', 'requests_served', 'total_requests']) {
    if (typeof s[k] === 'number') return s[k];
  }
  throw new Error(`no request counter in sandbox stats: ${JSON.stringify(Object.keys(s))}`);
}

/** Polls `fn` until it returns a truthy value (bounded: `tries` x `ms`). */
async function eventually(fn, { tries = 400, ms = 50 } = {}) {
  for (let i = 0; i < tries; i += 1) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, ms));
  }
  throw new Error('condition not met in time');
}

/**
 * A TCP server that accepts connections, reads what is sent and never answers. Each connection
 * is recorded as { data, openedAt, closedAt } (performance.now() times; closedAt null while open).
 */
async function startSilentServer() {
  const net = require('node:net');
  const connections = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    const conn = { data: '', openedAt: performance.now(), closedAt: null };
    connections.push(conn);
    sockets.add(socket);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      conn.data += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      conn.closedAt = performance.now();
      sockets.delete(socket);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1`,
    connections,
    /** Header `name` (lowercase) of the first request seen on connection `i`, else null. */
    header(i, name) {
      const head = (connections[i]?.data ?? '').split('\r\n\r\n')[0];
      for (const line of head.split('\r\n').slice(1)) {
        const at = line.indexOf(':');
        if (at > 0 && line.slice(0, at).trim().toLowerCase() === name) return line.slice(at + 1).trim();
      }
      return null;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

module.exports = { startSandbox, rawGet, stats, requestCount, eventually, startSilentServer };
