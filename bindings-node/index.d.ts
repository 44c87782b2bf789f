/// <reference types="node" />
// Public TypeScript declarations of the `cryptotopcard` package.
// Models and params interfaces are generated from spec/openapi.yaml into ./models.d.ts.
import type {
  Page,
  Card,
  CardSummary,
  CardDetails,
  FreezeResult,
  TerminateResult,
  FundResult,
  WithdrawResult,
  Transaction,
  Wallet,
  WalletAddresses,
  Deposit,
  Bin,
  ThreeDSChallenge,
  Webhook,
  WebhookWithSecret,
  CardCreateParams,
  CardUpdateParams,
  CardFundParams,
  CardWithdrawParams,
  CardsListParams,
  TransactionsListParams,
  WalletAddressesParams,
  WalletDepositsParams,
  ThreedsListParams,
  WebhookCreateParams,
  SandboxDepositParams,
  SandboxAuthorizeParams,
  SandboxRefundParams,
  SandboxChallengeParams,
  WebhookEvent,
} from './models';

export * from './models';

export declare const VERSION: string;

/**
 * Client configuration. An option left out (or null) is left to the core, which applies its
 * default or environment fallback; the client's getters show the resolved values.
 */
export interface ClientOptions {
  /** API key (`sk_live_…` or `sk_test_…`); when unset the core reads CRYPTOTOPCARD_API_KEY. */
  apiKey?: string | null;
  /**
   * Base URL; when unset the core reads CRYPTOTOPCARD_BASE_URL, else uses the production URL.
   * HTTPS only (plain HTTP to loopback is allowed, for the sandbox).
   */
  baseUrl?: string | null;
  /** Timeout of one request attempt in milliseconds (unset: the core's default, 60 s). */
  timeout?: number | null;
  /** Retries of a retryable failure (connection error, 408, 409 key in use, 429, 5xx; unset: the core's default, 2). */
  maxRetries?: number | null;
  /** Headers sent with every request (e.g. `X-Sandbox-Fault` against the sandbox in tests). */
  defaultHeaders?: Record<string, string> | null;
  /**
   * Largest response body accepted, in bytes (a whole number; unset: the core's default, 10 MiB).
   * A larger answer fails with {@link InternalServerError} whose `code` is `'response_too_large'`,
   * before it is read into memory. 0 is refused (ConfigurationError).
   */
  maxResponseBytes?: number | null;
  /**
   * Sends every request through this proxy: `http://`, `https://` or `socks5://` URL, credentials
   * as `http://user:password@host:port` (sent as Proxy-Authorization). Replaces the environment's
   * `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`, which apply when this is unset. Never printed: not
   * by `util.inspect`, `JSON.stringify` or any error message.
   */
  proxy?: string | null;
  /**
   * Extra certificate authorities to trust for HTTPS (PEM text: a string or Buffer, a bundle, or an
   * array), e.g. a corporate TLS-inspecting proxy's. The operating system's store stays trusted.
   */
  rootCertificatesPem?: string | Uint8Array | ReadonlyArray<string | Uint8Array> | null;
  /**
   * Receives the SDK's log records (default: `console`): `logger.debug('cryptotopcard: request',
   * { method, path, attempt })`, `.info('cryptotopcard: response', { method, path, status,
   * requestId, attempt, elapsedMs })`, `.info('cryptotopcard: retrying', { ..., delayMs })`.
   * Records never hold the API key, a PAN, CVV, OTP or webhook secret. Delivered on the event
   * loop without blocking it; a logger never keeps the process alive.
   */
  logger?: Logger | null;
  /**
   * `'debug'` (every attempt), `'info'` (responses and retries), `'warn'`, `'error'` or `'off'`.
   * Unset: the `CRYPTOTOPCARD_LOG` environment variable (read by the core), else `'off'`.
   */
  logLevel?: LogLevel | null;
}

