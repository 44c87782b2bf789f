//! Webhook events: the envelope every event shares and the methods of the generated [`Event`]
//! enum (one variant per type of the spec's `Event` union).

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;
use super::{Event, EventType};

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

/// Types the `data` of a raw event.
pub(crate) fn envelope<T: serde::de::DeserializeOwned>(
    raw: RawEvent,
) -> Result<EventEnvelope<T>, serde_json::Error> {
    Ok(EventEnvelope {
        data: serde_json::from_value(raw.data)?,
        id: raw.id,
        created_at: raw.created_at,
    })
}

impl Event {
    /// The event id.
    pub fn id(&self) -> &str {
        self.parts().0
    }

    /// The event type.
    pub fn event_type(&self) -> EventType {
        EventType::from(self.type_str())
    }

    /// When the event was created.
    pub fn created_at(&self) -> Timestamp {
        self.parts().1
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
