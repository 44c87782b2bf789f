//! `/sandbox/*`: simulators available to `sk_test_` keys (a live key gets `403 forbidden`).

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::{
    Category, CryptoCurrency, MerchantParams, SandboxAuthorizeParams, SandboxChallengeParams,
    SandboxDepositParams, SandboxRefundParams,
};
use crate::validate;

/// Largest amount the sandbox simulators accept.
const SANDBOX_MAX: f64 = 1_000_000.0;

impl SandboxDepositParams {
    /// A confirmed deposit worth `amount_usd`.
    pub fn new(currency: CryptoCurrency, amount_usd: f64) -> Self {
        SandboxDepositParams {
            currency,
            amount_usd,
            status: None,
        }
    }

    /// Checks the amount and status.
    pub fn validate(&self) -> Result<()> {
        validate::money_positive("amount_usd", self.amount_usd)?;
        validate::money_range("amount_usd", self.amount_usd, 0.0, SANDBOX_MAX)?;
        if !self.currency.is_known() {
            return Err(Error::validation(
                "currency",
                format!("expected one of: {}", CryptoCurrency::KNOWN.join(", ")),
            ));
        }
        // `status`: `pending` or `confirmed` (the spec's values, generated).
        self.check_enums()
    }
}

impl MerchantParams {
    /// A merchant with a name and a category.
    pub fn new(name: impl Into<String>, category: Category) -> Self {
        MerchantParams {
            name: name.into(),
            category: Some(category),
            ..Default::default()
        }
    }
}

impl SandboxAuthorizeParams {
    /// Checks ids, amount and merchant.
    pub fn validate(&self) -> Result<()> {
        validate::id("card_id", &self.card_id)?;
        validate::money_positive("amount", self.amount)?;
        validate::money_range("amount", self.amount, 0.0, SANDBOX_MAX)?;
        validate::non_empty("merchant.name", &self.merchant.name)?;
        if self.merchant.name.chars().count() > 128 {
            return Err(Error::validation(
                "merchant.name",
                "must be at most 128 characters",
            ));
        }
        if let Some(c) = &self.merchant.category {
            validate::categories("merchant.category", std::slice::from_ref(c)).map_err(|_| {
                Error::validation(
                    "merchant.category",
                    format!("expected one of: {}", Category::KNOWN.join(", ")),
                )
            })?;
        }
        if let Some(m) = &self.merchant.mcc {
            if m.len() != 4 || !m.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::validation("merchant.mcc", "must be four digits"));
            }
        }
        if let Some(c) = &self.merchant.country {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(Error::validation(
                    "merchant.country",
                    "must be a two-letter upper-case country code",
                ));
            }
        }
        Ok(())
    }
}

impl SandboxRefundParams {
    /// Checks the amount, when given.
    pub fn validate(&self) -> Result<()> {
        match self.amount {
            Some(a) => validate::money_positive("amount", a)
                .and_then(|_| validate::money_range("amount", a, 0.0, SANDBOX_MAX)),
            None => Ok(()),
        }
    }
}

impl SandboxChallengeParams {
    /// Checks ids, merchant and amount.
    pub fn validate(&self) -> Result<()> {
        validate::id("card_id", &self.card_id)?;
        validate::non_empty("merchant", &self.merchant)?;
        if self.merchant.chars().count() > 128 {
            return Err(Error::validation(
                "merchant",
                "must be at most 128 characters",
            ));
        }
        validate::money_positive("amount", self.amount)?;
        validate::money_range("amount", self.amount, 0.0, SANDBOX_MAX)
    }
}

/// The `/sandbox` simulators. Get it with [`Client::sandbox`].
#[derive(Debug, Clone, Copy)]
pub struct Sandbox<'a> {
    pub(crate) client: &'a Client,
}

impl<'a> Sandbox<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Sandbox { client }
    }
}

/// Former name of [`SandboxAuthorizeParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed SandboxAuthorizeParams, as in the spec and every other binding")]
pub type AuthorizeParams = crate::models::SandboxAuthorizeParams;

/// Former name of [`SandboxRefundParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed SandboxRefundParams, as in the spec and every other binding")]
pub type RefundParams = crate::models::SandboxRefundParams;

/// Former name of [`SandboxChallengeParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed SandboxChallengeParams, as in the spec and every other binding")]
pub type ChallengeParams = crate::models::SandboxChallengeParams;
