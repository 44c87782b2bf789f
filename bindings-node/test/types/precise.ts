// Type-level tests of the public declarations: each @ts-expect-error line must be a type error
// (tsc fails on an unused @ts-expect-error), and the other lines must type-check.
import {
  APIUserAbortError,
  ConfigurationError,
  CryptoTopCard,
  InternalError,
  InternalServerError,
  CryptoTopCardError,
  RateLimitError,
  ValidationError,
  constructEvent,
  verifyWebhook,
  generateTestSignature,
  toCents,
  fromCents,
  type APIResponse,
  type LogFields,
  type LogLevel,
  type Card,
  type CardDetails,
  type CardSummary,
  type Page,
  type WebhookEvent,
  type WithUnknownFields,
} from 'cryptotopcard';
import { Sandbox } from 'cryptotopcard/testing';

export async function checks(): Promise<void> {
  const client = new CryptoTopCard('sk_test_x', { baseUrl: 'http://127.0.0.1:1/v1', timeout: 1000 });
  // @ts-expect-error binId is a string
  await client.cards.create({ binId: 491653, amount: 5 });
  // @ts-expect-error amount is required
  await client.cards.create({ binId: '491653' });
  // @ts-expect-error unknown parameter
  await client.cards.create({ binId: '491653', amount: 5, colour: 'red' });
  // @ts-expect-error perPage is a number
  await client.cards.list({ perPage: '10' });
  // @ts-expect-error unknown client option
  new CryptoTopCard('sk_test_x', { base_url: 'x' });
  // @ts-expect-error unknown request option
  await client.wallet.retrieve({ idempotency_key: 'k' });
  // Unset options are left to the core (null included); maxResponseBytes is a number of bytes.
  new CryptoTopCard({ apiKey: null, baseUrl: null, timeout: null, maxRetries: null, maxResponseBytes: 1 << 20 });
  // @ts-expect-error maxResponseBytes is a number
  new CryptoTopCard('sk_test_x', { maxResponseBytes: '1MB' });

  const card: Card = await client.cards.create({ binId: '491653', amount: 5, metadata: { any_key: 'v' } });
  // @ts-expect-error Card has no PAN
  card.pan;
  // @ts-expect-error a misspelt field stays a type error
  card.balanse;
  // Fields a newer API sends are reachable, typed unknown.
  const future: unknown = (card as WithUnknownFields<Card>).sandboxFutureField;
  const balance: number = (card as WithUnknownFields<Card>).balance;
  const details: CardDetails = await client.cards.details(card.id);
  const pan: string = details.pan;
  const cvv: string = details.cvv;
  const page: Page<CardSummary> = await client.cards.list({ perPage: 10 });
  for await (const c of client.cards.list()) {
    const s: CardSummary = c;
    void s;
  }
  const { data, response }: { data: Card; response: APIResponse } = await client.cards.retrieve(card.id).withResponse();
  const rid: string | null = response.requestId;
  // @ts-expect-error status is a number
  const bad: string = response.status;
  const event: WebhookEvent = constructEvent('{}', 'sig', 'whsec_x');
  if (event.type === 'transaction.declined') {
    const reason = event.data.declineReason;
    void reason;
  }
  try {
    await client.wallet.retrieve();
  } catch (err) {
    if (err instanceof RateLimitError) {
      const wait: number | null = err.retryAfter;
      void wait;
    }
    if (err instanceof ValidationError) {
      const field: string | null = err.field;
      void field;
    }
    if (err instanceof ConfigurationError) {
      const option: string | null = err.field;
      void option;
    }
    if (err instanceof InternalServerError && err.code === 'response_too_large') void err.status;
    if (err instanceof InternalError) {
      const code: string | null = err.code;
      void code;
    }
  }
  // AbortSignal on every call, list calls included.
  const ac = new AbortController();
  await client.cards.retrieve(card.id, { signal: ac.signal });
  await client.cards.create({ binId: '491653', amount: 5 }, { signal: AbortSignal.timeout(1000), idempotencyKey: 'k' });
  for await (const c of client.cards.list({ perPage: 5 }, { signal: ac.signal })) void c;
  // @ts-expect-error signal is an AbortSignal, not a controller
  await client.wallet.retrieve({ signal: ac });
  try {
    await client.cards.create({ binId: '491653', amount: 5 });
  } catch (err) {
    if (err instanceof APIUserAbortError) {
      const name: 'AbortError' = err.name;
      const code: 'ABORT_ERR' = err.code;
      void [name, code, err.cause];
    }
    if (err instanceof CryptoTopCardError && err.idempotencyKey !== null) {
      const key: string = err.idempotencyKey;
      await client.cards.create({ binId: '491653', amount: 5 }, { idempotencyKey: key });
    }
    if (err instanceof CryptoTopCardError) {
      // @ts-expect-error the key may be null (calls other than POST/PATCH/DELETE)
      const key: string = err.idempotencyKey;
      void key;
    }
  }
  // Logging, proxy, CA certificates.
  const logged = new CryptoTopCard('sk_test_x', {
    logger: console,
    logLevel: 'debug',
    proxy: 'http://user:pw@127.0.0.1:3128',
    rootCertificatesPem: [Buffer.from('pem'), 'pem'],
  });
  const level: LogLevel = logged.logLevel;
  new CryptoTopCard('sk_test_x', {
    logger: {
      debug() {},
      info() {},
      warn() {},
      error: (m: string, f: LogFields) => void [m, f.requestId, f.elapsedMs],
    },
  });
  // @ts-expect-error unknown level
  new CryptoTopCard('sk_test_x', { logLevel: 'verbose' });
  // @ts-expect-error a logger needs all four methods
  new CryptoTopCard('sk_test_x', { logger: { info() {} } });
  // withOptions: timeout, retries, headers, response cap only.
  const derived: CryptoTopCard = client.withOptions({ timeout: 5000, maxRetries: 0, defaultHeaders: { 'X-A': 'b' } });
  const cap: number = derived.maxResponseBytes;
  // @ts-expect-error the proxy belongs to the shared pool
  client.withOptions({ proxy: 'http://127.0.0.1:1' });
  // Webhooks: one secret or several (rotation); the test signature helper.
  const sig: string = generateTestSignature('{}', 'whsec_x');
  const ok: boolean = verifyWebhook('{}', sig, ['whsec_new', 'whsec_old']);
  constructEvent('{}', sig, ['whsec_new', 'whsec_old'], 600);
  client.webhooks.generateTestSignature(Buffer.from('{}'), 'whsec_x');
  // @ts-expect-error generateTestSignature signs with one secret
  generateTestSignature('{}', ['whsec_a', 'whsec_b']);
  // Money helpers.
  const cents: number = toCents(19.99);
  const amount: number = fromCents(cents);
  void [level, cap, ok, amount];

  const sb = await Sandbox.start();
  const url: string = sb.url;
  await sb.stop();
  void [pan, cvv, page, data, rid, bad, url, future, balance];
}
