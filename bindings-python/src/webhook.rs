//! Webhook signatures: every function delegates to `cryptotopcard::webhook`. `secret` is one
//! secret or a list of them (rotation: any of them may have signed).

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::convert;
use crate::error;

fn secrets(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if obj.cast::<PyString>().is_ok() {
        return Ok(vec![convert::string(obj, "secret")?]);
    }
    let bad = || error::validation("secret", "secret: expected a str or a list of str".into());
    let mut out = Vec::new();
    for item in obj.try_iter().map_err(|_| bad())? {
        out.push(convert::string(&item?, "secret")?);
    }
    if out.is_empty() {
        return Err(error::validation(
            "secret",
            "secret: the list of secrets is empty".into(),
        ));
    }
    Ok(out)
}

/// Constant-time check of `signature` (hex HMAC-SHA256 of the raw payload) against each secret.
#[pyfunction]
pub(crate) fn verify_webhook(
    payload: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let payload = convert::bytes_or_str(payload, "payload")?;
    let signature = convert::string(signature, "signature")?;
    let secrets = secrets(secret)?;
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    Ok(cryptotopcard::webhook::verify_webhook_any(
        &payload, &signature, &refs,
    ))
}

/// Verifies, checks freshness (past and future) and returns the event as the JSON it was sent
/// in (fields this SDK does not know kept).
#[pyfunction]
#[pyo3(signature = (payload, signature, secret, tolerance=300))]
pub(crate) fn construct_event(
    payload: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
    tolerance: u64,
) -> PyResult<String> {
    let payload = convert::bytes_or_str(payload, "payload")?;
    let signature = convert::string(signature, "signature")?;
    let secrets = secrets(secret)?;
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let event =
        cryptotopcard::webhook::construct_event_json_any(&payload, &signature, &refs, tolerance)
            .map_err(|e| error::from_core(&e))?;
    Ok(event.to_string())
}

/// The `X-CTC-Signature` value for `payload` signed with `secret` (for users' own tests).
#[pyfunction]
pub(crate) fn sign_webhook(
    payload: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let payload = convert::bytes_or_str(payload, "payload")?;
    let secret = convert::string(secret, "secret")?;
    Ok(cryptotopcard::webhook::sign(&payload, &secret))
}
