//! `/wallet`: balances, deposit addresses and deposits.

use futures_core::Stream;

use crate::client::Client;
use crate::error::Result;
use crate::models::{Deposit, WalletAddressesParams, WalletDepositsParams};
use crate::pagination::auto_paging;
use crate::validate;

impl WalletAddressesParams {
    /// Nothing to check beyond the types (an unknown currency is the API's to refuse).
    pub fn validate(&self) -> Result<()> {
        Ok(())
    }
}

impl WalletDepositsParams {
    /// Checks paging bounds.
    pub fn validate(&self) -> Result<()> {
        validate::paging(self.page, self.per_page)
    }
}

/// The `/wallet` resource. Get it with [`Client::wallet`].
#[derive(Debug, Clone, Copy)]
pub struct WalletResource<'a> {
    pub(crate) client: &'a Client,
}

impl<'a> WalletResource<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        WalletResource { client }
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

/// Former name of [`WalletDepositsParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed WalletDepositsParams, as in the spec and every other binding")]
pub type ListDepositsParams = crate::models::WalletDepositsParams;
