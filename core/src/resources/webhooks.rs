//! `/webhooks`: endpoints that receive signed event notifications.

use reqwest::Method;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, RequestSpec};
use crate::models::{WebhookCreateParams, WebhookList, WebhookWithSecret};
use crate::validate;

impl WebhookCreateParams {
    /// Checks the URL and the event list.
    pub fn validate(&self) -> Result<()> {
        validate::webhook_url("url", &self.url)?;
        if self.events.is_empty() {
            return Err(Error::validation("events", "must not be empty"));
        }
        for (i, e) in self.events.iter().enumerate() {
            if e.as_str().trim().is_empty() {
                return Err(Error::validation(
                    format!("events[{i}]"),
                    "must not be empty",
                ));
            }
            if !e.is_known() {
                return Err(Error::validation(
                    format!("events[{i}]"),
                    "unknown event type (use one of the documented types, or \"*\")",
                ));
            }
        }
        if let Some(s) = &self.secret {
            if s.expose().is_empty() {
                return Err(Error::validation("secret", "must not be empty"));
            }
        }
        Ok(())
    }
}

/// The `/webhooks` resource. Get it with [`Client::webhooks`].
#[derive(Debug, Clone, Copy)]
pub struct Webhooks<'a> {
    client: &'a Client,
}

impl<'a> Webhooks<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Webhooks { client }
    }

    /// `POST /webhooks`: registers an endpoint; the answer carries its secret.
    pub fn create(&self, params: WebhookCreateParams) -> ApiRequest<WebhookWithSecret> {
        let spec = params
            .validate()
            .and_then(|_| RequestSpec::new(Method::POST, &["webhooks"]).json(&params));
        ApiRequest::new(self.client, spec)
    }

    /// `GET /webhooks`.
    pub fn list(&self) -> ApiRequest<WebhookList> {
        ApiRequest::new(
            self.client,
            Ok(RequestSpec::new(Method::GET, &["webhooks"])),
        )
    }

    /// `DELETE /webhooks/{webhook_id}` (204, no body).
    pub fn delete(&self, webhook_id: &str) -> ApiRequest<()> {
        let spec = validate::id("webhook_id", webhook_id)
            .map(|_| RequestSpec::new(Method::DELETE, &["webhooks", webhook_id]));
        ApiRequest::new(self.client, spec)
    }
}
