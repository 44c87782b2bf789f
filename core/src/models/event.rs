//! Webhook events: the envelope and its typed payload.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

use super::card::Card;
use super::common::{string_enum, Timestamp};
use super::threeds::ThreeDsChallenge;
use super::transaction::Transaction;
use super::wallet::Deposit;

string_enum! {
    /// The type of a webhook event.
    pub enum EventType {
        /// A new card was issued.
        CardCreated => "card.created",
        /// A card was frozen.
        CardFrozen => "card.frozen",
        /// A card was unfrozen.
        CardUnfrozen => "card.unfrozen",
        /// A card was terminated.
        CardTerminated => "card.terminated",
        /// Funds added to a card.
        CardFunded => "card.funded",
        /// Transaction authorized.
        TransactionAuthorized => "transaction.authorized",
        /// Transaction settled.
        TransactionSettled => "transaction.settled",
        /// Transaction declined.
        TransactionDeclined => "transaction.declined",
        /// Refund processed.
        TransactionRefunded => "transaction.refunded",
        /// 3DS verification required.
        ThreeDsChallenge => "3ds.challenge",
        /// Crypto deposit detected.
        DepositPending => "deposit.pending",
        /// Crypto deposit confirmed.
        DepositConfirmed => "deposit.confirmed",
    }
}

/// The part of an event common to every type.
#[derive(Debug, Clone, PartialEq)]
pub struct EventEnvelope<T> {
    /// Event id (`evt_…`), also sent as `X-CTC-Delivery`.
    pub id: String,
    /// When the event was created (signed, used for replay protection).
    pub created_at: Timestamp,
    /// The object the event is about.
    pub data: T,
}

/// A verified webhook event, one variant per type. Types this SDK version does not know are kept
/// in [`Event::Unknown`] with their raw data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `card.created`
    CardCreated(EventEnvelope<Card>),
    /// `card.frozen`
    CardFrozen(EventEnvelope<Card>),
    /// `card.unfrozen`
    CardUnfrozen(EventEnvelope<Card>),
    /// `card.terminated`
    CardTerminated(EventEnvelope<Card>),
    /// `card.funded`
    CardFunded(EventEnvelope<Card>),
    /// `transaction.authorized`
    TransactionAuthorized(EventEnvelope<Transaction>),
    /// `transaction.settled`
    TransactionSettled(EventEnvelope<Transaction>),
    /// `transaction.declined`
    TransactionDeclined(EventEnvelope<Transaction>),
    /// `transaction.refunded`
    TransactionRefunded(EventEnvelope<Transaction>),
    /// `3ds.challenge`
    ThreeDsChallenge(EventEnvelope<ThreeDsChallenge>),
    /// `deposit.pending`
    DepositPending(EventEnvelope<Deposit>),
    /// `deposit.confirmed`
    DepositConfirmed(EventEnvelope<Deposit>),
    /// A type this SDK version does not know.
    Unknown {
        /// The event's `type`.
        event_type: String,
        /// Envelope with the raw `data`.
        envelope: EventEnvelope<serde_json::Value>,
    },
}

/// Wire form of an event, before typing its `data`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RawEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub created_at: Timestamp,
    #[serde(default)]
    pub data: serde_json::Value,
}

impl Event {
    /// The event id.
    pub fn id(&self) -> &str {
        self.parts().0
    }

    /// The event type.
    pub fn event_type(&self) -> EventType {
        match self {
            Event::Unknown { event_type, .. } => EventType::from(event_type.as_str()),
            other => EventType::from(other.type_str()),
        }
    }

    /// When the event was created.
    pub fn created_at(&self) -> Timestamp {
        self.parts().1
    }

    /// The event's object as JSON (snake_case fields).
    pub fn data_json(&self) -> serde_json::Value {
        let r = match self {
            Event::CardCreated(e)
            | Event::CardFrozen(e)
            | Event::CardUnfrozen(e)
            | Event::CardTerminated(e)
            | Event::CardFunded(e) => serde_json::to_value(&e.data),
            Event::TransactionAuthorized(e)
            | Event::TransactionSettled(e)
            | Event::TransactionDeclined(e)
            | Event::TransactionRefunded(e) => serde_json::to_value(&e.data),
            Event::ThreeDsChallenge(e) => serde_json::to_value(&e.data),
            Event::DepositPending(e) | Event::DepositConfirmed(e) => serde_json::to_value(&e.data),
            Event::Unknown { envelope, .. } => Ok(envelope.data.clone()),
        };
        r.unwrap_or(serde_json::Value::Null)
    }

