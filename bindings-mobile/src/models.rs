//! The types that cross the boundary in a different shape than the core's records, with their
//! `From` impls (the only conversions in this crate):
//! - pages: the core's `Page<T>` is generic, which uniffi records cannot be;
//! - `SensitiveCardDetails` and `WebhookSigningSecret`: objects, so that a Kotlin data class / Swift struct never
//!   prints a PAN, CVV or webhook secret (`toString()`/`description` are masked);
//! - `Webhook` (the core's `WebhookEndpoint`, holding a `WebhookSigningSecret`) and `WebhookEvent` (the core's `Event` is an
//!   enum over generic envelopes).
//!
//! Names differ from the core's (uniffi type names are global across crates).
//! Every other model is the core's own record (`cryptotopcard::Card`, ...), used as is.

use std::fmt;
use std::sync::Arc;

use cryptotopcard::{
    BillingAddress, Bin, Card, Deposit, Event, EventType, Page, Pagination, ThreeDsChallenge,
    Timestamp, Transaction,
};

// The core maps its timestamps (chrono, a remote type) once; reuse that mapping here.
uniffi::use_remote_type!(cryptotopcard::Timestamp);

macro_rules! page_record {
    ($(#[$meta:meta])* $name:ident, $item:ty $(, export($($trait:ident),+))?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        $(#[uniffi::export($($trait),+)])?
        pub struct $name {
            /// The items of this page.
            pub data: Vec<$item>,
            /// Page number, size, totals (fields absent when the API sent none).
            pub pagination: Pagination,
        }

        impl From<Page<$item>> for $name {
            fn from(page: Page<$item>) -> Self {
                Self {
                    data: page.data,
                    pagination: page.pagination,
                }
            }
        }
    };
}

page_record!(
    /// One page of `cards.list`.
    CardPage,
    Card
);
page_record!(
    /// One page of `transactions.list`.
    TransactionPage,
    Transaction
);
page_record!(
    /// One page of `wallet.deposits`.
    DepositPage,
    Deposit
);
page_record!(
    /// `bins.list`.
    BinPage,
    Bin
);
page_record!(
    /// One page of `threeds.list`. Prints (`toString()` / `debugDescription`) through the core's
    /// `Debug`, which masks each challenge's OTP.
    ThreeDsChallengePage,
    ThreeDsChallenge,
    export(Debug)
);
page_record!(
    /// `webhooks.list`.
    WebhookPage,
    Webhook
);

impl From<Page<cryptotopcard::WebhookEndpoint>> for WebhookPage {
    fn from(page: Page<cryptotopcard::WebhookEndpoint>) -> Self {
        Self {
            data: page.data.into_iter().map(Webhook::from).collect(),
            pagination: page.pagination,
        }
    }
}

/// Full card details (PCI-sensitive). An object rather than a record so that printing it
/// (`toString()` in Kotlin, `description` in Swift) shows `card_… **** 2039`, never the PAN or
/// CVV. Read them with `pan()` and `cvv()`; never log or store them unencrypted.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct SensitiveCardDetails(cryptotopcard::CardDetails);

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

#[uniffi::export]
impl SensitiveCardDetails {
    /// Card id.
    pub fn id(&self) -> String {
        self.0.id.clone()
    }
    /// The full card number. Sensitive.
    pub fn pan(&self) -> String {
        self.0.pan().to_string()
    }
    /// The card verification value. Sensitive.
    pub fn cvv(&self) -> String {
        self.0.cvv().to_string()
    }
    /// `**** 2039`
    pub fn masked_pan(&self) -> String {
        self.0.masked_pan()
    }
    /// Expiry month, 1-12.
    pub fn exp_month(&self) -> Option<u32> {
        self.0.exp_month
    }
    /// Expiry year, four digits.
    pub fn exp_year(&self) -> Option<u32> {
        self.0.exp_year
    }
    /// Name on the card.
    pub fn holder_name(&self) -> Option<String> {
        self.0.holder_name.clone()
    }
    /// Billing address.
    pub fn billing_address(&self) -> Option<BillingAddress> {
        self.0.billing_address.clone()
    }
}

/// A webhook signing secret. Prints as `whsec_****`; `expose()` returns the secret itself
/// (to store it, or to pass to `constructEvent`).
#[derive(uniffi::Object)]
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

impl PartialEq for WebhookSigningSecret {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for WebhookSigningSecret {}

#[uniffi::export]
impl WebhookSigningSecret {
    /// The secret itself. Sensitive.
    pub fn expose(&self) -> String {
        self.0.expose().to_string()
    }
}

/// A registered webhook endpoint. `secret` is present on creation only.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Webhook {
    /// Endpoint id (`wh_…`).
    pub id: String,
    /// Where events are POSTed.
    pub url: Option<String>,
    /// Subscribed event types (`"*"` for all).
    pub events: Vec<String>,
    /// Signing secret (an object that never prints itself).
    pub secret: Option<Arc<WebhookSigningSecret>>,
    /// Whether deliveries are active.
    pub active: Option<bool>,
    /// Creation time.
    pub created_at: Option<Timestamp>,
}

impl PartialEq for Webhook {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.url == other.url
            && self.events == other.events
            && self.secret.as_deref() == other.secret.as_deref()
            && self.active == other.active
            && self.created_at == other.created_at
    }
}

