//! Status codes returned by every C entry point, and the one place where the core's error kinds
//! are mapped to them.

use serde_json::{json, Value};

/// Success.
pub const CTC_OK: i32 = 0;
/// Bad input rejected before any request was sent (`kind` "validation"; `field` names the parameter).
pub const CTC_ERR_VALIDATION: i32 = 1;
/// HTTP 400 from the API (`kind` "bad_request").
pub const CTC_ERR_BAD_REQUEST: i32 = 2;
/// HTTP 401 (`kind` "authentication").
pub const CTC_ERR_AUTHENTICATION: i32 = 3;
/// HTTP 403 (`kind` "permission_denied").
pub const CTC_ERR_PERMISSION_DENIED: i32 = 4;
/// HTTP 404 (`kind` "not_found").
pub const CTC_ERR_NOT_FOUND: i32 = 5;
/// HTTP 409 (`kind` "conflict").
pub const CTC_ERR_CONFLICT: i32 = 6;
/// HTTP 429 (`kind` "rate_limited"; `retry_after` in seconds when the server sent one).
pub const CTC_ERR_RATE_LIMITED: i32 = 7;
/// HTTP 5xx (`kind` "internal_server").
pub const CTC_ERR_INTERNAL_SERVER: i32 = 8;
/// The server could not be reached or the connection broke (`kind` "connection").
pub const CTC_ERR_CONNECTION: i32 = 9;
/// The request timed out (`kind` "timeout").
pub const CTC_ERR_TIMEOUT: i32 = 10;
/// A webhook signature did not verify or the event was too old (`kind` "webhook_verification").
pub const CTC_ERR_WEBHOOK_VERIFICATION: i32 = 11;
/// The client could not be configured, e.g. no API key anywhere (`kind` "configuration").
pub const CTC_ERR_CONFIGURATION: i32 = 12;
/// The call was aborted through its cancellation token (`kind` "cancelled"; `idempotency_key` is
/// the key of a mutating call: it may have been applied, retry with that key).
pub const CTC_ERR_CANCELLED: i32 = 13;
/// A C argument was NULL, not UTF-8 or not the JSON expected (`kind` "invalid_argument"; `field`
/// names the argument).
pub const CTC_ERR_INVALID_ARGUMENT: i32 = 14;
/// A bug: a panic was caught at the boundary (`kind` "panic"). The handle stays usable.
pub const CTC_ERR_PANIC: i32 = 15;
/// The core reported an error kind this build does not know (`kind` carries it).
pub const CTC_ERR_UNKNOWN: i32 = 16;

/// An error on its way out through `out_err`.
pub(crate) struct FfiError {
    pub(crate) code: i32,
    pub(crate) json: Value,
}

/// The one mapping from the core's error kinds to status codes.
pub(crate) fn code_for_kind(kind: &str) -> i32 {
    match kind {
        "validation" => CTC_ERR_VALIDATION,
        "bad_request" => CTC_ERR_BAD_REQUEST,
        "authentication" => CTC_ERR_AUTHENTICATION,
        "permission_denied" => CTC_ERR_PERMISSION_DENIED,
        "not_found" => CTC_ERR_NOT_FOUND,
        "conflict" => CTC_ERR_CONFLICT,
        "rate_limited" => CTC_ERR_RATE_LIMITED,
        "internal_server" => CTC_ERR_INTERNAL_SERVER,
        "connection" => CTC_ERR_CONNECTION,
        "timeout" => CTC_ERR_TIMEOUT,
        "webhook_verification" => CTC_ERR_WEBHOOK_VERIFICATION,
        "configuration" => CTC_ERR_CONFIGURATION,
        "cancelled" => CTC_ERR_CANCELLED,
        "invalid_argument" => CTC_ERR_INVALID_ARGUMENT,
        "panic" => CTC_ERR_PANIC,
        _ => CTC_ERR_UNKNOWN,
    }
}

impl FfiError {
    /// An error raised by this layer itself, shaped like the core's error JSON.
    pub(crate) fn local(kind: &str, message: impl Into<String>, field: Option<&str>) -> Self {
        FfiError {
            code: code_for_kind(kind),
            json: json!({
                "kind": kind,
                "message": message.into(),
                "status": null,
                "error": null,
                "request_id": null,
                "param": null,
                "field": field,
                "retry_after": null,
                "body": null,
                "idempotency_key": null,
            }),
        }
    }

    pub(crate) fn invalid_argument(arg: &str, message: impl Into<String>) -> Self {
        Self::local("invalid_argument", message, Some(arg))
    }

    pub(crate) fn panic() -> Self {
        Self::local(
            "panic",
            "internal error: a panic was caught at the C boundary (this is a bug in cryptotopcard)",
            None,
        )
    }
}

impl From<cryptotopcard::Error> for FfiError {
    fn from(err: cryptotopcard::Error) -> Self {
        let kind = err.kind();
        FfiError {
            code: code_for_kind(kind.as_str()),
            json: err.to_json(),
        }
    }
}
