//! The logging sink bindings install: the core's events reach it with their fields, filtered by
//! level, never carrying a secret, and no other crate's events (hyper, rustls) get through.

use std::sync::{Arc, Mutex};

use cryptotopcard::logging::{self, LogLevel, LogRecord};
use cryptotopcard::CardCreateParams;

mod common;
use common::{block, env};

#[test]
fn sink_gets_the_core_events_at_its_level_and_no_secret() {
    let records: Arc<Mutex<Vec<LogRecord>>> = Arc::default();
    let seen = records.clone();
    assert!(logging::install_sink(LogLevel::Debug, move |r| {
        seen.lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(r.clone())
    }));
    assert!(
        !logging::install_sink(LogLevel::Debug, |_| {}),
        "the first sink wins"
    );

    let env = env();
    let c = &env.client;
    let card = block(c.cards().create(CardCreateParams::new("491653", 10.0))).expect("create");
    let details = block(c.cards().details(&card.id)).expect("details");
    let _ = block(c.cards().retrieve("card_missing")).expect_err("404");

    let got = records.lock().unwrap().clone();
    let messages: Vec<&str> = got.iter().map(|r| r.message.as_str()).collect();
    for m in &messages {
        assert!(
            ["request", "response", "retrying", "request failed"].contains(m),
            "only the core's events reach the sink: {m}"
        );
    }
    let field = |r: &LogRecord, k: &str| {
        r.fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let response = got
        .iter()
        .find(|r| r.message == "response" && field(r, "status").as_deref() == Some("201"))
        .expect("the create's response");
    assert_eq!(response.level, LogLevel::Info);
    assert_eq!(field(response, "method").as_deref(), Some("POST"));
    assert_eq!(field(response, "path").as_deref(), Some("/cards"));
    assert!(field(response, "request_id").is_some_and(|v| v.starts_with("req_")));
    assert!(field(response, "elapsed_ms").is_some());
    let failed = got
        .iter()
        .find(|r| r.message == "request failed")
        .expect("the 404 is logged");
    assert_eq!(failed.level, LogLevel::Warn);
    assert_eq!(field(failed, "error").as_deref(), Some("NotFoundError"));
    assert!(got
        .iter()
        .any(|r| r.level == LogLevel::Debug && r.message == "request"));

    let all: String = got
        .iter()
        .map(LogRecord::line)
        .collect::<Vec<_>>()
        .join("\n");
    for secret in [env.key.as_str(), details.pan.as_str(), details.cvv.as_str()] {
        assert!(
            !secret.is_empty() && !all.contains(secret),
            "a secret was logged"
        );
    }

    // At warn, only failures come through.
    logging::set_level(LogLevel::Warn);
    let before = records.lock().unwrap().len();
    block(c.wallet().retrieve()).expect("wallet");
    let _ = block(c.cards().retrieve("card_missing")).expect_err("404");
    let after = records.lock().unwrap()[before..].to_vec();
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0].message, "request failed");
}
