//! `cryptotopcard-mobile`: the Kotlin (JVM, Android) and Swift (iOS, macOS) face of the
//! CryptoTopCard core, through uniffi proc-macros. It owns no API behaviour, only translation:
//! every method is one core operation (`cryptotopcard::ops::call`, the entry point every binding
//! shares), run on the core's single tokio runtime, its answer decoded into the core's typed
//! records, with the core's error mapped once (`error.rs`).
//!
//! Layout mirrors the core: `client.rs` (the `CryptoTopCard` object), `generated/` (by
//! ctc-codegen from the spec: one object per API resource with the same method names as the
//! other SDKs, each method with its `*WithResponse` twin, the pagers and the client's accessors;
//! the pages and `*Response` records; the error's variants, one per error class),
//! `resources/mod.rs` (what the methods share), `models.rs` (the types that cannot be the core's
//! records as they stand: secrets, events), `pagination.rs` (auto-paging objects), `http.rs` (the
//! call itself, `RequestOptions`, `ResponseMeta`), `webhook.rs`, `logging.rs` (core log events to
//! a Kotlin/Swift sink), `error.rs`, `runtime.rs`.
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
mod generated;
pub mod http;
pub mod logging;
pub mod models;
pub mod pagination;
pub mod resources;
mod runtime;
pub mod webhook;

pub use client::CryptoTopCard;
pub use error::CryptoTopCardError;
