//! Client options of issue 13: derived clients sharing the pool, telemetry headers (read back
//! from the sandbox's request log), money filters rounded to cents.

use std::time::Duration;

use cryptotopcard::CardCreateParams;
use cryptotopcard::TransactionListParams;
use cryptotopcard::{ClientOptions, ErrorKind};

mod common;
use common::{block, env};

#[test]
fn with_options_shares_the_pool_and_overrides_only_what_it_names() {
    let env = env();
    let base = env.client_with(|b| b.timeout(Duration::from_secs(7)).max_retries(3));
    let fast = base
        .with_options(ClientOptions {
            timeout: Some(Duration::from_secs(2)),
            default_headers: vec![("X-Sandbox-Fault".into(), "status=502".into())],
            ..Default::default()
        })
        .expect("derived client");
    assert!(fast.shares_pool_with(&base));
    assert_eq!(fast.timeout(), Duration::from_secs(2));
    assert_eq!(fast.max_retries(), 3, "kept");
    assert_eq!(
        base.timeout(),
        Duration::from_secs(7),
        "the original is unchanged"
    );
    // The derived client sends its extra header (and so fails); the original does not.
    let err = block(fast.wallet().retrieve()).expect_err("injected 502");
    assert_eq!(err.status(), Some(502));
    block(base.wallet().retrieve()).expect("original unaffected");

    let err = base
        .with_options(ClientOptions {
            default_headers: vec![("Authorization".into(), "Bearer sk_live_x".into())],
            ..Default::default()
        })
        .expect_err("reserved");
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert_eq!(err.field(), Some("default_headers"));
}

#[test]
fn telemetry_headers_reach_the_server_with_the_retry_count() {
    let env = env();
    let c = env.client_with(|b| {
        b.user_agent("python", "9.8.7")
            .runtime("CPython", "3.11.7")
            .default_header("X-Sandbox-Fault", "error_503")
            .max_retries(1)
    });
    let _ = block(c.wallet().retrieve()).expect_err("503 twice");
    let log = env.admin("requests");
    let entries = log["data"].as_array().expect("log");
    assert_eq!(entries.len(), 2, "{log}");
    for (i, e) in entries.iter().enumerate() {
        let h = &e["headers"];
        assert_eq!(e["path"], "/v1/wallet");
        assert_eq!(h["x-ctc-lang"], "python");
        assert_eq!(h["x-ctc-package-version"], "9.8.7");
        assert_eq!(h["x-ctc-runtime"], "CPython");
        assert_eq!(h["x-ctc-runtime-version"], "3.11.7");
        assert_eq!(h["x-ctc-os"], std::env::consts::OS);
        assert_eq!(h["x-ctc-arch"], std::env::consts::ARCH);
        assert_eq!(h["x-ctc-retry-count"], i.to_string());
        assert!(h.get("authorization").is_none(), "the log keeps no secret");
    }
    // Telemetry headers cannot be overridden as default headers.
    let err = cryptotopcard::Client::builder()
        .api_key("sk_test_abc")
        .base_url("http://127.0.0.1:1/v1")
        .default_header("X-CTC-Lang", "cobol")
        .build()
        .expect_err("reserved");
    assert_eq!(err.field(), Some("default_headers"));
}

#[test]
fn amount_filters_go_out_rounded_to_cents() {
    let env = env();
    let c = &env.client;
    let card = block(c.cards().create(CardCreateParams::new("491653", 10.0))).expect("create");
    let params = TransactionListParams {
        card_id: Some(card.id.clone()),
        min_amount: Some(0.1 + 0.2),
        max_amount: Some(1000.0 - 0.1 - 0.2),
        ..Default::default()
    };
    block(c.transactions().list(params)).expect("the server accepts the rounded filters");
    // Filters are absolute values (the spec's minimum: 0).
    for bad in [0.001, f64::NAN, -0.015, -25.5] {
        let err = block(c.transactions().list(TransactionListParams {
            min_amount: Some(bad),
            ..Default::default()
        }))
        .expect_err("refused");
        assert_eq!(err.field(), Some("min_amount"), "{bad}");
    }
}
