#!/usr/bin/env node
'use strict';
// Node benchmark: the `cryptotopcard` package (Rust core over N-API) against plain `fetch`
// (undici, built into Node 20) + JSON.parse, on the same release sandbox, in one run.
//   node bench/node/bench.js <path to release ctc-sandbox>      (make bench-node)
// Workloads: sequential single-object reads, list-of-100 pages, 64 concurrent readers.
// Also: JSON-string vs JS-object transfer of results across N-API (the package uses the faster).
// BENCH_BEFORE_PKG=<dir>: another copy of the package's JavaScript (e.g. an older revision's
// `bindings-node/{lib,index.js,package.json}` from `git archive`, with `native/` linked to this
// package's) is measured against this one on the same addon, sequential and list-of-100.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const path = require('node:path');
const readline = require('node:readline');

const PKG = path.resolve(__dirname, '..', '..', 'bindings-node');
const { CryptoTopCard } = require(PKG);
const native = require(path.join(PKG, 'lib', 'native'));

const SEQ = Number(process.env.BENCH_SEQ || 1000);
const LISTS = Number(process.env.BENCH_LISTS || 200);
const CONC = 64;
const LIST_CONC = 8;
const CONC_TOTAL = Number(process.env.BENCH_CONC_TOTAL || 3200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const BEFORE_PKG = process.env.BENCH_BEFORE_PKG || null;

function startSandbox(bin) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0', '--details-rate-limit', '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, RUST_LOG: 'error' },
    });
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve({ child, url: m[1] });
      else reject(new Error(`unexpected: ${line}`));
    });
    child.once('error', reject);
  });
}

