'use strict';
// Error classes, and the one place where the core's error JSON becomes one of them.
// Names and fields match the Python SDK: CryptoTopCardError > APIError > BadRequestError > ...

/** Base class of every error this SDK raises. */
class CryptoTopCardError extends Error {
  constructor(message, fields = {}) {
    super(message, fields.cause !== undefined ? { cause: fields.cause } : undefined);
    /** HTTP status when the error came from a response, else null. */
    this.status = fields.status ?? null;
    /** The API's error code (e.g. "insufficient_funds"), else null. */
    this.error = fields.error ?? null;
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
  constructor(message, fields = {}) {
    super(message, fields);
    /** The request parameter the API names (400 invalid_request), else null. */
    this.param = fields.param ?? null;
    /** The parsed error body, else null. */
    this.body = fields.body ?? null;
  }
}
class BadRequestError extends APIError {}
class InsufficientFundsError extends BadRequestError {}
class AuthenticationError extends APIError {}
class PermissionDeniedError extends APIError {}
class NotFoundError extends APIError {}
class ConflictError extends APIError {}
class RateLimitError extends APIError {
  constructor(message, fields = {}) {
    super(message, fields);
    /** Seconds to wait, from Retry-After, else null. */
    this.retryAfter = fields.retryAfter ?? null;
  }
}
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
  constructor(message = 'Request was aborted.', fields = {}) {
    super(message, fields);
    this.code = 'ABORT_ERR';
  }
}

/** Bad input, rejected before any request is sent. `field` names the parameter (camelCase). */
class ValidationError extends CryptoTopCardError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.field = fields.field ?? null;
  }
}

/** A webhook payload whose signature, format or age does not verify. */
class WebhookVerificationError extends CryptoTopCardError {}

const ALL = {
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
  WebhookVerificationError,
};
for (const [name, cls] of Object.entries(ALL)) {
  const shown = cls === APIUserAbortError ? 'AbortError' : name;
  Object.defineProperty(cls.prototype, 'name', { value: shown, enumerable: false, configurable: true, writable: true });
}

const INSUFFICIENT = new Set(['insufficient_funds', 'insufficient_card_balance']);

/** snake_case field path from the core ("bin_id", "metadata.key", "allowed_categories[1]") to camelCase. */
function camelField(field) {
  if (typeof field !== 'string' || field === '') return null;
  return field.replace(/^[A-Za-z0-9_]+/, (head) => head.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));
}

/** Mentions of the snake_case field in the message, spelled as a Node user writes them. */
function camelMessage(message, field) {
  if (typeof field !== 'string' || !field.includes('_')) return message;
  const head = field.match(/^[A-Za-z0-9_]+/)[0];
  const camel = camelField(head);
  return message.split(head).join(camel);
}

function classFor(e) {
  switch (e.kind) {
    case 'validation':
    case 'configuration':
      return ValidationError;
    case 'bad_request':
      return INSUFFICIENT.has(e.error) ? InsufficientFundsError : BadRequestError;
    case 'authentication':
      return AuthenticationError;
    case 'permission_denied':
      return PermissionDeniedError;
    case 'not_found':
      return NotFoundError;
    case 'conflict':
      return ConflictError;
    case 'rate_limited':
      return RateLimitError;
    case 'internal_server':
      return InternalServerError;
    case 'connection':
      return APIConnectionError;
    case 'timeout':
      return APITimeoutError;
    case 'cancelled':
      return APIUserAbortError;
    case 'webhook_verification':
      return WebhookVerificationError;
    default:
      if (typeof e.status === 'number') {
        if (e.status === 400) return INSUFFICIENT.has(e.error) ? InsufficientFundsError : BadRequestError;
        if (e.status === 401) return AuthenticationError;
        if (e.status === 403) return PermissionDeniedError;
        if (e.status === 404) return NotFoundError;
        if (e.status === 409) return ConflictError;
        if (e.status === 429) return RateLimitError;
        if (e.status >= 500) return InternalServerError;
        return APIError;
      }
      return CryptoTopCardError;
  }
}

/**
 * The one mapping: core error JSON ({kind, message, status, error, request_id, ...,
 * idempotency_key}) to a class. `call` gives what the JSON may lack: the idempotency key the
 * call was prepared with, and the `cause` of an abort (the signal's reason).
 */
function fromCoreError(e, call = {}) {
  const Cls = classFor(e);
  const field = camelField(e.field ?? (Cls === ValidationError ? e.param : null));
  const fallback = Cls === APIUserAbortError ? 'Request was aborted.' : 'unknown error';
  const message = camelMessage(String(e.message ?? fallback), e.field ?? e.param);
  return new Cls(message, {
    status: typeof e.status === 'number' ? e.status : null,
    error: e.error ?? null,
    requestId: e.request_id ?? null,
    param: camelField(e.param),
    field,
    retryAfter: typeof e.retry_after === 'number' ? e.retry_after : null,
    body: e.body ?? null,
    idempotencyKey: e.idempotency_key ?? call.idempotencyKey ?? null,
    cause: call.cause,
  });
}

/** The error of a call aborted through `signal` (kind "cancelled", mapped above). */
function abortError(signal, idempotencyKey) {
  return fromCoreError({ kind: 'cancelled', message: null }, { idempotencyKey, cause: signal?.reason });
}

const PREFIX = 'CTC_ERROR_JSON:';

/** A native (synchronous) throw carries the core error JSON after a prefix; map it. */
function fromNativeThrow(err) {
  const msg = err && typeof err.message === 'string' ? err.message : '';
  const at = msg.indexOf(PREFIX);
  if (at >= 0) {
    try {
      return fromCoreError(JSON.parse(msg.slice(at + PREFIX.length)));
    } catch (_) {
      /* fall through */
    }
  }
  // Argument conversion errors from napi (e.g. a number where a string is expected).
  return new ValidationError(msg || 'invalid argument', {});
}

function validation(field, message) {
  return new ValidationError(message, { field });
}

module.exports = { ...ALL, fromCoreError, fromNativeThrow, abortError, validation, camelField };
