'use strict';
// One soak client (Node SDK): the same random create/fund/withdraw/terminate walk as worker.py.
// Each logical operation has its own idempotency key; a call that still fails after the SDK's
// retries (a typed, retryable error) is re-issued with the same key. Prints one JSON line.
const path = require('node:path');
const crypto = require('node:crypto');
const ctc = require(path.resolve(__dirname, '../../bindings-node'));

const RETRYABLE = [ctc.APIConnectionError, ctc.InternalServerError, ctc.RateLimitError];

// Small deterministic PRNG (mulberry32) so a run can be replayed from its seed.
function rngFrom(seedText) {
  let a = crypto.createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  const worker = process.env.SOAK_WORKER;
  const ops = Number(process.env.SOAK_OPS || '100');
  const rnd = rngFrom(process.env.SOAK_SEED || worker);
  const randint = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  // The Node SDK's timeout is in milliseconds (the Python SDK's in seconds): 10 s per attempt.
  const client = new ctc.CryptoTopCard(undefined, { maxRetries: 2, timeout: 10_000 });
  const out = {
    worker, lang: 'node', timeout_s: client.timeout / 1000, operations: 0, sdk_retries: 0,
    reissued: 0, typed_errors: {}, untyped_errors: [], unexpected: [], wallet_delta_cents: 0,
    cards: {},
  };
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function call(fn) {
    const idempotencyKey = crypto.randomUUID();
    for (let i = 0; i < 40; i++) {
      try {
        const { data, response } = await fn({ idempotencyKey }).withResponse();
        out.sdk_retries += response.retries;
        return data;
      } catch (e) {
        if (RETRYABLE.some((cls) => e instanceof cls)) {
          out.typed_errors[e.name] = (out.typed_errors[e.name] || 0) + 1;
          out.reissued += 1;
          await sleep(50);
          continue;
        }
        if (!(e instanceof ctc.CryptoTopCardError)) out.untyped_errors.push(`${e && e.name}: ${e && e.message}`);
        throw e;
      }
    }
    throw new Error('operation did not succeed after 40 re-issues');
  }

  const live = [];
  for (let i = 0; i < ops; i++) {
    out.operations += 1;
    const r = rnd();
    try {
      if (live.length === 0 || r < 0.3) {
        const label = `soak-${worker}-${i}`;
        const cents = randint(100, 2000);
        const binId = rnd() < 0.5 ? '491653' : '531993';
        const card = await call((o) => client.cards.create({ binId, amount: cents / 100, label }, o));
        out.cards[label] = { id: card.id, balance_cents: cents, terminated: false };
        out.wallet_delta_cents -= cents;
        if (Math.round(card.balance * 100) !== cents) out.unexpected.push(`create ${label}: balance ${card.balance}`);
        live.push(label);
      } else if (r < 0.6) {
        const label = live[Math.floor(rnd() * live.length)];
        const c = out.cards[label];
        const cents = randint(100, 1500);
        const res = await call((o) => client.cards.fund(c.id, { amount: cents / 100 }, o));
        c.balance_cents += cents;
        out.wallet_delta_cents -= cents;
        if (Math.round(res.newBalance * 100) !== c.balance_cents) out.unexpected.push(`fund ${label}: ${res.newBalance}`);
      } else if (r < 0.88) {
        const label = live[Math.floor(rnd() * live.length)];
        const c = out.cards[label];
        if (c.balance_cents < 1) continue;
        const cents = randint(1, c.balance_cents);
        const res = await call((o) => client.cards.withdraw(c.id, { amount: cents / 100 }, o));
        c.balance_cents -= cents;
        out.wallet_delta_cents += cents;
        if (Math.round(res.newBalance * 100) !== c.balance_cents) out.unexpected.push(`withdraw ${label}: ${res.newBalance}`);
      } else {
        const label = live.splice(Math.floor(rnd() * live.length), 1)[0];
        const c = out.cards[label];
        const res = await call((o) => client.cards.terminate(c.id, o));
        const refunded = Math.round(res.refundedAmount * 100);
        if (refunded !== c.balance_cents) out.unexpected.push(`terminate ${label}: refunded ${refunded} != ${c.balance_cents}`);
        out.wallet_delta_cents += refunded;
        c.balance_cents = 0;
        c.terminated = true;
      }
    } catch (e) {
      out.unexpected.push(`op ${i}: ${e && e.name}: ${e && e.message}`);
    }
  }
  client.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`worker crashed: ${e && e.stack}\n`);
  process.exit(1);
});
