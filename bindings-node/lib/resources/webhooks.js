'use strict';
const { APIResource } = require('./resource');
const { verifyWebhook, constructEvent, generateTestSignature } = require('../webhook');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** Webhook endpoints. */
class Webhooks extends APIResource {
  /**
   * POST /webhooks: { url, events, secret? }. The answer holds the signing secret.
   * @param {import('../../models').WebhookCreateParams} params
   * @param {RequestOptions} [options]
   */
  create(params, options) {
    return this._get('webhooks.create', params, null, options);
  }

  /**
   * GET /webhooks
   * @param {Record<string, never>} [params]
   * @param {RequestOptions} [options]
   */
  list(params, options) {
    return this._page('webhooks.list', params, null, options);
  }

  /**
   * DELETE /webhooks/{webhook_id}: resolves with null (204).
   * @param {string} webhookId
   * @param {RequestOptions} [options]
   */
  delete(webhookId, options) {
    return this._get('webhooks.delete', null, { webhook_id: webhookId }, options);
  }

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

module.exports = { Webhooks };
