//! Webhook helpers, as top-level functions (`verifyWebhook`, `constructEvent`, ... in
//! Kotlin/Swift). Payloads are the raw request body bytes (`ByteArray` / `Data`).
//!
//! The API may deliver an event more than once (a retry after a timeout): de-duplicate by the
//! event `id` (also sent as the `X-CTC-Delivery` header).

use crate::error::{guard, CryptoTopCardError};
use crate::models::WebhookEvent;

/// `true` when `signature` (the `X-CTC-Signature` header) is the lowercase hex HMAC-SHA256 of
/// `payload` under `secret`. Constant time.
#[uniffi::export]
pub fn verify_webhook(payload: Vec<u8>, signature: String, secret: String) -> bool {
    cryptotopcard::webhook::verify_webhook(&payload, &signature, &secret)
}

/// [`verify_webhook`] against several secrets: while an endpoint's secret is rotated, its
/// deliveries may be signed with the old or the new one. `true` when any of them matches.
#[uniffi::export]
pub fn verify_webhook_any(payload: Vec<u8>, signature: String, secrets: Vec<String>) -> bool {
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    cryptotopcard::webhook::verify_webhook_any(&payload, &signature, &secrets)
}

/// Verifies the signature, parses the typed event, and rejects an event whose signed
/// `created_at` is more than `tolerance_seconds` in the past (a replay) or in the future (a
/// forged or badly skewed clock); 0 turns the age check off. Failures are
/// `CryptoTopCardError::WebhookVerification`.
#[uniffi::export(default(tolerance_seconds = 300))]
pub fn construct_event(
    payload: Vec<u8>,
    signature: String,
    secret: String,
    tolerance_seconds: u64,
) -> Result<WebhookEvent, CryptoTopCardError> {
    construct_event_any(payload, signature, vec![secret], tolerance_seconds)
}

/// [`construct_event`] against several secrets (rotation: the old and the new both accepted).
#[uniffi::export(default(tolerance_seconds = 300))]
pub fn construct_event_any(
    payload: Vec<u8>,
    signature: String,
    secrets: Vec<String>,
    tolerance_seconds: u64,
) -> Result<WebhookEvent, CryptoTopCardError> {
    guard(|| {
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let event = cryptotopcard::webhook::construct_event_any(
            &payload,
            &signature,
            &secrets,
            tolerance_seconds,
        )?;
        Ok(event.into())
    })
}

/// The `X-CTC-Signature` value the API would send for `payload` under `secret`: for your own
/// tests of a webhook handler (like Stripe's `generateTestHeaderString`).
#[uniffi::export]
pub fn generate_test_signature(payload: Vec<u8>, secret: String) -> String {
    cryptotopcard::webhook::sign(&payload, &secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "whsec_old_0123456789abcdefghijklmnop";
    const NEW: &str = "whsec_new_0123456789abcdefghijklmnop";

    fn payload(created_at: &str) -> Vec<u8> {
        format!(
            r#"{{"id":"evt_1","type":"card.created","created_at":"{created_at}","data":{{"id":"card_1","bin_id":"491653","network":"visa","last4":"2039","status":"active","balance":5.0,"spending_limit":2000.0,"label":null,"metadata":{{}},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-30T23:59:59Z"}}}}"#
        )
        .into_bytes()
    }

    #[test]
    fn rotation_accepts_either_secret() {
        let now = chrono_now();
        let body = payload(&now);
        let sig = generate_test_signature(body.clone(), OLD.into());
        assert!(verify_webhook(body.clone(), sig.clone(), OLD.into()));
        assert!(!verify_webhook(body.clone(), sig.clone(), NEW.into()));
        assert!(verify_webhook_any(
            body.clone(),
            sig.clone(),
            vec![NEW.into(), OLD.into()]
        ));
        assert!(!verify_webhook_any(
            body.clone(),
            sig.clone(),
            vec![NEW.into()]
        ));
        assert!(!verify_webhook_any(body.clone(), sig.clone(), vec![]));
        let e = construct_event_any(body.clone(), sig.clone(), vec![NEW.into(), OLD.into()], 300)
            .expect("signed with the old secret");
        assert_eq!(e.id, "evt_1");
        let err = construct_event_any(body, sig, vec![NEW.into()], 300).unwrap_err();
        assert!(matches!(
            err,
            CryptoTopCardError::WebhookVerification { .. }
        ));
        assert!(!err.to_string().contains("whsec_"), "{err}");
    }

    /// An event dated beyond the tolerance in the future is refused like a replayed one.
    #[test]
    fn future_events_are_refused() {
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        let body = payload(&rfc3339(later));
        let sig = generate_test_signature(body.clone(), NEW.into());
        let err = construct_event(body.clone(), sig.clone(), NEW.into(), 300).unwrap_err();
        assert!(
            matches!(err, CryptoTopCardError::WebhookVerification { .. }),
            "{err:?}"
        );
        // 0 turns the age check off.
        assert!(construct_event(body, sig, NEW.into(), 0).is_ok());
    }

    fn chrono_now() -> String {
        rfc3339(std::time::SystemTime::now())
    }

    /// RFC 3339 UTC through the core's own timestamp type.
    fn rfc3339(t: std::time::SystemTime) -> String {
        let ts: cryptotopcard::Timestamp = t.into();
        ts.to_rfc3339()
    }
}
