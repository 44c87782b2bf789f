//! `/cards`: issue, list, inspect, update, freeze, terminate, fund and withdraw cards.

use std::collections::HashMap;

use futures_core::Stream;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{
    Card, CardDetails, CardFunding, CardSort, CardStatus, CardWithdrawal, Category, Metadata,
    MetadataValue, Page, SortOrder,
};
use crate::pagination::{auto_paging, impl_paged};
use crate::validate;

/// Parameters of `cards.create`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCardParams {
    /// BIN to issue from (e.g. `"491653"`).
    pub bin_id: String,
    /// Initial funding in USD, 1.00 to 5,000.00.
    #[serde(serialize_with = "crate::validate::ser_money")]
    pub amount: f64,
    /// Label, at most 64 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Monthly spending limit in USD (default: the BIN's maximum).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::validate::ser_money_opt"
    )]
    pub spending_limit: Option<f64>,
    /// Allowed merchant categories (empty: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_categories: Option<Vec<Category>>,
    /// Freeze automatically when the balance drops below this amount.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::validate::ser_money_opt"
    )]
    pub auto_freeze_at: Option<f64>,
    /// Up to 20 key-value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl CreateCardParams {
    /// Parameters with the two required fields.
    pub fn new(bin_id: impl Into<String>, amount: f64) -> Self {
        CreateCardParams {
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
            validate::metadata("metadata", m.iter().map(|(k, v)| (k, Some(v))))?;
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

/// Parameters of `cards.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListCardsParams {
    /// Only cards in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CardStatus>,
    /// Only cards of this BIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin_id: Option<String>,
    /// Label contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Sort key (default `created_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<CardSort>,
    /// Sort order (default `desc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Page number (from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size, 1 to 100 (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl ListCardsParams {
    /// Checks paging bounds.
    pub fn validate(&self) -> Result<()> {
        validate::paging(self.page, self.per_page)
    }
}

impl_paged!(ListCardsParams);

/// Parameters of `cards.update`; only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCardParams {
    /// New label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// New monthly spending limit.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::validate::ser_money_opt"
    )]
    pub spending_limit: Option<f64>,
    /// New allowed categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_categories: Option<Vec<Category>>,
    /// New auto-freeze threshold (0 disables).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::validate::ser_money_opt"
    )]
    pub auto_freeze_at: Option<f64>,
    /// Metadata merged into the existing metadata; a `None` value removes that key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<HashMap<String, Option<MetadataValue>>>,
}

impl UpdateCardParams {
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

/// Parameters of `cards.fund` (for JSON dispatch; the typed call takes the amount directly).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundCardParams {
    /// Amount in USD, 1.00 to 5,000.00.
    #[serde(serialize_with = "crate::validate::ser_money")]
    pub amount: f64,
}

/// Parameters of `cards.withdraw` (for JSON dispatch; the typed call takes the amount directly).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawCardParams {
    /// Amount in USD, above 0 and at most the card's balance.
    #[serde(serialize_with = "crate::validate::ser_money")]
    pub amount: f64,
}

/// The `/cards` resource. Get it with [`Client::cards`].
#[derive(Debug, Clone, Copy)]
pub struct Cards<'a> {
    client: &'a Client,
}

impl<'a> Cards<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Cards { client }
    }

    /// `POST /cards`: issues a card funded from the wallet.
    pub fn create(&self, params: CreateCardParams) -> ApiRequest<Card> {
        let spec = params
            .validate()
            .and_then(|_| RequestSpec::new(Method::POST, &["cards"]).json(&params));
        ApiRequest::new(self.client, spec)
    }

    /// `GET /cards`: one page of card summaries.
    pub fn list(&self, params: ListCardsParams) -> ApiRequest<Page<Card>> {
        let spec = params
            .validate()
            .and_then(|_| RequestSpec::new(Method::GET, &["cards"]).query(&params));
        ApiRequest::new(self.client, spec)
    }

    /// Every card across pages, starting at `params.page`.
    pub fn list_auto_paging(
        &self,
        params: ListCardsParams,
    ) -> impl Stream<Item = Result<Card>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.cards().list(p))
    }

    /// `GET /cards/{card_id}`.
    pub fn retrieve(&self, card_id: &str) -> ApiRequest<Card> {
        self.by_id(Method::GET, card_id, None)
    }

    /// `GET /cards/{card_id}/details`: PAN, CVV and expiry (30 requests/min).
    pub fn details(&self, card_id: &str) -> ApiRequest<CardDetails> {
        self.by_id(Method::GET, card_id, Some("details"))
    }

    /// `PATCH /cards/{card_id}`: metadata merges; `auto_freeze_at: 0` disables.
    pub fn update(&self, card_id: &str, params: UpdateCardParams) -> ApiRequest<Card> {
        let spec = validate::id("card_id", card_id)
            .and_then(|_| params.validate())
            .and_then(|_| RequestSpec::new(Method::PATCH, &["cards", card_id]).json(&params));
        ApiRequest::new(self.client, spec)
    }

    /// `POST /cards/{card_id}/freeze`.
    pub fn freeze(&self, card_id: &str) -> ApiRequest<Card> {
        self.by_id(Method::POST, card_id, Some("freeze"))
    }

    /// `POST /cards/{card_id}/unfreeze`.
    pub fn unfreeze(&self, card_id: &str) -> ApiRequest<Card> {
        self.by_id(Method::POST, card_id, Some("unfreeze"))
    }

    /// `DELETE /cards/{card_id}`: permanent; the balance returns to the wallet.
    pub fn terminate(&self, card_id: &str) -> ApiRequest<Card> {
        self.by_id(Method::DELETE, card_id, None)
    }

    /// `POST /cards/{card_id}/fund`: moves `amount` (1.00 to 5,000.00) from the wallet.
    pub fn fund(&self, card_id: &str, amount: f64) -> ApiRequest<CardFunding> {
        let spec = validate::id("card_id", card_id)
            .and_then(|_| {
                validate::money_range(
                    "amount",
                    amount,
                    validate::MIN_CARD_AMOUNT,
                    validate::MAX_CARD_AMOUNT,
                )
            })
            .and_then(|_| {
                RequestSpec::new(Method::POST, &["cards", card_id, "fund"])
                    .json(&FundCardParams { amount })
            });
        ApiRequest::new(self.client, spec)
    }

    /// `POST /cards/{card_id}/withdraw`: moves `amount` (above 0) back to the wallet.
    pub fn withdraw(&self, card_id: &str, amount: f64) -> ApiRequest<CardWithdrawal> {
        let spec = validate::id("card_id", card_id)
            .and_then(|_| validate::money_positive("amount", amount))
            .and_then(|_| {
                RequestSpec::new(Method::POST, &["cards", card_id, "withdraw"])
                    .json(&WithdrawCardParams { amount })
            });
        ApiRequest::new(self.client, spec)
    }

    fn by_id<T>(&self, method: Method, card_id: &str, action: Option<&str>) -> ApiRequest<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        let spec = validate::id("card_id", card_id).map(|_| match action {
            Some(a) => RequestSpec::new(method, &["cards", card_id, a]),
            None => RequestSpec::new(method, &["cards", card_id]),
        });
        ApiRequest::new(self.client, spec)
    }
}
