// Client configuration beyond the key: a logger, a copy of the client with other settings
// (sharing its connections), exact money arithmetic in cents, and a webhook handler tested with
// a signature made by the SDK. Runs against the sandbox (`make demo-node`).
const { CryptoTopCard, toCents, fromCents, generateTestSignature, constructEvent } = require('cryptotopcard');

async function main() {
  // Log responses and retries through any logger with debug/info/warn/error (console here).
  // CRYPTOTOPCARD_LOG=debug does the same with console, without code.
  const client = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY, { logger: console, logLevel: 'info' });

  // A copy for patient calls: other timeout and retries, same connection pool and logger.
  const patient = client.withOptions({ timeout: 120000, maxRetries: 5 });
  const wallet = await patient.wallet.retrieve();

  // Money in cents: 0.1 + 0.2 is not 0.3 in floating point, 10 + 20 cents is 30 cents.
  const amount = fromCents(toCents(10.1) + toCents(10.2));
  const card = await client.cards.create({ binId: '491653', amount, label: 'Config demo' });
  const left = fromCents(toCents(wallet.balance) - toCents(card.balance));
  console.log(`card ${card.id} funded with ${card.balance}; the wallet had ${wallet.balance}, now ~${left}`);

  // Testing a webhook handler: sign a payload as the API would, then verify it as the handler does.
  const secret = 'whsec_example_secret_0123456789abcdef';
  const body = JSON.stringify({
    id: 'evt_demo',
    type: 'card.created',
    created_at: new Date().toISOString(),
    data: { id: card.id },
  });
  const event = constructEvent(body, generateTestSignature(body, secret), [secret, 'whsec_previous_secret']);
  console.log(`verified ${event.type} ${event.id} (de-duplicate deliveries by this id)`);
  client.close();
  patient.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