/** The settings `client.withOptions()` may change; the rest (and the connection pool) is shared. */
export interface WithOptions {
  /** Timeout of one request attempt in milliseconds. */
  timeout?: number | null;
  /** Retries of a retryable failure. */
  maxRetries?: number | null;
  /** Headers added to the original client's. */
  defaultHeaders?: Record<string, string> | null;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number | null;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** The fields of one log record (present when they apply). */
export interface LogFields {
  method?: string;
  path?: string;
  status?: number;
  /** The API's request id (X-Request-Id). */
  requestId?: string;
  /** 0 for the first attempt, 1 for the first retry, ... */
  attempt?: number;
  elapsedMs?: number;
  /** The wait before the next attempt. */
  delayMs?: number;
  /** The kind of failure being retried (`connection`, `timeout`). */
  error?: string;
}

/** What the `logger` option takes: `console`, pino, winston and the like all fit. */
export interface Logger {
  debug(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}

/** Options of one call. */
export interface RequestOptions {
  /**
   * X-Idempotency-Key for POST/PATCH/DELETE; the SDK generates one when absent, and reuses it across retries.
   * Every error of such a call carries the key it was sent with (`err.idempotencyKey`).
   */
  idempotencyKey?: string;
  /** Timeout of this call in milliseconds. */
  timeout?: number;
  /** Retries of this call. */
  maxRetries?: number;
  /**
   * Aborts the call: its promise rejects at once with {@link APIUserAbortError} (`name === 'AbortError'`,
   * `cause` = `signal.reason`) and the request is dropped (its connection closed). An already-aborted
   * signal rejects at once and sends nothing. On a list call it also covers the following pages and
   * `for await` iteration. `AbortSignal.timeout(ms)` works too (cause: its TimeoutError).
   */
  signal?: AbortSignal;
}

/** Response metadata of one call. */
export interface APIResponse {
  readonly status: number;
  /** Response headers, lowercased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string | null;
  /** The X-Idempotency-Key that was sent, if any. */
  readonly idempotencyKey: string | null;
  /** True when the API replayed a stored response (Idempotent-Replayed: true). */
  readonly replayed: boolean;
  /** How many retries the call took. */
  readonly retries: number;
}

/** A Promise of a result that also gives the response metadata. */
export declare class APIPromise<T> extends Promise<T> {
  /** The response metadata (status, headers, requestId, ...). */
  asResponse(): Promise<APIResponse>;
  /** The parsed result and the response metadata. */
  withResponse(): Promise<{ data: T; response: APIResponse }>;
}

/** The Promise of a page; also `for await`-iterable over every item of every page. */
export declare class PagePromise<Item> extends APIPromise<Page<Item>> implements AsyncIterable<Item> {
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
}

export interface Cards {
  create(params: CardCreateParams, options?: RequestOptions): APIPromise<Card>;
  list(params?: CardsListParams, options?: RequestOptions): PagePromise<CardSummary>;
  retrieve(cardId: string, options?: RequestOptions): APIPromise<Card>;
  /** PAN, CVV and expiry (PCI-sensitive; 30 requests per minute). */
  details(cardId: string, options?: RequestOptions): APIPromise<CardDetails>;
  update(cardId: string, params: CardUpdateParams, options?: RequestOptions): APIPromise<Card>;
  freeze(cardId: string, options?: RequestOptions): APIPromise<FreezeResult>;
  unfreeze(cardId: string, options?: RequestOptions): APIPromise<Card>;
  terminate(cardId: string, options?: RequestOptions): APIPromise<TerminateResult>;
  fund(cardId: string, params: CardFundParams, options?: RequestOptions): APIPromise<FundResult>;
  withdraw(cardId: string, params: CardWithdrawParams, options?: RequestOptions): APIPromise<WithdrawResult>;
}

export interface Transactions {
  list(params?: TransactionsListParams, options?: RequestOptions): PagePromise<Transaction>;
  retrieve(transactionId: string, options?: RequestOptions): APIPromise<Transaction>;
}

export interface WalletResource {
  retrieve(options?: RequestOptions): APIPromise<Wallet>;
  addresses(params?: WalletAddressesParams, options?: RequestOptions): APIPromise<WalletAddresses>;
  deposits(params?: WalletDepositsParams, options?: RequestOptions): PagePromise<Deposit>;
}

export interface Bins {
  list(params?: Record<string, never>, options?: RequestOptions): PagePromise<Bin>;
}

export interface ThreeDSResource {
  list(params?: ThreedsListParams, options?: RequestOptions): PagePromise<ThreeDSChallenge>;
  retrieve(challengeId: string, options?: RequestOptions): APIPromise<ThreeDSChallenge>;
}

export interface Webhooks {
  /** The answer holds the signing secret (`secret`, hidden from inspect/JSON). */
  create(params: WebhookCreateParams, options?: RequestOptions): APIPromise<WebhookWithSecret>;
  list(params?: Record<string, never>, options?: RequestOptions): PagePromise<Webhook>;
  /** Resolves with null (204 No Content). */
  delete(webhookId: string, options?: RequestOptions): APIPromise<null>;
  /** {@link verifyWebhook}. */
  verify(payload: Buffer | Uint8Array | string, signature: string | null | undefined, secret: WebhookSecret): boolean;
  /** {@link constructEvent}. */
  constructEvent(
    payload: Buffer | Uint8Array | string,
    signature: string | null | undefined,
    secret: WebhookSecret,
    tolerance?: number,
  ): WebhookEvent;
  /** {@link generateTestSignature}. */
  generateTestSignature(payload: Buffer | Uint8Array | string, secret: string): string;
}

/** Sandbox-only simulators (sk_test_ keys). */
export interface SandboxResource {
  deposit(params: SandboxDepositParams, options?: RequestOptions): APIPromise<Deposit>;
  confirmDeposit(depositId: string, options?: RequestOptions): APIPromise<Deposit>;
  authorize(params: SandboxAuthorizeParams, options?: RequestOptions): APIPromise<Transaction>;
  settle(transactionId: string, options?: RequestOptions): APIPromise<Transaction>;
  refund(transactionId: string, params?: SandboxRefundParams, options?: RequestOptions): APIPromise<Transaction>;
  challenge(params: SandboxChallengeParams, options?: RequestOptions): APIPromise<ThreeDSChallenge>;
}

/**
 * The CryptoTopCard client. Its util.inspect and JSON never show the API key.
 *
 * Calls and the process lifetime: a call in flight keeps Node's event loop alive, as `fetch()`
 * does, until it settles (its result, its error, or its timeout with retries). Aborting its
 * `signal` or calling `close()` settles it at once and drops the request, so it no longer keeps
 * the process alive. A call settles exactly once: nothing is delivered after an abort or close.
 * `process.exit()` with calls in flight exits at once with the requested status (their results
 * are dropped).
 */
export declare class CryptoTopCard {
  constructor(apiKey?: string | null, options?: Omit<ClientOptions, 'apiKey'>);
  constructor(options: ClientOptions);
  readonly cards: Cards;
  readonly transactions: Transactions;
  readonly wallet: WalletResource;
  readonly bins: Bins;
  readonly threeds: ThreeDSResource;
  readonly webhooks: Webhooks;
  readonly sandbox: SandboxResource;
  /** The base URL requests go to, as the core resolved it (option, environment, default). */
  readonly baseUrl: string;
  /** Timeout of one request attempt in milliseconds, as the core resolved it. */
  readonly timeout: number;
  /** Retries of a retryable failure, as the core resolved it. */
  readonly maxRetries: number;
  /** Largest response body accepted, in bytes, as the core resolved it. */
  readonly maxResponseBytes: number;
  /** The level this client logs at (`'off'` when it does not log). */
  readonly logLevel: LogLevel;
  /**
   * A copy of this client with some settings changed (`defaultHeaders` are added to this
   * client's), sharing its connection pool, proxy, TLS settings and logger: cheap, no new
   * connections. Closing one does not close the other.
   */
  withOptions(options: WithOptions): CryptoTopCard;
  /**
   * Releases the connection pool. Calls in flight reject at once with APIConnectionError (their requests
   * are dropped); later calls fail with APIConnectionError.
   */
  close(): void;
  toJSON(): { baseUrl: string; timeout: number; maxRetries: number; apiKey: '[REDACTED]' };
}
export default CryptoTopCard;

// Error classes: one per row of the core's table (`cryptotopcard::ERROR_CLASSES`), same names and
// parents in every SDK; a test checks this tree against the table.

/** Base of every error this SDK raises. */
export declare class CryptoTopCardError extends Error {
  /** HTTP status when the error came from a response. */
  readonly status: number | null;
  /**
   * The API's error code (`'insufficient_funds'`, `'not_found'`, `'response_too_large'`, ...), as
   * napi errors carry `code`; null when there is none. `'ABORT_ERR'` on {@link APIUserAbortError}.
   */
  readonly code: string | null;
  /** The API's error code, as `code` (the name the other SDKs use). */
  readonly error: string | null;
  readonly requestId: string | null;
  /**
   * The X-Idempotency-Key of a POST/PATCH/DELETE call (yours or the generated one), whether or not the
   * request reached the server; null for other calls. Retry with `{ idempotencyKey: err.idempotencyKey }`:
   * the operation cannot be applied twice.
   */
  readonly idempotencyKey: string | null;
}
/** The API answered with an error status. */
export declare class APIError extends CryptoTopCardError {
  /** The parameter the API names (400 invalid_request), camelCase. */
  readonly param: string | null;
  /** The error body as the API sent it. */
  readonly body: unknown;
}
/** HTTP 400 and other 4xx without a class of their own. */
export declare class BadRequestError extends APIError {}
/** HTTP 400 `insufficient_funds`: the wallet balance is too low. */
export declare class InsufficientFundsError extends BadRequestError {}
/** HTTP 401: the API key was refused. */
export declare class AuthenticationError extends APIError {}
/** HTTP 403. */
export declare class PermissionDeniedError extends APIError {}
/** HTTP 404. */
export declare class NotFoundError extends APIError {}
/** HTTP 409: the object's state forbids the call, or an idempotency key conflict. */
export declare class ConflictError extends APIError {}
/** HTTP 429. */
export declare class RateLimitError extends APIError {
  /** Seconds to wait (Retry-After). */
  readonly retryAfter: number | null;
}
/** HTTP 5xx, or a response the SDK could not decode or refused for its size (`code` `'response_too_large'`). */
export declare class InternalServerError extends APIError {}
/** The server could not be reached or the connection broke (also: a closed client); retry with `idempotencyKey`. */
export declare class APIConnectionError extends CryptoTopCardError {}
/** The request timed out; retry with `idempotencyKey`. */
export declare class APITimeoutError extends APIConnectionError {}
/**
 * The call was aborted through its `signal` (or the signal was already aborted: nothing was sent).
 * `name` is 'AbortError' and `code` 'ABORT_ERR', as with fetch and Node's own abort errors, so
 * `err.name === 'AbortError'` checks match it; `instanceof APIUserAbortError` works too.
 * A mutating call may have been applied before the abort: retry it with `err.idempotencyKey`.
 */
export declare class APIUserAbortError extends CryptoTopCardError {
  readonly name: 'AbortError';
  readonly code: 'ABORT_ERR';
  /** The signal's reason (a DOMException AbortError by default, TimeoutError for AbortSignal.timeout). */
  readonly cause: unknown;
}
/** Bad input rejected before any request; `field` names the parameter (camelCase). */
export declare class ValidationError extends CryptoTopCardError {
  readonly field: string | null;
}
/** The client is misconfigured (API key, base URL, options); `field` names the option (camelCase). */
export declare class ConfigurationError extends ValidationError {}
/** A webhook failed its signature, format or age check. */
export declare class WebhookVerificationError extends CryptoTopCardError {}
/** A bug inside the SDK (a panic caught in the native binding): not retryable; please report it. */
export declare class InternalError extends CryptoTopCardError {}

/** One endpoint signing secret, or several while rotating (a delivery signed with any of them verifies). */
export type WebhookSecret = string | readonly string[];
/** Constant-time check of X-CTC-Signature against the raw body, with one secret or any of several. */
export declare function verifyWebhook(
  payload: Buffer | Uint8Array | string,
  signature: string | null | undefined,
  secret: WebhookSecret,
): boolean;
/**
 * Verifies (one secret or any of several), parses by `type`, and rejects events signed more than
 * `tolerance` seconds ago or ahead of now (default 300; 0: off).
 */
export declare function constructEvent(
  payload: Buffer | Uint8Array | string,
  signature: string | null | undefined,
  secret: WebhookSecret,
  tolerance?: number,
): WebhookEvent;
/** The X-CTC-Signature the API would send for `payload` under `secret` (for tests of your handler). */
export declare function generateTestSignature(payload: Buffer | Uint8Array | string, secret: string): string;

/**
 * An amount as whole cents: `toCents(19.99) === 1999`, `toCents(0.1 + 0.2) === 30`. Exact for any
 * amount with at most 2 decimals; a fraction of a cent throws ValidationError.
 */
export declare function toCents(amount: number): number;
/** Whole cents as an amount: `fromCents(1999) === 19.99`. Throws ValidationError unless a safe integer. */
export declare function fromCents(cents: number): number;
