//! `/transactions`: authorizations, settlements, refunds and declines across cards.

use futures_core::Stream;

use crate::client::Client;
use crate::error::Result;
use crate::models::{Transaction, TransactionListParams};
use crate::pagination::auto_paging;
use crate::validate;

impl TransactionListParams {
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

/// The `/transactions` resource. Get it with [`Client::transactions`].
#[derive(Debug, Clone, Copy)]
pub struct Transactions<'a> {
    pub(crate) client: &'a Client,
}

impl<'a> Transactions<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Transactions { client }
    }

    /// Every transaction across pages.
    pub fn list_auto_paging(
        &self,
        params: TransactionListParams,
    ) -> impl Stream<Item = Result<Transaction>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.transactions().list(p))
    }
}

/// Former name of [`TransactionListParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed TransactionListParams, as in the spec and every other binding")]
pub type ListTransactionsParams = crate::models::TransactionListParams;
