'use strict';
// A Promise for a parsed result that also gives access to the response metadata
// (`.withResponse()`, `.asResponse()`), as Stainless-generated SDKs do.

/**
 * What a native call resolves with: the body as sent, the response metadata, and the params of
 * the next page (list operations; null on the last page and for other operations).
 * @typedef {{ data: unknown, meta: NativeMeta, next: Record<string, unknown> | null }} Envelope
 * @typedef {{ status: number, request_id?: string | null, headers?: Array<[string, string]>,
 *   idempotency_key?: string | null, replayed?: boolean, retries?: number }} NativeMeta
 */

/**
 * Response metadata of one call.
 * @typedef {{status: number, headers: Readonly<Record<string,string>>, requestId: string|null,
 *   idempotencyKey: string|null, replayed: boolean, retries: number}} APIResponse
 */

/**
 * @param {NativeMeta} meta
 * @returns {Readonly<APIResponse>}
 */
function toResponse(meta) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [k, v] of meta.headers || []) {
    const key = k.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${v}` : v;
  }
  return Object.freeze({
    status: meta.status,
    headers: Object.freeze(headers),
    requestId: meta.request_id ?? null,
    idempotencyKey: meta.idempotency_key ?? null,
    replayed: Boolean(meta.replayed),
    retries: meta.retries ?? 0,
  });
}

/**
 * @template T
 * @extends {Promise<T>}
 */
class APIPromise extends Promise {
  /** @type {Promise<Envelope>} */
  #envelope;
  /** @type {(envelope: Envelope) => T} */
  #parse;
  /** @type {Promise<T> | null} */
  #parsed = null;

  // `then` on this class returns plain Promises.
  static get [Symbol.species]() {
    return Promise;
  }

  /**
   * @param {Promise<Envelope>} envelope
   * @param {(envelope: Envelope) => T} parse
   */
  constructor(envelope, parse) {
    // The settled value of this promise itself is never observed: then/catch/finally use the
    // parsed result below.
    super((resolve) => resolve(/** @type {T} */ (/** @type {unknown} */ (null))));
    this.#envelope = envelope;
    this.#parse = parse;
  }

  /** @returns {Promise<T>} */
  _parsedPromise() {
    if (!this.#parsed) this.#parsed = this.#envelope.then(this.#parse);
    return this.#parsed;
  }

  /**
   * The response metadata: status, headers, requestId, idempotencyKey, replayed, retries.
   * @returns {Promise<Readonly<APIResponse>>}
   */
  asResponse() {
    return this.#envelope.then((env) => toResponse(env.meta));
  }

  /**
   * Both the parsed result and the response metadata.
   * @returns {Promise<{ data: T, response: Readonly<APIResponse> }>}
   */
  async withResponse() {
    const [data, response] = await Promise.all([this._parsedPromise(), this.asResponse()]);
    return { data, response };
  }

  /**
   * @template [R1=T]
   * @template [R2=never]
   * @param {((value: T) => R1 | PromiseLike<R1>) | null} [onfulfilled]
   * @param {((reason: unknown) => R2 | PromiseLike<R2>) | null} [onrejected]
   * @returns {Promise<R1 | R2>}
   */
  then(onfulfilled, onrejected) {
    return this._parsedPromise().then(onfulfilled, onrejected);
  }

  /**
   * @template [R=never]
   * @param {((reason: unknown) => R | PromiseLike<R>) | null} [onrejected]
   * @returns {Promise<T | R>}
   */
  catch(onrejected) {
    return this._parsedPromise().catch(onrejected);
  }

  /**
   * @param {(() => void) | null} [onfinally]
   * @returns {Promise<T>}
   */
  finally(onfinally) {
    return this._parsedPromise().finally(onfinally);
  }
}

/**
 * The promise of a page, which can also be iterated directly: `for await (const c of client.cards.list())`.
 * @template Item
 * @extends {APIPromise<import('./pagination').Page<Item>>}
 */
class PagePromise extends APIPromise {
  async *[Symbol.asyncIterator]() {
    const page = await this._parsedPromise();
    yield* page;
  }
}

module.exports = { APIPromise, PagePromise, toResponse };
