'use strict';
// The core's log events, delivered to a logger object (console by default), like the Stainless
// SDKs' `logger` option. The addon queues each record (one JSON string) on a weak threadsafe
// function in non-blocking mode (see src/logging.rs): nothing blocks a Rust thread, a logger
// never keeps the process alive, and the logger runs on the JavaScript thread.
const { configuration } = require('./errors');

/**
 * @typedef {import('../index').Logger} Logger
 * @typedef {import('../index').LogFields} LogFields
 */

const METHODS = /** @type {const} */ (['debug', 'info', 'warn', 'error']);
/** Record fields carried as numbers (the core sends every value as text). */
const NUMERIC = new Set(['status', 'attempt', 'elapsed_ms', 'delay_ms']);

/**
 * Checks the `logger` option: an object with debug, info, warn and error methods (console,
 * pino, winston, ... all qualify).
 * @param {unknown} logger
 * @returns {Logger | null}
 */
function checkLogger(logger) {
  if (logger === undefined || logger === null) return null;
  const ok =
    typeof logger === 'object' &&
    METHODS.every((m) => typeof (/** @type {Record<string, unknown>} */ (logger)[m]) === 'function');
  if (!ok) throw configuration('logger', 'logger must be an object with debug, info, warn and error methods');
  return /** @type {Logger} */ (logger);
}

/**
 * The record's fields ([name, value] pairs, in the core's order) as an object: camelCase names,
 * numbers as numbers; an empty request id left out.
 * @param {unknown} raw
 * @returns {LogFields}
 */
function fields(raw) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Array.isArray(raw) ? raw : []) {
    if (key === 'request_id' && value === '') continue;
    const name = key.replace(/_([a-z0-9])/g, (/** @type {string} */ _, /** @type {string} */ c) => c.toUpperCase());
    const n = Number(value);
    out[name] = NUMERIC.has(key) && Number.isFinite(n) ? n : value;
  }
  return /** @type {LogFields} */ (out);
}

/**
 * The function the addon calls with each record's JSON text: calls
 * `logger[level]('cryptotopcard: <message>', fields)`. A logger that throws loses that record
 * only (the error would otherwise surface as an uncaught exception far from its cause).
 * @param {Logger} logger
 * @returns {(text: string) => void}
 */
function logSink(logger) {
  return (text) => {
    try {
      const record = JSON.parse(text);
      const level = METHODS.includes(record.level) ? /** @type {typeof METHODS[number]} */ (record.level) : 'info';
      logger[level](`cryptotopcard: ${record.message}`, fields(record.fields));
    } catch {
      /* a failing logger must not take the process down */
    }
  };
}

module.exports = { checkLogger, logSink };
