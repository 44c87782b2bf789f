//! `/cards`: issue, list, inspect, update, freeze, terminate, fund and withdraw cards.

use futures_core::Stream;

use crate::client::Client;
use crate::error::Result;
use crate::models::{
    CardCreateParams, CardFundParams, CardListParams, CardSummary, CardUpdateParams,
    CardWithdrawParams, Category,
};
use crate::pagination::auto_paging;
use crate::validate;

impl CardCreateParams {
    /// Parameters with the two required fields.
    pub fn new(bin_id: impl Into<String>, amount: f64) -> Self {
        CardCreateParams {
            bin_id: bin_id.into(),
            amount,
            ..Default::default()
        }
    }

    /// Checks every field against the contract's limits.
    pub fn validate(&self) -> Result<()> {
        validate::non_empty("bin_id", &self.bin_id)?;
        validate::money_range(
            "amount",
            self.amount,
            validate::MIN_CARD_AMOUNT,
            validate::MAX_CARD_AMOUNT,
        )?;
        check_common(
            &self.label,
            self.spending_limit,
            &self.allowed_categories,
            self.auto_freeze_at,
        )?;
        if let Some(m) = &self.metadata {
            validate::metadata("metadata", m.iter().map(|(k, v)| (k, v.as_ref())))?;
        }
        Ok(())
    }
}

fn check_common(
    label: &Option<String>,
    spending_limit: Option<f64>,
    cats: &Option<Vec<Category>>,
    auto_freeze_at: Option<f64>,
) -> Result<()> {
    if let Some(l) = label {
        validate::label("label", l)?;
    }
    if let Some(s) = spending_limit {
        validate::money("spending_limit", s)?;
    }
    if let Some(c) = cats {
        validate::categories("allowed_categories", c)?;
    }
    if let Some(a) = auto_freeze_at {
        validate::money("auto_freeze_at", a)?;
    }
    Ok(())
}

impl CardListParams {
    /// Checks the sort key and the order (the spec's values, generated) and the paging bounds.
    pub fn validate(&self) -> Result<()> {
        self.check_enums()?;
        validate::paging(self.page, self.per_page)
    }
}

impl CardUpdateParams {
    /// Checks every field against the contract's limits.
    pub fn validate(&self) -> Result<()> {
        check_common(
            &self.label,
            self.spending_limit,
            &self.allowed_categories,
            self.auto_freeze_at,
        )?;
        if let Some(m) = &self.metadata {
            validate::metadata("metadata", m.iter().map(|(k, v)| (k, v.as_ref())))?;
        }
        Ok(())
    }
}

impl CardFundParams {
    /// Parameters moving `amount` USD.
    pub fn new(amount: f64) -> Self {
        CardFundParams { amount }
    }

    /// 1.00 to 5,000.00, whole cents.
    pub fn validate(&self) -> Result<()> {
        validate::money_range(
            "amount",
            self.amount,
            validate::MIN_CARD_AMOUNT,
            validate::MAX_CARD_AMOUNT,
        )
    }
}

impl CardWithdrawParams {
    /// Parameters moving `amount` USD.
    pub fn new(amount: f64) -> Self {
        CardWithdrawParams { amount }
    }

    /// Above 0, whole cents.
    pub fn validate(&self) -> Result<()> {
        validate::money_positive("amount", self.amount)
    }
}

/// The `/cards` resource. Get it with [`Client::cards`].
#[derive(Debug, Clone, Copy)]
pub struct Cards<'a> {
    pub(crate) client: &'a Client,
}

impl<'a> Cards<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Cards { client }
    }

    /// Every card across pages, starting at `params.page`.
    pub fn list_auto_paging(
        &self,
        params: CardListParams,
    ) -> impl Stream<Item = Result<CardSummary>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.cards().list(p))
    }
}

/// Former name of [`CardFundParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed CardFundParams, as in the spec and every other binding")]
pub type FundCardParams = crate::models::CardFundParams;

/// Former name of [`CardWithdrawParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed CardWithdrawParams, as in the spec and every other binding")]
pub type WithdrawCardParams = crate::models::CardWithdrawParams;
