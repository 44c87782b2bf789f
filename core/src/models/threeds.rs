//! 3DS challenges and their one-time codes.

use serde::{Deserialize, Serialize};

use super::common::{string_enum, Timestamp};

string_enum! {
    /// State of a 3DS challenge.
    pub enum ThreeDsStatus {
        /// Waiting for the OTP.
        Pending => "pending",
        /// Done.
        Completed => "completed",
        /// OTP expired (after 5 minutes).
        Expired => "expired",
    }
}

/// A 3DS challenge with its OTP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ThreeDsChallenge {
    /// Challenge id (`3ds_…`).
    pub id: String,
    /// Card challenged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<String>,
    /// Merchant asking for authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant: Option<String>,
    /// Amount in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// The 6-digit one-time code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<String>,
    /// State.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ThreeDsStatus>,
    /// When the OTP expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// When the challenge was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
}
