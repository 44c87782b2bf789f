//! `client.webhooks`: mirrors `cryptotopcard::resources::webhooks`.

use cryptotopcard::resources::webhooks::CreateWebhookParams;
use cryptotopcard::WebhookSecret;

use crate::client::Core;
use crate::error::CryptoTopCardError;
use crate::http::{prepare, prepare_read, send, RequestOptions};
use crate::models::{Webhook, WebhookPage};

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

#[uniffi::export]
impl WebhooksClient {
    /// `POST /webhooks`: `events` are event types, or `["*"]` for all; `secret` is generated
    /// when absent. The returned endpoint's `secret` is an object that never prints itself.
    #[uniffi::method(default(secret = None, idempotency_key = None, options = None))]
    pub async fn create(
        &self,
        url: String,
        events: Vec<String>,
        secret: Option<String>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Webhook, CryptoTopCardError> {
        let params = CreateWebhookParams {
            url,
            events,
            secret: secret.map(WebhookSecret::new),
        };
        let endpoint = send(prepare(
            self.core.webhooks().create(params),
            idempotency_key,
            options,
        )?)
        .await?;
        Ok(endpoint.into())
    }

    /// `GET /webhooks`
    #[uniffi::method(default(options = None))]
    pub async fn list(
        &self,
        options: Option<RequestOptions>,
    ) -> Result<WebhookPage, CryptoTopCardError> {
        let page = send(prepare_read(self.core.webhooks().list(), options)?).await?;
        Ok(page.into())
    }

    /// `DELETE /webhooks/{webhook_id}`
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn delete(
        &self,
        webhook_id: String,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<(), CryptoTopCardError> {
        send(prepare(
            self.core.webhooks().delete(&webhook_id),
            idempotency_key,
            options,
        )?)
        .await
    }
}
