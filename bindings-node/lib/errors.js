'use strict';
// The one place where the core's error JSON becomes one of the error classes (by its `class`
// name, nothing else). The classes: ./error-base.js (those with fields of their own) and
// ./error-classes.js (generated from the spec's x-error-classes; the table CLASSES).
const { CLASSES } = require('./error-classes');

const { APIUserAbortError, ValidationError, ConfigurationError, InternalError } = CLASSES;

/** @typedef {import('./error-base').CryptoTopCardError} CryptoTopCardError */

for (const [name, cls] of Object.entries(CLASSES)) {
  const shown = cls === APIUserAbortError ? 'AbortError' : name;
  Object.defineProperty(cls.prototype, 'name', { value: shown, enumerable: false, configurable: true, writable: true });
}

/**
 * snake_case field path from the core ("bin_id", "metadata.key", "allowed_categories[1]") to camelCase.
 * @param {unknown} field
 * @returns {string | null}
 */
function camelField(field) {
  if (typeof field !== 'string' || field === '') return null;
  return field.replace(/^[A-Za-z0-9_]+/, (head) => head.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));
}

/**
 * Mentions of the snake_case field in the message, spelled as a Node user writes them.
 * @param {string} message
 * @param {unknown} field
 */
function camelMessage(message, field) {
  if (typeof field !== 'string' || !field.includes('_')) return message;
  const head = (field.match(/^[A-Za-z0-9_]+/) ?? [''])[0];
  const camel = camelField(head);
  return head && camel ? message.split(head).join(camel) : message;
}

/**
 * The core's error JSON (`Error::to_json`).
 * @typedef {object} CoreError
 * @property {string} [class]
 * @property {string | null} [message]
 * @property {number | null} [status]
 * @property {string | null} [error]
 * @property {string | null} [request_id]
 * @property {string | null} [param]
 * @property {string | null} [field]
 * @property {number | null} [retry_after]
 * @property {unknown} [body]
 * @property {string | null} [idempotency_key]
 */

/**
 * The one mapping: core error JSON to the class its `class` names. A name this package does not
 * know cannot come from its own addon (a test checks the tables match), so it is an SDK bug:
 * InternalError. `call` gives what the JSON may lack: the idempotency key the call was
 * prepared with, and the `cause` of an abort (the signal's reason).
 * @param {CoreError} e
 * @param {{ idempotencyKey?: string | null, cause?: unknown }} [call]
 * @returns {CryptoTopCardError}
 */
function fromCoreError(e, call = {}) {
  const name = e.class;
  const known = typeof name === 'string' && Object.prototype.hasOwnProperty.call(CLASSES, name);
  const Cls = known ? CLASSES[/** @type {keyof typeof CLASSES} */ (name)] : InternalError;
  const isValidation = Cls === ValidationError || Cls === ConfigurationError;
  const field = camelField(e.field ?? (isValidation ? e.param : null));
  const fallback = Cls === APIUserAbortError ? 'Request was aborted.' : 'unknown error';
  const message = known
    ? camelMessage(String(e.message ?? fallback), e.field ?? e.param)
    : `internal SDK error: unknown error class ${JSON.stringify(name ?? null)}: ${String(e.message ?? '')}`;
  return new Cls(message, {
    status: typeof e.status === 'number' ? e.status : null,
    code: e.error ?? null,
    requestId: e.request_id ?? null,
    param: camelField(e.param),
    field,
    retryAfter: typeof e.retry_after === 'number' ? e.retry_after : null,
    body: e.body ?? null,
    idempotencyKey: e.idempotency_key ?? call.idempotencyKey ?? null,
    cause: call.cause,
  });
}

/**
 * The error of a call aborted through `signal`.
 * @param {AbortSignal | null} signal
 * @param {string | null} idempotencyKey
 */
function abortError(signal, idempotencyKey) {
  return new APIUserAbortError(undefined, { idempotencyKey, cause: signal?.reason });
}

const PREFIX = 'CTC_ERROR_JSON:';

/**
 * A native (synchronous) throw. The addon's own errors carry the core error JSON after a prefix
 * (mapped by its class). Anything else is napi's: a panic napi caught (`GenericFailure`) or an
 * argument napi could not convert, which the JavaScript layer's checks rule out: both are SDK
 * bugs, so InternalError (without napi's message, which may quote a value).
 * @param {unknown} err
 * @returns {CryptoTopCardError}
 */
function fromNativeThrow(err) {
  const msg = err instanceof Error ? err.message : '';
  const at = msg.indexOf(PREFIX);
  if (at >= 0) {
    try {
      return fromCoreError(JSON.parse(msg.slice(at + PREFIX.length)));
    } catch {
      /* fall through */
    }
  }
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'unknown';
  return new InternalError(`internal error in the native binding (napi status ${code})`);
}

/**
 * @param {string} field
 * @param {string} message
 */
function validation(field, message) {
  return new ValidationError(message, { field });
}

/**
 * @param {string} field
 * @param {string} message
 */
function configuration(field, message) {
  return new ConfigurationError(message, { field });
}

module.exports = {
  ...CLASSES,
  CLASSES,
  fromCoreError,
  fromNativeThrow,
  abortError,
  validation,
  configuration,
  camelField,
};
