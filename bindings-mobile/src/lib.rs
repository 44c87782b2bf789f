//! `cryptotopcard-mobile`: the Kotlin (JVM, Android) and Swift (iOS, macOS) face of the
//! CryptoTopCard core, through uniffi proc-macros. It owns no API behaviour, only translation:
//! every method is one call into the core's typed API (`cryptotopcard::Client`), run on the
//! core's single tokio runtime, with the core's error mapped once (`error.rs`).
//!
//! Layout mirrors the core: `client.rs` (the `CryptoTopCard` object), `resources/<resource>.rs`
//! (one object per API resource, same method names as the other SDKs), `models.rs` (the few
//! types that cannot be the core's records as they stand: pages, secrets, events),
//! `pagination.rs` (auto-paging objects), `http.rs` (per-call `RequestOptions`, `ResponseMeta`), `webhook.rs`, `error.rs`, `runtime.rs`.
//!
//! The models themselves (`Card`, `Transaction`, ...) are the core's, derived with
//! `uniffi::Record`/`uniffi::Enum` behind the core's `uniffi` feature; they are generated into
//! the Kotlin package `com.cryptotopcard.models` (see `uniffi-bindgen.toml`).

// `CryptoTopCardError` is the FFI error itself: uniffi lowers it by value (a `Box` cannot cross
// as a `uniffi::Error`), and it is built only on the failure path of a network call.
#![allow(clippy::result_large_err)]

uniffi::setup_scaffolding!();

pub mod client;
pub mod error;
pub mod http;
pub mod models;
pub mod pagination;
pub mod resources;
mod runtime;
pub mod webhook;

pub use client::CryptoTopCard;
pub use error::CryptoTopCardError;
