'use strict';
const { APIResource } = require('./resource');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** The account wallet: balance, deposit addresses, crypto deposits. */
class Wallet extends APIResource {
  /**
   * GET /wallet
   * @param {RequestOptions} [options]
   */
  retrieve(options) {
    return this._get('wallet.retrieve', null, null, options);
  }

  /**
   * GET /wallet/addresses (optional { currency }).
   * @param {import('../../models').WalletAddressesParams} [params]
   * @param {RequestOptions} [options]
   */
  addresses(params, options) {
    return this._get('wallet.addresses', params, null, options);
  }

  /**
   * GET /wallet/deposits: a page of deposits (filters: status, currency).
   * @param {import('../../models').WalletDepositsParams} [params]
   * @param {RequestOptions} [options]
   */
  deposits(params, options) {
    return this._page('wallet.deposits', params, null, options);
  }
}

module.exports = { Wallet };
