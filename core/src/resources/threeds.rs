//! `/3ds`: 3DS challenges and their OTP codes.

use futures_core::Stream;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::Result;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{Page, ThreeDsChallenge, ThreeDsStatus};
use crate::pagination::{auto_paging, impl_paged};
use crate::validate;

/// Parameters of `threeds.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListThreeDsParams {
    /// Only this card's challenges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<String>,
    /// Only challenges in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ThreeDsStatus>,
    /// Page number (from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size, 1 to 100 (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl_paged!(ListThreeDsParams);

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
    pub fn list(&self, params: ListThreeDsParams) -> ApiRequest<Page<ThreeDsChallenge>> {
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
        params: ListThreeDsParams,
    ) -> impl Stream<Item = Result<ThreeDsChallenge>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.threeds().list(p))
    }

    /// `GET /3ds/{challenge_id}`: the challenge with its OTP.
    pub fn retrieve(&self, challenge_id: &str) -> ApiRequest<ThreeDsChallenge> {
        let spec = validate::id("challenge_id", challenge_id)
            .map(|_| RequestSpec::new(Method::GET, &["3ds", challenge_id]));
        ApiRequest::new(self.client, spec)
    }
}
