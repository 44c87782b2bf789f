//! Typed API objects. The models and parameter structs themselves are generated from the spec
//! under its names (`crate::generated::models`, re-exported here); this module holds the
//! hand-written pieces they are built from (the string-enum macro, pages, metadata values,
//! event envelopes, the webhook secret) and a few methods. Unknown JSON fields are ignored;
//! unknown enum values are kept as `Unknown(String)`.

pub mod card;
pub mod common;
pub mod event;
pub mod webhook;

pub use crate::generated::models::*;
pub use common::{MetadataValue, Page, Pagination, Timestamp};
pub use event::EventEnvelope;
pub use webhook::WebhookSecret;

/// Former name of [`CardNetwork`].
#[deprecated(note = "renamed CardNetwork, as in the spec and every other binding")]
pub type Network = CardNetwork;
