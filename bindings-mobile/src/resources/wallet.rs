//! `client.wallet`: mirrors `cryptotopcard::resources::wallet`.

use cryptotopcard::resources::wallet::{ListDepositsParams, WalletAddressesParams};
use cryptotopcard::{CryptoCurrency, DepositStatus, WalletAddresses};

use crate::client::Core;
use std::sync::Arc;

use crate::error::CryptoTopCardError;
use crate::http::{prepare_read, send, RequestOptions};
use crate::models::DepositPage;
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

#[uniffi::export]
impl WalletClient {
    /// `GET /wallet`
    #[uniffi::method(default(options = None))]
    pub async fn retrieve(
        &self,
        options: Option<RequestOptions>,
    ) -> Result<cryptotopcard::Wallet, CryptoTopCardError> {
        send(prepare_read(self.core.wallet().retrieve(), options)?).await
    }

    /// `GET /wallet/addresses`: all currencies, or one.
    #[uniffi::method(default(currency = None, options = None))]
    pub async fn addresses(
        &self,
        currency: Option<CryptoCurrency>,
        options: Option<RequestOptions>,
    ) -> Result<WalletAddresses, CryptoTopCardError> {
        let params = WalletAddressesParams { currency };
        send(prepare_read(self.core.wallet().addresses(params), options)?).await
    }

    /// `GET /wallet/deposits`: one page.
    #[uniffi::method(default(status = None, currency = None, page = None, per_page = None, options = None))]
    pub async fn deposits(
        &self,
        status: Option<DepositStatus>,
        currency: Option<CryptoCurrency>,
        page: Option<u32>,
        per_page: Option<u32>,
        options: Option<RequestOptions>,
    ) -> Result<DepositPage, CryptoTopCardError> {
        let params = ListDepositsParams {
            status,
            currency,
            page,
            per_page,
        };
        let page = send(prepare_read(self.core.wallet().deposits(params), options)?).await?;
        Ok(page.into())
    }

    /// Every deposit matching the filters, across pages (starting at `page`), fetched lazily.
    #[uniffi::method(default(status = None, currency = None, page = None, per_page = None))]
    pub fn deposits_auto_paging(
        &self,
        status: Option<DepositStatus>,
        currency: Option<CryptoCurrency>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<DepositPager> {
        let params = ListDepositsParams {
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
