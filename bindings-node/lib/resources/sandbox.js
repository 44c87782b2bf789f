'use strict';
const { APIResource } = require('./resource');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** Sandbox-only simulators (sk_test_ keys; a live key gets PermissionDeniedError). */
class SandboxResource extends APIResource {
  /**
   * POST /sandbox/deposits: { currency, amountUsd, status? }
   * @param {import('../../models').SandboxDepositParams} params
   * @param {RequestOptions} [options]
   */
  deposit(params, options) {
    return this._get('sandbox.deposit', params, null, options);
  }

  /**
   * POST /sandbox/deposits/{deposit_id}/confirm
   * @param {string} depositId
   * @param {RequestOptions} [options]
   */
  confirmDeposit(depositId, options) {
    return this._get('sandbox.confirm_deposit', null, { deposit_id: depositId }, options);
  }

  /**
   * POST /sandbox/transactions: { cardId, amount, merchant, settle? } runs the issuer's checks.
   * @param {import('../../models').SandboxAuthorizeParams} params
   * @param {RequestOptions} [options]
   */
  authorize(params, options) {
    return this._get('sandbox.authorize', params, null, options);
  }

  /**
   * POST /sandbox/transactions/{transaction_id}/settle
   * @param {string} transactionId
   * @param {RequestOptions} [options]
   */
  settle(transactionId, options) {
    return this._get('sandbox.settle', null, { transaction_id: transactionId }, options);
  }

  /**
   * POST /sandbox/transactions/{transaction_id}/refund: { amount? }
   * @param {string} transactionId
   * @param {import('../../models').SandboxRefundParams} [params]
   * @param {RequestOptions} [options]
   */
  refund(transactionId, params, options) {
    return this._get('sandbox.refund', params, { transaction_id: transactionId }, options);
  }

  /**
   * POST /sandbox/3ds: { cardId, merchant, amount } creates a pending 3DS challenge.
   * @param {import('../../models').SandboxChallengeParams} params
   * @param {RequestOptions} [options]
   */
  challenge(params, options) {
    return this._get('sandbox.challenge', params, null, options);
  }
}

module.exports = { SandboxResource };
