//! `/3ds`: 3DS challenges and their OTP codes.

use futures_core::Stream;
use reqwest::Method;

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{ThreeDSChallenge, ThreeDSChallengeList, ThreeDSListParams};
use crate::pagination::auto_paging;
use crate::validate;

/// The `/3ds` resource. Get it with [`Client::threeds`].
#[derive(Debug, Clone, Copy)]
pub struct ThreeDs<'a> {
    client: &'a Client,
}

impl<'a> ThreeDs<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        ThreeDs { client }
    }

    /// `GET /3ds`: one page.
    pub fn list(&self, params: ThreeDSListParams) -> ApiRequest<ThreeDSChallengeList> {
        let spec = params
            .card_id
            .as_deref()
            .map_or(Ok(()), |c| validate::id("card_id", c))
            .and_then(|_| validate::paging(params.page, params.per_page))
            .and_then(|_| RequestSpec::new(Method::GET, &["3ds"]).query(&params));
        ApiRequest::new(self.client, spec)
    }

    /// Every challenge across pages.
    pub fn list_auto_paging(
        &self,
        params: ThreeDSListParams,
    ) -> impl Stream<Item = Result<ThreeDSChallenge>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.threeds().list(p))
    }

    /// `GET /3ds/{challenge_id}`: the challenge with its OTP.
    pub fn retrieve(&self, challenge_id: &str) -> ApiRequest<ThreeDSChallenge> {
        let spec = validate::id("challenge_id", challenge_id)
            .map(|_| RequestSpec::new(Method::GET, &["3ds", challenge_id]));
        ApiRequest::new(self.client, spec)
    }
}
