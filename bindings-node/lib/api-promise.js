'use strict';
// A Promise for a parsed result that also gives access to the response metadata
// (`.withResponse()`, `.asResponse()`), as Stainless-generated SDKs do.

/**
 * Response metadata of one call.
 * @typedef {{status: number, headers: Record<string,string>, requestId: string|null,
 *   idempotencyKey: string|null, replayed: boolean, retries: number}} APIResponse
 */
function toResponse(meta) {
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

class APIPromise extends Promise {
  // `then` on this class returns plain Promises.
  static get [Symbol.species]() {
    return Promise;
  }

  /**
   * @param {Promise<{data: unknown, meta: object, next: object|null}>} envelope
   * @param {(envelope: object) => unknown} parse
   */
  constructor(envelope, parse) {
    super((resolve) => resolve(null));
    Object.defineProperty(this, '_envelope', { value: envelope });
    Object.defineProperty(this, '_parse', { value: parse });
    Object.defineProperty(this, '_parsed', { value: null, writable: true });
  }

  _parsedPromise() {
    if (!this._parsed) this._parsed = this._envelope.then(this._parse);
    return this._parsed;
  }

  /** The response metadata: status, headers, requestId, idempotencyKey, replayed, retries. */
  asResponse() {
    return this._envelope.then((env) => toResponse(env.meta));
  }

  /** Both the parsed result and the response metadata. */
  async withResponse() {
    const [data, response] = await Promise.all([this._parsedPromise(), this.asResponse()]);
    return { data, response };
  }

  then(onfulfilled, onrejected) {
    return this._parsedPromise().then(onfulfilled, onrejected);
  }

  catch(onrejected) {
    return this._parsedPromise().catch(onrejected);
  }

  finally(onfinally) {
    return this._parsedPromise().finally(onfinally);
  }
}

/** The promise of a page, which can also be iterated directly: `for await (const c of client.cards.list())`. */
class PagePromise extends APIPromise {
  async *[Symbol.asyncIterator]() {
    const page = await this;
    yield* page;
  }
}

module.exports = { APIPromise, PagePromise, toResponse };
