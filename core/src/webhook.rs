//! Webhook signature checks and typed events.
//!
//! Deliveries carry `X-CTC-Signature`: the lowercase hex HMAC-SHA256 of the raw body keyed with
//! the endpoint secret's UTF-8 bytes.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::error::{Error, Result};
use crate::models::event::RawEvent;
use crate::models::Event;

/// Header with the signature.
pub const SIGNATURE_HEADER: &str = "X-CTC-Signature";
/// Header with the event type.
pub const EVENT_HEADER: &str = "X-CTC-Event";
/// Header with the event id.
pub const DELIVERY_HEADER: &str = "X-CTC-Delivery";
/// Default replay tolerance in seconds.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &str) -> HmacSha256 {
    // HMAC accepts keys of any length; this cannot fail.
    match <HmacSha256 as KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    }
}

/// The signature the API would send for `payload` (lowercase hex HMAC-SHA256). Useful in tests.
pub fn sign(payload: &[u8], secret: &str) -> String {
    let mut m = mac(secret);
    m.update(payload);
    hex::encode(m.finalize().into_bytes())
}

fn check_signature(payload: &[u8], signature: &str, secret: &str) -> Result<()> {
    if secret.is_empty() {
        return Err(Error::webhook("the webhook secret is empty"));
    }
    // Exactly 64 lowercase hex characters: no whitespace, no prefix, no upper case.
    let sig = signature;
    if sig.len() != 64 {
        return Err(Error::webhook(
            "signature must be 64 lowercase hex characters",
        ));
    }
    if !sig
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(Error::webhook(
            "signature must be 64 lowercase hex characters",
        ));
    }
    let raw = hex::decode(sig)
        .map_err(|_| Error::webhook("signature must be 64 lowercase hex characters"))?;
    let mut m = mac(secret);
    m.update(payload);
    // Constant-time comparison.
    m.verify_slice(&raw)
        .map_err(|_| Error::webhook("signature does not match the payload"))
}