    fn type_str(&self) -> &str {
        match self {
            Event::CardCreated(_) => "card.created",
            Event::CardFrozen(_) => "card.frozen",
            Event::CardUnfrozen(_) => "card.unfrozen",
            Event::CardTerminated(_) => "card.terminated",
            Event::CardFunded(_) => "card.funded",
            Event::TransactionAuthorized(_) => "transaction.authorized",
            Event::TransactionSettled(_) => "transaction.settled",
            Event::TransactionDeclined(_) => "transaction.declined",
            Event::TransactionRefunded(_) => "transaction.refunded",
            Event::ThreeDsChallenge(_) => "3ds.challenge",
            Event::DepositPending(_) => "deposit.pending",
            Event::DepositConfirmed(_) => "deposit.confirmed",
            Event::Unknown { event_type, .. } => event_type,
        }
    }

    fn parts(&self) -> (&str, Timestamp) {
        macro_rules! p {
            ($e:expr) => {
                (&$e.id, $e.created_at)
            };
        }
        match self {
            Event::CardCreated(e)
            | Event::CardFrozen(e)
            | Event::CardUnfrozen(e)
            | Event::CardTerminated(e)
            | Event::CardFunded(e) => p!(e),
            Event::TransactionAuthorized(e)
            | Event::TransactionSettled(e)
            | Event::TransactionDeclined(e)
            | Event::TransactionRefunded(e) => p!(e),
            Event::ThreeDsChallenge(e) => p!(e),
            Event::DepositPending(e) | Event::DepositConfirmed(e) => p!(e),
            Event::Unknown { envelope, .. } => p!(envelope),
        }
    }

    /// Types a raw event; a `data` that does not fit its known type is an error.
    pub(crate) fn from_raw(raw: RawEvent) -> Result<Event, serde_json::Error> {
        fn env<T: serde::de::DeserializeOwned>(
            raw: RawEvent,
        ) -> Result<EventEnvelope<T>, serde_json::Error> {
            Ok(EventEnvelope {
                data: serde_json::from_value(raw.data)?,
                id: raw.id,
                created_at: raw.created_at,
            })
        }
        Ok(match EventType::from(raw.event_type.as_str()) {
            EventType::CardCreated => Event::CardCreated(env(raw)?),
            EventType::CardFrozen => Event::CardFrozen(env(raw)?),
            EventType::CardUnfrozen => Event::CardUnfrozen(env(raw)?),
            EventType::CardTerminated => Event::CardTerminated(env(raw)?),
            EventType::CardFunded => Event::CardFunded(env(raw)?),
            EventType::TransactionAuthorized => Event::TransactionAuthorized(env(raw)?),
            EventType::TransactionSettled => Event::TransactionSettled(env(raw)?),
            EventType::TransactionDeclined => Event::TransactionDeclined(env(raw)?),
            EventType::TransactionRefunded => Event::TransactionRefunded(env(raw)?),
            EventType::ThreeDsChallenge => Event::ThreeDsChallenge(env(raw)?),
            EventType::DepositPending => Event::DepositPending(env(raw)?),
            EventType::DepositConfirmed => Event::DepositConfirmed(env(raw)?),
            EventType::Unknown(t) => Event::Unknown {
                event_type: t,
                envelope: EventEnvelope {
                    id: raw.id,
                    created_at: raw.created_at,
                    data: raw.data,
                },
            },
        })
    }
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Event", 4)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("type", self.type_str())?;
        st.serialize_field("created_at", &self.created_at())?;
        st.serialize_field("data", &self.data_json())?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawEvent::deserialize(d)?;
        Event::from_raw(raw).map_err(serde::de::Error::custom)
    }
}
