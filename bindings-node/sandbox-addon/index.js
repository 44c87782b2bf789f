'use strict';
// cryptotopcard-sandbox: the project's sandbox API server (a stateful local CryptoTopCard API) as
// a Node addon. `require('cryptotopcard/testing')` loads it when it is installed; the production
// package `cryptotopcard` does not contain it. Built from the binding's crate with its `sandbox`
// feature (`make node-sandbox`).
let native;
try {
  native = require('./native/index.js');
} catch (err) {
  const e = new Error(
    'cryptotopcard-sandbox: the native addon is not built for this platform ' +
      `(${process.platform}-${process.arch}). Run \`make node-sandbox\` in the repository.`,
  );
  e.cause = err;
  throw e;
}
module.exports = { NativeSandbox: native.NativeSandbox, nativeVersion: native.nativeVersion };
