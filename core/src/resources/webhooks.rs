//! `/webhooks`: endpoints that receive signed event notifications.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::WebhookCreateParams;
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
    pub(crate) client: &'a Client,
}

impl<'a> Webhooks<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Webhooks { client }
    }
}
