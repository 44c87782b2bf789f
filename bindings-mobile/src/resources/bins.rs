//! `client.bins`: mirrors `cryptotopcard::resources::bins`.

use crate::client::Core;
use crate::error::CryptoTopCardError;
use crate::http::{prepare_read, send, RequestOptions};
use crate::models::BinPage;

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
    #[uniffi::method(default(options = None))]
    pub async fn list(
        &self,
        options: Option<RequestOptions>,
    ) -> Result<BinPage, CryptoTopCardError> {
        let page = send(prepare_read(self.core.bins().list(), options)?).await?;
        Ok(page.into())
    }
}
