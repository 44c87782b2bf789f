//! Webhook helpers, as top-level functions (`verifyWebhook`, `constructEvent` in Kotlin/Swift).
//! Payloads are the raw request body bytes (`ByteArray` / `Data`).

use crate::error::CryptoTopCardError;
use crate::models::WebhookEvent;

/// `true` when `signature` (the `X-CTC-Signature` header) is the lowercase hex HMAC-SHA256 of
/// `payload` under `secret`. Constant time.
#[uniffi::export]
pub fn verify_webhook(payload: Vec<u8>, signature: String, secret: String) -> bool {
    cryptotopcard::webhook::verify_webhook(&payload, &signature, &secret)
}

/// Verifies the signature, parses the typed event, and rejects an event whose signed
/// `created_at` is older than `tolerance_seconds` (replay protection; 0 turns it off).
/// Failures are `CryptoTopCardError::WebhookVerification`.
#[uniffi::export(default(tolerance_seconds = 300))]
pub fn construct_event(
    payload: Vec<u8>,
    signature: String,
    secret: String,
    tolerance_seconds: u64,
) -> Result<WebhookEvent, CryptoTopCardError> {
    let event =
        cryptotopcard::webhook::construct_event(&payload, &signature, &secret, tolerance_seconds)?;
    Ok(event.into())
}
