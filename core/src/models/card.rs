//! Methods of the generated card models: [`CardDetails`] reads and masks its PAN.

use std::fmt;

use super::CardDetails;

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

impl fmt::Display for CardDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.masked_pan())
    }
}
