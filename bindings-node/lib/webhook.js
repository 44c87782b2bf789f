'use strict';
// Webhook signature helpers: delegate to the core (constant-time HMAC-SHA256 check, parsing,
// replay window). The payload must be the raw body exactly as received (Buffer or string).
const native = require('./native');
const { WebhookVerificationError, fromNativeThrow, validation } = require('./errors');
const { parseEvent } = require('./models');

/**
 * @param {unknown} payload
 * @returns {Buffer | string}
 */
function payloadArg(payload) {
  if (typeof payload === 'string' || Buffer.isBuffer(payload)) return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  throw validation('payload', 'payload must be the raw request body as a Buffer, Uint8Array or string');
}

/**
 * @param {unknown} secret
 * @returns {string}
 */
function secretArg(secret) {
  if (typeof secret !== 'string' || secret === '') {
    throw validation('secret', 'secret must be the endpoint signing secret (a non-empty string)');
  }
  return secret;
}

/**
 * True when `signature` (the X-CTC-Signature header) is the HMAC-SHA256 of `payload` keyed with
 * `secret`. Constant time. A missing signature is false.
 * @param {Buffer | Uint8Array | string} payload
 * @param {string | null | undefined} signature
 * @param {string} secret
 * @returns {boolean}
 */
function verifyWebhook(payload, signature, secret) {
  const body = payloadArg(payload);
  const key = secretArg(secret);
  if (typeof signature !== 'string') return false;
  try {
    return native.verifyWebhook(body, signature, key);
  } catch (err) {
    throw fromNativeThrow(err);
  }
}

/**
 * Verifies the signature, parses the event into its model (by `type`) and rejects events whose
 * signed `createdAt` is older than `tolerance` seconds (default 300; 0 turns the check off).
 * Throws WebhookVerificationError.
 * @param {Buffer | Uint8Array | string} payload
 * @param {string | null | undefined} signature
 * @param {string} secret
 * @param {number} [tolerance]
 */
function constructEvent(payload, signature, secret, tolerance = 300) {
  const body = payloadArg(payload);
  const key = secretArg(secret);
  if (typeof signature !== 'string' || signature === '') {
    throw new WebhookVerificationError('missing webhook signature (X-CTC-Signature header)');
  }
  if (typeof tolerance !== 'number' || !Number.isInteger(tolerance) || tolerance < 0) {
    throw validation('tolerance', 'tolerance must be a non-negative whole number of seconds');
  }
  let text;
  try {
    text = native.constructEvent(body, signature, key, tolerance);
  } catch (err) {
    throw fromNativeThrow(err);
  }
  return parseEvent(JSON.parse(text));
}

module.exports = { verifyWebhook, constructEvent };
