//! Shared test set-up: an embedded sandbox on a free 127.0.0.1 port, a fresh `sk_test_` key per
//! test, and the shared runtime.
#![allow(dead_code)]

use std::future::IntoFuture;

use cryptotopcard::{Client, ClientBuilder};
use cryptotopcard_sandbox::{Config, SandboxHandle};

pub struct Env {
    pub sandbox: SandboxHandle,
    pub client: Client,
    pub key: String,
}

impl Env {
    /// Another client of the same account with extra builder settings.
    pub fn client_with(&self, f: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
        f(Client::builder()
            .api_key(self.key.clone())
            .base_url(self.sandbox.url().to_string()))
        .build()
        .expect("client")
    }

    /// `GET /sandbox/<what>` as raw JSON (admin endpoints the SDK does not wrap).
    pub fn admin(&self, what: &str) -> serde_json::Value {
        let url = format!("{}/sandbox/{what}", self.sandbox.url());
        let key = self.key.clone();
        block(async move {
            reqwest::Client::new()
                .get(url)
                .bearer_auth(key)
                .send()
                .await
                .expect("admin request")
                .json::<serde_json::Value>()
                .await
                .expect("admin json")
        })
    }

    /// Server-wide request counter.
    pub fn requests(&self) -> u64 {
        self.admin("stats")["requests"]
            .as_u64()
            .expect("requests counter")
    }

    pub fn fault_count(&self, fault: &str) -> u64 {
        self.admin("stats")["faults"][fault]
            .as_u64()
            .expect("fault counter")
    }
}

pub fn fresh_key() -> String {
    format!("sk_test_{}", uuid::Uuid::new_v4().simple())
}

pub fn env() -> Env {
    env_with(Config::default(), |b| b)
}

pub fn env_with(cfg: Config, f: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Env {
    let sandbox = cryptotopcard_sandbox::start(cfg).expect("sandbox starts");
    let key = fresh_key();
    let client = f(Client::builder()
        .api_key(key.clone())
        .base_url(sandbox.url().to_string()))
    .build()
    .expect("client");
    Env {
        sandbox,
        client,
        key,
    }
}

/// Runs a future on the SDK's one shared runtime, as the bindings do.
pub fn block<F: IntoFuture>(f: F) -> F::Output {
    cryptotopcard::runtime::runtime().block_on(f.into_future())
}

/// Cents of an amount (for exact money arithmetic in assertions).
pub fn cents(v: f64) -> i64 {
    (v * 100.0).round() as i64
}
