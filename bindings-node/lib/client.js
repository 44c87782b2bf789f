'use strict';
const util = require('node:util');
const native = require('./native');
const {
  CryptoTopCardError,
  APIConnectionError,
  InternalError,
  fromCoreError,
  fromNativeThrow,
  abortError,
  validation,
  configuration,
} = require('./errors');
const { isAbortSignal, watchAbort } = require('./abort');
const { APIPromise, PagePromise } = require('./api-promise');
const { Page } = require('./pagination');
const models = require('./models');
const { Cards } = require('./resources/cards');
const { Transactions } = require('./resources/transactions');
const { Wallet } = require('./resources/wallet');
const { Bins } = require('./resources/bins');
const { ThreeDS } = require('./resources/threeds');
const { Webhooks } = require('./resources/webhooks');
const { SandboxResource } = require('./resources/sandbox');

/**
 * @typedef {import('../index').ClientOptions} ClientOptions
 * @typedef {import('../index').RequestOptions} RequestOptions
 * @typedef {import('./api-promise').Envelope} Envelope
 * @typedef {{ key: string | null, fail: (err: Error) => void }} PendingCall a call in flight, for close()
 */

/** @type {string} */
const VERSION = require('../package.json').version;
const OPTION_KEYS = new Set(['idempotencyKey', 'timeout', 'maxRetries', 'signal']);
const CLIENT_OPTION_KEYS = new Set([
  'apiKey',
  'baseUrl',
  'timeout',
  'maxRetries',
  'defaultHeaders',
  'maxResponseBytes',
]);

/**
 * Throws `fail(field, message)` unless `value` is unset (undefined or null) or passes `test`.
 * @param {unknown} value
 * @param {string} field
 * @param {(v: unknown) => boolean} test
 * @param {string} what
 * @param {(field: string, message: string) => Error} [fail]
 */
function checkOptional(value, field, test, what, fail = validation) {
  if (value === undefined || value === null) return;
  if (!test(value)) throw fail(field, `${field} must be ${what}`);
}

/** @param {unknown} v */
const isPositiveNumber = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
/** @param {unknown} v */
const isRetryCount = (v) => Number.isInteger(v) && Number(v) >= 0 && Number(v) <= 100;
/** @param {unknown} v */
const isByteCount = (v) => Number.isSafeInteger(v) && Number(v) >= 0;

/**
 * Per-call options: { idempotencyKey?, timeout? (ms), maxRetries?, signal? }.
 * @param {unknown} options
 * @returns {RequestOptions}
 */
function checkRequestOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw validation('options', 'request options must be an object ({ idempotencyKey, timeout, maxRetries, signal })');
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw validation(
        key,
        `unknown request option ${JSON.stringify(key)} (known: idempotencyKey, timeout, maxRetries, signal)`,
      );
    }
  }
  const opts = /** @type {RequestOptions} */ (options);
  checkOptional(opts.idempotencyKey, 'idempotencyKey', (v) => typeof v === 'string', 'a string');
  checkOptional(opts.timeout, 'timeout', isPositiveNumber, 'a positive number of milliseconds');
  checkOptional(opts.maxRetries, 'maxRetries', isRetryCount, 'a whole number from 0 to 100');
  checkOptional(opts.signal, 'signal', isAbortSignal, 'an AbortSignal');
  return opts;
}

/**
 * What the native call resolved with: `{"data","meta","next"}`, or `{"error": <core error JSON>}`
 * (thrown as its class). Text that is not an envelope is an SDK bug (InternalError).
 * @param {string} text
 * @param {string | null} key the call's idempotency key
 * @returns {Envelope}
 */
function parseEnvelope(text, key) {
  let env;
  try {
    env = JSON.parse(text);
  } catch {
    throw new InternalError('internal SDK error: the native result is not JSON', { idempotencyKey: key });
  }
  if (env === null || typeof env !== 'object') {
    throw new InternalError('internal SDK error: the native result is not an envelope', { idempotencyKey: key });
  }
  if (env.error) throw fromCoreError(env.error, { idempotencyKey: key });
  return env;
}

/**
 * An error of a mutating call that failed before it was sent, given the call's key.
 * @param {unknown} err
 * @param {string | null} idempotencyKey
 */
function withKey(err, idempotencyKey) {
  if (err instanceof CryptoTopCardError && err.idempotencyKey === null && idempotencyKey) {
    err.idempotencyKey = idempotencyKey;
  }
  return err;
}

