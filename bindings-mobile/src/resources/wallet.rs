//! `client.wallet`: mirrors `cryptotopcard::resources::wallet`.

use std::sync::Arc;

use cryptotopcard::WalletDepositsParams;
use cryptotopcard::{CryptoCurrency, DepositStatus, Wallet, WalletAddresses};

use crate::client::Core;
use crate::models::{DepositList, DepositListResponse, WalletAddressesResponse, WalletResponse};
use crate::pagination::DepositPager;

/// `/wallet`: balance, deposit addresses and crypto deposits.
#[derive(uniffi::Object)]
pub struct WalletClient {
    core: Core,
}

impl WalletClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

operations! {
    WalletClient;

    /// `GET /wallet`
    get "wallet.retrieve" fn retrieve / retrieve_with_response () -> Wallet, WalletResponse;

    /// `GET /wallet/addresses`: all currencies, or one.
    get "wallet.addresses" fn addresses / addresses_with_response (
        currency: Option<CryptoCurrency> = None,
    ) -> WalletAddresses, WalletAddressesResponse;

    /// `GET /wallet/deposits`: one page.
    get "wallet.deposits" fn deposits / deposits_with_response (
        status: Option<DepositStatus> = None,
        currency: Option<CryptoCurrency> = None,
        page: Option<u32> = None,
        per_page: Option<u32> = None,
    ) -> DepositList, DepositListResponse;
}

#[uniffi::export]
impl WalletClient {
    /// Every deposit matching the filters, across pages (starting at `page`), fetched lazily.
    #[uniffi::method(default(status = None, currency = None, page = None, per_page = None))]
    pub fn deposits_auto_paging(
        &self,
        status: Option<DepositStatus>,
        currency: Option<CryptoCurrency>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<DepositPager> {
        let params = WalletDepositsParams {
            status,
            currency,
            page,
            per_page,
        };
        Arc::new(DepositPager::new(
            self.core.wallet().deposits_auto_paging(params),
        ))
    }
}
