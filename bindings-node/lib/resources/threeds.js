'use strict';
const { APIResource } = require('./resource');

/** 3DS challenges and their OTP codes. */
class ThreeDS extends APIResource {
  /** GET /3ds (filters: cardId, status). */
  list(params, options) {
    return this._page('threeds.list', params, null, options);
  }

  /** GET /3ds/{challenge_id}: the challenge, OTP included. */
  retrieve(challengeId, options) {
    return this._get('threeds.retrieve', null, { challenge_id: challengeId }, options);
  }
}

module.exports = { ThreeDS };
