//! Transactions: authorizations, settlements, refunds and declines.

use serde::{Deserialize, Serialize};

use super::card::Category;
use super::common::{string_enum, Currency, Timestamp};

string_enum! {
    /// Why the issuer declined a transaction.
    pub enum DeclineReason {
        /// The card is frozen.
        CardFrozen => "card_frozen",
        /// The card is terminated.
        CardTerminated => "card_terminated",
        /// The card balance is too low.
        InsufficientBalance => "insufficient_balance",
        /// The merchant's category is not in `allowed_categories`.
        CategoryNotAllowed => "category_not_allowed",
        /// Over the card's monthly spending limit.
        SpendingLimitExceeded => "spending_limit_exceeded",
        /// Over the BIN's `max_transaction`.
        TransactionLimitExceeded => "transaction_limit_exceeded",
    }
}

string_enum! {
    /// 3DS outcome of a transaction.
    pub enum ThreeDsOutcome {
        /// No 3DS was needed.
        NotRequired => "not_required",
        /// A challenge is waiting.
        Pending => "pending",
        /// The cardholder authenticated.
        Authenticated => "authenticated",
        /// Authentication failed.
        Failed => "failed",
    }
}

string_enum! {
    /// Kind of transaction.
    pub enum TransactionType {
        /// Funds held for a purchase.
        Authorization => "authorization",
        /// Purchase settled.
        Settlement => "settlement",
        /// Money returned by a merchant.
        Refund => "refund",
        /// Purchase declined by the issuer.
        Decline => "decline",
    }
}

/// Merchant of a transaction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Merchant {
    /// Merchant name as it appears on the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Merchant category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Merchant category code (MCC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcc: Option<String>,
    /// ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// 3DS information of a transaction (full transaction object only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TransactionThreeDs {
    /// 3DS outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ThreeDsOutcome>,
    /// 3DS protocol version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The challenge that authenticated it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_id: Option<String>,
}

/// One step of a transaction's authorization timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimelineEntry {
    /// What happened (`"authorized"`, `"settled"`, `"refunded"`, `"declined"`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

/// A card transaction. `three_ds`, `timeline` and `decline_reason` come with the full object
/// (`transactions.retrieve`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Transaction {
    /// Transaction id (`txn_…`).
    pub id: String,
    /// Card the transaction belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<String>,
    /// Kind of transaction.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<TransactionType>,
    /// Signed amount in `currency` (spending is negative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Currency of `amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant: Option<Merchant>,
    /// Card balance after this transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_after: Option<f64>,
    /// Why it was declined (declines only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<DeclineReason>,
    /// 3DS information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_ds: Option<TransactionThreeDs>,
    /// Authorization timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<TimelineEntry>>,
    /// For a settlement: how much has been refunded so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_amount: Option<f64>,
    /// For a refund: the transaction it refunds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_of: Option<String>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
}
