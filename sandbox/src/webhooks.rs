//! Background webhook delivery: signed POSTs, retried with growing delays, logged per account.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::model::{Account, DeliveryRecord};
use crate::server::{lock, App};

pub struct Job {
    pub event_id: String,
    pub event_type: String,
    pub webhook_id: String,
    pub url: String,
    pub secret: String,
    pub body: Arc<Vec<u8>>,
}

/// Lowercase hex HMAC-SHA256 of `body`, keyed with the secret's UTF-8 bytes.
pub fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

async fn wait_shutdown(mut rx: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *rx.borrow() {
            return;
        }
        if rx.changed().await.is_err() {
            return;
        }
    }
}

pub fn spawn(app: Arc<App>, account: Arc<Mutex<Account>>, job: Job) {
    let shutdown = app.shutdown.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = deliver(&app, &account, &job) => {}
            _ = wait_shutdown(shutdown) => {}
        }
    });
}

async fn deliver(app: &App, account: &Mutex<Account>, job: &Job) {
    let signature = sign(&job.secret, &job.body);
    let attempts = app.cfg.webhook_max_retries.saturating_add(1);
    for attempt in 1..=attempts {
        // A deleted endpoint gets no further deliveries.
        if !lock(account)
            .webhooks
            .iter()
            .any(|w| w.id == job.webhook_id)
        {
            return;
        }
        let result = app
            .http
            .post(&job.url)
            .header("content-type", "application/json")
            .header("user-agent", "ctc-sandbox-webhooks/0.1")
            .header("X-CTC-Signature", &signature)
            .header("X-CTC-Event", &job.event_type)
            .header("X-CTC-Delivery", &job.event_id)
            .timeout(app.cfg.webhook_timeout)
            .body(job.body.as_ref().clone())
            .send()
            .await;
        let (status, ok, error) = match result {
            Ok(resp) => {
                let s = resp.status();
                // Read the answer so the connection can be reused.
                let _ = resp.bytes().await;
                let err =
                    (!s.is_success()).then(|| format!("endpoint answered HTTP {}", s.as_u16()));
                (Some(s.as_u16()), s.is_success(), err)
            }
            Err(e) if e.is_timeout() => (None, false, Some("timed out".to_string())),
            Err(e) => (None, false, Some(e.without_url().to_string())),
        };
        {
            let mut a = lock(account);
            let at = a.now();
            a.push_delivery(DeliveryRecord {
                event_id: job.event_id.clone(),
                event_type: job.event_type.clone(),
                webhook_id: job.webhook_id.clone(),
                url: job.url.clone(),
                attempt,
                status,
                ok,
                error,
                at,
            });
        }
        tracing::info!(
            event_id = %job.event_id,
            event_type = %job.event_type,
            webhook_id = %job.webhook_id,
            attempt,
            ok,
            "webhook delivery"
        );
        if ok || attempt == attempts {
            return;
        }
        let factor = 1u32 << (attempt - 1).min(16);
        let delay = app
            .cfg
            .webhook_retry_base
            .saturating_mul(factor)
            .min(Duration::from_secs(3600));
        tokio::time::sleep(delay).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
