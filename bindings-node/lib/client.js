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
const { checkLogger, logSink } = require('./logging');
const { APIPromise, PagePromise } = require('./api-promise');
const { Page } = require('./pagination');
const models = require('./models');
const { createResources } = require('./resources');

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
  'proxy',
  'rootCertificatesPem',
  'logger',
  'logLevel',
]);
/** What `withOptions` may change (the rest is fixed with the connection pool it shares). */
const DERIVED_OPTION_KEYS = new Set(['timeout', 'maxRetries', 'defaultHeaders', 'maxResponseBytes']);
/** Marks the constructor call of `withOptions` (a native client already built). */
const FROM_NATIVE = Symbol('cryptotopcard.fromNative');

/** The JavaScript runtime, for the telemetry headers (X-CTC-Runtime, X-CTC-Runtime-Version). */
const RUNTIME = process.versions.bun
  ? { runtimeName: 'bun', runtimeVersion: process.versions.bun }
  : { runtimeName: 'node', runtimeVersion: process.version };

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
/** @param {unknown} v */
const isHeaderObject = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
/** @param {unknown} v */
const isPem = (v) => typeof v === 'string' || Buffer.isBuffer(v) || v instanceof Uint8Array;
/** @param {unknown} v */
const isPemList = (v) => isPem(v) || (Array.isArray(v) && v.length > 0 && v.every(isPem));

/**
 * `rootCertificatesPem` as PEM texts.
 * @param {string | Uint8Array | ReadonlyArray<string | Uint8Array> | null | undefined} v
 * @returns {string[] | undefined}
 */
function pemTexts(v) {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]).map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8')));
}

/**
 * Checks an options object against the known keys (unknown ones are a ConfigurationError).
 * @param {unknown} options
 * @param {Set<string>} known
 * @param {string} what how to name the object in the error
 */
function checkOptionKeys(options, known, what) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw configuration('options', `${what} must be an object ({ ${[...known].join(', ')} })`);
  }
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      throw configuration(key, `unknown ${what} ${JSON.stringify(key)} (known: ${[...known].join(', ')})`);
    }
  }
}

/**
 * Type checks of the options a client and a derived client share (what crosses into Rust must
 * have the right JavaScript type); values and defaults are the core's business.
 * @param {{ timeout?: unknown, maxRetries?: unknown, maxResponseBytes?: unknown, defaultHeaders?: unknown }} options
 */
function checkCommonOptions(options) {
  /** @type {(value: unknown, field: string, test: (v: unknown) => boolean, what: string) => void} */
  const check = (value, field, test, what) => checkOptional(value, field, test, what, configuration);
  check(options.timeout, 'timeout', isPositiveNumber, 'a positive number of milliseconds');
  check(options.maxRetries, 'maxRetries', isRetryCount, 'a whole number from 0 to 100');
  check(options.maxResponseBytes, 'maxResponseBytes', isByteCount, 'a whole number of bytes');
  check(options.defaultHeaders, 'defaultHeaders', isHeaderObject, 'an object of header names to string values');
}

/** The options of a call given none (never handed out: only read). @type {RequestOptions} */
const NO_OPTIONS = Object.freeze({});

/**
 * The operations the core sends without an idempotency key when none is given (the
 * non-mutating ones: `ops::prepare_options` decides by the operation alone), learnt from the
 * core's first answer for each, so their calls skip asking again.
 * @type {Set<string>}
 */
const KEYLESS_OPS = new Set();

/**
 * The idempotency key a call of `op` is sent with: `given` when set, else a fresh one for a
 * mutating operation, else null (`native.prepareIdempotencyKey`).
 * @param {string} op
 * @param {string | null} given
 * @returns {string | null}
 */
function idempotencyKeyFor(op, given) {
  if (given === null && KEYLESS_OPS.has(op)) return null;
  const key = native.prepareIdempotencyKey(op, given);
  if (given === null && key === null) KEYLESS_OPS.add(op);
  return key;
}

/**
 * Per-call options: { idempotencyKey?, timeout? (ms), maxRetries?, signal? }.
 * @param {unknown} options
 * @returns {RequestOptions}
 */
