//! `/wallet`: balances, deposit addresses and deposits.

use futures_core::Stream;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{CryptoCurrency, Deposit, DepositStatus, Page, Wallet, WalletAddresses};
use crate::pagination::{auto_paging, impl_paged};
use crate::validate;

/// Parameters of `wallet.addresses`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalletAddressesParams {
    /// Only this currency (`btc`, `eth`, `sol`, `usdt`); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CryptoCurrency>,
}

/// Parameters of `wallet.deposits`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListDepositsParams {
    /// Only deposits in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DepositStatus>,
    /// Only deposits in this currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CryptoCurrency>,
    /// Page number (from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size, 1 to 100 (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl_paged!(ListDepositsParams);

/// The `/wallet` resource. Get it with [`Client::wallet`].
#[derive(Debug, Clone, Copy)]
pub struct WalletResource<'a> {
    client: &'a Client,
}

impl<'a> WalletResource<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        WalletResource { client }
    }

    /// `GET /wallet`.
    pub fn retrieve(&self) -> ApiRequest<Wallet> {
        ApiRequest::new(self.client, Ok(RequestSpec::new(Method::GET, &["wallet"])))
    }

    /// `GET /wallet/addresses`.
    pub fn addresses(&self, params: WalletAddressesParams) -> ApiRequest<WalletAddresses> {
        let spec = RequestSpec::new(Method::GET, &["wallet", "addresses"]).query(&params);
        ApiRequest::new(self.client, spec)
    }

    /// `GET /wallet/deposits`: one page.
    pub fn deposits(&self, params: ListDepositsParams) -> ApiRequest<Page<Deposit>> {
        let spec = validate::paging(params.page, params.per_page)
            .and_then(|_| RequestSpec::new(Method::GET, &["wallet", "deposits"]).query(&params));
        ApiRequest::new(self.client, spec)
    }

    /// Every deposit across pages.
    pub fn deposits_auto_paging(
        &self,
        params: ListDepositsParams,
    ) -> impl Stream<Item = Result<Deposit>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.wallet().deposits(p))
    }
}
