'use strict';
// Test helpers: an in-process sandbox server (the project's real sandbox, linked into the addon).
//   const { Sandbox } = require('cryptotopcard/testing');
//   const sb = await Sandbox.start();  // sb.url, sb.apiKey (a fresh sk_test_ key: its own account)
//   ...; await sb.stop();
const crypto = require('node:crypto');
const util = require('node:util');
const native = require('./lib/native');
const { CryptoTopCard } = require('./lib/client');
const { fromNativeThrow } = require('./lib/errors');

/** A fresh sandbox key; every new key gets its own empty account (wallet 10,000.00 USD). */
function newTestKey() {
  return `sk_test_${crypto.randomBytes(16).toString('hex')}`;
}

class Sandbox {
  #handle;
  #apiKey;

  /** @param {import('./native/index').NativeSandbox} handle */
  constructor(handle) {
    this.#handle = handle;
    this.#apiKey = newTestKey();
  }

  /** Starts a sandbox on 127.0.0.1 (free port). */
  static async start() {
    try {
      return new Sandbox(await native.NativeSandbox.start());
    } catch (err) {
      throw fromNativeThrow(err);
    }
  }

  /** Base URL for `new CryptoTopCard(key, { baseUrl })`: http://127.0.0.1:PORT/v1 */
  get url() {
    return this.#handle.url;
  }

  /** An sk_test_ key whose account is this sandbox's default one. */
  get apiKey() {
    return this.#apiKey;
  }

  /** Another fresh sk_test_ key (a new, separate account). */
  newApiKey() {
    return newTestKey();
  }

  /**
   * A client for this sandbox (default key unless another is given).
   * @param {import('./index').ClientOptions} [options]
   */
  client(options = {}) {
    const { apiKey, ...rest } = options;
    return new CryptoTopCard(apiKey ?? this.#apiKey, { baseUrl: this.url, ...rest });
  }

  /** Stops the server. */
  async stop() {
    this.#handle.stop();
  }

  [util.inspect.custom]() {
    return `Sandbox { url: ${JSON.stringify(this.url)}, apiKey: '[REDACTED]' }`;
  }

  toJSON() {
    return { url: this.url };
  }
}

module.exports = { Sandbox, newTestKey };
