'use strict';
const util = require('node:util');
const native = require('./native');
const { CryptoTopCardError, fromCoreError, fromNativeThrow, abortError, validation } = require('./errors');
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

const VERSION = require('../package.json').version;
const OPTION_KEYS = new Set(['idempotencyKey', 'timeout', 'maxRetries', 'signal']);
const CLIENT_OPTION_KEYS = new Set(['apiKey', 'baseUrl', 'timeout', 'maxRetries', 'defaultHeaders']);

function checkOptional(value, field, test, what) {
  if (value === undefined || value === null) return;
  if (!test(value)) throw validation(field, `${field} must be ${what}`);
}

const isPositiveNumber = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isRetryCount = (v) => Number.isInteger(v) && v >= 0 && v <= 100;

/** Per-call options: { idempotencyKey?, timeout? (ms), maxRetries?, signal? }. */
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
  checkOptional(options.idempotencyKey, 'idempotencyKey', (v) => typeof v === 'string', 'a string');
  checkOptional(options.timeout, 'timeout', isPositiveNumber, 'a positive number of milliseconds');
  checkOptional(options.maxRetries, 'maxRetries', isRetryCount, 'a whole number from 0 to 100');
  checkOptional(options.signal, 'signal', isAbortSignal, 'an AbortSignal');
  return options;
}

/** An error of a mutating call that failed before it was sent, given the call's key. */
function withKey(err, idempotencyKey) {
  if (err instanceof CryptoTopCardError && err.idempotencyKey === null && idempotencyKey) {
    err.idempotencyKey = idempotencyKey;
  }
  return err;
}

/**
 * The CryptoTopCard client. `new CryptoTopCard(apiKey?, { baseUrl, timeout, maxRetries })`
 * (or `new CryptoTopCard({ apiKey, baseUrl, ... })`). The key defaults to
 * CRYPTOTOPCARD_API_KEY and the base URL to CRYPTOTOPCARD_BASE_URL, then the production URL.
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
  #native;
  /** Calls in flight, by call id: { key, fail(err) } (what close() settles). */
  #pending = new Map();
  #nextCallId = 1;

  constructor(apiKey, options) {
    if (apiKey !== null && typeof apiKey === 'object' && options === undefined) {
      options = apiKey;
      apiKey = options.apiKey;
    }
    options = options ?? {};
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw validation('options', 'client options must be an object ({ baseUrl, timeout, maxRetries })');
    }
    checkOptional(apiKey, 'apiKey', (v) => typeof v === 'string', 'a string');
    checkOptional(options.baseUrl, 'baseUrl', (v) => typeof v === 'string', 'a string');
    checkOptional(options.timeout, 'timeout', isPositiveNumber, 'a positive number of milliseconds');
    checkOptional(options.maxRetries, 'maxRetries', isRetryCount, 'a whole number from 0 to 100');
    checkOptional(
      options.defaultHeaders,
      'defaultHeaders',
      (v) => typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
      'an object of header names to string values',
    );
    for (const key of Object.keys(options)) {
      if (!CLIENT_OPTION_KEYS.has(key)) {
        throw validation(
          key,
          `unknown client option ${JSON.stringify(key)} (known: ${[...CLIENT_OPTION_KEYS].join(', ')})`,
        );
      }
    }
    try {
      this.#native = new native.NativeClient(
        apiKey ?? null,
        options.baseUrl ?? null,
        options.timeout ?? null,
        options.maxRetries ?? null,
        VERSION,
        options.defaultHeaders ? Object.entries(options.defaultHeaders) : null,
      );
    } catch (err) {
      throw fromNativeThrow(err);
    }
    const hidden = (name, value) => Object.defineProperty(this, name, { value, enumerable: false });
    hidden(
      '_options',
      Object.freeze({
        baseUrl: options.baseUrl ?? process.env.CRYPTOTOPCARD_BASE_URL ?? 'https://api.cryptotopcard.com/v1',
        timeout: options.timeout ?? 60000,
        maxRetries: options.maxRetries ?? 2,
      }),
    );
    this.cards = new Cards(this);
    this.transactions = new Transactions(this);
    this.wallet = new Wallet(this);
    this.bins = new Bins(this);
    this.threeds = new ThreeDS(this);
    this.webhooks = new Webhooks(this);
    this.sandbox = new SandboxResource(this);
  }

  /** The base URL requests go to. */
  get baseUrl() {
    return this._options.baseUrl;
  }

  /** Default timeout of a request, in milliseconds. */
  get timeout() {
    return this._options.timeout;
  }

  /** Default number of retries of a retryable failure. */
  get maxRetries() {
    return this._options.maxRetries;
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
        fromCoreError(
          { kind: 'connection', message: 'the client was closed while the call was in flight' },
          { idempotencyKey: call.key },
        ),
      );
    }
  }

  /**
   * Runs one core operation and resolves with the envelope {data, meta, next}. `build` produces
   * the core params (it may throw a ValidationError, which becomes a rejection).
   * @private
   */
  _envelope(op, build, options) {
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
      let unwatch = null;
      const finish = () => {
        if (settled) return false;
        settled = true;
        this.#pending.delete(id);
        if (unwatch) unwatch();
        return true;
      };
      const fail = (err) => {
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
            const env = JSON.parse(text);
            if (env.error) reject(fromCoreError(env.error, { idempotencyKey: key }));
            else resolve(env);
          } catch (err) {
            reject(err);
          }
        },
        (err) => fail(withKey(fromNativeThrow(err), key)),
      );
    });
  }

  /** A call returning one object. @private */
  _request(op, build, options) {
    return new APIPromise(this._envelope(op, build, options), (env) => models.parseResult(op, env.data));
  }

  /** A list call returning a Page (the next pages use the same options, signal included). @private */
  _list(op, build, options) {
    const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
    const fetchPage = (getParams) => {
      const promise = new PagePromise(this._envelope(op, getParams, options), (env) => {
        const items = Array.isArray(env.data?.data) ? env.data.data : [];
        const data = items.map((item) => models.parseResult(op, item));
        const pagination = models.parsePagination(env.data?.pagination ?? null);
        const next = env.next ?? null;
        return new Page((p) => fetchPage(() => p), data, pagination, next, isAbortSignal(signal) ? signal : null);
      });
      return promise;
    };
    return fetchPage(build);
  }

  [util.inspect.custom](depth, opts, inspect) {
    const shown = { baseUrl: this.baseUrl, timeout: this.timeout, maxRetries: this.maxRetries, apiKey: '[REDACTED]' };
    return `CryptoTopCard ${(inspect ?? util.inspect)(shown, opts)}`;
  }

  toJSON() {
    return { baseUrl: this.baseUrl, timeout: this.timeout, maxRetries: this.maxRetries, apiKey: '[REDACTED]' };
  }
}

module.exports = { CryptoTopCard, VERSION };
