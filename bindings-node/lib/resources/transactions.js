'use strict';
const { APIResource } = require('./resource');

/** Transactions across all cards: authorizations, settlements, refunds, declines. */
class Transactions extends APIResource {
  /** GET /transactions (filters: cardId, type, from, to, merchant, minAmount, maxAmount). */
  list(params, options) {
    return this._page('transactions.list', params, null, options);
  }

  /** GET /transactions/{transaction_id}: with threeDs, timeline and declineReason. */
  retrieve(transactionId, options) {
    return this._get('transactions.retrieve', null, { transaction_id: transactionId }, options);
  }
}

module.exports = { Transactions };