/**
 * The CryptoTopCard client. `new CryptoTopCard(apiKey?, { baseUrl, timeout, maxRetries, ... })`
 * (or `new CryptoTopCard({ apiKey, baseUrl, ... })`). Options left out are left to the core: the
 * key then comes from CRYPTOTOPCARD_API_KEY, the base URL from CRYPTOTOPCARD_BASE_URL or the
 * production URL, and timeout, retries and the response cap take the core's defaults (the
 * getters show what the core resolved).
 *
 * Lifetime of a call (and of the process). A call in flight keeps Node's event loop alive, as a
 * fetch() does, until it settles: with its result, its error, or its timeout (`timeout` per
 * attempt, with retries). Aborting its signal or `client.close()` settles it at once (with
 * APIUserAbortError, or APIConnectionError for close) and drops the request in Rust, so it no
 * longer holds the process. A call settles exactly once: the native result of an aborted or
 * closed call, arriving later, is discarded. `process.exit()` with calls in flight exits at once
 * with the requested status; their results are dropped, never delivered. A terminated worker's
 * calls are aborted with it.
 */
class CryptoTopCard {
  /** @type {import('../native/index').NativeClient} */
  #native;
  /** Calls in flight, by call id: what close() settles. @type {Map<number, PendingCall>} */
  #pending = new Map();
  #nextCallId = 1;

