'use strict';
// Loads the compiled addon through napi's generated loader (native/index.js, from
// `napi build --platform --output-dir native`).
/** @type {typeof import('../native/index')} */
let native;
try {
  native = require('../native/index.js');
} catch (err) {
  const e = new Error(
    'cryptotopcard: the native addon is not built for this platform ' +
      `(${process.platform}-${process.arch}). Run \`make node\` in the repository, or ` +
      '`npx napi build --platform --output-dir native --js index.js --dts index.d.ts` in bindings-node/.',
  );
  e.cause = err;
  throw e;
}
module.exports = native;
