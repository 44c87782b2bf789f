//! Webhook signature helpers, delegating to `cryptotopcard::webhook`. Every check takes a list of
//! secrets (rotation: deliveries signed with the old or the new secret both verify); the
//! JavaScript layer passes one secret as a list of one.

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

fn refs(secrets: &[String]) -> Vec<&str> {
    secrets.iter().map(String::as_str).collect()
}

/// Constant-time check of `X-CTC-Signature` (hex HMAC-SHA256 of the raw body) against each of
/// `secrets`; true when one matches.
#[napi(catch_unwind)]
pub fn verify_webhook(
    payload: Either<Buffer, String>,
    signature: String,
    secrets: Vec<String>,
) -> bool {
    cryptotopcard::webhook::verify_webhook_any(bytes(&payload), &signature, &refs(&secrets))
}

/// Verifies and parses an event (signature against any of `secrets`, shape, type, age in the
/// past and in the future: all the core's checks) and returns the payload as it was signed,
/// JSON text (snake_case), so that fields the core's typed event does not know yet reach the
/// JavaScript models, as `ops::call` passes response bodies through. Throws the core's error
/// JSON.
#[napi(catch_unwind)]
pub fn construct_event(
    payload: Either<Buffer, String>,
    signature: String,
    secrets: Vec<String>,
    tolerance_secs: f64,
) -> Result<String> {
    if !tolerance_secs.is_finite() || tolerance_secs < 0.0 || tolerance_secs.fract() != 0.0 {
        return Err(to_napi(&Error::validation(
            "tolerance",
            "tolerance must be a non-negative whole number of seconds",
        )));
    }
    let event = cryptotopcard::webhook::construct_event_json_any(
        bytes(&payload),
        &signature,
        &refs(&secrets),
        tolerance_secs as u64,
    )
    .map_err(|e| to_napi(&e))?;
    Ok(event.to_string())
}

/// The `X-CTC-Signature` value the API would send for `payload` signed with `secret`, for
/// tests of a user's own webhook handler (like Stripe's `generateTestHeaderString`).
#[napi(catch_unwind)]
pub fn sign_webhook(payload: Either<Buffer, String>, secret: String) -> String {
    cryptotopcard::webhook::sign(bytes(&payload), &secret)
}
