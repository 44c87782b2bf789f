'use strict';
const { APIResource } = require('./resource');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** BIN ranges available for new cards. */
class Bins extends APIResource {
  /**
   * GET /bins
   * @param {Record<string, never>} [params]
   * @param {RequestOptions} [options]
   */
  list(params, options) {
    return this._page('bins.list', params, null, options);
  }
}

module.exports = { Bins };
