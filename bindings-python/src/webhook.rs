//! Webhook signatures: both functions delegate to `cryptotopcard::webhook`.

use pyo3::prelude::*;

use crate::convert;
use crate::error;

/// Constant-time check of `signature` (hex HMAC-SHA256 of the raw payload).
#[pyfunction]
pub(crate) fn verify_webhook(
    payload: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let payload = convert::bytes_or_str(payload, "payload")?;
    let signature = convert::string(signature, "signature")?;
    let secret = convert::string(secret, "secret")?;
    Ok(cryptotopcard::webhook::verify_webhook(
        &payload, &signature, &secret,
    ))
}

/// Verifies, checks freshness and parses an event; returns the event as JSON text.
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
    let secret = convert::string(secret, "secret")?;
    let event = cryptotopcard::webhook::construct_event(&payload, &signature, &secret, tolerance)
        .map_err(|e| error::from_core(&e))?;
    serde_json::to_string(&event).map_err(|e| error::validation("payload", format!("payload: {e}")))
}
