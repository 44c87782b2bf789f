'use strict';
// Conversion between the Node spelling (camelCase parameters, JS values) and the core's JSON
// dispatch (snake_case parameters). No validation of values happens here beyond what JSON
// cannot carry (NaN, Infinity, BigInt, functions...): the core validates and names the field.
const { validation } = require('./errors');

/** snake() of the parameter names seen so far (a few dozen in practice; bounded all the same). @type {Map<string, string>} */
const SNAKE = new Map();
const SNAKE_MAX = 1000;

/**
 * camelCase to snake_case ("binId" -> "bin_id", "perPage" -> "per_page").
 * @param {string} key
 */
function snake(key) {
  let name = SNAKE.get(key);
  if (name === undefined) {
    name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (SNAKE.size < SNAKE_MAX) SNAKE.set(key, name);
  }
  return name;
}

/**
 * snake_case to camelCase ("created_at" -> "createdAt", "3ds" stays).
 * @param {string} key
 */
function camel(key) {
  return key.replace(/_([a-z0-9])/g, (_, /** @type {string} */ c) => c.toUpperCase());
}

/** Keys whose values are user data (kept exactly as given, keys included). */
const USER_DATA = new Set(['metadata']);

/**
 * Refuses what JSON cannot carry (NaN, Infinity, BigInt, functions, symbols), naming the field.
 * @param {unknown} value
 * @param {string} field
 */
function checkJsonable(value, field) {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) {
        throw validation(field, `${field} must be a finite number (got ${value})`);
      }
      return;
    case 'string':
    case 'boolean':
      return;
    case 'bigint':
      throw validation(field, `${field} must be a number, not a BigInt`);
    case 'function':
    case 'symbol':
      throw validation(field, `${field} must be a JSON value, not a ${typeof value}`);
    case 'undefined':
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((v, i) => checkJsonable(v, `${field}[${i}]`));
        return;
      }
      if (value instanceof Date) return;
      for (const [k, v] of Object.entries(value)) checkJsonable(v, `${field}.${k}`);
      return;
    default:
      return;
  }
}

/**
 * Converts a user's params object ({ binId, perPage, metadata: {...} }) to the core's JSON
 * params ({ bin_id, per_page, metadata: {...} }). `extra` holds positional path ids already in
 * snake_case ({ card_id }).
 * @param {unknown} params
 * @param {Record<string, unknown> | null} [extra]
 * @param {string} [what]
 * @returns {Record<string, unknown>}
 */
function toParams(params, extra, what = 'params') {
  /** @type {Record<string, unknown>} */
  const out = {};
  if (params !== undefined && params !== null) {
    if (typeof params !== 'object' || Array.isArray(params)) {
      throw validation(what, `${what} must be an object`);
    }
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      checkJsonable(value, key);
      const k = snake(key);
      out[k] = value instanceof Date ? value.toISOString() : value;
    }
  }
  if (extra) {
    for (const [k, v] of Object.entries(extra)) {
      // Path ids are strings, which checkJsonable always passes: the field name (camel) is
      // only worked out for other values.
      if (typeof v !== 'string') checkJsonable(v, camel(k));
      out[k] = v;
    }
  }
  return out;
}

/**
 * Generic snake_case-to-camelCase conversion of a response (used where no model applies).
 * @param {unknown} value
 * @param {boolean} [userData] the value is user data (metadata): kept as given
 * @returns {unknown}
 */
function camelDeep(value, userData = false) {
  if (Array.isArray(value)) return value.map((v) => camelDeep(v, userData));
  if (value === null || typeof value !== 'object' || userData) return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(value)) out[camel(k)] = camelDeep(v, USER_DATA.has(k));
  return out;
}

module.exports = { snake, camel, toParams, camelDeep, USER_DATA, checkJsonable };
