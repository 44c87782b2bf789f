//! 3DS challenges and their one-time codes.

use std::fmt;

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

/// A 3DS challenge with its OTP. `Debug` never shows the OTP.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// Kotlin's toString / Swift's description go through the Debug below, which masks the OTP.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
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

impl fmt::Debug for ThreeDsChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreeDsChallenge")
            .field("id", &self.id)
            .field("card_id", &self.card_id)
            .field("merchant", &self.merchant)
            .field("amount", &self.amount)
            .field("otp", &self.otp.as_ref().map(|_| "******"))
            .field("status", &self.status)
            .field("expires_at", &self.expires_at)
            .field("created_at", &self.created_at)
            .field("completed_at", &self.completed_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_otp() {
        let c: ThreeDsChallenge =
            serde_json::from_str(r#"{"id":"3ds_1","otp":"482913","status":"pending"}"#).unwrap();
        let text = format!("{c:?} {c:#?}");
        assert!(!text.contains("482913"), "{text}");
        assert!(text.contains("******"));
        assert_eq!(c.otp.as_deref(), Some("482913"));
    }
}
