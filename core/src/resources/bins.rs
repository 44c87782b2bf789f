//! `/bins`: BIN ranges available for new cards.

use reqwest::Method;

use crate::client::Client;
use crate::http::{ApiRequest, RequestSpec};
use crate::models::BinList;

/// The `/bins` resource. Get it with [`Client::bins`].
#[derive(Debug, Clone, Copy)]
pub struct Bins<'a> {
    client: &'a Client,
}

impl<'a> Bins<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Bins { client }
    }

    /// `GET /bins`.
    pub fn list(&self) -> ApiRequest<BinList> {
        ApiRequest::new(self.client, Ok(RequestSpec::new(Method::GET, &["bins"])))
    }
}
