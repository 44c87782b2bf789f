'use strict';
const { toParams } = require('../convert');

/**
 * Types the resource methods take: the public declarations (index.d.ts, models.d.ts).
 * @typedef {import('../../index').RequestOptions} RequestOptions
 */

/** Base of the resource namespaces (client.cards, client.transactions, ...). */
class APIResource {
  /** @type {import('../client').CryptoTopCard} */
  #client;

  /** @param {import('../client').CryptoTopCard} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * A call returning one object.
   * @param {string} op the core operation
   * @param {unknown} params the user's params (camelCase)
   * @param {Record<string, unknown> | null} ids path ids, snake_case
   * @param {unknown} options the user's request options (checked by the client)
   */
  _get(op, params, ids, options) {
    return this.#client._request(op, () => toParams(params, ids), options);
  }

  /**
   * A list call returning an auto-paging Page.
   * @param {string} op
   * @param {unknown} params
   * @param {Record<string, unknown> | null} ids
   * @param {unknown} options
   */
  _page(op, params, ids, options) {
    return this.#client._list(op, () => toParams(params, ids), options);
  }
}

module.exports = { APIResource };
