'use strict';
const { APIResource } = require('./resource');

/** @typedef {import('./resource').RequestOptions} RequestOptions */

/** 3DS challenges and their OTP codes. */
class ThreeDS extends APIResource {
  /**
   * GET /3ds (filters: cardId, status).
   * @param {import('../../models').ThreedsListParams} [params]
   * @param {RequestOptions} [options]
   */
  list(params, options) {
    return this._page('threeds.list', params, null, options);
  }

  /**
   * GET /3ds/{challenge_id}: the challenge, OTP included.
   * @param {string} challengeId
   * @param {RequestOptions} [options]
   */
  retrieve(challengeId, options) {
    return this._get('threeds.retrieve', null, { challenge_id: challengeId }, options);
  }
}

module.exports = { ThreeDS };