  /**
   * @param {string | null | ClientOptions} [apiKey]
   * @param {ClientOptions} [options]
   */
  constructor(apiKey, options) {
    if (apiKey !== null && typeof apiKey === 'object' && options === undefined) {
      options = apiKey;
      apiKey = options.apiKey;
    }
    options = options ?? {};
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw configuration('options', 'client options must be an object ({ baseUrl, timeout, maxRetries, ... })');
    }
    for (const key of Object.keys(options)) {
      if (!CLIENT_OPTION_KEYS.has(key)) {
        throw configuration(
          key,
          `unknown client option ${JSON.stringify(key)} (known: ${[...CLIENT_OPTION_KEYS].join(', ')})`,
        );
      }
    }
    // Type checks only (what crosses into Rust must have the right JavaScript type); values
    // and defaults are the core's business.
    /** @type {(value: unknown, field: string, test: (v: unknown) => boolean, what: string) => void} */
    const check = (value, field, test, what) => checkOptional(value, field, test, what, configuration);
    check(apiKey, 'apiKey', (v) => typeof v === 'string', 'a string');
    check(options.baseUrl, 'baseUrl', (v) => typeof v === 'string', 'a string');
    check(options.timeout, 'timeout', isPositiveNumber, 'a positive number of milliseconds');
    check(options.maxRetries, 'maxRetries', isRetryCount, 'a whole number from 0 to 100');
    check(options.maxResponseBytes, 'maxResponseBytes', isByteCount, 'a whole number of bytes');
    check(
      options.defaultHeaders,
      'defaultHeaders',
      (v) =>
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        Object.values(v).every((x) => typeof x === 'string'),
      'an object of header names to string values',
    );
    try {
      this.#native = new native.NativeClient(
        /** @type {string | null | undefined} */ (apiKey) ?? null,
        options.baseUrl ?? null,
        options.timeout ?? null,
        options.maxRetries ?? null,
        VERSION,
        options.defaultHeaders ? Object.entries(options.defaultHeaders) : null,
        options.maxResponseBytes ?? null,
      );
    } catch (err) {
      throw fromNativeThrow(err);
    }
    this.cards = new Cards(this);
    this.transactions = new Transactions(this);
    this.wallet = new Wallet(this);
    this.bins = new Bins(this);
    this.threeds = new ThreeDS(this);
    this.webhooks = new Webhooks(this);
    this.sandbox = new SandboxResource(this);
  }

  /** The base URL requests go to (as the core resolved it). */
  get baseUrl() {
    return this.#native.baseUrl;
  }

  /** Default timeout of a request, in milliseconds (as the core resolved it). */
  get timeout() {
    return this.#native.timeoutMs;
  }

  /** Default number of retries of a retryable failure (as the core resolved it). */
  get maxRetries() {
    return this.#native.maxRetries;
  }

  /**
   * Releases the connection pool. Calls in flight reject at once with APIConnectionError (their
   * requests are dropped; a mutating one may have been applied: retry with its idempotencyKey);
   * calls made after close() fail with APIConnectionError.
   */
  close() {
    this.#native.close();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) {
      call.fail(
        new APIConnectionError('the client was closed while the call was in flight', { idempotencyKey: call.key }),
      );
    }
  }

  /**
   * Runs one core operation and resolves with the envelope {data, meta, next}. `build` produces
   * the core params (it may throw a ValidationError, which becomes a rejection). Internal.
   * @param {string} op
   * @param {() => Record<string, unknown>} build
   * @param {unknown} options the caller's request options, checked here
   * @returns {Promise<Envelope>}
   */
  _envelope(op, build, options) {
    /** @type {RequestOptions} */
    let opts;
    let key = null;
    let json;
    try {
      opts = checkRequestOptions(options);
      key = native.prepareIdempotencyKey(op, opts.idempotencyKey ?? null);
      json = JSON.stringify(build());
    } catch (err) {
      return Promise.reject(withKey(err, key));
    }
    const signal = opts.signal ?? null;
    // An aborted signal: nothing is sent.
    if (signal && signal.aborted) return Promise.reject(abortError(signal, key));
    const id = this.#nextCallId;
    this.#nextCallId = id >= Number.MAX_SAFE_INTEGER ? 1 : id + 1;
    const nativeClient = this.#native;
    let pending;
    try {
      pending = nativeClient.call(op, json, key, opts.timeout ?? null, opts.maxRetries ?? null, id);
    } catch (err) {
      return Promise.reject(withKey(fromNativeThrow(err), key));
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      /** @type {(() => void) | null} */
      let unwatch = null;
      const finish = () => {
        if (settled) return false;
        settled = true;
        this.#pending.delete(id);
        if (unwatch) unwatch();
        return true;
      };
      const fail = (/** @type {Error} */ err) => {
        if (finish()) reject(err);
      };
      this.#pending.set(id, { key, fail });
      if (signal) {
        unwatch = watchAbort(signal, () => {
          if (!finish()) return;
          nativeClient.cancel(id);
          reject(abortError(signal, key));
        });
      }
      // The native promise resolves even on failure (errors come as {"error": ...}). After an
      // abort or close() it still resolves (with a "cancelled" error), which is ignored here.
      pending.then(
        (text) => {
          if (!finish()) return;
          try {
            resolve(parseEnvelope(text, key));
          } catch (err) {
            reject(err);
          }
        },
        (err) => fail(/** @type {Error} */ (withKey(fromNativeThrow(err), key))),
      );
    });
  }

  /**
   * A call returning one object. Internal (the resources call it).
   * @param {string} op
   * @param {() => Record<string, unknown>} build
   * @param {unknown} options
   */
  _request(op, build, options) {
    return new APIPromise(this._envelope(op, build, options), (env) => models.parseResult(op, env.data));
  }

  /**
   * A list call returning a Page (the next pages use the same options, signal included). Internal.
   * @param {string} op
   * @param {() => Record<string, unknown>} build
   * @param {unknown} options
   */
  _list(op, build, options) {
    const signal =
      options !== null && typeof options === 'object'
        ? /** @type {{ signal?: unknown }} */ (options).signal
        : undefined;
    /**
     * @param {() => Record<string, unknown>} getParams
     * @returns {PagePromise<unknown>}
     */
    const fetchPage = (getParams) => {
      const promise = new PagePromise(this._envelope(op, getParams, options), (env) => {
        const body = /** @type {{ data?: unknown, pagination?: unknown } | null} */ (env.data);
        const items = Array.isArray(body?.data) ? body.data : [];
        const data = items.map((item) => models.parseResult(op, item));
        const pagination = /** @type {object | null} */ (models.parsePagination(body?.pagination ?? null));
        // The core's params for the next page (null on the last page): nothing is derived here.
        const next = env.next ?? null;
        const pageSignal = isAbortSignal(signal) ? signal : null;
        return new Page((p) => fetchPage(() => p), data, pagination, next, pageSignal, env.data);
      });
      return promise;
    };
    return fetchPage(build);
  }

  /**
   * @param {number} _depth
   * @param {util.InspectOptionsStylized} opts
   * @param {typeof util.inspect} [inspect]
   */
  [util.inspect.custom](_depth, opts, inspect) {
    const shown = { baseUrl: this.baseUrl, timeout: this.timeout, maxRetries: this.maxRetries, apiKey: '[REDACTED]' };
    return `CryptoTopCard ${(inspect ?? util.inspect)(shown, opts)}`;
  }

  toJSON() {
    return { baseUrl: this.baseUrl, timeout: this.timeout, maxRetries: this.maxRetries, apiKey: '[REDACTED]' };
  }
}

module.exports = { CryptoTopCard, VERSION, parseEnvelope };
