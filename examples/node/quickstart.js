// The Node example published in the API reference, run as written inside an async function.
// The key and base URL come from the environment (CRYPTOTOPCARD_API_KEY, CRYPTOTOPCARD_BASE_URL):
// `make demo-node` points them at a local sandbox with a fresh sk_test_ key.
async function main() {
  const { CryptoTopCard } = require('cryptotopcard');
  const client = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY);

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
  });

  console.log(`card ${card.id} (${card.network} ****${card.last4}) balance ${card.balance}`);
  console.log(`pending 3DS challenges: ${challenges.data.length}`);
  client.close();
}

main().catch((err) => {
  console.error(`${err.name}: ${err.message}`);
  process.exit(1);
});
