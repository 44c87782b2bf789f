//! `client.threeds`: mirrors `cryptotopcard::resources::threeds`.

use std::sync::Arc;

use cryptotopcard::ThreeDSListParams;
use cryptotopcard::{ThreeDSChallenge, ThreeDSStatus};

use crate::client::Core;
use crate::models::{ThreeDSChallengeList, ThreeDSChallengeListResponse, ThreeDSChallengeResponse};
use crate::pagination::ThreeDSChallengePager;

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

operations! {
    ThreeDsClient;

    /// `GET /3ds`: one page.
    get "threeds.list" fn list / list_with_response (
        card_id: Option<String> = None,
        status: Option<ThreeDSStatus> = None,
        page: Option<u32> = None,
        per_page: Option<u32> = None,
    ) -> ThreeDSChallengeList, ThreeDSChallengeListResponse;

    /// `GET /3ds/{challenge_id}`: the challenge with its OTP.
    get "threeds.retrieve" fn retrieve / retrieve_with_response (challenge_id: String)
        -> ThreeDSChallenge, ThreeDSChallengeResponse;
}

#[uniffi::export]
impl ThreeDsClient {
    /// Every challenge matching the filters, across pages (starting at `page`), fetched lazily.
    #[uniffi::method(default(card_id = None, status = None, page = None, per_page = None))]
    pub fn list_auto_paging(
        &self,
        card_id: Option<String>,
        status: Option<ThreeDSStatus>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Arc<ThreeDSChallengePager> {
        let params = ThreeDSListParams {
            card_id,
            status,
            page,
            per_page,
        };
        Arc::new(ThreeDSChallengePager::new(
            self.core.threeds().list_auto_paging(params),
        ))
    }
}
