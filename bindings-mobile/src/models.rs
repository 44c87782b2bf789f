//! The types that cross the boundary in a different shape than the core's records, with their
//! `From` impls (the only conversions in this crate):
//! - generated from the spec (`crate::generated::models`, re-exported here): the pages (the
//!   core's `Page<T>` is generic, which uniffi records cannot be), `Webhook` and
//!   `WebhookWithSecret` (the core's hold a `WebhookSecret`; here a `WebhookSigningSecret`
//!   object), `WebhookEvent` (the core's `Event` is an enum over generic envelopes) and the
//!   `*Response` records;
//! - `SensitiveCardDetails` and `WebhookSigningSecret`: objects, so that a Kotlin data class /
//!   Swift struct never prints a PAN, CVV or webhook secret (`toString()`/`description` are
//!   masked).
//!
//! Pages and webhooks carry the spec's names (`CardList`, `Webhook`, ...): the core's types of
//! those names are not uniffi types (a generic `Page<T>`, records holding a secret), so the
//! names are free. Every other model is the core's own record, generated from the spec
//! (`cryptotopcard::Card`, `CardSummary`, `FundResult`, ...), used as is.

use std::fmt;
use std::sync::Arc;

use cryptotopcard::Timestamp;

pub use crate::generated::models::*;

// The core maps its timestamps (chrono, a remote type) once; reuse that mapping here.
uniffi::use_remote_type!(cryptotopcard::Timestamp);

/// Full card details (PCI-sensitive). An object rather than a record so that printing it
/// (`toString()` in Kotlin, `description` in Swift) shows `card_… **** 2039`, never the PAN or
/// CVV. Read them with `pan()` and `cvv()`; never log or store them unencrypted.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct SensitiveCardDetails(pub(crate) cryptotopcard::CardDetails);

impl From<cryptotopcard::CardDetails> for SensitiveCardDetails {
    fn from(d: cryptotopcard::CardDetails) -> Self {
        Self(d)
    }
}

impl fmt::Debug for SensitiveCardDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f) // the core masks PAN and CVV
    }
}

impl fmt::Display for SensitiveCardDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f) // `card_… **** 2039`
    }
}

/// The getters of the spec's fields are generated (`crate::generated::models`).
#[uniffi::export]
impl SensitiveCardDetails {
    /// `**** 2039`
    pub fn masked_pan(&self) -> String {
        self.0.masked_pan()
    }
}

/// A webhook signing secret. Prints as `whsec_****`; `expose()` returns the secret itself
/// (to store it, or to pass to `constructEvent`).
#[derive(PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq)]
pub struct WebhookSigningSecret(cryptotopcard::WebhookSecret);

impl fmt::Debug for WebhookSigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for WebhookSigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<cryptotopcard::WebhookSecret> for WebhookSigningSecret {
    fn from(s: cryptotopcard::WebhookSecret) -> Self {
        Self(s)
    }
}

#[uniffi::export]
impl WebhookSigningSecret {
    /// The secret itself. Sensitive.
    pub fn expose(&self) -> String {
        self.0.expose().to_string()
    }
}

