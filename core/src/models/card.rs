//! Cards: the card object, its sensitive details, and funding results.

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::common::{string_enum, Metadata, Network, Timestamp};

string_enum! {
    /// Lifecycle state of a card.
    pub enum CardStatus {
        /// Usable.
        Active => "active",
        /// Temporarily suspended; balance preserved.
        Frozen => "frozen",
        /// Permanently closed; balance refunded to the wallet.
        Terminated => "terminated",
    }
}

string_enum! {
    /// Merchant category a card may be restricted to (`allowed_categories`).
    pub enum Category {
        /// Advertising.
        Advertising => "advertising",
        /// Software.
        Software => "software",
        /// SaaS.
        Saas => "saas",
        /// Subscriptions.
        Subscriptions => "subscriptions",
        /// Shopping.
        Shopping => "shopping",
        /// Travel.
        Travel => "travel",
        /// Food.
        Food => "food",
        /// Entertainment.
        Entertainment => "entertainment",
        /// Gaming.
        Gaming => "gaming",
        /// Telecom.
        Telecom => "telecom",
        /// Utilities.
        Utilities => "utilities",
        /// Anything else.
        Other => "other",
    }
}

string_enum! {
    /// Sort key for listing cards.
    pub enum CardSort {
        /// Creation time (default).
        CreatedAt => "created_at",
        /// Balance.
        Balance => "balance",
        /// Last use.
        LastUsed => "last_used",
    }
}

/// A virtual card. List endpoints return a summary (fewer fields), freeze/terminate return a
/// partial object: every field but `id` is therefore optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Card {
    /// Card id (`card_…`).
    pub id: String,
    /// BIN the card was issued from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin_id: Option<String>,
    /// Card network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Last four digits of the PAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last4: Option<String>,
    /// Lifecycle state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CardStatus>,
    /// Current balance in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<f64>,
    /// Monthly spending limit in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spending_limit: Option<f64>,
    /// Amount spent so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_spent: Option<f64>,
    /// Number of transactions on the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_count: Option<u64>,
    /// Custom label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Allowed merchant categories (empty: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_categories: Option<Vec<Category>>,
    /// Auto-freeze threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_freeze_at: Option<f64>,
    /// Your key-value metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// Expiry time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// Last use time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<Timestamp>,
    /// When the card was frozen (freeze response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_at: Option<Timestamp>,
    /// Balance returned to the wallet (terminate response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_amount: Option<f64>,
    /// When the card was terminated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminated_at: Option<Timestamp>,
}

/// Billing address attached to a card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BillingAddress {
    /// Street line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    /// Second street line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State or region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Full card details (PCI-sensitive). PAN and CVV are wiped from memory on drop and never shown
/// by `Debug`/`Display`; read them with [`CardDetails::pan`] and [`CardDetails::cvv`].
///
/// Not a uniffi record (a record would be printable in Kotlin/Swift): the mobile binding wraps
/// it in an object.
#[derive(Clone, PartialEq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct CardDetails {
    /// Card id.
    #[zeroize(skip)]
    pub id: String,
    /// Full card number.
    pub pan: String,
    /// Card verification value.
    pub cvv: String,
    /// Expiry month (1-12).
    #[zeroize(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp_month: Option<u32>,
    /// Expiry year (four digits).
    #[zeroize(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp_year: Option<u32>,
    /// Name on the card.
    #[zeroize(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
    /// Billing address.
    #[zeroize(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<BillingAddress>,
}

impl CardDetails {
    /// The full PAN. Handle with care: never log it.
    pub fn pan(&self) -> &str {
        &self.pan
    }

    /// The CVV. Handle with care: never log it.
    pub fn cvv(&self) -> &str {
        &self.cvv
    }

    /// The PAN masked for display: `**** 2039`.
    pub fn masked_pan(&self) -> String {
        mask_pan(&self.pan)
    }
}

/// Masks a PAN to its last four digits: `**** 2039`.
pub(crate) fn mask_pan(pan: &str) -> String {
    let digits: Vec<char> = pan.chars().collect();
    if digits.len() >= 8 {
        let last4: String = digits[digits.len() - 4..].iter().collect();
        format!("**** {last4}")
    } else {
        "****".to_string()
    }
}

impl fmt::Debug for CardDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardDetails")
            .field("id", &self.id)
            .field("pan", &self.masked_pan())
            .field("cvv", &"***")
            .field("exp_month", &self.exp_month)
            .field("exp_year", &self.exp_year)
            .field("holder_name", &self.holder_name)
            .field("billing_address", &self.billing_address)
            .finish()
    }
}

impl fmt::Display for CardDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.masked_pan())
    }
}

/// Result of funding a card (`POST /cards/{id}/fund`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CardFunding {
    /// Card id.
    pub id: String,
    /// Card balance before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_balance: Option<f64>,
    /// Amount added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funded_amount: Option<f64>,
    /// Card balance after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_balance: Option<f64>,
    /// Wallet balance after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet_balance: Option<f64>,
}

/// Result of withdrawing from a card (`POST /cards/{id}/withdraw`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CardWithdrawal {
    /// Card id.
    pub id: String,
    /// Card balance before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_balance: Option<f64>,
    /// Amount moved back to the wallet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_amount: Option<f64>,
    /// Card balance after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_balance: Option<f64>,
    /// Wallet balance after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet_balance: Option<f64>,
}
