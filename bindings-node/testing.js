'use strict';
// Test helpers: an in-process sandbox server (the project's real sandbox), from the separate
// package `cryptotopcard-sandbox` (the production addon does not contain the server).
//   npm install --save-dev cryptotopcard-sandbox
//   const { Sandbox } = require('cryptotopcard/testing');
//   const sb = await Sandbox.start();  // sb.url, sb.apiKey (a fresh sk_test_ key: its own account)
//   ...; await sb.stop();
const crypto = require('node:crypto');
const util = require('node:util');
const { CryptoTopCard } = require('./lib/client');
const { fromNativeThrow } = require('./lib/errors');

/**
 * The sandbox server handle the addon gives.
 * @typedef {{ readonly url: string, stop(): void }} NativeSandboxHandle
 * @typedef {{ NativeSandbox: { start(): Promise<NativeSandboxHandle> } }} SandboxAddon
 */

/** The name of the package that carries the sandbox server. */
const SANDBOX_PACKAGE = 'cryptotopcard-sandbox';

/**
 * Loads `cryptotopcard-sandbox`, or explains how to install it.
 * @returns {SandboxAddon}
 */
function sandboxAddon() {
  try {
    return require(SANDBOX_PACKAGE);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    if (code !== 'MODULE_NOT_FOUND' || !String(/** @type {Error} */ (err).message).includes(SANDBOX_PACKAGE)) {
      throw err;
    }
    const e = new Error(
      `cryptotopcard/testing: Sandbox needs the ${SANDBOX_PACKAGE} package, which is not installed. ` +
        `Install it next to cryptotopcard: npm install --save-dev ${SANDBOX_PACKAGE}` +
        ' (in this repository: make node-sandbox).',
      { cause: err },
    );
    Object.defineProperty(e, 'code', { value: 'ERR_CTC_SANDBOX_NOT_INSTALLED', enumerable: true });
    throw e;
  }
}

/** A fresh sandbox key; every new key gets its own empty account (wallet 10,000.00 USD). */
function newTestKey() {
  return `sk_test_${crypto.randomBytes(16).toString('hex')}`;
}

class Sandbox {
  #handle;
  #apiKey;

  /** @param {NativeSandboxHandle} handle */
  constructor(handle) {
    this.#handle = handle;
    this.#apiKey = newTestKey();
  }

  /**
   * Starts a sandbox on 127.0.0.1 (free port). Rejects with `code` 'ERR_CTC_SANDBOX_NOT_INSTALLED'
   * when the cryptotopcard-sandbox package is not installed.
   */
  static async start() {
    const addon = sandboxAddon();
    try {
      return new Sandbox(await addon.NativeSandbox.start());
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
