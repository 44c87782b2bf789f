//! `client.bins`: mirrors `cryptotopcard::resources::bins`.

use crate::client::Core;
use crate::models::{BinList, BinListResponse};

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

operations! {
    BinsClient;

    /// `GET /bins`
    get "bins.list" fn list / list_with_response () -> BinList, BinListResponse;
}
