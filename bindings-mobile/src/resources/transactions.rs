//! `client.transactions`: mirrors `cryptotopcard::resources::transactions`.

use std::sync::Arc;

use cryptotopcard::TransactionListParams;
use cryptotopcard::{Transaction, TransactionType};
use serde_json::{Map, Value};

use crate::client::Core;
use crate::models::{TransactionList, TransactionListResponse, TransactionResponse};
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

/// The argument `transaction_type` is the contract's `type` (reserved in Kotlin and Swift).
fn type_param(params: &mut Map<String, Value>) {
    if let Some(v) = params.remove("transaction_type") {
        params.insert("type".into(), v);
    }
}

operations! {
    TransactionsClient;

    /// `GET /transactions`: one page. `from`/`to` are ISO 8601 dates; `type` is the
    /// transaction type (named `transaction_type` here: `type` is reserved in Swift/Kotlin).
    get "transactions.list" fn list / list_with_response (
        card_id: Option<String> = None,
        transaction_type: Option<TransactionType> = None,
        from: Option<String> = None,
        to: Option<String> = None,
        merchant: Option<String> = None,
        min_amount: Option<f64> = None,
        max_amount: Option<f64> = None,
        page: Option<u32> = None,
        per_page: Option<u32> = None,
    ) -> TransactionList, TransactionListResponse, adjust = type_param;

    /// `GET /transactions/{transaction_id}`: with 3DS status, timeline and decline reason.
    get "transactions.retrieve" fn retrieve / retrieve_with_response (transaction_id: String)
        -> Transaction, TransactionResponse;
}

#[uniffi::export]
impl TransactionsClient {
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
        let params = TransactionListParams {
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
}
