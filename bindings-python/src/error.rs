//! One exception type for every core error. Its single argument is the core's
//! `Error::to_json()` as a JSON string (its `class` names the Python class);
//! `cryptotopcard._exceptions` maps it to that class in one place.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::PyErr;
use serde_json::Value;

use cryptotopcard::Error;

create_exception!(
    _native,
    CoreError,
    PyException,
    "A core error; args[0] is its JSON (class, kind, message, status, ...)."
);

/// Any core error, as a Python exception (no GIL needed: the error is built lazily).
pub(crate) fn from_core(err: &Error) -> PyErr {
    CoreError::new_err(err.to_json().to_string())
}

/// An error found while translating a Python value (before anything is sent).
pub(crate) fn validation(field: &str, message: String) -> PyErr {
    let mut body = Error::validation(field, message).to_json();
    body["param"] = Value::String(field.to_owned());
    CoreError::new_err(body.to_string())
}

/// A client option refused while translating it: the core's configuration error, naming it.
pub(crate) fn configuration(field: &str, message: String) -> PyErr {
    let err = Error::Configuration {
        field: Some(field.to_owned()),
        message,
    };
    CoreError::new_err(err.to_json().to_string())
}

/// The JSON of a panic caught at the boundary (class `InternalError`), with the call's
/// idempotency key when it had one.
pub(crate) fn internal_json(message: &str, idempotency_key: Option<&str>) -> String {
    let mut body = Error::internal(message).to_json();
    body["idempotency_key"] = idempotency_key.map_or(Value::Null, |k| Value::String(k.to_owned()));
    body.to_string()
}

/// A call the SDK refused to run or gave up because the caller (or the interpreter's exit)
/// cancelled it: the core's `cancelled` error (class `APIUserAbortError`), saying why.
pub(crate) fn cancelled(message: &str) -> PyErr {
    let mut body = Error::cancelled(None).to_json();
    body["message"] = Value::String(message.to_owned());
    CoreError::new_err(body.to_string())
}
