'use strict';
const { APIResource } = require('./resource');

/** Sandbox-only simulators (sk_test_ keys; a live key gets PermissionDeniedError). */
class SandboxResource extends APIResource {
  /** POST /sandbox/deposits: { currency, amountUsd, status? } */
  deposit(params, options) {
    return this._get('sandbox.deposit', params, null, options);
  }

  /** POST /sandbox/deposits/{deposit_id}/confirm */
  confirmDeposit(depositId, options) {
    return this._get('sandbox.confirm_deposit', null, { deposit_id: depositId }, options);
  }

  /** POST /sandbox/transactions: { cardId, amount, merchant, settle? } runs the issuer's checks. */
  authorize(params, options) {
    return this._get('sandbox.authorize', params, null, options);
  }

  /** POST /sandbox/transactions/{transaction_id}/settle */
  settle(transactionId, options) {
    return this._get('sandbox.settle', null, { transaction_id: transactionId }, options);
  }

  /** POST /sandbox/transactions/{transaction_id}/refund: { amount? } */
  refund(transactionId, params, options) {
    return this._get('sandbox.refund', params, { transaction_id: transactionId }, options);
  }

  /** POST /sandbox/3ds: { cardId, merchant, amount } creates a pending 3DS challenge. */
  challenge(params, options) {
    return this._get('sandbox.challenge', params, null, options);
  }
}

module.exports = { SandboxResource };
