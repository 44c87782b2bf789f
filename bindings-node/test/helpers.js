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

/**
 * Splits a request head into its first line and lowercased headers.
 * @param {string} head
 */
function parseHead(head) {
  const [line, ...rest] = head.split('\r\n');
  const headers = {};
  for (const h of rest) {
    const at = h.indexOf(':');
    if (at > 0) headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
  }
  return { line, headers };
}

/**
 * A real forwarding HTTP proxy on 127.0.0.1: for each connection it reads the first request head,
 * records it ({ line, headers }), then either tunnels (CONNECT host:port, for https:// targets) or
 * opens a connection to the absolute-form target's host:port, replays the head and splices the
 * two sockets (the sandbox accepts absolute-form request targets). Later requests on a kept-alive
 * connection pass through unrecorded; `connections` counts client connections.
 */
async function startForwardProxy() {
  const net = require('node:net');
  const heads = [];
  const sockets = new Set();
  let connections = 0;
  const server = net.createServer((client) => {
    connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let buffered = Buffer.alloc(0);
    const onData = (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      client.pause();
      const head = parseHead(buffered.subarray(0, end).toString('latin1'));
      heads.push(head);
      const [method, target] = head.line.split(' ');
      let host;
      let port;
      if (method === 'CONNECT') {
        [host, port] = target.split(':');
      } else {
        try {
          const u = new URL(target);
          host = u.hostname;
          port = u.port || '80';
        } catch {
          client.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
          return;
        }
      }
      const upstream = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
        if (method === 'CONNECT') {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          const rest = buffered.subarray(end + 4);
          if (rest.length) upstream.write(rest);
        } else {
          upstream.write(buffered);
        }
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    /** The proxy's URL, with `user:password@` when given. */
    url(userinfo = '') {
      return `http://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${port}`;
    },
    heads,
    get connections() {
      return connections;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A TLS front for the sandbox: https://localhost:PORT, certificate issued by the test CA in
 * test/fixtures (test-only key material, valid until 2125), decrypted bytes spliced to the
 * sandbox's plain-HTTP port. Returns { url (the https base URL), caPem, close() }.
 */
async function startTlsFront(sandboxUrl) {
  const fs = require('node:fs');
  const net = require('node:net');
  const path = require('node:path');
  const tls = require('node:tls');
  const fixtures = path.join(__dirname, 'fixtures');
  const target = new URL(sandboxUrl);
  const sockets = new Set();
  const server = tls.createServer(
    {
      key: fs.readFileSync(path.join(fixtures, 'test-server-key.pem')),
      cert: fs.readFileSync(path.join(fixtures, 'test-server.pem')),
    },
    (socket) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [socket, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {
          socket.destroy();
          upstream.destroy();
        });
      }
      socket.pipe(upstream);
      upstream.pipe(socket);
    },
  );
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `https://localhost:${port}${target.pathname}`,
    port,
    caPem: fs.readFileSync(path.join(fixtures, 'test-ca.pem'), 'utf8'),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

module.exports = {
  startSandbox,
  rawGet,
  stats,
  requestCount,
  eventually,
  startSilentServer,
  startForwardProxy,
  startTlsFront,
};
