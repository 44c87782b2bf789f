'use strict';
const { APIResource } = require('./resource');

/** BIN ranges available for new cards. */
class Bins extends APIResource {
  /** GET /bins */
  list(params, options) {
    return this._page('bins.list', params, null, options);
  }
}

module.exports = { Bins };
