'use strict';
const { APIResource } = require('./resource');
const { verifyWebhook, constructEvent, generateTestSignature } = require('../webhook');

/**
 * The local webhook helpers on `client.webhooks` (no request: verification and parsing of a
 * delivery); the generated `Webhooks` resource adds the API's operations.
 */
class WebhookHelpers extends APIResource {
  /**
   * `verifyWebhook`: constant-time check of X-CTC-Signature against one secret or several.
   * @param {Buffer | Uint8Array | string} payload
   * @param {string | null | undefined} signature
   * @param {string | readonly string[]} secret
   */
  verify(payload, signature, secret) {
    return verifyWebhook(payload, signature, secret);
  }

  /**
   * `constructEvent`: verifies, checks the age (past and future) and parses a delivery.
   * @param {Buffer | Uint8Array | string} payload
   * @param {string | null | undefined} signature
   * @param {string | readonly string[]} secret
   * @param {number} [tolerance]
   */
  constructEvent(payload, signature, secret, tolerance) {
    return constructEvent(payload, signature, secret, tolerance);
  }

  /**
   * `generateTestSignature`: the X-CTC-Signature of `payload` under `secret`, for tests.
   * @param {Buffer | Uint8Array | string} payload
   * @param {string} secret
   */
  generateTestSignature(payload, secret) {
    return generateTestSignature(payload, secret);
  }
}

module.exports = { WebhookHelpers };
