'use strict';
const { APIResource } = require('./resource');

/** Webhook endpoints. */
class Webhooks extends APIResource {
  /** POST /webhooks: { url, events, secret? }. The answer holds the signing secret. */
  create(params, options) {
    return this._get('webhooks.create', params, null, options);
  }

  /** GET /webhooks */
  list(params, options) {
    return this._page('webhooks.list', params, null, options);
  }

  /** DELETE /webhooks/{webhook_id}: resolves with null (204). */
  delete(webhookId, options) {
    return this._get('webhooks.delete', null, { webhook_id: webhookId }, options);
  }
}

module.exports = { Webhooks };
