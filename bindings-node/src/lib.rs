//! N-API binding of the CryptoTopCard core.
//!
//! This crate owns no behaviour: it converts between JavaScript and the core's JSON dispatch
//! interface (`cryptotopcard::ops`), hands futures to the core's one shared tokio runtime and
//! settles JavaScript promises from there. The public JavaScript API (`lib/`) maps results and
//! error JSON onto classes. Files mirror the core's modules: `client` (ops dispatch), `error`,
//! `logging` (core log events to a JavaScript logger), `webhook`, and, only with the `sandbox`
//! feature (the test addon, npm package `cryptotopcard-sandbox`, built from sandbox-addon/),
//! `sandbox`: the in-process test server for `cryptotopcard/testing`.

// napi-derive registers exported functions only outside `cfg(test)`; the test build of this
// cdylib (clippy --all-targets) would otherwise call them unused.
#![cfg_attr(test, allow(dead_code))]

mod client;
mod error;
mod logging;
#[cfg(feature = "sandbox")]
mod sandbox;
mod transfer;
mod webhook;

pub use client::NativeClient;
#[cfg(feature = "sandbox")]
pub use sandbox::NativeSandbox;

use napi_derive::napi;

/// Every operation name the core dispatches (`cards.create`, ... `sandbox.challenge`).
#[napi]
pub fn operations() -> Vec<String> {
    cryptotopcard::ops::OPERATIONS
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// The version of this native addon (the workspace version).
#[napi]
pub fn native_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