/// Checks `signature` against each secret (all of them, so the time taken does not say which
/// matched); the first error when none does.
fn check_any(payload: &[u8], signature: &str, secrets: &[&str]) -> Result<()> {
    if secrets.is_empty() {
        return Err(Error::webhook("no webhook secret given"));
    }
    let mut first_err = None;
    let mut ok = false;
    for secret in secrets {
        match check_signature(payload, signature, secret) {
            Ok(()) => ok = true,
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    match (ok, first_err) {
        (true, _) => Ok(()),
        (false, Some(e)) => Err(e),
        (false, None) => Err(Error::webhook("signature does not match the payload")),
    }
}

/// `true` when `signature` is the lowercase hex HMAC-SHA256 of `payload` under `secret`.
/// Constant time; rejects upper-case, non-hex and wrong-length signatures.
pub fn verify_webhook(payload: &[u8], signature: &str, secret: &str) -> bool {
    check_signature(payload, signature, secret).is_ok()
}

/// Like [`verify_webhook`], against several secrets: during a rotation an endpoint's deliveries
/// may be signed with the old or the new secret. `true` when any of them matches.
pub fn verify_webhook_any(payload: &[u8], signature: &str, secrets: &[&str]) -> bool {
    check_any(payload, signature, secrets).is_ok()
}

/// Verifies the signature, parses the event, and rejects one whose signed `created_at` is more
/// than `tolerance_secs` in the past (a replay) or in the future (a forged or badly skewed
/// clock); 0 disables the age check. Errors are `webhook_verification`.
///
/// The API may deliver an event more than once (a retry after a timeout): de-duplicate by the
/// event `id` (also sent as the `X-CTC-Delivery` header).
pub fn construct_event(
    payload: &[u8],
    signature: &str,
    secret: &str,
    tolerance_secs: u64,
) -> Result<Event> {
    construct_event_any(payload, signature, &[secret], tolerance_secs)
}

/// [`construct_event_any`], returning the verified event as the JSON it was sent in (fields
/// this SDK does not know yet kept) rather than the typed [`Event`]: what bindings hand on.
/// The signature, the envelope (`id`, `type`, `created_at`) and its age are checked; `data` is
/// left to the binding's own models (which, like Go's or Python's, read what they know of it).
pub fn construct_event_json_any(
    payload: &[u8],
    signature: &str,
    secrets: &[&str],
    tolerance_secs: u64,
) -> Result<serde_json::Value> {
    verified_envelope(payload, signature, secrets, tolerance_secs)?;
    serde_json::from_slice(payload).map_err(|_| Error::webhook("payload is not a valid event"))
}

/// [`construct_event`] against several secrets (rotation: old and new both accepted).
pub fn construct_event_any(
    payload: &[u8],
    signature: &str,
    secrets: &[&str],
    tolerance_secs: u64,
) -> Result<Event> {
    let raw = verified_envelope(payload, signature, secrets, tolerance_secs)?;
    let event_type = raw.event_type.clone();
    Event::from_raw(raw).map_err(|e| {
        Error::webhook(format!(
            "data of a {event_type} event does not match its type ({:?} error)",
            e.classify()
        ))
    })
}

/// Checks the signature, parses the envelope and checks its age.
fn verified_envelope(
    payload: &[u8],
    signature: &str,
    secrets: &[&str],
    tolerance_secs: u64,
) -> Result<RawEvent> {
    check_any(payload, signature, secrets)?;
    let raw: RawEvent = serde_json::from_slice(payload).map_err(|e| {
        Error::webhook(format!(
            "payload is not a valid event ({:?} error at line {} column {})",
            e.classify(),
            e.line(),
            e.column()
        ))
    })?;
    if tolerance_secs > 0 {
        let age = chrono::Utc::now().signed_duration_since(raw.created_at);
        let tolerance = i64::try_from(tolerance_secs).unwrap_or(i64::MAX);
        if age.num_seconds() > tolerance {
            return Err(Error::webhook(format!(
                "event is older than the tolerance of {tolerance_secs} s (created {})",
                raw.created_at.to_rfc3339()
            )));
        }
        if age.num_seconds() < -tolerance {
            return Err(Error::webhook(format!(
                "event is dated more than the tolerance of {tolerance_secs} s in the future (created {})",
                raw.created_at.to_rfc3339()
            )));
        }
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::EventType;

    const SECRET: &str = "whsec_test_0123456789abcdefghijklmnopqrstuv";

    /// A card as the API sends it (every required field), plus `extra`.
    fn card(id: &str, extra: serde_json::Value) -> serde_json::Value {
        let mut v = serde_json::json!({
            "id": id, "bin_id": "491653", "network": "visa", "last4": "2039",
            "status": "active", "balance": 10.0, "spending_limit": 2000.0, "label": null,
            "metadata": {}, "created_at": "2026-04-15T12:00:00Z",
            "expires_at": "2029-04-30T23:59:59Z"
        });
        if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            m.extend(e.clone());
        }
        v
    }

    fn event_json(ty: &str, created_at: &str, data: serde_json::Value) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "id": "evt_1", "type": ty, "created_at": created_at, "data": data
        }))
        .unwrap()
    }

    #[test]
    fn verify_accepts_only_exact_lowercase_signatures() {
        let body = br#"{"a":1}"#;
        let sig = sign(body, SECRET);
        assert!(verify_webhook(body, &sig, SECRET));
        assert!(!verify_webhook(body, &sig.to_uppercase(), SECRET));
        assert!(!verify_webhook(body, &sig[..62], SECRET));
        assert!(!verify_webhook(body, &format!("{sig}00"), SECRET));
        assert!(!verify_webhook(body, &"zz".repeat(32), SECRET));
        assert!(!verify_webhook(body, &sig, "whsec_other"));
        assert!(!verify_webhook(br#"{"a":2}"#, &sig, SECRET));
        assert!(!verify_webhook(body, "", SECRET));
        // Found by fuzzing: surrounding whitespace used to be trimmed and accepted.
        assert!(!verify_webhook(body, &format!(" {sig}"), SECRET));
        assert!(!verify_webhook(body, &format!("{sig}\n"), SECRET));
        assert!(!verify_webhook(body, &sig, ""));
    }

    #[test]
    fn python_reference_vector() {
        // hmac.new(b"secret", b"payload", hashlib.sha256).hexdigest()
        assert_eq!(
            sign(b"payload", "secret"),
            "b82fcb791acec57859b989b430a826488ce2e479fdf92326bd0a2e8375a42ba4"
        );
    }

    #[test]
    fn construct_typed_and_unknown_events() {
        let now = chrono::Utc::now().to_rfc3339();
        let body = event_json(
            "card.created",
            &now,
            card("card_1", serde_json::json!({"brand_new": 1})),
        );
        let ev = construct_event(&body, &sign(&body, SECRET), SECRET, 300).unwrap();
        match &ev {
            Event::CardCreated(e) => {
                assert_eq!(e.data.id, "card_1");
                assert_eq!(e.data.balance, 10.0);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(ev.event_type(), EventType::CardCreated);
        let v = serde_json::to_value(&ev).unwrap();
        assert_eq!(v["type"], "card.created");
        assert_eq!(v["data"]["id"], "card_1");

        let body = event_json("card.teleported", &now, serde_json::json!({"x": [1, 2]}));
        let ev = construct_event(&body, &sign(&body, SECRET), SECRET, 300).unwrap();
        match &ev {
            Event::Unknown {
                event_type,
                envelope,
            } => {
                assert_eq!(event_type, "card.teleported");
                assert_eq!(envelope.data, serde_json::json!({"x": [1, 2]}));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            ev.event_type(),
            EventType::Unknown("card.teleported".into())
        );
        assert_eq!(
            serde_json::to_value(&ev).unwrap()["type"],
            "card.teleported"
        );
    }

    #[test]
    fn construct_rejects_bad_input() {
        let now = chrono::Utc::now().to_rfc3339();
        let body = event_json("card.created", &now, card("card_1", serde_json::json!({})));
        let e = construct_event(&body, &"0".repeat(64), SECRET, 300).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
        assert!(!e.to_string().contains(SECRET));

        let old = (chrono::Utc::now() - chrono::Duration::seconds(600)).to_rfc3339();
        let body = event_json("card.created", &old, card("card_1", serde_json::json!({})));
        let sig = sign(&body, SECRET);
        let e = construct_event(&body, &sig, SECRET, 300).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
        assert!(construct_event(&body, &sig, SECRET, 0).is_ok());
        assert!(construct_event(&body, &sig, SECRET, 900).is_ok());

        let body = b"not json".to_vec();
        let e = construct_event(&body, &sign(&body, SECRET), SECRET, 0).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);

        let body = event_json("card.created", &now, serde_json::json!({"no_id": true}));
        let e = construct_event(&body, &sign(&body, SECRET), SECRET, 0).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
        // The JSON form checks the envelope only: the binding's models read `data`.
        assert!(construct_event_json_any(&body, &sign(&body, SECRET), &[SECRET], 0).is_ok());
        let body = br#"{"type":"card.created","data":{}}"#;
        let e = construct_event_json_any(body, &sign(body, SECRET), &[SECRET], 0).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
    }

    #[test]
    fn future_timestamps_beyond_the_tolerance_are_refused() {
        let ahead = (chrono::Utc::now() + chrono::Duration::seconds(600)).to_rfc3339();
        let body = event_json(
            "card.created",
            &ahead,
            card("card_1", serde_json::json!({})),
        );
        let sig = sign(&body, SECRET);
        let e = construct_event(&body, &sig, SECRET, 300).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
        assert!(e.to_string().contains("future"), "{e}");
        assert!(construct_event(&body, &sig, SECRET, 900).is_ok());
        assert!(construct_event(&body, &sig, SECRET, 0).is_ok());
        let slight = (chrono::Utc::now() + chrono::Duration::seconds(5)).to_rfc3339();
        let body = event_json(
            "card.created",
            &slight,
            card("card_1", serde_json::json!({})),
        );
        assert!(construct_event(&body, &sign(&body, SECRET), SECRET, 300).is_ok());
    }

    #[test]
    fn json_form_keeps_unknown_fields() {
        let now = chrono::Utc::now().to_rfc3339();
        let body = event_json(
            "card.created",
            &now,
            serde_json::json!({"id": "card_1", "brand_new": 7}),
        );
        let v = construct_event_json_any(&body, &sign(&body, SECRET), &[SECRET], 300).unwrap();
        assert_eq!(v["data"]["brand_new"], 7);
        assert!(construct_event_json_any(&body, &"0".repeat(64), &[SECRET], 300).is_err());
    }

    #[test]
    fn rotation_accepts_any_listed_secret() {
        const NEW: &str = "whsec_new_secret_after_rotation_0123456789";
        let now = chrono::Utc::now().to_rfc3339();
        let body = event_json("card.created", &now, card("card_1", serde_json::json!({})));
        let old_sig = sign(&body, SECRET);
        let new_sig = sign(&body, NEW);
        for sig in [&old_sig, &new_sig] {
            assert!(verify_webhook_any(&body, sig, &[NEW, SECRET]));
            assert!(construct_event_any(&body, sig, &[SECRET, NEW], 300).is_ok());
        }
        assert!(!verify_webhook_any(&body, &old_sig, &[NEW]));
        assert!(!verify_webhook_any(&body, &old_sig, &[]));
        let e = construct_event_any(&body, &old_sig, &[NEW, "whsec_x"], 300).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
        assert!(!e.to_string().contains(NEW) && !e.to_string().contains(SECRET));
        let e = construct_event_any(&body, &old_sig, &[], 300).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::WebhookVerification);
        // An empty secret in the list never matches anything.
        assert!(!verify_webhook_any(&body, &sign(&body, ""), &["", NEW]));
    }
}
