//! Errors across the boundary. Every error is a core `cryptotopcard::Error` (the binding's own
//! failures too: a bad option, a closed client, a caught panic), so its JSON (`Error::to_json`)
//! names the class every binding uses (`"class"`, a row of `cryptotopcard::ERROR_CLASSES`).
//! `lib/errors.js` picks the JavaScript class by that name alone, in one place.

use cryptotopcard::Error;
use napi_derive::napi;
use serde_json::Value;

/// Marker that starts the message of a napi error thrown by a synchronous native function,
/// followed by the core's error JSON. `lib/errors.js` recognises it.
pub const ERROR_PREFIX: &str = "CTC_ERROR_JSON:";

/// The message of the internal error a caught panic becomes (never the panic's own text, which
/// could quote a value).
pub const PANIC_MESSAGE: &str = "internal error in the native binding (a panic was caught)";

/// The core's error as JSON (never contains a secret: the core redacts).
pub fn error_json(err: &Error) -> Value {
    err.to_json()
}

/// A napi error (thrown synchronously) carrying the error JSON.
pub fn to_napi(err: &Error) -> napi::Error {
    napi::Error::from_reason(format!("{ERROR_PREFIX}{}", error_json(err)))
}

/// A configuration error naming the client option at fault (snake_case, as the core names them).
pub fn configuration(field: &str, message: impl Into<String>) -> Error {
    Error::Configuration {
        field: Some(field.to_string()),
        message: message.into(),
    }
}

/// One row of the core's error class table.
#[napi(object)]
pub struct ErrorClassRow {
    /// Class name, identical in every language.
    pub name: String,
    /// The class it extends (null for the root, `CryptoTopCardError`).
    pub parent: Option<String>,
    /// One-line meaning.
    pub doc: String,
}

/// The core's table of error classes (`cryptotopcard::ERROR_CLASSES`), parents before children.
/// `lib/errors.js` defines one JavaScript class per row; a test checks the two trees are equal.
#[napi(catch_unwind)]
pub fn error_classes() -> Vec<ErrorClassRow> {
    cryptotopcard::ERROR_CLASSES
        .iter()
        .map(|c| ErrorClassRow {
            name: c.name.to_string(),
            parent: c.parent.map(str::to_string),
            doc: c.doc.to_string(),
        })
        .collect()
}
