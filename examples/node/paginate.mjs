// ESM: issue a few cards, then walk every page with `for await`, and handle typed errors.
import { CryptoTopCard, InsufficientFundsError, NotFoundError } from 'cryptotopcard';

const client = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY);

for (let i = 0; i < 5; i += 1) {
  await client.cards.create({
    binId: '531993',
    amount: 10,
    label: `Team card ${i}`,
    metadata: { team_id: `t-${i}` },
  });
}

let seen = 0;
for await (const card of client.cards.list({
  perPage: 2,
  label: 'Team card',
})) {
  seen += 1;
  console.log(`${card.id} ${card.label} ${card.status} ${card.balance}`);
}
console.log(`listed ${seen} cards across pages of 2`);

try {
  await client.cards.retrieve('card_does_not_exist');
} catch (err) {
  if (!(err instanceof NotFoundError)) throw err;
  console.log(`not found as expected (${err.status} ${err.error}, request ${err.requestId})`);
}

try {
  await client.cards.create({ binId: '491653', amount: 5000 });
  await client.cards.create({ binId: '491653', amount: 5000 });
} catch (err) {
  if (!(err instanceof InsufficientFundsError)) throw err;
  console.log(`insufficient funds as expected: ${err.message}`);
}
client.close();
