//! `/wallet`: balances, deposit addresses and deposits.

use futures_core::Stream;
use reqwest::Method;

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{
    Deposit, DepositList, Wallet, WalletAddresses, WalletAddressesParams, WalletDepositsParams,
};
use crate::pagination::auto_paging;
use crate::validate;

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
    pub fn deposits(&self, params: WalletDepositsParams) -> ApiRequest<DepositList> {
        let spec = validate::paging(params.page, params.per_page)
            .and_then(|_| RequestSpec::new(Method::GET, &["wallet", "deposits"]).query(&params));
        ApiRequest::new(self.client, spec)
    }

    /// Every deposit across pages.
    pub fn deposits_auto_paging(
        &self,
        params: WalletDepositsParams,
    ) -> impl Stream<Item = Result<Deposit>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.wallet().deposits(p))
    }
}
