//! `client.transactions`: mirrors `cryptotopcard::resources::transactions`.

use cryptotopcard::resources::transactions::ListTransactionsParams;
use cryptotopcard::{Transaction, TransactionType};

use crate::client::Core;
use std::sync::Arc;

use crate::error::CryptoTopCardError;
use crate::http::{prepare_read, send, RequestOptions};
use crate::models::TransactionPage;
use crate::pagination::TransactionPager;

/// `/transactions`: authorizations, settlements, refunds and declines across cards.
#[derive(uniffi::Object)]
pub struct TransactionsClient {
    core: Core,
}

impl TransactionsClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

#[uniffi::export]
impl TransactionsClient {
    /// `GET /transactions`: one page. `from`/`to` are ISO 8601 dates; `type` is the
    /// transaction type (named `transaction_type` here: `type` is reserved in Swift/Kotlin).
    #[uniffi::method(default(
        card_id = None,
        transaction_type = None,
        from = None,
        to = None,
        merchant = None,
        min_amount = None,
        max_amount = None,
        page = None,
        per_page = None,
        options = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub async fn list(
        &self,
        card_id: Option<String>,
        transaction_type: Option<TransactionType>,
        from: Option<String>,
        to: Option<String>,
        merchant: Option<String>,
        min_amount: Option<f64>,
        max_amount: Option<f64>,
        page: Option<u32>,
        per_page: Option<u32>,
        options: Option<RequestOptions>,
    ) -> Result<TransactionPage, CryptoTopCardError> {
        let params = ListTransactionsParams {
            card_id,
            transaction_type,
            from,
            to,
            merchant,
            min_amount,
            max_amount,
            page,
            per_page,
        };
        let page = send(prepare_read(
            self.core.transactions().list(params),
            options,
        )?)
        .await?;
        Ok(page.into())
    }

    /// Every transaction matching the filters, across pages (starting at `page`), fetched lazily.
    #[uniffi::method(default(
        card_id = None,
        transaction_type = None,
        from = None,
        to = None,
        merchant = None,
        min_amount = None,
        max_amount = None,
        page = None,
        per_page = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn list_auto_paging(
        &self,
        card_id: Option<String>,
        transaction_type: Option<TransactionType>,
        from: Option<String>,
        to: Option<String>,
        merchant: Option<String>,
        min_amount: Option<f64>,
        max_amount: Option<f64>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<TransactionPager> {
        let params = ListTransactionsParams {
            card_id,
            transaction_type,
            from,
            to,
            merchant,
            min_amount,
            max_amount,
            page,
            per_page,
        };
        Arc::new(TransactionPager::new(
            self.core.transactions().list_auto_paging(params),
        ))
    }

    /// `GET /transactions/{transaction_id}`: with 3DS status, timeline and decline reason.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve(
        &self,
        transaction_id: String,
        options: Option<RequestOptions>,
    ) -> Result<Transaction, CryptoTopCardError> {
        send(prepare_read(
            self.core.transactions().retrieve(&transaction_id),
            options,
        )?)
        .await
    }
}
