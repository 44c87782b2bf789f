'use strict';
// Error classes, one per row of the core's table (`cryptotopcard::ERROR_CLASSES`, exposed by the
// addon as `errorClasses()`; test/errors.test.js checks this tree equals it), and the one place
// where the core's error JSON becomes one of them: by its `class` name, nothing else.

/**
 * Fields an error may carry (all optional; absent ones are null on the error).
 * @typedef {object} ErrorFields
 * @property {number | null} [status]
 * @property {string | null} [code]
 * @property {string | null} [requestId]
 * @property {string | null} [idempotencyKey]
 * @property {string | null} [param]
 * @property {unknown} [body]
 * @property {number | null} [retryAfter]
 * @property {string | null} [field]
 * @property {unknown} [cause]
 */

/** Base of every error this SDK raises. */
class CryptoTopCardError extends Error {
  /**
   * @param {string} message
   * @param {ErrorFields} [fields]
   */
  constructor(message, fields = {}) {
    super(message, fields.cause !== undefined ? { cause: fields.cause } : undefined);
    /** HTTP status when the error came from a response, else null. */
    this.status = fields.status ?? null;
    /**
     * The API's error code (e.g. "insufficient_funds", "response_too_large"), as napi errors
     * carry `code`; null when the API gave none (or the error did not come from the API).
     * @type {string | null}
     */
    this.code = fields.code ?? null;
    /** The same API error code, under the name the other SDKs use. */
    this.error = fields.code ?? null;
    /** The request id (X-Request-Id / request_id), else null. */
    this.requestId = fields.requestId ?? null;
    /**
     * The X-Idempotency-Key of a POST/PATCH/DELETE call (yours, or the one the SDK generated),
     * whether or not the request reached the server; null for other calls. Retrying with
     * `{ idempotencyKey: err.idempotencyKey }` cannot apply the operation twice.
     */
    this.idempotencyKey = fields.idempotencyKey ?? null;
  }
}

/** The API answered with an error status. */
class APIError extends CryptoTopCardError {
  /**
   * @param {string} message
   * @param {ErrorFields} [fields]
   */
  constructor(message, fields = {}) {
    super(message, fields);
    /** The request parameter the API names (400 invalid_request), else null. */
    this.param = fields.param ?? null;
    /** The parsed error body, else null. */
    this.body = fields.body ?? null;
  }
}
/** HTTP 400 and other 4xx without a class of their own. */
class BadRequestError extends APIError {}
/** HTTP 400 insufficient_funds: the wallet balance is too low. */
class InsufficientFundsError extends BadRequestError {}
/** HTTP 401: the API key was refused. */
class AuthenticationError extends APIError {}
/** HTTP 403. */
class PermissionDeniedError extends APIError {}
/** HTTP 404. */
class NotFoundError extends APIError {}
/** HTTP 409: the object's state forbids the call, or an idempotency key conflict. */
class ConflictError extends APIError {}
/** HTTP 429; see retryAfter. */
class RateLimitError extends APIError {
  /**
   * @param {string} message
   * @param {ErrorFields} [fields]
   */
  constructor(message, fields = {}) {
    super(message, fields);
    /** Seconds to wait, from Retry-After, else null. */
    this.retryAfter = fields.retryAfter ?? null;
  }
}
/** HTTP 5xx, or a response the SDK could not decode or refused for its size (`response_too_large`). */
class InternalServerError extends APIError {}

/** No usable answer: connection refused or reset, TLS, DNS, closed client. */
class APIConnectionError extends CryptoTopCardError {}
/** The request (with its retries) timed out. */
class APITimeoutError extends APIConnectionError {}

/**
 * The call was aborted through its AbortSignal (or the signal was already aborted: nothing was
 * sent). The request is dropped and its connection closed; the promise never settles otherwise.
 * `name` is 'AbortError' and `code` 'ABORT_ERR', like fetch's and Node's own abort errors, so
 * the usual `err.name === 'AbortError'` checks recognise it; `cause` is `signal.reason`.
 * A mutating call may have been applied before the abort: retry it with `err.idempotencyKey`.
 */
class APIUserAbortError extends CryptoTopCardError {
  /**
   * @param {string} [message]
   * @param {ErrorFields} [fields]
   */
  constructor(message = 'Request was aborted.', fields = {}) {
    super(message, fields);
    this.code = 'ABORT_ERR';
  }
}

/** Bad input, rejected before any request is sent. `field` names the parameter (camelCase). */
class ValidationError extends CryptoTopCardError {
  /**
   * @param {string} message
   * @param {ErrorFields} [fields]
   */
  constructor(message, fields = {}) {
    super(message, fields);
    this.field = fields.field ?? null;
  }
}
/** The client is misconfigured (API key, base URL, options); `field` names the option (camelCase). */
class ConfigurationError extends ValidationError {}

/** A webhook payload whose signature, format or age does not verify. */
class WebhookVerificationError extends CryptoTopCardError {}

/** A bug inside the SDK (a panic caught in the native binding): not retryable; please report it. */
class InternalError extends CryptoTopCardError {}

/** Every error class, by the name the core's table gives it (parents before children). */
const CLASSES = {
  CryptoTopCardError,
  APIError,
  BadRequestError,
  InsufficientFundsError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ValidationError,
  ConfigurationError,
  WebhookVerificationError,
  InternalError,
};
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