impl crate::http::FromWire for Arc<SensitiveCardDetails> {
    type Wire = cryptotopcard::CardDetails;
    fn from_wire(wire: cryptotopcard::CardDetails) -> Self {
        Arc::new(SensitiveCardDetails::from(wire))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cryptotopcard::{EventType, ThreeDSChallenge};

    const SECRET: &str = "whsec_0123456789abcdefghijklmnopqrstuv";
    /// Objects as the API sends them (every required field).
    const CARD: &str = r#"{"id":"card_1","bin_id":"491653","network":"visa","last4":"2039","status":"active","balance":5.0,"spending_limit":2000.0,"label":null,"metadata":{},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-30T23:59:59Z"}"#;
    const CHALLENGE: &str = r#"{"id":"3ds_1","card_id":"card_1","merchant":"M","amount":1.0,"otp":"482913","status":"pending","expires_at":"2026-04-15T12:05:00Z","created_at":"2026-04-15T12:00:00Z"}"#;
    const DEPOSIT: &str = r#"{"id":"dep_1","currency":"btc","amount_crypto":"0.001","amount_usd":100.0,"fee_usd":2.0,"credited_usd":98.0,"status":"confirmed","created_at":"2026-04-15T12:00:00Z"}"#;

    fn event(ty: &str, data: &str) -> WebhookEvent {
        let payload = format!(
            r#"{{"id":"evt_1","type":"{ty}","created_at":"2026-04-15T12:00:00Z","data":{data}}}"#
        );
        let sig = cryptotopcard::webhook::sign(payload.as_bytes(), SECRET);
        cryptotopcard::webhook::construct_event(payload.as_bytes(), &sig, SECRET, 0)
            .map(WebhookEvent::from)
            .expect("valid event")
    }

    #[test]
    fn events_fill_exactly_the_field_of_their_type() {
        let e = event("card.funded", CARD);
        assert_eq!(e.event_type, EventType::CardFunded);
        assert_eq!(e.card.as_ref().map(|c| c.id.as_str()), Some("card_1"));
        assert!(e.transaction.is_none() && e.challenge.is_none() && e.deposit.is_none());

        let e = event("3ds.challenge", CHALLENGE);
        assert_eq!(e.challenge.map(|c| c.id), Some("3ds_1".to_string()));
        assert!(e.card.is_none());

        let e = event("deposit.confirmed", DEPOSIT);
        assert_eq!(e.deposit.map(|d| d.id), Some("dep_1".to_string()));

        // Typed events need the object's required fields (the JSON form of the other
        // bindings checks the envelope only).
        let payload = r#"{"id":"evt_1","type":"card.funded","created_at":"2026-04-15T12:00:00Z","data":{"id":"card_1"}}"#;
        let sig = cryptotopcard::webhook::sign(payload.as_bytes(), SECRET);
        assert!(
            cryptotopcard::webhook::construct_event(payload.as_bytes(), &sig, SECRET, 0).is_err()
        );
    }

    #[test]
    fn printing_an_event_never_shows_the_otp() {
        let e = event("3ds.challenge", CHALLENGE);
        assert!(e.data_json.contains("482913"));
        assert_eq!(e.challenge.as_ref().map(|c| c.otp.as_str()), Some("482913"));
        let text = format!("{e:?} {e:#?}");
        assert!(!text.contains("482913"), "{text}");
        assert!(text.contains("3ds_1") && text.contains("bytes>"), "{text}");
    }

    #[test]
    fn printing_a_challenge_page_never_shows_the_otp() {
        let challenge: ThreeDSChallenge = serde_json::from_str(CHALLENGE).expect("challenge");
        let page = ThreeDSChallengeList {
            data: vec![challenge],
            pagination: serde_json::from_str("{}").expect("pagination"),
        };
        let text = format!("{page:?}");
        assert!(!text.contains("482913") && text.contains("3ds_1"), "{text}");
    }

    #[test]
    fn unknown_event_types_keep_their_data() {
        let e = event("card.teleported", r#"{"x":1}"#);
        assert_eq!(e.event_type, EventType::Unknown("card.teleported".into()));
        assert_eq!(e.data_json, r#"{"x":1}"#);
        assert!(e.card.is_none());
    }

    #[test]
    fn secrets_never_print() {
        let secret = WebhookSigningSecret(cryptotopcard::WebhookSecret::new(SECRET));
        assert_eq!(secret.expose(), SECRET);
        assert!(!secret.to_string().contains("0123456789"));
        assert!(!format!("{secret:?}").contains("0123456789"));
        let webhook = Webhook {
            id: "wh_1".into(),
            url: "https://example.com/h".into(),
            events: vec!["*".into()],
            secret: Some(Arc::new(secret)),
            active: true,
            created_at: Timestamp::default(),
        };
        assert!(!format!("{webhook:?}").contains("0123456789"));
    }
}
