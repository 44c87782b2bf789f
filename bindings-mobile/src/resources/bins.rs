//! `client.bins`: mirrors `cryptotopcard::resources::bins`.

use crate::client::Core;
use crate::error::CryptoTopCardError;
use crate::models::BinPage;
use crate::runtime::run;

/// `/bins`: the BIN ranges cards can be issued from.
#[derive(uniffi::Object)]
pub struct BinsClient {
    core: Core,
}

impl BinsClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

#[uniffi::export]
impl BinsClient {
    /// `GET /bins`
    pub async fn list(&self) -> Result<BinPage, CryptoTopCardError> {
        let page = run(self.core.bins().list().send()).await?;
        Ok(page.into())
    }
}
