//! `client.cards`: mirrors `cryptotopcard::resources::cards`.

use std::collections::HashMap;
use std::sync::Arc;

use cryptotopcard::resources::cards::{CreateCardParams, ListCardsParams, UpdateCardParams};
use cryptotopcard::{
    Card, CardFunding, CardSort, CardStatus, CardWithdrawal, Category, MetadataValue, SortOrder,
};

use crate::client::Core;
use crate::error::CryptoTopCardError;
use crate::http::{prepare, prepare_read, send, send_with_meta, RequestOptions};
use crate::models::{
    CardFundingResponse, CardPage, CardResponse, CardWithdrawalResponse, SensitiveCardDetails,
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

#[uniffi::export]
impl CardsClient {
    /// `POST /cards`: issues a card funded from the wallet (1.00 to 5,000.00 USD).
    #[uniffi::method(default(
        label = None,
        spending_limit = None,
        allowed_categories = None,
        auto_freeze_at = None,
        metadata = None,
        idempotency_key = None,
        options = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub async fn create(
        &self,
        bin_id: String,
        amount: f64,
        label: Option<String>,
        spending_limit: Option<f64>,
        allowed_categories: Option<Vec<Category>>,
        auto_freeze_at: Option<f64>,
        metadata: Option<HashMap<String, MetadataValue>>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Card, CryptoTopCardError> {
        let params = CreateCardParams {
            bin_id,
            amount,
            label,
            spending_limit,
            allowed_categories,
            auto_freeze_at,
            metadata,
        };
        send(prepare(
            self.core.cards().create(params),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `GET /cards`: one page of card summaries.
    #[uniffi::method(default(
        status = None,
        bin_id = None,
        label = None,
        sort = None,
        order = None,
        page = None,
        per_page = None,
        options = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub async fn list(
        &self,
        status: Option<CardStatus>,
        bin_id: Option<String>,
        label: Option<String>,
        sort: Option<CardSort>,
        order: Option<SortOrder>,
        page: Option<u32>,
        per_page: Option<u32>,
        options: Option<RequestOptions>,
    ) -> Result<CardPage, CryptoTopCardError> {
        let params = ListCardsParams {
            status,
            bin_id,
            label,
            sort,
            order,
            page,
            per_page,
        };
        let page = send(prepare_read(self.core.cards().list(params), options)?).await?;
        Ok(page.into())
    }

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
        sort: Option<CardSort>,
        order: Option<SortOrder>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<CardPager> {
        let params = ListCardsParams {
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

    /// `GET /cards/{card_id}`: the card without sensitive details.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve(
        &self,
        card_id: String,
        options: Option<RequestOptions>,
    ) -> Result<Card, CryptoTopCardError> {
        send(prepare_read(self.core.cards().retrieve(&card_id), options)?).await
    }

    /// `GET /cards/{card_id}/details`: PAN, CVV, expiry. An object whose `toString()` masks
    /// the PAN and hides the CVV; read them with `pan()` and `cvv()`.
    #[uniffi::method(default(options = None))]
    pub async fn details(
        &self,
        card_id: String,
        options: Option<RequestOptions>,
    ) -> Result<Arc<SensitiveCardDetails>, CryptoTopCardError> {
        let details = send(prepare_read(self.core.cards().details(&card_id), options)?).await?;
        Ok(Arc::new(SensitiveCardDetails::from(details)))
    }

    /// `PATCH /cards/{card_id}`: only the arguments given are sent; metadata merges (a key
    /// mapped to null is removed); `auto_freeze_at = 0` disables auto-freeze.
    #[uniffi::method(default(
        label = None,
        spending_limit = None,
        allowed_categories = None,
        auto_freeze_at = None,
        metadata = None,
        idempotency_key = None,
        options = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub async fn update(
        &self,
        card_id: String,
        label: Option<String>,
        spending_limit: Option<f64>,
        allowed_categories: Option<Vec<Category>>,
        auto_freeze_at: Option<f64>,
        metadata: Option<HashMap<String, Option<MetadataValue>>>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Card, CryptoTopCardError> {
        let params = UpdateCardParams {
            label,
            spending_limit,
            allowed_categories,
            auto_freeze_at,
            metadata,
        };
        send(prepare(
            self.core.cards().update(&card_id, params),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /cards/{card_id}/freeze`
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn freeze(
        &self,
        card_id: String,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Card, CryptoTopCardError> {
        send(prepare(
            self.core.cards().freeze(&card_id),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /cards/{card_id}/unfreeze`
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn unfreeze(
        &self,
        card_id: String,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Card, CryptoTopCardError> {
        send(prepare(
            self.core.cards().unfreeze(&card_id),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `DELETE /cards/{card_id}`: permanent; the balance returns to the wallet.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn terminate(
        &self,
        card_id: String,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Card, CryptoTopCardError> {
        send(prepare(
            self.core.cards().terminate(&card_id),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /cards/{card_id}/fund`: moves `amount` USD from the wallet to the card.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn fund(
        &self,
        card_id: String,
        amount: f64,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<CardFunding, CryptoTopCardError> {
        send(prepare(
            self.core.cards().fund(&card_id, amount),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /cards/{card_id}/withdraw`: moves `amount` USD from the card back to the wallet.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn withdraw(
        &self,
        card_id: String,
        amount: f64,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<CardWithdrawal, CryptoTopCardError> {
        send(prepare(
            self.core.cards().withdraw(&card_id, amount),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `cards.create` plus the response metadata (status, request id, idempotency key,
    /// `replayed`, retries, headers).
    #[uniffi::method(default(
        label = None,
        spending_limit = None,
        allowed_categories = None,
        auto_freeze_at = None,
        metadata = None,
        idempotency_key = None,
        options = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub async fn create_with_response(
        &self,
        bin_id: String,
        amount: f64,
        label: Option<String>,
        spending_limit: Option<f64>,
        allowed_categories: Option<Vec<Category>>,
        auto_freeze_at: Option<f64>,
        metadata: Option<HashMap<String, MetadataValue>>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<CardResponse, CryptoTopCardError> {
        let params = CreateCardParams {
            bin_id,
            amount,
            label,
            spending_limit,
            allowed_categories,
            auto_freeze_at,
            metadata,
        };
        let req = prepare(self.core.cards().create(params), idempotency_key, options)?;
        Ok(send_with_meta(req).await?.into())
    }

    /// `cards.retrieve` plus the response metadata.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_with_response(
        &self,
        card_id: String,
        options: Option<RequestOptions>,
    ) -> Result<CardResponse, CryptoTopCardError> {
        let req = prepare_read(self.core.cards().retrieve(&card_id), options)?;
        Ok(send_with_meta(req).await?.into())
    }

    /// `cards.fund` plus the response metadata.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn fund_with_response(
        &self,
        card_id: String,
        amount: f64,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<CardFundingResponse, CryptoTopCardError> {
        let req = prepare(
            self.core.cards().fund(&card_id, amount),
            idempotency_key,
            options,
        )?;
        Ok(send_with_meta(req).await?.into())
    }

    /// `cards.withdraw` plus the response metadata.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn withdraw_with_response(
        &self,
        card_id: String,
        amount: f64,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<CardWithdrawalResponse, CryptoTopCardError> {
        let req = prepare(
            self.core.cards().withdraw(&card_id, amount),
            idempotency_key,
            options,
        )?;
        Ok(send_with_meta(req).await?.into())
    }
}
