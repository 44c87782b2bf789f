//! Errors across the boundary. The core's error JSON (`Error::to_json`) travels to JavaScript
//! unchanged; `lib/errors.js` turns it into the error classes, in one place.

use serde_json::{json, Value};

/// Marker that starts the message of a napi error thrown by a synchronous native function,
/// followed by the core's error JSON. `lib/errors.js` recognises it.
pub const ERROR_PREFIX: &str = "CTC_ERROR_JSON:";

/// The core's error as JSON (never contains a secret: the core redacts).
pub fn core_error_json(err: &cryptotopcard::Error) -> Value {
    err.to_json()
}

/// An error raised inside this binding (a panic caught at the boundary, a bad argument type).
pub fn binding_error_json(kind: &str, message: &str, field: Option<&str>) -> Value {
    json!({
        "kind": kind,
        "message": message,
        "status": null,
        "error": null,
        "request_id": null,
        "param": null,
        "field": field,
        "retry_after": null,
        "body": null,
        "idempotency_key": null,
    })
}

/// A napi error (thrown synchronously) carrying the error JSON.
pub fn to_napi(value: &Value) -> napi::Error {
    napi::Error::from_reason(format!("{ERROR_PREFIX}{value}"))
}