impl From<cryptotopcard::WebhookEndpoint> for Webhook {
    fn from(w: cryptotopcard::WebhookEndpoint) -> Self {
        Self {
            id: w.id,
            url: w.url,
            events: w.events,
            secret: w.secret.map(|s| Arc::new(WebhookSigningSecret(s))),
            active: w.active,
            created_at: w.created_at,
        }
    }
}

/// A verified webhook event. Exactly one of `card`, `transaction`, `challenge`, `deposit` is set
/// for the 12 known types; `data_json` always holds the event's object as JSON (snake_case), so
/// a type this SDK version does not know (`event_type` is then `EventType.Unknown`) still
/// carries its data. Printing it (`toString()` / `debugDescription`) shows the typed object
/// with its secrets masked (the 3DS `otp`) and only the size of `data_json`, which holds them
/// in clear.
#[derive(Clone, PartialEq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct WebhookEvent {
    /// Event id (`evt_…`).
    pub id: String,
    /// The event's `type`.
    pub event_type: EventType,
    /// When the event was created (signed; used for replay protection).
    pub created_at: Timestamp,
    /// For `card.*` events.
    pub card: Option<Card>,
    /// For `transaction.*` events.
    pub transaction: Option<Transaction>,
    /// For `3ds.challenge`.
    pub challenge: Option<ThreeDsChallenge>,
    /// For `deposit.*` events.
    pub deposit: Option<Deposit>,
    /// The event's object as JSON text.
    pub data_json: String,
}

impl fmt::Debug for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("WebhookEvent");
        d.field("id", &self.id)
            .field("event_type", &self.event_type)
            .field("created_at", &self.created_at);
        // Only the object this event carries (the core's Debug masks the OTP).
        if let Some(card) = &self.card {
            d.field("card", card);
        }
        if let Some(tx) = &self.transaction {
            d.field("transaction", tx);
        }
        if let Some(challenge) = &self.challenge {
            d.field("challenge", challenge);
        }
        if let Some(deposit) = &self.deposit {
            d.field("deposit", deposit);
        }
        d.field(
            "data_json",
            &format_args!("<{} bytes>", self.data_json.len()),
        )
        .finish()
    }
}

