//! `client.threeds`: mirrors `cryptotopcard::resources::threeds`.

use cryptotopcard::resources::threeds::ListThreeDsParams;
use cryptotopcard::{ThreeDsChallenge, ThreeDsStatus};

use crate::client::Core;
use std::sync::Arc;

use crate::error::CryptoTopCardError;
use crate::http::{prepare_read, send, RequestOptions};
use crate::models::ThreeDsChallengePage;
use crate::pagination::ThreeDsChallengePager;

/// `/3ds`: 3DS challenges and their OTP codes.
#[derive(uniffi::Object)]
pub struct ThreeDsClient {
    core: Core,
}

impl ThreeDsClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

#[uniffi::export]
impl ThreeDsClient {
    /// `GET /3ds`: one page.
    #[uniffi::method(default(card_id = None, status = None, page = None, per_page = None, options = None))]
    pub async fn list(
        &self,
        card_id: Option<String>,
        status: Option<ThreeDsStatus>,
        page: Option<u32>,
        per_page: Option<u32>,
        options: Option<RequestOptions>,
    ) -> Result<ThreeDsChallengePage, CryptoTopCardError> {
        let params = ListThreeDsParams {
            card_id,
            status,
            page,
            per_page,
        };
        let page = send(prepare_read(self.core.threeds().list(params), options)?).await?;
        Ok(page.into())
    }

    /// Every challenge matching the filters, across pages (starting at `page`), fetched lazily.
    #[uniffi::method(default(card_id = None, status = None, page = None, per_page = None))]
    pub fn list_auto_paging(
        &self,
        card_id: Option<String>,
        status: Option<ThreeDsStatus>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<ThreeDsChallengePager> {
        let params = ListThreeDsParams {
            card_id,
            status,
            page,
            per_page,
        };
        Arc::new(ThreeDsChallengePager::new(
            self.core.threeds().list_auto_paging(params),
        ))
    }

    /// `GET /3ds/{challenge_id}`: the challenge with its OTP.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve(
        &self,
        challenge_id: String,
        options: Option<RequestOptions>,
    ) -> Result<ThreeDsChallenge, CryptoTopCardError> {
        send(prepare_read(
            self.core.threeds().retrieve(&challenge_id),
            options,
        )?)
        .await
    }
}
