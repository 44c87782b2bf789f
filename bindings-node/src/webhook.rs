//! Webhook signature helpers, delegating to `cryptotopcard::webhook`.

use napi::bindgen_prelude::{Buffer, Either};
use napi::Result;
use napi_derive::napi;

use crate::error::{binding_error_json, core_error_json, to_napi};

fn bytes(payload: &Either<Buffer, String>) -> &[u8] {
    match payload {
        Either::A(buf) => buf.as_ref(),
        Either::B(s) => s.as_bytes(),
    }
}

/// Constant-time check of `X-CTC-Signature` (hex HMAC-SHA256 of the raw body).
#[napi(catch_unwind)]
pub fn verify_webhook(payload: Either<Buffer, String>, signature: String, secret: String) -> bool {
    cryptotopcard::webhook::verify_webhook(bytes(&payload), &signature, &secret)
}

/// Verifies and parses an event; returns its JSON (snake_case). Throws the core's error JSON.
#[napi(catch_unwind)]
pub fn construct_event(
    payload: Either<Buffer, String>,
    signature: String,
    secret: String,
    tolerance_secs: f64,
) -> Result<String> {
    if !tolerance_secs.is_finite() || tolerance_secs < 0.0 || tolerance_secs.fract() != 0.0 {
        return Err(to_napi(&binding_error_json(
            "validation",
            "tolerance must be a non-negative whole number of seconds",
            Some("tolerance"),
        )));
    }
    let event = cryptotopcard::webhook::construct_event(
        bytes(&payload),
        &signature,
        &secret,
        tolerance_secs as u64,
    )
    .map_err(|e| to_napi(&core_error_json(&e)))?;
    serde_json::to_string(&event).map_err(|e| {
        to_napi(&binding_error_json(
            "webhook_verification",
            &format!("event could not be encoded: {e}"),
            None,
        ))
    })
}