async function timeIt(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Best of ROUNDS (after one warm-up round) for both sides, as operations per second. The two
 * sides alternate round by round, so a change in the machine's load hits both alike.
 */
async function measurePair(ops, sdkFn, baseFn) {
  const warm = Math.max(10, Math.floor(ops / 10));
  await sdkFn(warm);
  await baseFn(warm);
  let bestSdk = Infinity;
  let bestBase = Infinity;
  for (let i = 0; i < ROUNDS; i += 1) {
    bestSdk = Math.min(bestSdk, await timeIt(() => sdkFn(ops)));
    bestBase = Math.min(bestBase, await timeIt(() => baseFn(ops)));
  }
  return [ops / bestSdk, ops / bestBase];
}

async function concurrent(total, width, one) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      await one();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function main() {
  const bin = process.argv[2];
  if (!bin) throw new Error('usage: bench.js <ctc-sandbox>');
  const { child, url } = await startSandbox(bin);
  try {
    const key = `sk_test_bench_${crypto.randomBytes(8).toString('hex')}`;
    const client = new CryptoTopCard(key, { baseUrl: url, maxRetries: 0 });
    const cards = [];
    for (let i = 0; i < 100; i += 1) {
      cards.push(
        await client.cards.create({
          binId: '531993',
          amount: 1 + i,
          label: `bench ${i}`,
          metadata: { n: String(i) },
        }),
      );
    }
    const cardId = cards[0].id;
    const headers = {
      Authorization: `Bearer ${key}`,
      Accept: 'application/json',
    };
    const fetchJson = async (p) => {
      const res = await fetch(`${url}${p}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      return JSON.parse(text);
    };
    // Sanity: both paths see the same data.
    const viaFetch = await fetchJson('/cards?per_page=100');
    const viaSdk = await client.cards.list({ perPage: 100 });
    if (viaFetch.data.length !== 100 || viaSdk.data.length !== 100) throw new Error('list of 100 not served');

    const rows = [];
    const row = async (name, ops, sdkFn, fetchFn) => {
      const [sdk, base] = await measurePair(ops, sdkFn, fetchFn);
      rows.push({ name, sdk, base, ratio: sdk / base });
    };

    await row(
      'sequential GET /cards/{id}',
      SEQ,
      async (n) => {
        for (let i = 0; i < n; i += 1) await client.cards.retrieve(cardId);
      },
      async (n) => {
        for (let i = 0; i < n; i += 1) await fetchJson(`/cards/${cardId}`);
      },
    );
    await row(
      'list of 100 (GET /cards?per_page=100)',
      LISTS,
      async (n) => {
        for (let i = 0; i < n; i += 1) await client.cards.list({ perPage: 100 });
      },
      async (n) => {
        for (let i = 0; i < n; i += 1) await fetchJson('/cards?per_page=100');
      },
    );
    await row(
      `list of 100, ${LIST_CONC} concurrent`,
      LISTS,
      (n) => concurrent(n, LIST_CONC, () => client.cards.list({ perPage: 100 })),
      (n) => concurrent(n, LIST_CONC, () => fetchJson('/cards?per_page=100')),
    );
    // This package against an earlier copy of its JavaScript, same addon, same sandbox.
    const versus = [];
    if (BEFORE_PKG) {
      const before = new (require(path.resolve(BEFORE_PKG)).CryptoTopCard)(key, { baseUrl: url, maxRetries: 0 });
      const pair = async (name, ops, afterFn, beforeFn) => {
        const [after, prev] = await measurePair(ops, afterFn, beforeFn);
        versus.push({ name, after, before: prev, ratio: after / prev });
      };
      await pair(
        'sequential GET /cards/{id}',
        SEQ,
        async (n) => {
          for (let i = 0; i < n; i += 1) await client.cards.retrieve(cardId);
        },
        async (n) => {
          for (let i = 0; i < n; i += 1) await before.cards.retrieve(cardId);
        },
      );
      await pair(
        'list of 100 (GET /cards?per_page=100)',
        LISTS,
        async (n) => {
          for (let i = 0; i < n; i += 1) await client.cards.list({ perPage: 100 });
        },
        async (n) => {
          for (let i = 0; i < n; i += 1) await before.cards.list({ perPage: 100 });
        },
      );
      before.close();
    }
    await row(
      `${CONC} concurrent GET /cards/{id}`,
      CONC_TOTAL,
      (n) => concurrent(n, CONC, () => client.cards.retrieve(cardId)),
      (n) => concurrent(n, CONC, () => fetchJson(`/cards/${cardId}`)),
    );

    // N-API transfer of a list-of-100 result, isolated from the network: the same recorded body
    // is parsed in Rust, then crosses as one JSON string (JS runs JSON.parse) or as a JS object
    // built through napi (serde). The package's call path uses the faster, the string.
    const body = JSON.stringify(viaFetch);
    const TRANSFERS = Number(process.env.BENCH_TRANSFERS || 2000);
    const [asString, asObject] = await measurePair(
      TRANSFERS,
      async (n) => {
        for (let i = 0; i < n; i += 1) JSON.parse(native.transferAsString(body));
      },
      async (n) => {
        for (let i = 0; i < n; i += 1) native.transferAsObject(body);
      },
    );
    client.close();

    const f = (x) => x.toFixed(0).padStart(8);
    console.log(`Node ${process.version}; sandbox ${url}; best of ${ROUNDS} alternating rounds after a warm-up; ops/s`);
    console.log(`${'workload'.padEnd(40)} ${'cryptotopcard'.padStart(13)} ${'fetch+JSON'.padStart(10)}  ratio`);
    for (const r of rows)
      console.log(`${r.name.padEnd(40)} ${f(r.sdk).padStart(13)} ${f(r.base).padStart(10)}  ${r.ratio.toFixed(2)}x`);
    console.log('');
    console.log(`N-API transfer of a list-of-100 result (${body.length} bytes JSON, no network, no models):`);
    console.log(`  JSON string + JSON.parse : ${f(asString)} ops/s`);
    console.log(`  JS object via napi serde : ${f(asObject)} ops/s`);
    console.log(
      `  string / object          : ${(asString / asObject).toFixed(2)}x (${asString >= asObject ? 'string is faster: the package uses it' : 'object is faster: switch lib/client.js to callObject'})`,
    );
    if (versus.length) {
      console.log('');
      console.log(`this package vs ${BEFORE_PKG} (same addon and sandbox; ops/s)`);
      console.log(`${'workload'.padEnd(40)} ${'after'.padStart(13)} ${'before'.padStart(10)}  ratio`);
      for (const r of versus)
        console.log(
          `${r.name.padEnd(40)} ${f(r.after).padStart(13)} ${f(r.before).padStart(10)}  ${r.ratio.toFixed(2)}x`,
        );
    }
    const missed = rows.filter((r) => r.ratio < 1.3).map((r) => r.name);
    console.log(
      `target >= 1.3x fetch: ${missed.length ? `NOT met on: ${missed.join('; ')}` : 'met on every workload'}`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
