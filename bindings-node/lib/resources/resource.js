'use strict';
const { toParams } = require('../convert');

/** Base of the resource namespaces (client.cards, client.transactions, ...). */
class APIResource {
  constructor(client) {
    Object.defineProperty(this, '_client', { value: client, enumerable: false });
  }

  /** A call returning one object. */
  _get(op, params, ids, options) {
    return this._client._request(op, () => toParams(params, ids), options);
  }

  /** A list call returning an auto-paging Page. */
  _page(op, params, ids, options) {
    return this._client._list(op, () => toParams(params, ids), options);
  }
}

module.exports = { APIResource };
