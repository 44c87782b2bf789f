//! `/3ds`: 3DS challenges and their OTP codes.

use futures_core::Stream;

use crate::client::Client;
use crate::error::Result;
use crate::models::{ThreeDSChallenge, ThreeDSListParams};
use crate::pagination::auto_paging;
use crate::validate;

impl ThreeDSListParams {
    /// Checks the card id and paging bounds.
    pub fn validate(&self) -> Result<()> {
        if let Some(c) = &self.card_id {
            validate::id("card_id", c)?;
        }
        validate::paging(self.page, self.per_page)
    }
}

/// The `/3ds` resource. Get it with [`Client::threeds`].
#[derive(Debug, Clone, Copy)]
pub struct ThreeDs<'a> {
    pub(crate) client: &'a Client,
}

impl<'a> ThreeDs<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        ThreeDs { client }
    }

    /// Every challenge across pages.
    pub fn list_auto_paging(
        &self,
        params: ThreeDSListParams,
    ) -> impl Stream<Item = Result<ThreeDSChallenge>> + Send + 'static {
        let client = self.client.clone();
        auto_paging(params, move |p| client.threeds().list(p))
    }
}

/// Former name of [`ThreeDSListParams`] (same fields), the spec's name in every binding.
#[deprecated(note = "renamed ThreeDSListParams, as in the spec and every other binding")]
pub type ListThreeDsParams = crate::models::ThreeDSListParams;