function checkRequestOptions(options) {
  if (options === undefined || options === null) return NO_OPTIONS;
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
 * A result's envelope: the body as sent (`data`), the params of the next page (`next`), and the
 * response metadata (`meta`), whose JSON text is parsed on first use (only `asResponse()` and
 * `withResponse()` read it).
 */
class LazyEnvelope {
  /** @type {string | null} */
  #metaText;
  /** @type {import('./api-promise').NativeMeta | undefined} */
  #meta;

  /**
   * @param {unknown} data
   * @param {string} metaText
   * @param {Record<string, unknown> | null} next
   */
  constructor(data, metaText, next) {
    this.data = data;
    this.next = next;
    this.#metaText = metaText;
  }

  /** @returns {import('./api-promise').NativeMeta} */
  get meta() {
    if (this.#metaText !== null) {
      this.#meta = JSON.parse(this.#metaText);
      this.#metaText = null;
    }
    return /** @type {import('./api-promise').NativeMeta} */ (this.#meta);
  }
}

/** Separates the texts of a native result (see `parseEnvelope`). */
const SEP = '\u0001';

/**
 * What the native call resolved with: the texts of a result, `<meta>\u0001<next>\u0001<data>`
 * (JSON texts: U+0001 cannot occur in the first two), or the JSON text `{"error": <core error
 * JSON>}` (thrown as its class) or `{"data","meta","next"}`. Anything else is an SDK bug
 * (InternalError).
 * @param {string} text
 * @param {string | null} key the call's idempotency key
 * @returns {Envelope}
 */
function parseEnvelope(text, key) {
  let env;
  try {
    const a = text.indexOf(SEP);
    if (a >= 0) {
      const b = text.indexOf(SEP, a + 1);
      if (b < 0) throw new SyntaxError('no data');
      const next = b - a === 5 && text.startsWith('null', a + 1) ? null : JSON.parse(text.slice(a + 1, b));
      return new LazyEnvelope(JSON.parse(text.slice(b + 1)), text.slice(0, a), next);
    }
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
   * @param {string | null | ClientOptions | symbol} [apiKey] (a symbol: internal, from withOptions)
   * @param {ClientOptions | import('../native/index').NativeClient} [options]
   */
  constructor(apiKey, options) {
    if (apiKey === FROM_NATIVE) {
      // withOptions: the native client is built already (sharing the original's pool).
      this.#native = /** @type {import('../native/index').NativeClient} */ (options);
    } else {
      this.#native = CryptoTopCard.#build(
        /** @type {string | null | ClientOptions | undefined} */ (apiKey),
        /** @type {ClientOptions | undefined} */ (options),
      );
    }
    // client.cards, client.transactions, ...: one namespace per tag of the spec (generated).
    Object.assign(this, createResources(this));
  }

  /**
   * A native client from the constructor's arguments.
   * @param {string | null | ClientOptions | undefined} apiKey
   * @param {ClientOptions | undefined} options
   * @returns {import('../native/index').NativeClient}
   */
  static #build(apiKey, options) {
    if (apiKey !== null && typeof apiKey === 'object' && options === undefined) {
      options = apiKey;
      apiKey = options.apiKey;
    }
    options = options ?? {};
    checkOptionKeys(options, CLIENT_OPTION_KEYS, 'client option');
    /** @type {(value: unknown, field: string, test: (v: unknown) => boolean, what: string) => void} */
    const check = (value, field, test, what) => checkOptional(value, field, test, what, configuration);
    check(apiKey, 'apiKey', (v) => typeof v === 'string', 'a string');
    check(options.baseUrl, 'baseUrl', (v) => typeof v === 'string', 'a string');
    checkCommonOptions(options);
    // The proxy URL may hold a password: the message never quotes it.
    check(options.proxy, 'proxy', (v) => typeof v === 'string', 'a URL string');
    check(options.rootCertificatesPem, 'rootCertificatesPem', isPemList, 'PEM text (a string or Buffer, or an array)');
    check(options.logLevel, 'logLevel', (v) => typeof v === 'string', "'debug', 'info', 'warn', 'error' or 'off'");
    const logger = checkLogger(options.logger) ?? console;
    try {
      return new native.NativeClient(
        {
          apiKey: /** @type {string | null | undefined} */ (apiKey) ?? undefined,
          baseUrl: options.baseUrl ?? undefined,
          timeoutMs: options.timeout ?? undefined,
          maxRetries: options.maxRetries ?? undefined,
          sdkVersion: VERSION,
          ...RUNTIME,
          defaultHeaders: options.defaultHeaders ? Object.entries(options.defaultHeaders) : undefined,
          maxResponseBytes: options.maxResponseBytes ?? undefined,
          proxy: options.proxy ?? undefined,
          rootCertificatesPem: pemTexts(options.rootCertificatesPem),
          logLevel: options.logLevel ?? undefined,
        },
        logSink(logger),
      );
    } catch (err) {
      throw fromNativeThrow(err);
    }
  }

  /**
   * A copy of this client with some settings changed (`timeout`, `maxRetries`, `maxResponseBytes`;
   * `defaultHeaders` are added to this client's), sharing its connection pool, proxy, TLS settings
   * and logger. Cheap: no new connections. Closing one client does not close the other.
   * @param {import('../index').WithOptions} [options]
   * @returns {CryptoTopCard}
   */
  withOptions(options = {}) {
    checkOptionKeys(options, DERIVED_OPTION_KEYS, 'withOptions option');
    checkCommonOptions(options);
    let derived;
    try {
      derived = this.#native.withOptions({
        timeoutMs: options.timeout ?? undefined,
        maxRetries: options.maxRetries ?? undefined,
        defaultHeaders: options.defaultHeaders ? Object.entries(options.defaultHeaders) : undefined,
        maxResponseBytes: options.maxResponseBytes ?? undefined,
      });
    } catch (err) {
      throw fromNativeThrow(err);
    }
    return new CryptoTopCard(FROM_NATIVE, derived);
  }

  /**
   * True when `other` sends through this client's connection pool (it came from `withOptions`,
   * or this one did). Internal (tests).
   * @param {CryptoTopCard} other
   */
  _sharesPoolWith(other) {
    return this.#native.sharesPoolWith(other.#native);
  }

  /** Largest response body accepted, in bytes (as the core resolved it). */
  get maxResponseBytes() {
    return this.#native.maxResponseBytes;
  }

  /** The level this client logs at ('off' when it does not log). */
  get logLevel() {
    return /** @type {import('../index').LogLevel} */ (this.#native.logLevel);
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
      key = idempotencyKeyFor(op, opts.idempotencyKey ?? null);
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
