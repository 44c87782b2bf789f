//! Official Rust SDK for the CryptoTopCard API: virtual cards funded from a crypto wallet.
//!
//! This crate is also the core of the Python, Node, Go and Kotlin/Swift SDKs, which reach it
//! through [`ops::call`] (JSON in, JSON out) and never re-implement its logic.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cryptotopcard::Error> {
//! use cryptotopcard::{Client, resources::cards::CreateCardParams};
//!
//! let client = Client::builder().api_key("sk_test_...").build()?;
//! let card = client
//!     .cards()
//!     .create(CreateCardParams {
//!         bin_id: "491653".into(),
//!         amount: 500.0,
//!         label: Some("Ad Spend".into()),
//!         ..Default::default()
//!     })
//!     .await?;
//! let funding = client.cards().fund(&card.id, 200.0).await?;
//! println!("{} now holds {:?}", card.id, funding.new_balance);
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod client;
pub mod error;
pub mod http;
pub mod logging;
pub mod models;
pub mod ops;
pub mod pagination;
pub mod redact;
pub mod resources;
pub mod runtime;
pub(crate) mod validate;
pub mod webhook;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
#[cfg(feature = "uniffi")]
mod uniffi_support;

/// The README's example, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use client::{Client, ClientBuilder, ClientOptions, TlsRoots, DEFAULT_BASE_URL, VERSION};
pub use error::{ApiError, Error, ErrorClass, ErrorKind, Result, ERROR_CLASSES};
pub use http::{ApiRequest, RequestOptions, Response, ResponseMeta};
pub use models::*;
pub use redact::ApiKey;
pub use webhook::{construct_event, construct_event_any, verify_webhook, verify_webhook_any};
