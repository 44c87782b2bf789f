//! `client.webhooks`: mirrors `cryptotopcard::resources::webhooks`.

use crate::client::Core;
use crate::models::{
    EmptyResponse, WebhookList, WebhookListResponse, WebhookWithSecret, WebhookWithSecretResponse,
};

/// `/webhooks`: endpoints that receive signed event deliveries.
#[derive(uniffi::Object)]
pub struct WebhooksClient {
    core: Core,
}

impl WebhooksClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

operations! {
    WebhooksClient;

    /// `POST /webhooks`: `events` are event types, or `["*"]` for all; `secret` is generated
    /// when absent. The returned endpoint's `secret` is an object that never prints itself.
    post "webhooks.create" fn create / create_with_response (
        url: String,
        events: Vec<String>,
        secret: Option<String> = None,
    ) -> WebhookWithSecret, WebhookWithSecretResponse;

    /// `GET /webhooks`
    get "webhooks.list" fn list / list_with_response () -> WebhookList, WebhookListResponse;

    /// `DELETE /webhooks/{webhook_id}`
    post "webhooks.delete" fn delete / delete_with_response (webhook_id: String)
        -> (), EmptyResponse;
}
