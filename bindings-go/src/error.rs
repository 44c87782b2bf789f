//! Status codes returned by every C entry point, the one place where the core's error kinds are
//! mapped to them, and the table of error classes.

use std::ffi::c_char;

use serde_json::{json, Value};

use crate::ffi::{clear_out, guard, write_out};

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
/// A C argument was NULL, not UTF-8 or not the JSON expected (`kind` "invalid_argument", class
/// "ValidationError"; `field` names the argument).
pub const CTC_ERR_INVALID_ARGUMENT: i32 = 14;
/// A bug inside the SDK, such as a panic caught at the boundary (`kind` "internal", class
/// "InternalError"; never retryable). The handle stays usable.
pub const CTC_ERR_INTERNAL: i32 = 15;
/// Former name of `CTC_ERR_INTERNAL`.
pub const CTC_ERR_PANIC: i32 = 15;
/// The core reported an error kind this build does not know (`kind` carries it).
pub const CTC_ERR_UNKNOWN: i32 = 16;

/// An error on its way out through `out_err`: a status code and the core's error JSON
/// (`cryptotopcard::Error::to_json`, whose `"class"` names the binding's error class).
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
        "internal" => CTC_ERR_INTERNAL,
        _ => CTC_ERR_UNKNOWN,
    }
}

impl FfiError {
    /// A C argument this layer cannot take: the core's validation error naming it, with the kind
    /// `invalid_argument` (its own status code) and the class `ValidationError`.
    pub(crate) fn invalid_argument(arg: &str, message: impl Into<String>) -> Self {
        let mut err: FfiError = cryptotopcard::Error::validation(arg, message).into();
        err.code = CTC_ERR_INVALID_ARGUMENT;
        if let Some(m) = err.json.as_object_mut() {
            m.insert("kind".into(), json!("invalid_argument"));
        }
        err
    }

    /// A bug inside the SDK (class `InternalError`).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        cryptotopcard::Error::internal(message).into()
    }

    /// A panic caught at the boundary: an internal error, never a retryable-looking one.
    pub(crate) fn panic() -> Self {
        Self::internal("a panic was caught at the C boundary (this is a bug in cryptotopcard)")
    }

    /// Names the idempotency key of the call that failed (a mutating call may have been applied).
    pub(crate) fn with_idempotency_key(mut self, key: Option<String>) -> Self {
        if let (Some(m), Some(key)) = (self.json.as_object_mut(), key) {
            m.insert("idempotency_key".into(), json!(key));
        }
        self
    }
}

impl From<cryptotopcard::Error> for FfiError {
    fn from(err: cryptotopcard::Error) -> Self {
        FfiError {
            code: code_for_kind(err.kind().as_str()),
            json: err.to_json(),
        }
    }
}

/// Writes the error classes every binding exposes (the core's `ERROR_CLASSES`, parents before
/// children) to `*out_json`: `[{"name","parent","doc"}, ...]`, `parent` null for the root. An
/// error JSON's `"class"` is always one of these names.
///
/// # Safety
/// `out_json` and `out_err` must be NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_error_classes(
    out_json: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        clear_out(out_json);
        guard(out_err, || {
            let classes: Value = cryptotopcard::ERROR_CLASSES
                .iter()
                .map(|c| json!({"name": c.name, "parent": c.parent, "doc": c.doc}))
                .collect();
            write_out(out_json, &classes.to_string());
            Ok(())
        })
    }
}
