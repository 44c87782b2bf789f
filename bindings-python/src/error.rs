//! Core errors raised as the Python class the core names: `Error::class_name()` picks the class
//! in `cryptotopcard._errors` (generated from the spec's `x-error-classes`) and the exception is
//! built here, with that class's fields, so Python neither decodes nor maps an error.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use cryptotopcard::Error;

/// The module holding the exception classes (a generated file of the `cryptotopcard` package).
const CLASSES: &str = "cryptotopcard._errors";

/// Any core error, as an instance of its class.
pub(crate) fn from_core(err: &Error) -> PyErr {
    raise(err, None, None)
}

/// An error found while translating a Python value (before anything is sent): `ValidationError`
/// naming the argument.
pub(crate) fn validation(field: &str, message: String) -> PyErr {
    from_core(&Error::validation(field, message))
}

/// A client option refused while translating it: `ConfigurationError` naming the option.
pub(crate) fn configuration(field: &str, message: String) -> PyErr {
    from_core(&Error::Configuration {
        field: Some(field.to_owned()),
        message,
    })
}

/// A call the SDK refused to run or gave up because the caller (or the interpreter's exit)
/// cancelled it: the core's `cancelled` error (`APIUserAbortError`), saying why.
pub(crate) fn cancelled(message: &str) -> PyErr {
    raise(&Error::cancelled(None), Some(message), None)
}

/// An error produced where Python cannot be touched (a task on the core's runtime), raised later
/// on a Python thread.
pub(crate) enum Failure {
    Core(Error),
    /// A panic caught at the boundary (`InternalError`), with the call's idempotency key.
    Internal {
        message: String,
        idempotency_key: Option<String>,
    },
}

impl Failure {
    pub(crate) fn into_pyerr(self) -> PyErr {
        match self {
            Failure::Core(err) => from_core(&err),
            Failure::Internal {
                message,
                idempotency_key,
            } => raise(
                &Error::internal(message),
                None,
                Some(idempotency_key.as_deref()),
            ),
        }
    }
}

/// `err` as an exception of its class; `message` and `key` replace the error's own.
fn raise(err: &Error, message: Option<&str>, key: Option<Option<&str>>) -> PyErr {
    Python::attach(|py| {
        build(py, err, message, key).unwrap_or_else(|e| {
            // Only a broken installation (no `cryptotopcard._errors`) gets here.
            PyRuntimeError::new_err(format!(
                "{} (and its exception class could not be built: {e})",
                err.message()
            ))
        })
    })
}

fn build(
    py: Python<'_>,
    err: &Error,
    message: Option<&str>,
    key: Option<Option<&str>>,
) -> PyResult<PyErr> {
    let classes = py.import(CLASSES)?;
    // Every name the core gives is in the generated table; InternalError is the only safe
    // guess for a name it does not hold.
    let class = classes
        .getattr(err.class_name())
        .or_else(|_| classes.getattr("InternalError"))?;
    let mut message = message.unwrap_or(err.message()).to_owned();
    let kw = PyDict::new(py);
    match err {
        Error::Validation { field, .. }
        | Error::Configuration {
            field: Some(field), ..
        } => {
            if !message.contains(field.as_str()) {
                message = format!("{field}: {message}");
            }
            kw.set_item("field", field)?;
        }
        Error::Configuration { field: None, .. } => {}
        _ => {
            if let Some(api) = err.api_error() {
                kw.set_item("status", api.status)?;
                kw.set_item("error", api.error.as_deref())?;
                kw.set_item("request_id", api.request_id.as_deref())?;
                kw.set_item("param", api.param.as_deref())?;
                // The decoded error body (its text when it is not JSON).
                let body = py
                    .import("json")?
                    .call_method1("loads", (api.body.as_str(),))
                    .or_else(|_| api.body.as_str().into_pyobject(py).map(|s| s.into_any()))?;
                kw.set_item("body", body)?;
                let rate_limit = classes.getattr("RateLimitError")?.cast_into::<PyType>()?;
                if class.cast::<PyType>()?.is_subclass(&rate_limit)? {
                    kw.set_item("retry_after", api.retry_after)?;
                }
            }
            kw.set_item("idempotency_key", key.unwrap_or(err.idempotency_key()))?;
        }
    }
    Ok(PyErr::from_value(class.call((message,), Some(&kw))?))
}
