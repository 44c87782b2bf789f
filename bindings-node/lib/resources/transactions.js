'use strict';
const { APIResource } = require('./resource');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** Transactions across all cards: authorizations, settlements, refunds, declines. */
class Transactions extends APIResource {
  /**
   * GET /transactions (filters: cardId, type, from, to, merchant, minAmount, maxAmount).
   * @param {import('../../models').TransactionsListParams} [params]
   * @param {RequestOptions} [options]
   */
  list(params, options) {
    return this._page('transactions.list', params, null, options);
  }

  /**
   * GET /transactions/{transaction_id}: with threeDs, timeline and declineReason.
   * @param {string} transactionId
   * @param {RequestOptions} [options]
   */
  retrieve(transactionId, options) {
    return this._get('transactions.retrieve', null, { transaction_id: transactionId }, options);
  }
}

module.exports = { Transactions };
