//! The JSON dispatch the bindings use: every operation, validation before sending, error JSON.

mod common;

use std::collections::HashSet;

use common::{block, env};
use cryptotopcard::{ops, ErrorKind, RequestOptions};
use serde_json::{json, Value};

fn call(c: &cryptotopcard::Client, op: &str, params: Value) -> cryptotopcard::Result<ops::Output> {
    block(ops::call(c, op, params, RequestOptions::default()))
}

#[test]
fn every_operation_through_json() {
    let env = env();
    let c = &env.client;
    let mut done = HashSet::new();
    let mut ok = |op: &str, params: Value| -> Value {
        let out = call(c, op, params).unwrap_or_else(|e| panic!("{op}: {e}"));
        assert!(out.meta.status >= 200 && out.meta.status < 300);
        assert!(out
            .meta
            .request_id
            .as_deref()
            .unwrap_or("")
            .starts_with("req_"));
        done.insert(op.to_string());
        out.data()
    };

    let bins = ok("bins.list", json!({}));
    assert_eq!(bins["data"].as_array().unwrap().len(), 2);
    assert!(bins["data"][0].get("3ds").is_some());
    let card = ok(
        "cards.create",
        json!({"bin_id": "491653", "amount": 500, "label": "Ad Spend",
               "allowed_categories": ["advertising"], "metadata": {"campaign": "x", "n": 2}}),
    );
    let id = card["id"].as_str().unwrap().to_string();
    assert_eq!(card["metadata"]["n"], 2.0);
    ok("cards.list", json!({"status": "active", "per_page": 10}));
    ok("cards.retrieve", json!({"card_id": id}));
    let details = ok("cards.details", json!({"card_id": id}));
    assert_eq!(details["pan"].as_str().unwrap().len(), 16);
    ok(
        "cards.update",
        json!({"card_id": id, "label": "new", "metadata": {"campaign": null}}),
    );
    ok("cards.freeze", json!({"card_id": id}));
    ok("cards.unfreeze", json!({"card_id": id}));
    let f = ok("cards.fund", json!({"card_id": id, "amount": 200}));
    assert_eq!(f["new_balance"], 700.0);
    let w = ok("cards.withdraw", json!({"card_id": id, "amount": 50.5}));
    assert_eq!(w["withdrawn_amount"], 50.5);
    let t = ok(
        "sandbox.authorize",
        json!({"card_id": id, "amount": 12.5, "settle": false,
               "merchant": {"name": "FACEBK ADS", "category": "advertising"}}),
    );
    let tid = t["id"].as_str().unwrap().to_string();
    assert_eq!(t["type"], "authorization");
    ok("sandbox.settle", json!({"transaction_id": tid}));
    ok(
        "sandbox.refund",
        json!({"transaction_id": tid, "amount": 2}),
    );
    ok(
        "transactions.list",
        json!({"card_id": id, "type": "settlement"}),
    );
    let full = ok("transactions.retrieve", json!({"transaction_id": tid}));
    assert!(full["timeline"].is_array());
    ok("wallet.retrieve", json!({}));
    ok("wallet.addresses", json!({"currency": "btc"}));
    let dep = ok(
        "sandbox.deposit",
        json!({"currency": "usdt", "amount_usd": 100, "status": "pending"}),
    );
    ok("sandbox.confirm_deposit", json!({"deposit_id": dep["id"]}));
    ok("wallet.deposits", json!({"status": "confirmed"}));
    let ch = ok(
        "sandbox.challenge",
        json!({"card_id": id, "merchant": "SPOTIFY", "amount": 9.99}),
    );
    ok("threeds.list", json!({"card_id": id}));
    ok("threeds.retrieve", json!({"challenge_id": ch["id"]}));
    let wh = ok(
        "webhooks.create",
        json!({"url": "https://example.com/hooks", "events": ["card.created"]}),
    );
    assert!(wh["secret"].as_str().unwrap().starts_with("whsec_"));
    ok("webhooks.list", Value::Null);
    let del = ok("webhooks.delete", json!({"webhook_id": wh["id"]}));
    assert_eq!(del, Value::Null);
    let term = ok("cards.terminate", json!({"card_id": id}));
    assert_eq!(term["status"], "terminated");

    let all: HashSet<String> = ops::OPERATIONS.iter().map(|s| s.to_string()).collect();
    assert_eq!(done, all, "every operation exercised");
}

