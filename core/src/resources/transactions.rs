//! `/transactions`: authorizations, settlements, refunds and declines across cards.

use futures_core::Stream;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{Page, Transaction, TransactionType};
use crate::pagination::{auto_paging, impl_paged};
use crate::validate;

/// Parameters of `transactions.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListTransactionsParams {
    /// Only this card's transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<String>,
    /// Only this kind (JSON `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<TransactionType>,
    /// From this date (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Up to this date (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Merchant name contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant: Option<String>,
    /// Smallest amount, as an absolute value (sent rounded to cents: `0.1 + 0.2` goes out as
    /// `0.3`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "validate::ser_money_opt"
    )]
    pub min_amount: Option<f64>,
    /// Largest amount, as an absolute value (sent rounded to cents).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "validate::ser_money_opt"
    )]
    pub max_amount: Option<f64>,
    /// Page number (from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size, 1 to 100 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl ListTransactionsParams {
    /// Checks paging bounds, dates and amounts.
    pub fn validate(&self) -> Result<()> {
        if let Some(c) = &self.card_id {
            validate::id("card_id", c)?;
        }
        if let Some(f) = &self.from {
            validate::iso_date("from", f)?;
        }
        if let Some(t) = &self.to {
            validate::iso_date("to", t)?;
        }
        if let Some(a) = self.min_amount {
            validate::money("min_amount", a)?;
        }
        if let Some(a) = self.max_amount {
            validate::money("max_amount", a)?;
        }
        validate::paging(self.page, self.per_page)
    }
}

impl_paged!(ListTransactionsParams);

/// The `/transactions` resource. Get it with [`Client::transactions`].
#[derive(Debug, Clone, Copy)]
pub struct Transactions<'a> {
    client: &'a Client,
}

impl<'a> Transactions<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Transactions { client }
    }

    /// `GET /transactions`: one page.
    pub fn list(&self, params: ListTransactionsParams) -> ApiRequest<Page<Transaction>> {
        let spec = params
            .validate()
            .and_then(|_| RequestSpec::new(Method::GET, &["transactions"]).query(&params));
        ApiRequest::new(self.client, spec)
    }

    /// Every transaction across pages.
    pub fn list_auto_paging(
        &self,
        params: ListTransactionsParams,
    ) -> impl Stream<Item = Result<Transaction>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.transactions().list(p))
    }

    /// `GET /transactions/{transaction_id}`: full object with `three_ds`, `timeline`,
    /// `decline_reason`.
    pub fn retrieve(&self, transaction_id: &str) -> ApiRequest<Transaction> {
        let spec = validate::id("transaction_id", transaction_id)
            .map(|_| RequestSpec::new(Method::GET, &["transactions", transaction_id]));
        ApiRequest::new(self.client, spec)
    }
}
