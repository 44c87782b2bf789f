'use strict';
const util = require('node:util');
const native = require('./native');
const { fromCoreError, fromNativeThrow, validation } = require('./errors');
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
const OPTION_KEYS = new Set(['idempotencyKey', 'timeout', 'maxRetries']);
const CLIENT_OPTION_KEYS = new Set(['apiKey', 'baseUrl', 'timeout', 'maxRetries', 'defaultHeaders']);

function checkOptional(value, field, test, what) {
  if (value === undefined || value === null) return;
  if (!test(value)) throw validation(field, `${field} must be ${what}`);
}

const isPositiveNumber = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isRetryCount = (v) => Number.isInteger(v) && v >= 0 && v <= 100;

/** Per-call options: { idempotencyKey?, timeout? (ms), maxRetries? }. */
function checkRequestOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw validation('options', 'request options must be an object ({ idempotencyKey, timeout, maxRetries })');
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw validation(
        key,
        `unknown request option ${JSON.stringify(key)} (known: idempotencyKey, timeout, maxRetries)`,
      );
    }
  }
  checkOptional(options.idempotencyKey, 'idempotencyKey', (v) => typeof v === 'string', 'a string');
  checkOptional(options.timeout, 'timeout', isPositiveNumber, 'a positive number of milliseconds');
  checkOptional(options.maxRetries, 'maxRetries', isRetryCount, 'a whole number from 0 to 100');
  return options;
}

/**
 * The CryptoTopCard client. `new CryptoTopCard(apiKey?, { baseUrl, timeout, maxRetries })`
 * (or `new CryptoTopCard({ apiKey, baseUrl, ... })`). The key defaults to
 * CRYPTOTOPCARD_API_KEY and the base URL to CRYPTOTOPCARD_BASE_URL, then the production URL.
 */
class CryptoTopCard {
  #native;

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

  /** Releases the connection pool. Calls made after close() fail with APIConnectionError. */
  close() {
    this.#native.close();
  }

  /** Runs one core operation and resolves with the envelope {data, meta, next}. @private */
  _envelope(op, params, options) {
    let opts;
    let json;
    try {
      opts = checkRequestOptions(options);
      json = JSON.stringify(params);
    } catch (err) {
      return Promise.reject(err);
    }
    let pending;
    try {
      pending = this.#native.call(op, json, opts.idempotencyKey ?? null, opts.timeout ?? null, opts.maxRetries ?? null);
    } catch (err) {
      return Promise.reject(fromNativeThrow(err));
    }
    return pending.then((text) => {
      const env = JSON.parse(text);
      if (env.error) throw fromCoreError(env.error);
      return env;
    });
  }

  /**
   * A call returning one object. `build` produces the core params (it may throw a
   * ValidationError, which becomes a rejected promise).
   * @private
   */
  _request(op, build, options) {
    let params;
    try {
      params = build();
    } catch (err) {
      return new APIPromise(Promise.reject(err), null);
    }
    return new APIPromise(this._envelope(op, params, options), (env) => models.parseResult(op, env.data));
  }

  /** A list call returning a Page. @private */
  _list(op, build, options) {
    let params;
    try {
      params = build();
    } catch (err) {
      return new PagePromise(Promise.reject(err), null);
    }
    const fetchPage = (p) => {
      const promise = new PagePromise(this._envelope(op, p, options), (env) => {
        const items = Array.isArray(env.data?.data) ? env.data.data : [];
        const data = items.map((item) => models.parseResult(op, item));
        const pagination = models.parsePagination(env.data?.pagination ?? null);
        return new Page(fetchPage, data, pagination, env.next ?? null);
      });
      return promise;
    };
    return fetchPage(params);
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
