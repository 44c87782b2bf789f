'use strict';
const { APIResource } = require('./resource');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** Virtual cards: issue, list, read, update, freeze, terminate, fund and withdraw. */
class Cards extends APIResource {
  /**
   * POST /cards: issues a card funded from the wallet.
   * @param {import('../../models').CardCreateParams} params
   * @param {RequestOptions} [options]
   */
  create(params, options) {
    return this._get('cards.create', params, null, options);
  }

  /**
   * GET /cards: a page of card summaries (auto-paging with `for await`).
   * @param {import('../../models').CardsListParams} [params]
   * @param {RequestOptions} [options]
   */
  list(params, options) {
    return this._page('cards.list', params, null, options);
  }

  /**
   * GET /cards/{card_id}: the card, without PAN and CVV.
   * @param {string} cardId
   * @param {RequestOptions} [options]
   */
  retrieve(cardId, options) {
    return this._get('cards.retrieve', null, { card_id: cardId }, options);
  }

  /**
   * GET /cards/{card_id}/details: PAN, CVV, expiry (PCI-sensitive; 30 requests/min).
   * @param {string} cardId
   * @param {RequestOptions} [options]
   */
  details(cardId, options) {
    return this._get('cards.details', null, { card_id: cardId }, options);
  }

  /**
   * PATCH /cards/{card_id}: label, limits, categories, auto-freeze; metadata merges.
   * @param {string} cardId
   * @param {import('../../models').CardUpdateParams} params
   * @param {RequestOptions} [options]
   */
  update(cardId, params, options) {
    return this._get('cards.update', params, { card_id: cardId }, options);
  }

  /**
   * POST /cards/{card_id}/freeze
   * @param {string} cardId
   * @param {RequestOptions} [options]
   */
  freeze(cardId, options) {
    return this._get('cards.freeze', null, { card_id: cardId }, options);
  }

  /**
   * POST /cards/{card_id}/unfreeze
   * @param {string} cardId
   * @param {RequestOptions} [options]
   */
  unfreeze(cardId, options) {
    return this._get('cards.unfreeze', null, { card_id: cardId }, options);
  }

  /**
   * DELETE /cards/{card_id}: permanent; the balance returns to the wallet.
   * @param {string} cardId
   * @param {RequestOptions} [options]
   */
  terminate(cardId, options) {
    return this._get('cards.terminate', null, { card_id: cardId }, options);
  }

  /**
   * POST /cards/{card_id}/fund: moves `amount` USD from the wallet to the card.
   * @param {string} cardId
   * @param {import('../../models').CardFundParams} params
   * @param {RequestOptions} [options]
   */
  fund(cardId, params, options) {
    return this._get('cards.fund', params, { card_id: cardId }, options);
  }

  /**
   * POST /cards/{card_id}/withdraw: moves `amount` USD from the card back to the wallet.
   * @param {string} cardId
   * @param {import('../../models').CardWithdrawParams} params
   * @param {RequestOptions} [options]
   */
  withdraw(cardId, params, options) {
    return this._get('cards.withdraw', params, { card_id: cardId }, options);
  }
}

module.exports = { Cards };
