//! One exception type for every core error. Its single argument is the core's
//! `Error::to_json()` as a JSON string; `cryptotopcard._exceptions` maps it to a class.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::PyErr;
use serde_json::{json, Value};

create_exception!(
    _native,
    CoreError,
    PyException,
    "A core error; args[0] is its JSON (kind, message, status, ...)."
);

/// Any core error, as a Python exception (no GIL needed: the error is built lazily).
pub(crate) fn from_core(err: &cryptotopcard::Error) -> PyErr {
    CoreError::new_err(err.to_json().to_string())
}

/// An error found while translating a Python value (before anything is sent).
pub(crate) fn validation(field: &str, message: String) -> PyErr {
    let body = json!({
        "kind": "validation",
        "message": message,
        "status": Value::Null,
        "error": Value::Null,
        "request_id": Value::Null,
        "param": field,
        "field": field,
        "retry_after": Value::Null,
        "body": Value::Null,
    });
    CoreError::new_err(body.to_string())
}

/// The JSON of an error with no core counterpart (a panic caught at the boundary).
pub(crate) fn internal_json(message: &str) -> String {
    json!({
        "kind": "connection",
        "message": message,
        "status": Value::Null,
        "error": Value::Null,
        "request_id": Value::Null,
        "param": Value::Null,
        "field": Value::Null,
        "retry_after": Value::Null,
        "body": Value::Null,
    })
    .to_string()
}
