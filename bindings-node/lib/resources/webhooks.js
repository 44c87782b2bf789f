'use strict';
const { APIResource } = require('./resource');

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
}

module.exports = { Webhooks };
