//! The account wallet: balances, deposit addresses and crypto deposits.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::common::{string_enum, CryptoCurrency, Currency, Timestamp};

/// Wallet balances (`GET /wallet`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Wallet {
    /// Available balance in USD.
    pub balance: f64,
    /// Currency of the balances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Deposits detected but not yet confirmed, in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_deposits: Option<f64>,
    /// Everything ever credited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_deposited: Option<f64>,
    /// Everything ever spent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_spent: Option<f64>,
    /// Number of active cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cards_active: Option<u64>,
    /// Sum of card balances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cards_total_balance: Option<f64>,
}

/// Deposit addresses per crypto currency (`GET /wallet/addresses`), keyed by currency code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WalletAddresses {
    /// Address to send each currency to.
    #[serde(default)]
    pub addresses: HashMap<String, String>,
    /// Chain used for each currency (`bitcoin`, `erc-20`, ...).
    #[serde(default)]
    pub networks: HashMap<String, String>,
    /// Smallest accepted deposit, as a decimal string in the currency.
    #[serde(default)]
    pub min_deposit: HashMap<String, String>,
}

string_enum! {
    /// State of a crypto deposit.
    pub enum DepositStatus {
        /// Seen on chain, not yet credited.
        Pending => "pending",
        /// Credited to the wallet.
        Confirmed => "confirmed",
        /// Never confirmed.
        Expired => "expired",
    }
}

/// A crypto deposit into the wallet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Deposit {
    /// Deposit id (`dep_…`).
    pub id: String,
    /// Crypto currency deposited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CryptoCurrency>,
    /// Amount in the crypto currency (decimal string, exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_crypto: Option<String>,
    /// Value in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_usd: Option<f64>,
    /// Fee in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_usd: Option<f64>,
    /// Amount credited to the wallet in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credited_usd: Option<f64>,
    /// State of the deposit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DepositStatus>,
    /// On-chain transaction hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<String>,
    /// Confirmations seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmations: Option<u32>,
    /// When it was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// When it was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<Timestamp>,
}
