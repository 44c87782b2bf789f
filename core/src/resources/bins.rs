//! `/bins`: BIN ranges available for new cards (its method is generated: `crate::generated`).

use crate::client::Client;

/// The `/bins` resource. Get it with [`Client::bins`].
#[derive(Debug, Clone, Copy)]
pub struct Bins<'a> {
    pub(crate) client: &'a Client,
}

impl<'a> Bins<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Bins { client }
    }
}
