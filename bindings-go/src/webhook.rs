//! Webhook helpers: thin wrappers over `cryptotopcard::webhook`.

use std::ffi::c_char;

use crate::error::FfiError;
use crate::ffi::{clear_out, guard, required_str, write_out};

/// # Safety
/// `payload` must be NULL (only with `len` 0) or valid for `len` bytes.
unsafe fn payload_slice<'a>(payload: *const u8, len: usize) -> Result<&'a [u8], FfiError> {
    if payload.is_null() {
        if len == 0 {
            return Ok(&[]);
        }
        return Err(FfiError::invalid_argument(
            "payload",
            "payload must not be NULL",
        ));
    }
    Ok(std::slice::from_raw_parts(payload, len))
}

/// Checks a webhook signature (lowercase hex HMAC-SHA256 of the raw body) in constant time.
/// `*out_valid` receives 1 when it matches, 0 when not.
///
/// # Safety
/// `payload` valid for `payload_len` bytes; strings NUL-terminated; out pointers NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ctc_webhook_verify(
    payload: *const u8,
    payload_len: usize,
    signature: *const c_char,
    secret: *const c_char,
    out_valid: *mut i32,
    out_err: *mut *mut c_char,
) -> i32 {
    if !out_valid.is_null() {
        *out_valid = 0;
    }
    guard(out_err, || {
        let body = payload_slice(payload, payload_len)?;
        let signature = required_str(signature, "signature")?;
        let secret = required_str(secret, "secret")?;
        let ok = cryptotopcard::webhook::verify_webhook(body, signature, secret);
        if !out_valid.is_null() {
            *out_valid = i32::from(ok);
        }
        Ok(())
    })
}

/// Verifies the signature, parses the event and rejects one whose `created_at` is older than
/// `tolerance_secs` (0 turns the check off). `*out_event` receives `{"id","type","created_at","data"}`.
///
/// # Safety
/// As for `ctc_webhook_verify`.
#[no_mangle]
pub unsafe extern "C" fn ctc_webhook_construct_event(
    payload: *const u8,
    payload_len: usize,
    signature: *const c_char,
    secret: *const c_char,
    tolerance_secs: u64,
    out_event: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    clear_out(out_event);
    guard(out_err, || {
        let body = payload_slice(payload, payload_len)?;
        let signature = required_str(signature, "signature")?;
        let secret = required_str(secret, "secret")?;
        let event =
            cryptotopcard::webhook::construct_event(body, signature, secret, tolerance_secs)?;
        let json = serde_json::to_string(&event)
            .map_err(|e| FfiError::internal(format!("could not encode the event: {e}")))?;
        write_out(out_event, &json);
        Ok(())
    })
}

/// The core's default maximum age of a webhook event, in seconds (for `tolerance_secs`).
#[no_mangle]
pub extern "C" fn ctc_webhook_default_tolerance_secs() -> u64 {
    cryptotopcard::webhook::DEFAULT_TOLERANCE_SECS
}
