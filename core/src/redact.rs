//! Secret holders whose `Debug`/`Display` never reveal the secret.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// An API key (`sk_live_…` / `sk_test_…`). `Debug` and `Display` show only the environment
/// prefix, e.g. `sk_test_****`. The key is wiped from memory on drop.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key itself (to build the `Authorization` header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `true` for a sandbox key (`sk_test_…`).
    pub fn is_test(&self) -> bool {
        self.0.starts_with("sk_test_")
    }

    /// The key as it may be shown: its environment prefix and stars.
    pub fn redacted(&self) -> &'static str {
        if self.0.starts_with("sk_test_") {
            "sk_test_****"
        } else if self.0.starts_with("sk_live_") {
            "sk_live_****"
        } else {
            "****"
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.redacted())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.redacted())
    }
}

/// How `Debug` shows a sensitive (`x-sensitive`) field of a generated model: a PAN as
/// `**** 2039`, anything else as `******`; never the value. `None` shows as `None`.
pub(crate) struct Masked<'a> {
    field: &'static str,
    value: Option<&'a str>,
}

impl<'a> Masked<'a> {
    pub(crate) fn new(field: &'static str, value: Option<&'a str>) -> Self {
        Masked { field, value }
    }
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            None => f.write_str("None"),
            Some(v) if self.field == "pan" => f.write_str(&crate::models::card::mask_pan(v)),
            Some(_) => f.write_str("\"******\""),
        }
    }
}
