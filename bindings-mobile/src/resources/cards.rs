//! `client.cards`: mirrors `cryptotopcard::resources::cards`.

use std::collections::HashMap;
use std::sync::Arc;

use cryptotopcard::{
    Card, CardListParams, CardStatus, Category, FreezeResult, FundResult, MetadataValue,
    TerminateResult, WithdrawResult,
};

use crate::client::Core;
use crate::models::{
    CardDetailsResponse, CardList, CardListResponse, CardResponse, FreezeResultResponse,
    FundResultResponse, SensitiveCardDetails, TerminateResultResponse, WithdrawResultResponse,
};
use crate::pagination::CardPager;

/// `/cards`: issue, list, inspect, update, freeze, terminate, fund and withdraw cards.
#[derive(uniffi::Object)]
pub struct CardsClient {
    core: Core,
}

impl CardsClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

operations! {
    CardsClient;

    /// `POST /cards`: issues a card funded from the wallet (1.00 to 5,000.00 USD).
    post "cards.create" fn create / create_with_response (
        bin_id: String,
        amount: f64,
        label: Option<String> = None,
        spending_limit: Option<f64> = None,
        allowed_categories: Option<Vec<Category>> = None,
        auto_freeze_at: Option<f64> = None,
        metadata: Option<HashMap<String, MetadataValue>> = None,
    ) -> Card, CardResponse;

    /// `GET /cards`: one page of card summaries.
    get "cards.list" fn list / list_with_response (
        status: Option<CardStatus> = None,
        bin_id: Option<String> = None,
        label: Option<String> = None,
        sort: Option<String> = None,
        order: Option<String> = None,
        page: Option<u32> = None,
        per_page: Option<u32> = None,
    ) -> CardList, CardListResponse;

    /// `GET /cards/{card_id}`: the card without sensitive details.
    get "cards.retrieve" fn retrieve / retrieve_with_response (card_id: String)
        -> Card, CardResponse;

    /// `GET /cards/{card_id}/details`: PAN, CVV, expiry. An object whose `toString()` masks
    /// the PAN and hides the CVV; read them with `pan()` and `cvv()`.
    get "cards.details" fn details / details_with_response (card_id: String)
        -> Arc<SensitiveCardDetails>, CardDetailsResponse;

    /// `PATCH /cards/{card_id}`: only the arguments given are sent; metadata merges (a key
    /// mapped to null is removed); `auto_freeze_at = 0` disables auto-freeze.
    post "cards.update" fn update / update_with_response (
        card_id: String,
        label: Option<String> = None,
        spending_limit: Option<f64> = None,
        allowed_categories: Option<Vec<Category>> = None,
        auto_freeze_at: Option<f64> = None,
        metadata: Option<HashMap<String, Option<MetadataValue>>> = None,
    ) -> Card, CardResponse;

    /// `POST /cards/{card_id}/freeze`
    post "cards.freeze" fn freeze / freeze_with_response (card_id: String)
        -> FreezeResult, FreezeResultResponse;

    /// `POST /cards/{card_id}/unfreeze`
    post "cards.unfreeze" fn unfreeze / unfreeze_with_response (card_id: String)
        -> Card, CardResponse;

    /// `DELETE /cards/{card_id}`: permanent; the balance returns to the wallet.
    post "cards.terminate" fn terminate / terminate_with_response (card_id: String)
        -> TerminateResult, TerminateResultResponse;

    /// `POST /cards/{card_id}/fund`: moves `amount` USD from the wallet to the card.
    post "cards.fund" fn fund / fund_with_response (card_id: String, amount: f64)
        -> FundResult, FundResultResponse;

    /// `POST /cards/{card_id}/withdraw`: moves `amount` USD from the card back to the wallet.
    post "cards.withdraw" fn withdraw / withdraw_with_response (card_id: String, amount: f64)
        -> WithdrawResult, WithdrawResultResponse;
}

#[uniffi::export]
impl CardsClient {
    /// Every card matching the filters, across pages (starting at `page`), fetched lazily.
    #[uniffi::method(default(
        status = None,
        bin_id = None,
        label = None,
        sort = None,
        order = None,
        page = None,
        per_page = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn list_auto_paging(
        &self,
        status: Option<CardStatus>,
        bin_id: Option<String>,
        label: Option<String>,
        sort: Option<String>,
        order: Option<String>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<CardPager> {
        let params = CardListParams {
            status,
            bin_id,
            label,
            sort,
            order,
            page,
            per_page,
        };
        Arc::new(CardPager::new(self.core.cards().list_auto_paging(params)))
    }
}
