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
 * One signing secret.
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
 * One secret, or several during a rotation (old and new both accepted), as a list.
 * @param {unknown} secret
 * @returns {string[]}
 */
function secretsArg(secret) {
  if (Array.isArray(secret)) {
    if (secret.length === 0 || !secret.every((s) => typeof s === 'string' && s !== '')) {
      throw validation('secret', 'secret must be a signing secret or a non-empty array of them (non-empty strings)');
    }
    return secret;
  }
  return [secretArg(secret)];
}

/**
 * True when `signature` (the X-CTC-Signature header) is the HMAC-SHA256 of `payload` keyed with
 * `secret`, or with any of the secrets given as an array (rotation). Constant time. A missing
 * signature is false.
 * @param {Buffer | Uint8Array | string} payload
 * @param {string | null | undefined} signature
 * @param {string | readonly string[]} secret
 * @returns {boolean}
 */
function verifyWebhook(payload, signature, secret) {
  const body = payloadArg(payload);
  const keys = secretsArg(secret);
  if (typeof signature !== 'string') return false;
  try {
    return native.verifyWebhook(body, signature, keys);
  } catch (err) {
    throw fromNativeThrow(err);
  }
}

/**
 * Verifies the signature (against `secret`, or any of an array of secrets), parses the event into
 * its model (by `type`) and rejects events whose signed `createdAt` is more than `tolerance`
 * seconds away from now, in the past (a replay) or in the future (default 300; 0 turns the check
 * off). Throws WebhookVerificationError.
 * @param {Buffer | Uint8Array | string} payload
 * @param {string | null | undefined} signature
 * @param {string | readonly string[]} secret
 * @param {number} [tolerance]
 */
function constructEvent(payload, signature, secret, tolerance = 300) {
  const body = payloadArg(payload);
  const keys = secretsArg(secret);
  if (typeof signature !== 'string' || signature === '') {
    throw new WebhookVerificationError('missing webhook signature (X-CTC-Signature header)');
  }
  if (typeof tolerance !== 'number' || !Number.isInteger(tolerance) || tolerance < 0) {
    throw validation('tolerance', 'tolerance must be a non-negative whole number of seconds');
  }
  let text;
  try {
    text = native.constructEvent(body, signature, keys, tolerance);
  } catch (err) {
    throw fromNativeThrow(err);
  }
  return parseEvent(JSON.parse(text));
}

/**
 * The X-CTC-Signature value the API would send for `payload` signed with `secret`: for testing
 * your own webhook handler (like Stripe's `generateTestHeaderString`). Sign the exact bytes you
 * then deliver.
 * @param {Buffer | Uint8Array | string} payload
 * @param {string} secret
 * @returns {string}
 */
function generateTestSignature(payload, secret) {
  const body = payloadArg(payload);
  const key = secretArg(secret);
  try {
    return native.signWebhook(body, key);
  } catch (err) {
    throw fromNativeThrow(err);
  }
}

module.exports = { verifyWebhook, constructEvent, generateTestSignature };
