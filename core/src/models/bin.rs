//! BIN ranges cards are issued from.

use serde::{Deserialize, Serialize};

use super::common::{string_enum, Network};

string_enum! {
    /// What a BIN is meant for.
    pub enum BinType {
        /// Ad platforms.
        Advertising => "advertising",
        /// Everyday spending.
        Everyday => "everyday",
    }
}

/// A BIN range with its capabilities and limits (`GET /bins`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Bin {
    /// BIN (`"491653"`), also the `bin_id` to create cards with.
    pub id: String,
    /// Card network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Intended use.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub bin_type: Option<BinType>,
    /// Issuer country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_country: Option<String>,
    /// 3DS support (JSON `3ds`).
    #[serde(rename = "3ds", default, skip_serializing_if = "Option::is_none")]
    pub three_ds: Option<bool>,
    /// Apple Pay support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apple_pay: Option<bool>,
    /// Google Pay support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google_pay: Option<bool>,
    /// Largest single transaction in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_transaction: Option<f64>,
    /// Largest monthly spend in USD (default `spending_limit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_monthly: Option<f64>,
    /// Acceptance rate in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance_rate: Option<f64>,
    /// Use cases the BIN works best for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_for: Option<Vec<String>>,
}
