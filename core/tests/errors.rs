//! Every error kind, produced for real, with its JSON form; the API key never shows up.

mod common;

use std::time::Duration;

use common::{block, env, env_with, fresh_key};
use cryptotopcard::CardCreateParams;
use cryptotopcard::SandboxDepositParams;
use cryptotopcard::{Client, CryptoCurrency, Error, ErrorKind};
use cryptotopcard_sandbox::Config;

/// No error text (Display, Debug, JSON) may contain the key.
fn assert_no_key(e: &Error, key: &str) {
    let all = format!("{e} {e:?} {}", e.to_json());
    assert!(!all.contains(key), "key leaked in {all}");
    let secret_part = &key[8..];
    assert!(!all.contains(secret_part), "key leaked in {all}");
}

fn assert_json(e: &Error, kind: &str) -> serde_json::Value {
    let j = e.to_json();
    assert_eq!(j["kind"], kind);
    for k in [
        "kind",
        "message",
        "status",
        "error",
        "request_id",
        "param",
        "field",
        "retry_after",
        "body",
    ] {
        assert!(j.get(k).is_some(), "missing {k} in {j}");
    }
    assert_eq!(e.kind().as_str(), kind);
    j
}

#[test]
fn api_error_kinds() {
    let env = env_with(
        Config {
            initial_balance_cents: 100_000,
            ..Config::default()
        },
        |b| b,
    );
    let c = &env.client;
    block(async {
        // bad_request: insufficient_funds (wallet 1,000.00)
        let e = c
            .cards()
            .create(CardCreateParams::new("491653", 1500.0))
            .await
            .unwrap_err();
        let j = assert_json(&e, "bad_request");
        assert_eq!(j["status"], 400);
        assert_eq!(j["error"], "insufficient_funds");
        assert!(j["request_id"].as_str().unwrap().starts_with("req_"));
        assert_eq!(j["body"]["error"], "insufficient_funds");
        assert_no_key(&e, &env.key);

        // bad_request: invalid_bin
        let e = c
            .cards()
            .create(CardCreateParams::new("000000", 10.0))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadRequest);
        assert_eq!(e.code(), Some("invalid_bin"));

        // bad_request with param: spending limit above the BIN's max_monthly
        let e = c
            .cards()
            .create(CardCreateParams {
                spending_limit: Some(1_000_000.0),
                ..CardCreateParams::new("531993", 10.0)
            })
            .await
            .unwrap_err();
        let j = assert_json(&e, "bad_request");
        assert_eq!(j["error"], "invalid_request");
        assert_eq!(j["param"], "spending_limit");

        // not_found
        let e = c.cards().retrieve("card_doesnotexist").await.unwrap_err();
        let j = assert_json(&e, "not_found");
        assert_eq!(j["status"], 404);
        assert_eq!(e.code(), Some("not_found"));

        // conflict
        let card = c
            .cards()
            .create(CardCreateParams::new("491653", 5.0))
            .await
            .unwrap();
        c.cards().unfreeze(&card.id).await.unwrap_err();
        let e = c.cards().unfreeze(&card.id).await.unwrap_err();
        let j = assert_json(&e, "conflict");
        assert_eq!(j["error"], "invalid_card_state");
    });

    // authentication: a key the API does not accept
    let bad = env.client_with(|b| b.api_key("sk_bogus_SECRETSECRET"));
    let e = block(bad.wallet().retrieve()).unwrap_err();
    let j = assert_json(&e, "authentication");
    assert_eq!(j["status"], 401);
    assert!(!format!("{e} {e:?} {j}").contains("SECRETSECRET"));

    // permission_denied: a live key on a sandbox endpoint
    let live_key = "sk_live_TOPSECRETLIVEKEY";
    let live = env.client_with(|b| b.api_key(live_key));
    let e = block(
        live.sandbox()
            .deposit(SandboxDepositParams::new(CryptoCurrency::Btc, 100.0)),
    )
    .unwrap_err();
    let j = assert_json(&e, "permission_denied");
    assert_eq!(j["status"], 403);
    assert_no_key(&e, live_key);
}

#[test]
fn injected_server_errors_and_rate_limits() {
    let env = env();
    for (fault, kind, status) in [
        ("error_500", "internal_server", 500),
        ("error_503", "internal_server", 503),
        ("rate_limit", "rate_limited", 429),
    ] {
        let c = env.client_with(|b| b.default_header("X-Sandbox-Fault", fault).max_retries(0));
        let e = block(c.wallet().retrieve()).unwrap_err();
        let j = assert_json(&e, kind);
        assert_eq!(j["status"], status);
        if fault == "rate_limit" {
            assert_eq!(j["retry_after"], 1.0);
            assert_eq!(j["error"], "rate_limited");
        }
        assert_no_key(&e, &env.key);
    }
}

#[test]
fn timeout_and_connection_errors() {
    let env = env();
    let slow = env.client_with(|b| {
        b.default_header("X-Sandbox-Fault", "delay_ms=3000")
            .max_retries(0)
    });
    let e = block(slow.wallet().retrieve().timeout(Duration::from_millis(200))).unwrap_err();
    assert_json(&e, "timeout");
    assert_no_key(&e, &env.key);
    // Client-level timeout too.
    let slow = env.client_with(|b| {
        b.default_header("X-Sandbox-Fault", "delay_ms=3000")
            .max_retries(0)
            .timeout(Duration::from_millis(200))
    });
    assert_eq!(
        block(slow.wallet().retrieve()).unwrap_err().kind(),
        ErrorKind::Timeout
    );

    // A port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let key = fresh_key();
    let c = Client::builder()
        .api_key(key.clone())
        .base_url(format!("http://127.0.0.1:{port}/v1"))
        .max_retries(1)
        .build()
        .unwrap();
    let e = block(c.wallet().retrieve()).unwrap_err();
    assert_json(&e, "connection");
    assert_no_key(&e, &key);
}

#[test]
fn configuration_and_validation_errors() {
    let e = Client::builder()
        .api_key("sk_test_x")
        .base_url("http://api.cryptotopcard.com/v1")
        .build()
        .unwrap_err();
    assert_json(&e, "configuration");
    if std::env::var(cryptotopcard::client::ENV_API_KEY).is_err() {
        let e = Client::builder()
            .base_url("http://127.0.0.1:1/v1")
            .build()
            .unwrap_err();
        let j = assert_json(&e, "configuration");
        assert!(j["message"]
            .as_str()
            .unwrap()
            .contains("CRYPTOTOPCARD_API_KEY"));
    }
    let env = env();
    let e = block(
        env.client
            .cards()
            .create(CardCreateParams::new("491653", 0.5)),
    )
    .unwrap_err();
    let j = assert_json(&e, "validation");
    assert_eq!(j["field"], "amount");
    assert_eq!(j["status"], serde_json::Value::Null);

    let e = cryptotopcard::webhook::construct_event(b"{}", "nothex", "whsec_x", 300).unwrap_err();
    assert_json(&e, "webhook_verification");
}
