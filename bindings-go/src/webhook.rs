//! Webhook helpers: thin wrappers over `cryptotopcard::webhook`.

use std::ffi::c_char;

use crate::error::FfiError;
use crate::ffi::{clear_out, guard, required_str, write_out};

/// # Safety
/// `payload` must be NULL (only with `len` 0) or valid for `len` bytes.
unsafe fn payload_slice<'a>(payload: *const u8, len: usize) -> Result<&'a [u8], FfiError> {
    unsafe {
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
    unsafe {
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
}

/// Verifies the signature, parses the event and rejects one whose `created_at` is more than
/// `tolerance_secs` in the past or in the future (0 turns the check off). `*out_event` receives
/// the event as it was sent (`{"id","type","created_at","data"}`, fields this library does not
/// know kept), once the core has checked it against its typed model.
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
    unsafe {
        clear_out(out_event);
        guard(out_err, || {
            let body = payload_slice(payload, payload_len)?;
            let signature = required_str(signature, "signature")?;
            let secret = required_str(secret, "secret")?;
            let event = cryptotopcard::webhook::construct_event_json_any(
                body,
                signature,
                &[secret],
                tolerance_secs,
            )?;
            write_out(out_event, &event.to_string());
            Ok(())
        })
    }
}

/// Reads `len` secrets from a C array of NUL-terminated strings (NULL only with `len` 0).
///
/// # Safety
/// `secrets` must be NULL or valid for `len` pointers, each NULL or a NUL-terminated string.
unsafe fn secret_list<'a>(
    secrets: *const *const c_char,
    len: usize,
) -> Result<Vec<&'a str>, FfiError> {
    unsafe {
        if secrets.is_null() {
            if len == 0 {
                return Ok(Vec::new());
            }
            return Err(FfiError::invalid_argument(
                "secrets",
                "secrets must not be NULL",
            ));
        }
        std::slice::from_raw_parts(secrets, len)
            .iter()
            .map(|&p| required_str(p, "secrets"))
            .collect()
    }
}

/// `ctc_webhook_verify` against several secrets (rotation: a delivery signed with the old or the
/// new secret both verify). `secrets` is an array of `secrets_len` strings; `*out_valid` receives
/// 1 when any of them matches (all are checked, so the time taken does not say which), else 0.
///
/// # Safety
/// As for `ctc_webhook_verify`; `secrets` valid for `secrets_len` NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn ctc_webhook_verify_any(
    payload: *const u8,
    payload_len: usize,
    signature: *const c_char,
    secrets: *const *const c_char,
    secrets_len: usize,
    out_valid: *mut i32,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        if !out_valid.is_null() {
            *out_valid = 0;
        }
        guard(out_err, || {
            let body = payload_slice(payload, payload_len)?;
            let signature = required_str(signature, "signature")?;
            let secrets = secret_list(secrets, secrets_len)?;
            let ok = cryptotopcard::webhook::verify_webhook_any(body, signature, &secrets);
            if !out_valid.is_null() {
                *out_valid = i32::from(ok);
            }
            Ok(())
        })
    }
}

/// `ctc_webhook_construct_event` against several secrets (rotation). Events dated more than
/// `tolerance_secs` in the past or in the future are refused (0 turns the check off).
///
/// # Safety
/// As for `ctc_webhook_verify_any`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ctc_webhook_construct_event_any(
    payload: *const u8,
    payload_len: usize,
    signature: *const c_char,
    secrets: *const *const c_char,
    secrets_len: usize,
    tolerance_secs: u64,
    out_event: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        clear_out(out_event);
        guard(out_err, || {
            let body = payload_slice(payload, payload_len)?;
            let signature = required_str(signature, "signature")?;
            let secrets = secret_list(secrets, secrets_len)?;
            let event = cryptotopcard::webhook::construct_event_json_any(
                body,
                signature,
                &secrets,
                tolerance_secs,
            )?;
            write_out(out_event, &event.to_string());
            Ok(())
        })
    }
}

/// Writes the signature the API would send for `payload` under `secret` (the `X-CTC-Signature`
/// value: lowercase hex HMAC-SHA256) to `*out_signature`: for users' tests of their webhook
/// handlers.
///
/// # Safety
/// `payload` valid for `payload_len` bytes; `secret` NUL-terminated; out pointers NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ctc_webhook_sign(
    payload: *const u8,
    payload_len: usize,
    secret: *const c_char,
    out_signature: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        clear_out(out_signature);
        guard(out_err, || {
            let body = payload_slice(payload, payload_len)?;
            let secret = required_str(secret, "secret")?;
            write_out(out_signature, &cryptotopcard::webhook::sign(body, secret));
            Ok(())
        })
    }
}

/// The core's default maximum age of a webhook event, in seconds (for `tolerance_secs`).
#[no_mangle]
pub extern "C" fn ctc_webhook_default_tolerance_secs() -> u64 {
    cryptotopcard::webhook::DEFAULT_TOLERANCE_SECS
}