#[test]
fn invalid_params_never_reach_the_server() {
    let env = env();
    let c = &env.client;
    let long = "x".repeat(65);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("cards.create", json!({"amount": 10}), "bin_id"),
        ("cards.create", json!({"bin_id": "491653"}), "amount"),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": "10"}),
            "amount",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 0.99}),
            "amount",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 5000.01}),
            "amount",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10.001}),
            "amount",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": -5}),
            "amount",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10, "label": long}),
            "label",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10, "allowed_categories": ["casino"]}),
            "allowed_categories[0]",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10, "spending_limit": -1}),
            "spending_limit",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10, "colour": "red"}),
            "colour",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10, "metadata": {"k": [1]}}),
            "metadata.k",
        ),
        (
            "cards.create",
            json!({"bin_id": "491653", "amount": 10, "metadata": (0..21).map(|i| (format!("k{i}"), json!("v"))).collect::<serde_json::Map<_, _>>()}),
            "metadata",
        ),
        ("cards.list", json!({"per_page": 0}), "per_page"),
        ("cards.list", json!({"per_page": 101}), "per_page"),
        ("cards.list", json!({"page": 0}), "page"),
        ("cards.list", json!({"page": -1}), "page"),
        ("cards.retrieve", json!({"card_id": ""}), "card_id"),
        ("cards.retrieve", json!({"card_id": "card/../x"}), "card_id"),
        ("cards.retrieve", json!({"card_id": 5}), "card_id"),
        (
            "cards.fund",
            json!({"card_id": "card_x", "amount": 6000}),
            "amount",
        ),
        (
            "cards.withdraw",
            json!({"card_id": "card_x", "amount": 0}),
            "amount",
        ),
        ("transactions.list", json!({"from": "last tuesday"}), "from"),
        ("transactions.list", json!({"type": 3}), "type"),
        (
            "webhooks.create",
            json!({"url": "http://example.com/h", "events": ["*"]}),
            "url",
        ),
        (
            "webhooks.create",
            json!({"url": "https://example.com/h", "events": []}),
            "events",
        ),
        ("webhooks.delete", json!({}), "webhook_id"),
        (
            "sandbox.authorize",
            json!({"card_id": "card_x", "amount": 1, "merchant": {"name": ""}}),
            "merchant.name",
        ),
        (
            "sandbox.deposit",
            json!({"currency": "doge", "amount_usd": 10}),
            "currency",
        ),
        ("cards.explode", json!({}), "op"),
    ];
    let before = env.requests();
    for (op, params, field) in cases {
        let e = call(c, op, params.clone()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{op} {params}: {e}");
        let j = e.to_json();
        assert_eq!(j["field"], field, "{op} {params}: {j}");
        assert_eq!(j["kind"], "validation");
    }
    // Only the stats read itself reached the server.
    assert_eq!(env.requests() - before, 1);
}

#[test]
fn error_json_from_the_api() {
    let env = env();
    let e = call(
        &env.client,
        "cards.retrieve",
        json!({"card_id": "card_missing"}),
    )
    .unwrap_err();
    let j = e.to_json();
    assert_eq!(j["kind"], "not_found");
    assert_eq!(j["status"], 404);
    assert_eq!(j["error"], "not_found");
    assert!(j["request_id"].as_str().unwrap().starts_with("req_"));
    assert_eq!(j["field"], Value::Null);

    let opts = RequestOptions {
        idempotency_key: Some("k1".into()),
        max_retries: Some(0),
        timeout: Some(std::time::Duration::from_secs(5)),
    };
    let a = block(ops::call(
        &env.client,
        "cards.create",
        json!({"bin_id": "491653", "amount": 5}),
        opts.clone(),
    ))
    .unwrap();
    let b = block(ops::call(
        &env.client,
        "cards.create",
        json!({"bin_id": "491653", "amount": 5}),
        opts,
    ))
    .unwrap();
    assert_eq!(a.data()["id"], b.data()["id"]);
    assert!(b.meta.replayed);
    assert_eq!(b.meta.idempotency_key.as_deref(), Some("k1"));
    assert!(b.meta.headers.iter().any(|(k, _)| k == "x-request-id"));
}
