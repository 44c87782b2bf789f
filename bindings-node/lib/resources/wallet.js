'use strict';
const { APIResource } = require('./resource');

/** The account wallet: balance, deposit addresses, crypto deposits. */
class Wallet extends APIResource {
  /** GET /wallet */
  retrieve(options) {
    return this._get('wallet.retrieve', null, null, options);
  }

  /** GET /wallet/addresses (optional { currency }). */
  addresses(params, options) {
    return this._get('wallet.addresses', params, null, options);
  }

  /** GET /wallet/deposits: a page of deposits (filters: status, currency). */
  deposits(params, options) {
    return this._page('wallet.deposits', params, null, options);
  }
}

module.exports = { Wallet };
