//! The types that cross the boundary in a different shape than the core's records, with their
//! `From` impls (the only conversions in this crate):
//! - pages: the core's `Page<T>` is generic, which uniffi records cannot be;
//! - `SensitiveCardDetails` and `WebhookSigningSecret`: objects, so that a Kotlin data class / Swift struct never
//!   prints a PAN, CVV or webhook secret (`toString()`/`description` are masked);
//! - `Webhook` and `WebhookWithSecret` (the core's models of the same names hold a
//!   `WebhookSecret`; here it is a `WebhookSigningSecret` object) and `WebhookEvent` (the core's
//!   `Event` is an enum over generic envelopes).
//!
//! Pages and webhooks carry the spec's names (`CardList`, `Webhook`, ...): the core's types of
//! those names are not uniffi types (a generic `Page<T>`, records holding a secret), so the
//! names are free. Every other model is the core's own record, generated from the spec
//! (`cryptotopcard::Card`, `CardSummary`, `FundResult`, ...), used as is.

use std::fmt;
use std::sync::Arc;

use cryptotopcard::{
    BillingAddress, Bin, Card, CardSummary, Deposit, Event, EventType, Page, Pagination,
    ThreeDSChallenge, Timestamp, Transaction,
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
    /// One page of `cards.list`: card summaries.
    CardList,
    CardSummary
);
page_record!(
    /// One page of `transactions.list`.
    TransactionList,
    Transaction
);
page_record!(
    /// One page of `wallet.deposits`.
    DepositList,
    Deposit
);
page_record!(
    /// `bins.list`.
    BinList,
    Bin
);
page_record!(
    /// One page of `threeds.list`. Prints (`toString()` / `debugDescription`) through the core's
    /// `Debug`, which masks each challenge's OTP.
    ThreeDSChallengeList,
    ThreeDSChallenge,
    export(Debug)
);
page_record!(
    /// `webhooks.list`.
    WebhookList,
    Webhook
);

impl From<Page<cryptotopcard::Webhook>> for WebhookList {
    fn from(page: Page<cryptotopcard::Webhook>) -> Self {
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
    pub fn exp_month(&self) -> u32 {
        self.0.exp_month
    }
    /// Expiry year, four digits.
    pub fn exp_year(&self) -> u32 {
        self.0.exp_year
    }
    /// Name on the card.
    pub fn holder_name(&self) -> String {
        self.0.holder_name.clone()
    }
    /// Billing address.
    pub fn billing_address(&self) -> BillingAddress {
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

/// A registered webhook endpoint, as `webhooks.list` returns it (normally without its secret).
#[derive(Debug, Clone, uniffi::Record)]
pub struct Webhook {
    /// Endpoint id (`wh_…`).
    pub id: String,
    /// Where events are POSTed.
    pub url: String,
    /// Subscribed event types (`"*"` for all).
    pub events: Vec<String>,
    /// Whether deliveries are active.
    pub active: bool,
    /// Signing secret, when the API returns it (an object that never prints itself).
    pub secret: Option<Arc<WebhookSigningSecret>>,
    /// Creation time.
    pub created_at: Timestamp,
}

impl PartialEq for Webhook {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.url == other.url
            && self.events == other.events
            && self.active == other.active
            && self.secret.as_deref() == other.secret.as_deref()
            && self.created_at == other.created_at
    }
}

impl From<cryptotopcard::Webhook> for Webhook {
    fn from(w: cryptotopcard::Webhook) -> Self {
        Self {
            secret: w.secret.clone().map(|s| Arc::new(WebhookSigningSecret(s))),
            id: w.id,
            url: w.url,
            events: w.events,
            active: w.active,
            created_at: w.created_at,
        }
    }
}

/// A webhook endpoint as `webhooks.create` returns it, once: with its signing secret.
#[derive(Debug, Clone, uniffi::Record)]
pub struct WebhookWithSecret {
    /// Endpoint id (`wh_…`).
    pub id: String,
    /// Where events are POSTed.
    pub url: String,
    /// Subscribed event types (`"*"` for all).
    pub events: Vec<String>,
    /// Signing secret (an object that never prints itself; `expose()` reads it).
    pub secret: Arc<WebhookSigningSecret>,
    /// Whether deliveries are active.
    pub active: bool,
    /// Creation time.
    pub created_at: Timestamp,
}

impl PartialEq for WebhookWithSecret {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.url == other.url
            && self.events == other.events
            && *self.secret == *other.secret
            && self.active == other.active
            && self.created_at == other.created_at
    }
}

impl From<cryptotopcard::WebhookWithSecret> for WebhookWithSecret {
    fn from(w: cryptotopcard::WebhookWithSecret) -> Self {
        Self {
            secret: Arc::new(WebhookSigningSecret(w.secret.clone())),
            id: w.id.clone(),
            url: w.url.clone(),
            events: w.events.clone(),
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
    pub challenge: Option<ThreeDSChallenge>,
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
    /// `cards.freezeWithResponse`.
    FreezeResultResponse,
    cryptotopcard::FreezeResult
);
response_record!(
    /// `cards.terminateWithResponse`.
    TerminateResultResponse,
    cryptotopcard::TerminateResult
);
response_record!(
    /// `cards.listWithResponse`.
    CardListResponse,
    CardList
);
response_record!(
    /// `cards.detailsWithResponse`. Its `raw_json` holds the PAN and CVV in clear.
    CardDetailsResponse,
    Arc<SensitiveCardDetails>
);
response_record!(
    /// `cards.fundWithResponse`.
    FundResultResponse,
    cryptotopcard::FundResult
);
response_record!(
    /// `cards.withdrawWithResponse`.
    WithdrawResultResponse,
    cryptotopcard::WithdrawResult
);
response_record!(
    /// `transactions.listWithResponse`.
    TransactionListResponse,
    TransactionList
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
    DepositListResponse,
    DepositList
);
response_record!(
    /// A `Deposit` with its response metadata and raw body (`sandbox.*WithResponse`).
    DepositResponse,
    Deposit
);
response_record!(
    /// `bins.listWithResponse`.
    BinListResponse,
    BinList
);
response_record!(
    /// `threeds.listWithResponse`. Its `raw_json` holds the OTPs in clear.
    ThreeDSChallengeListResponse,
    ThreeDSChallengeList
);
response_record!(
    /// A `ThreeDSChallenge` with its response metadata and raw body. Its `raw_json` holds the
    /// OTP in clear.
    ThreeDSChallengeResponse,
    ThreeDSChallenge
);
response_record!(
    /// `webhooks.createWithResponse`. Its `raw_json` holds the signing secret in clear.
    WebhookWithSecretResponse,
    WebhookWithSecret
);
response_record!(
    /// `webhooks.listWithResponse`.
    WebhookListResponse,
    WebhookList
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
    CardList => Page<CardSummary>,
    TransactionList => Page<Transaction>,
    DepositList => Page<Deposit>,
    BinList => Page<Bin>,
    ThreeDSChallengeList => Page<ThreeDSChallenge>,
    WebhookList => Page<cryptotopcard::Webhook>,
    WebhookWithSecret => cryptotopcard::WebhookWithSecret,
);

impl crate::http::FromWire for Arc<SensitiveCardDetails> {
    type Wire = cryptotopcard::CardDetails;
    fn from_wire(wire: cryptotopcard::CardDetails) -> Self {
        Arc::new(SensitiveCardDetails::from(wire))
    }
}
