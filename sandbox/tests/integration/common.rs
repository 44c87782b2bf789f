//! Helpers: start a sandbox on a free port and talk to it over real HTTP with reqwest.

use std::time::Duration;

use cryptotopcard_sandbox::{Config, SandboxHandle};
use reqwest::Method;
use serde_json::Value;

pub fn test_key() -> String {
    format!("sk_test_{}", uuid_like())
}

pub fn uuid_like() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..16)
        .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
        .collect()
}

pub fn fast_config() -> Config {
    Config {
        webhook_retry_base: Duration::from_millis(20),
        ..Config::default()
    }
}

pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub raw: String,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    }
    pub fn error(&self) -> &str {
        self.body["error"].as_str().unwrap_or("")
    }
    pub fn param(&self) -> &str {
        self.body["param"].as_str().unwrap_or("")
    }
    /// Asserts a complete error envelope with this status and code; returns self for more checks.
    #[track_caller]
    pub fn expect_error(&self, status: u16, code: &str) -> &Self {
        assert_eq!(self.status, status, "body: {}", self.raw);
        assert_eq!(self.error(), code, "body: {}", self.raw);
        assert_eq!(self.body["code"], status);
        assert!(self.body["message"].as_str().is_some_and(|m| !m.is_empty()));
        let rid = self.header("x-request-id").expect("X-Request-Id");
        assert_eq!(self.body["request_id"], rid.as_str());
        let mut keys: Vec<&str> = self
            .body
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        if code == "invalid_request" {
            assert_eq!(keys, ["code", "error", "message", "param", "request_id"]);
        } else {
            assert_eq!(keys, ["code", "error", "message", "request_id"]);
        }
        self
    }
    #[track_caller]
    pub fn expect_invalid(&self, param: &str) {
        self.expect_error(400, "invalid_request");
        assert_eq!(self.param(), param, "body: {}", self.raw);
    }
    #[track_caller]
    pub fn expect_status(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "body: {}", self.raw);
        &self.body
    }
}

#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub key: String,
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

impl Api {
    pub fn new(base: &str) -> Self {
        Api {
            http: client(),
            base: base.to_string(),
            key: test_key(),
        }
    }

    pub fn with_key(&self, key: &str) -> Self {
        Api {
            key: key.to_string(),
            ..self.clone()
        }
    }

    pub async fn try_call(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Result<Resp, reqwest::Error> {
        let mut rb = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .header("authorization", format!("Bearer {}", self.key));
        if let Some(b) = body {
            rb = rb.header("content-type", "application/json").body(b);
        }
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        let r = rb.send().await?;
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let raw = r.text().await?;
        let body = if raw.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&raw).unwrap_or(Value::Null)
        };
        Ok(Resp {
            status,
            headers,
            raw,
            body,
        })
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let resp = self
            .try_call(method, path, body.map(|b| b.to_string()), headers)
            .await
            .unwrap();
        let rid = resp
            .header("x-request-id")
            .expect("every response has X-Request-Id");
        assert!(
            rid.starts_with("req_")
                && rid.len() > 4
                && rid[4..].chars().all(|c| c.is_ascii_hexdigit()),
            "{rid}"
        );
        resp
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path, None, &[]).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call(Method::POST, path, Some(&body), &[]).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.call(Method::PATCH, path, Some(&body), &[]).await
    }
    pub async fn delete(&self, path: &str) -> Resp {
        self.call(Method::DELETE, path, None, &[]).await
    }

    /// Creates a card and returns it.
    pub async fn card(&self, bin: &str, amount: f64) -> Value {
        let r = self
            .post(
                "/cards",
                serde_json::json!({"bin_id": bin, "amount": amount}),
            )
            .await;
        r.expect_status(201).clone()
    }

    /// A simulated purchase; a plain string merchant is sent as `{"name": ...}`.
    pub async fn buy(&self, card_id: &str, amount: f64, merchant: Value, settle: bool) -> Value {
        let merchant = match merchant {
            Value::String(name) => serde_json::json!({ "name": name }),
            other => other,
        };
        let r = self
            .post(
                "/sandbox/transactions",
                serde_json::json!({"card_id": card_id, "amount": amount, "merchant": merchant, "settle": settle}),
            )
            .await;
        r.expect_status(201).clone()
    }

    pub async fn wallet(&self) -> Value {
        self.get("/wallet").await.expect_status(200).clone()
    }
}

pub fn cents(v: &Value) -> i64 {
    (v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")) * 100.0).round() as i64
}

/// Starts a sandbox inside the test's runtime.
pub async fn sandbox(cfg: Config) -> (SandboxHandle, Api) {
    let handle = cryptotopcard_sandbox::serve(cfg).await.unwrap();
    let api = Api::new(handle.url());
    (handle, api)
}

/// Polls `f` until it returns Some, for up to 20 s (behaviour, not timing: the bound only
/// keeps a broken build from hanging).
pub async fn eventually<T, F, Fut>(mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    for _ in 0..400 {
        if let Some(v) = f().await {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("condition not reached within 20 s");
}

pub fn is_rfc3339(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

pub fn luhn_valid(number: &str) -> bool {
    let mut sum = 0;
    for (i, ch) in number.chars().rev().enumerate() {
        let mut d = ch.to_digit(10).unwrap();
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}
