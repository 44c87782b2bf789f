//! Webhook signature helpers, delegating to `cryptotopcard::webhook`.

use napi::bindgen_prelude::{Buffer, Either};
use napi::Result;
use napi_derive::napi;

use cryptotopcard::Error;

use crate::error::to_napi;

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

/// Verifies and parses an event (signature, shape, type, age: all the core's checks) and returns
/// the payload as it was signed, JSON text (snake_case), so that fields the core's typed event
/// does not know yet reach the JavaScript models, as `ops::call` passes response bodies through.
/// Throws the core's error JSON.
#[napi(catch_unwind)]
pub fn construct_event(
    payload: Either<Buffer, String>,
    signature: String,
    secret: String,
    tolerance_secs: f64,
) -> Result<String> {
    if !tolerance_secs.is_finite() || tolerance_secs < 0.0 || tolerance_secs.fract() != 0.0 {
        return Err(to_napi(&Error::validation(
            "tolerance",
            "tolerance must be a non-negative whole number of seconds",
        )));
    }
    let body = bytes(&payload);
    cryptotopcard::webhook::construct_event(body, &signature, &secret, tolerance_secs as u64)
        .map_err(|e| to_napi(&e))?;
    // The core parsed it as JSON, so it is UTF-8.
    String::from_utf8(body.to_vec())
        .map_err(|_| to_napi(&Error::internal("a verified event is not UTF-8")))
}
