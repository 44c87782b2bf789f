// Cancelling calls with an AbortSignal, and retrying a failed create with the idempotency key
// from its error. Runs against the sandbox (`make demo-node`): the X-Sandbox-Fault header makes
// the sandbox answer slowly, or commit a create and then drop the connection.
const { CryptoTopCard, APIConnectionError, APIUserAbortError } = require('cryptotopcard');

async function main() {
  const client = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY);
  const slow = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY, {
    defaultHeaders: { 'X-Sandbox-Fault': 'delay_ms=5000' },
  });

  // 1. Give up on a slow call after 200 ms: the promise rejects at once, the request is dropped.
  const started = Date.now();
  try {
    await slow.wallet.retrieve({ signal: AbortSignal.timeout(200) });
  } catch (err) {
    if (err.name !== 'AbortError') throw err; // err instanceof APIUserAbortError
    console.log(`wallet call aborted after ${Date.now() - started} ms (${err.cause.name})`);
  }

  // 2. A create whose answer is lost (committed, then the connection dropped), not retried by the
  //    SDK (maxRetries 0): the error carries the key, and retrying with it cannot create twice.
  const flaky = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY, {
    maxRetries: 0,
    defaultHeaders: { 'X-Sandbox-Fault': 'drop_after_commit' },
  });
  const params = { binId: '491653', amount: 25, label: 'Retried once' };
  let card;
  try {
    card = await flaky.cards.create(params);
  } catch (err) {
    if (!(err instanceof APIConnectionError || err instanceof APIUserAbortError)) throw err;
    console.log(`create failed (${err.name}); retrying with idempotency key ${err.idempotencyKey}`);
    const { data, response } = await client.cards.create(params, { idempotencyKey: err.idempotencyKey }).withResponse();
    card = data;
    console.log(`retry replayed the committed create: ${response.replayed}`);
  }
  const cards = await client.cards.list({ label: 'Retried once' });
  console.log(`card ${card.id}; cards with that label: ${cards.data.length}`);

  for (const c of [client, slow, flaky]) c.close();
}

main().catch((err) => {
  console.error(`${err.name}: ${err.message}`);
  process.exit(1);
});