impl From<Event> for WebhookEvent {
    fn from(event: Event) -> Self {
        let mut out = WebhookEvent {
            id: event.id().to_string(),
            event_type: event.event_type(),
            created_at: event.created_at(),
            card: None,
            transaction: None,
            challenge: None,
            deposit: None,
            data_json: event.data_json().to_string(),
        };
        match event {
            Event::CardCreated(e)
            | Event::CardFrozen(e)
            | Event::CardUnfrozen(e)
            | Event::CardTerminated(e)
            | Event::CardFunded(e) => out.card = Some(e.data),
            Event::TransactionAuthorized(e)
            | Event::TransactionSettled(e)
            | Event::TransactionDeclined(e)
            | Event::TransactionRefunded(e) => out.transaction = Some(e.data),
            Event::ThreeDsChallenge(e) => out.challenge = Some(e.data),
            Event::DepositPending(e) | Event::DepositConfirmed(e) => out.deposit = Some(e.data),
            // Event::Unknown and any type added to the core later: data_json only.
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_0123456789abcdefghijklmnopqrstuv";

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
        let e = event("card.funded", r#"{"id":"card_1","balance":5.0}"#);
        assert_eq!(e.event_type, EventType::CardFunded);
        assert_eq!(e.card.as_ref().map(|c| c.id.as_str()), Some("card_1"));
        assert!(e.transaction.is_none() && e.challenge.is_none() && e.deposit.is_none());

        let e = event("3ds.challenge", r#"{"id":"3ds_1","otp":"123456"}"#);
        assert_eq!(e.challenge.map(|c| c.id), Some("3ds_1".to_string()));
        assert!(e.card.is_none());

        let e = event("deposit.confirmed", r#"{"id":"dep_1"}"#);
        assert_eq!(e.deposit.map(|d| d.id), Some("dep_1".to_string()));
    }

    #[test]
    fn printing_an_event_never_shows_the_otp() {
        let e = event(
            "3ds.challenge",
            r#"{"id":"3ds_1","card_id":"card_1","otp":"482913","status":"pending"}"#,
        );
        assert!(e.data_json.contains("482913"));
        assert_eq!(
            e.challenge.as_ref().and_then(|c| c.otp.as_deref()),
            Some("482913")
        );
        let text = format!("{e:?} {e:#?}");
        assert!(!text.contains("482913"), "{text}");
        assert!(text.contains("3ds_1") && text.contains("bytes>"), "{text}");
    }

    #[test]
    fn printing_a_challenge_page_never_shows_the_otp() {
        let challenge: ThreeDsChallenge =
            serde_json::from_str(r#"{"id":"3ds_1","otp":"482913","status":"pending"}"#)
                .expect("challenge");
        let page = ThreeDsChallengePage {
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
            url: None,
            events: vec!["*".into()],
            secret: Some(Arc::new(secret)),
            active: Some(true),
            created_at: None,
        };
        assert!(!format!("{webhook:?}").contains("0123456789"));
    }
}

/// A `*Response` record: `data` (the method's result), `meta` (status, headers, request id,
/// idempotency key, replayed, retries) and `raw_json` (the body as the server sent it, fields
/// this SDK does not know yet included: the forward-compatible way to read them). Prints
/// (`toString()` / `debugDescription`) through Rust `Debug`: `data` with its secrets masked, and
/// only the size of `raw_json`, which holds them in clear (a PAN, CVV, OTP, webhook secret).
macro_rules! response_record {
    ($(#[$meta:meta])* $name:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Clone, uniffi::Record)]
        #[uniffi::export(Debug)]
        pub struct $name {
            /// The result, as the method without `WithResponse` returns it.
            pub data: $item,
            /// Status, request id, idempotency key, replay flag, retries, headers.
            pub meta: crate::http::ResponseMeta,
            /// The response body as sent (JSON text; unknown fields kept).
            pub raw_json: String,
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("data", &self.data)
                    .field("meta", &self.meta)
                    .field("raw_json", &format_args!("<{} bytes>", self.raw_json.len()))
                    .finish()
            }
        }

        impl crate::http::WithResponse<$item> for $name {
            fn with_response(data: $item, meta: crate::http::ResponseMeta, raw_json: String) -> Self {
                Self { data, meta, raw_json }
            }
        }
    };
}

response_record!(
    /// A `Card` with its response metadata and raw body (`cards.*WithResponse`).
    CardResponse,
    Card
);
response_record!(
    /// `cards.listWithResponse`.
    CardPageResponse,
    CardPage
);
response_record!(
    /// `cards.detailsWithResponse`. Its `raw_json` holds the PAN and CVV in clear.
    CardDetailsResponse,
    Arc<SensitiveCardDetails>
);
response_record!(
    /// `cards.fundWithResponse`.
    CardFundingResponse,
    cryptotopcard::CardFunding
);
response_record!(
    /// `cards.withdrawWithResponse`.
    CardWithdrawalResponse,
    cryptotopcard::CardWithdrawal
);
response_record!(
    /// `transactions.listWithResponse`.
    TransactionPageResponse,
    TransactionPage
);
response_record!(
    /// A `Transaction` with its response metadata and raw body.
    TransactionResponse,
    Transaction
);
response_record!(
    /// `wallet.retrieveWithResponse`.
    WalletResponse,
    cryptotopcard::Wallet
);
response_record!(
    /// `wallet.addressesWithResponse`.
    WalletAddressesResponse,
    cryptotopcard::WalletAddresses
);
response_record!(
    /// `wallet.depositsWithResponse`.
    DepositPageResponse,
    DepositPage
);
response_record!(
    /// A `Deposit` with its response metadata and raw body (`sandbox.*WithResponse`).
    DepositResponse,
    Deposit
);
response_record!(
    /// `bins.listWithResponse`.
    BinPageResponse,
    BinPage
);
response_record!(
    /// `threeds.listWithResponse`. Its `raw_json` holds the OTPs in clear.
    ThreeDsChallengePageResponse,
    ThreeDsChallengePage
);
response_record!(
    /// A `ThreeDsChallenge` with its response metadata and raw body. Its `raw_json` holds the
    /// OTP in clear.
    ThreeDsChallengeResponse,
    ThreeDsChallenge
);
response_record!(
    /// `webhooks.createWithResponse`. Its `raw_json` holds the signing secret in clear.
    WebhookResponse,
    Webhook
);
response_record!(
    /// `webhooks.listWithResponse`.
    WebhookPageResponse,
    WebhookPage
);

/// The answer of a call without a body (`webhooks.deleteWithResponse`, HTTP 204): the metadata
/// and the (empty) raw body.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EmptyResponse {
    /// Status, request id, idempotency key, replay flag, retries, headers.
    pub meta: crate::http::ResponseMeta,
    /// The response body as sent (`null` for none).
    pub raw_json: String,
}

impl crate::http::WithResponse<()> for EmptyResponse {
    fn with_response(_: (), meta: crate::http::ResponseMeta, raw_json: String) -> Self {
        Self { meta, raw_json }
    }
}

/// Results that are not the core's records as they stand (see the top of this file).
macro_rules! from_wire_via_from {
    ($($t:ty => $wire:ty),+ $(,)?) => {
        $(
            impl crate::http::FromWire for $t {
                type Wire = $wire;
                fn from_wire(wire: $wire) -> Self {
                    wire.into()
                }
            }
        )+
    };
}

from_wire_via_from!(
    CardPage => Page<Card>,
    TransactionPage => Page<Transaction>,
    DepositPage => Page<Deposit>,
    BinPage => Page<Bin>,
    ThreeDsChallengePage => Page<ThreeDsChallenge>,
    WebhookPage => Page<cryptotopcard::WebhookEndpoint>,
    Webhook => cryptotopcard::WebhookEndpoint,
);

impl crate::http::FromWire for Arc<SensitiveCardDetails> {
    type Wire = cryptotopcard::CardDetails;
    fn from_wire(wire: cryptotopcard::CardDetails) -> Self {
        Arc::new(SensitiveCardDetails::from(wire))
    }
}
