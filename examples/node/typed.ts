// TypeScript: typed params and models, response metadata, idempotency, webhook verification.
// `tsc --strict` checks this file (make test-node); `make demo-node` compiles and runs it.
import { createHmac } from 'node:crypto';
import {
  CryptoTopCard,
  CryptoTopCardError,
  ValidationError,
  constructEvent,
  verifyWebhook,
  type Card,
  type CardCreateParams,
  type CardDetails,
  type WebhookEvent,
} from 'cryptotopcard';

async function main(): Promise<void> {
  const client = new CryptoTopCard(process.env.CRYPTOTOPCARD_API_KEY, {
    timeout: 30_000,
    maxRetries: 3,
  });

  const params: CardCreateParams = {
    binId: '491653',
    amount: 250,
    label: 'Typed example',
    allowedCategories: ['advertising', 'software'],
    metadata: { campaign_id: 'spring_2026' },
  };
  const { data: card, response } = await client.cards
    .create(params, { idempotencyKey: `typed-example-${Date.now()}` })
    .withResponse();
  const created: Card = card;
  console.log(`created ${created.id} status=${response.status} request=${response.requestId}`);
  console.log(`metadata keys kept as given: ${Object.keys(created.metadata ?? {}).join(',')}`);

  const details: CardDetails = await client.cards.details(created.id);
  console.log(`details: exp ${details.expMonth}/${details.expYear}, PAN ends ${details.pan.slice(-4)}`);

  const funded = await client.cards.fund(created.id, { amount: 100 });
  console.log(`funded: ${funded.previousBalance} -> ${funded.newBalance}, wallet ${funded.walletBalance}`);

  try {
    await client.cards.create({ binId: '491653', amount: 10.001 });
  } catch (err) {
    if (err instanceof ValidationError) console.log(`rejected before sending: field=${err.field}`);
    else throw err;
  }

  // Webhook verification, as a receiving server would do it.
  const secret = 'whsec_example_secret_for_the_typed_demo_0123';
  const body = JSON.stringify({
    id: 'evt_demo',
    type: 'card.frozen',
    created_at: new Date().toISOString(),
    data: { id: created.id, status: 'frozen' },
  });
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  console.log(`signature verifies: ${verifyWebhook(body, signature, secret)}`);
  const event: WebhookEvent = constructEvent(Buffer.from(body), signature, secret);
  if (event.type === 'card.frozen') console.log(`event ${event.id}: card ${event.data.id} is ${event.data.status}`);

  const terminated = await client.cards.terminate(created.id);
  console.log(`terminated; refunded ${terminated.refundedAmount}`);
  client.close();
}

main().catch((err: unknown) => {
  if (err instanceof CryptoTopCardError) console.error(`${err.name}: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
