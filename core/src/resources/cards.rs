//! `/cards`: issue, list, inspect, update, freeze, terminate, fund and withdraw cards.

use futures_core::Stream;
use reqwest::Method;

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{
    Card, CardCreateParams, CardDetails, CardFundParams, CardList, CardListParams, CardSummary,
    CardUpdateParams, CardWithdrawParams, Category, FreezeResult, FundResult, TerminateResult,
    WithdrawResult,
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
    /// Checks the sort key, the order and the paging bounds.
    pub fn validate(&self) -> Result<()> {
        if let Some(s) = &self.sort {
            validate::one_of("sort", s, &["created_at", "balance", "last_used"])?;
        }
        if let Some(o) = &self.order {
            validate::one_of("order", o, &["asc", "desc"])?;
        }
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
    client: &'a Client,
}

impl<'a> Cards<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Cards { client }
    }

    /// `POST /cards`: issues a card funded from the wallet.
    pub fn create(&self, params: CardCreateParams) -> ApiRequest<Card> {
        let spec = params
            .validate()
            .and_then(|_| RequestSpec::new(Method::POST, &["cards"]).json(&params));
        ApiRequest::new(self.client, spec)
    }

    /// `GET /cards`: one page of card summaries.
    pub fn list(&self, params: CardListParams) -> ApiRequest<CardList> {
        let spec = params
            .validate()
            .and_then(|_| RequestSpec::new(Method::GET, &["cards"]).query(&params));
        ApiRequest::new(self.client, spec)
    }

    /// Every card across pages, starting at `params.page`.
    pub fn list_auto_paging(
        &self,
        params: CardListParams,
    ) -> impl Stream<Item = Result<CardSummary>> + Send + 'static {
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
    pub fn update(&self, card_id: &str, params: CardUpdateParams) -> ApiRequest<Card> {
        let spec = validate::id("card_id", card_id)
            .and_then(|_| params.validate())
            .and_then(|_| RequestSpec::new(Method::PATCH, &["cards", card_id]).json(&params));
        ApiRequest::new(self.client, spec)
    }

    /// `POST /cards/{card_id}/freeze`.
    pub fn freeze(&self, card_id: &str) -> ApiRequest<FreezeResult> {
        self.by_id(Method::POST, card_id, Some("freeze"))
    }

    /// `POST /cards/{card_id}/unfreeze`.
    pub fn unfreeze(&self, card_id: &str) -> ApiRequest<Card> {
        self.by_id(Method::POST, card_id, Some("unfreeze"))
    }

    /// `DELETE /cards/{card_id}`: permanent; the balance returns to the wallet.
    pub fn terminate(&self, card_id: &str) -> ApiRequest<TerminateResult> {
        self.by_id(Method::DELETE, card_id, None)
    }

    /// `POST /cards/{card_id}/fund`: moves `params.amount` (1.00 to 5,000.00) from the wallet.
    pub fn fund(&self, card_id: &str, params: CardFundParams) -> ApiRequest<FundResult> {
        let spec = validate::id("card_id", card_id)
            .and_then(|_| params.validate())
            .and_then(|_| {
                RequestSpec::new(Method::POST, &["cards", card_id, "fund"]).json(&params)
            });
        ApiRequest::new(self.client, spec)
    }

    /// `POST /cards/{card_id}/withdraw`: moves `params.amount` (above 0) back to the wallet.
    pub fn withdraw(
        &self,
        card_id: &str,
        params: CardWithdrawParams,
    ) -> ApiRequest<WithdrawResult> {
        let spec = validate::id("card_id", card_id)
            .and_then(|_| params.validate())
            .and_then(|_| {
                RequestSpec::new(Method::POST, &["cards", card_id, "withdraw"]).json(&params)
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
