'use strict';
// The error classes that set fields of their own (the core's error JSON -> camelCase properties).
// Their names and parents are the spec's (x-error-classes); every other class of the table is
// generated into ./error-classes.js, and test/errors.test.js checks the tree against the core's.

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

module.exports = { CryptoTopCardError, APIError, RateLimitError, APIUserAbortError, ValidationError };
