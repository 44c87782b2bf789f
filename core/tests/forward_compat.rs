//! Decoding is forward compatible (unknown fields ignored, unknown enum values kept) and secrets
//! never reach Debug/Display.

use cryptotopcard::{
    Card, CardDetails, CardNetwork, CardStatus, CardSummary, Event, Page, Transaction,
    TransactionType, Wallet, WebhookWithSecret,
};
use serde_json::json;

mod common;

#[test]
fn unknown_fields_are_ignored_and_unknown_enums_survive() {
    let raw = json!({
        "id": "card_1", "bin_id": "491653", "network": "amex", "last4": "2039",
        "status": "suspended", "balance": 1.5, "label": null, "metadata": {"a": "b", "n": 1, "t": true},
        "spending_limit": 2000.0, "expires_at": "2029-04-30T23:59:59Z",
        "created_at": "2026-04-15T12:00:00Z", "shiny_new_field": {"nested": [1, 2, 3]},
        "allowed_categories": ["advertising", "space_travel"]
    });
    let card: Card = serde_json::from_value(raw).unwrap();
    assert_eq!(card.network, CardNetwork::Unknown("amex".into()));
    assert_eq!(card.status, CardStatus::Unknown("suspended".into()));
    assert_eq!(card.status.to_string(), "suspended");
    let back = serde_json::to_value(&card).unwrap();
    assert_eq!(back["network"], "amex");
    assert_eq!(back["status"], "suspended");
    assert_eq!(back["allowed_categories"][1], "space_travel");
    assert!(back.get("shiny_new_field").is_none());
    assert_eq!("frozen".parse::<CardStatus>().unwrap(), CardStatus::Frozen);

    let t: Transaction = serde_json::from_value(json!({
        "id": "txn_1", "card_id": "card_1", "type": "chargeback", "amount": -1.0, "currency": "EUR",
        "created_at": "2026-04-15T12:00:00Z",
        "decline_reason": "moon_phase", "three_ds": {"status": "frictionless", "version": "2.2"},
        "timeline": [{"status": "authorized", "at": "2026-04-15T12:00:00Z", "extra": 1}],
        "merchant": {"name": "X", "category": "new_cat", "mcc": "1234"}
    }))
    .unwrap();
    assert_eq!(
        t.transaction_type,
        TransactionType::Unknown("chargeback".into())
    );
    assert_eq!(t.decline_reason.unwrap().as_str(), "moon_phase");
    assert_eq!(t.three_ds.unwrap().status, "frictionless");
    assert_eq!(t.merchant.category.as_deref(), Some("new_cat"));

    let w: Wallet = serde_json::from_value(json!({
        "balance": 1.0, "currency": "USD", "pending_deposits": 0.0, "total_deposited": 1.0,
        "total_spent": 0.0, "cards_active": 0, "cards_total_balance": 0.0, "new": 2
    }))
    .unwrap();
    assert_eq!(w.balance, 1.0);

    // A page without total_pages (the published transactions example).
    let p: Page<Transaction> = serde_json::from_value(json!({
        "data": [], "pagination": {"page": 1, "per_page": 50, "total": 328}
    }))
    .unwrap();
    assert_eq!(p.pagination.total_pages, None);
    // A page without pagination at all.
    let p: Page<CardSummary> = serde_json::from_value(json!({"data": [{
        "id": "card_1", "bin_id": "491653", "network": "visa", "last4": "2039",
        "status": "active", "balance": 1.0, "label": null, "created_at": "2026-04-15T12:00:00Z"
    }]}))
    .unwrap();
    assert_eq!(p.data.len(), 1);
    // A required field missing is a decode error, naming the field.
    let e = serde_json::from_value::<Card>(json!({"id": "card_1"})).unwrap_err();
    assert!(e.to_string().contains("missing field"), "{e}");

    let ev: Event = serde_json::from_value(json!({
        "id": "evt_1", "type": "card.exploded", "created_at": "2026-04-15T12:00:00Z",
        "data": {"id": "card_1", "anything": true}
    }))
    .unwrap();
    assert!(matches!(ev, Event::Unknown { .. }));
    assert_eq!(serde_json::to_value(&ev).unwrap()["data"]["anything"], true);
}

#[test]
fn secrets_are_redacted() {
    let d: CardDetails = serde_json::from_value(json!({
        "id": "card_1", "pan": "4916531288472039", "cvv": "847", "exp_month": 4, "exp_year": 2029,
        "holder_name": "A B", "billing_address": {"line1": "1 Main St", "city": "X", "country": "US"}
    }))
    .unwrap();
    let shown = format!("{d:?} | {d} | {:#?}", d);
    assert!(!shown.contains("4916531288472039"), "{shown}");
    assert!(!shown.contains("847"), "{shown}");
    assert!(shown.contains("**** 2039"));
    assert_eq!(d.pan(), "4916531288472039");
    // Serialization (for bindings) keeps the values.
    assert_eq!(serde_json::to_value(&d).unwrap()["pan"], "4916531288472039");

    let wh: WebhookWithSecret = serde_json::from_value(json!({
        "id": "wh_1", "url": "https://x", "events": ["*"], "secret": "whsec_verysecretvalue123",
        "active": true, "created_at": "2026-04-15T12:00:00Z"
    }))
    .unwrap();
    let shown = format!("{wh:?} {:?}", wh.secret);
    assert!(!shown.contains("verysecretvalue"), "{shown}");
    assert_eq!(wh.secret.expose(), "whsec_verysecretvalue123");

    let ch: cryptotopcard::ThreeDSChallenge = serde_json::from_value(json!({
        "id": "3ds_1", "card_id": "card_1", "merchant": "M", "amount": 1.0, "otp": "482913",
        "status": "pending", "expires_at": "2026-04-15T12:05:00Z",
        "created_at": "2026-04-15T12:00:00Z"
    }))
    .unwrap();
    let shown = format!("{ch:?} {ch:#?}");
    assert!(!shown.contains("482913"), "{shown}");
    assert!(
        shown.contains("******") && shown.contains("3ds_1"),
        "{shown}"
    );
    assert_eq!(ch.otp, "482913");

    let params = cryptotopcard::WebhookCreateParams {
        url: "https://x".into(),
        events: vec!["*".into()],
        secret: Some(cryptotopcard::WebhookSecret::new("whsec_paramsecret99")),
    };
    assert!(!format!("{params:?}").contains("paramsecret99"));

    let key = cryptotopcard::ApiKey::new("sk_live_abcdef123456");
    assert!(!format!("{key:?} {key}").contains("abcdef123456"));
}

/// The JSON boundary every binding uses hands on the body as the server sent it: fields this
/// SDK does not know (the sandbox adds one on request, as a newer API would) reach the binding,
/// on objects and on list items, and the next page's params come back with the page.
#[test]
fn the_binding_boundary_keeps_unknown_fields_and_returns_the_next_page() {
    use cryptotopcard::ops;
    use cryptotopcard::RequestOptions;

    let env = common::env();
    let newer = env.client_with(|b| b.default_header("X-Sandbox-Future-Fields", "1"));
    let call = |op: &str, params: serde_json::Value| {
        common::block(ops::call(&newer, op, params, RequestOptions::default())).expect(op)
    };
    let card = call(
        "cards.create",
        json!({"bin_id": "491653", "amount": 10.0, "label": "fc"}),
    );
    assert_eq!(card.data()["sandbox_future_field"], "from a newer API");
    assert_eq!(card.data()["label"], "fc");
    assert!(card.next_page.is_none());
    call("cards.create", json!({"bin_id": "491653", "amount": 10.0}));
    call("cards.create", json!({"bin_id": "491653", "amount": 10.0}));

    let page = call("cards.list", json!({"per_page": 2, "status": "active"}));
    let page_data = page.data();
    let items = page_data["data"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(items
        .iter()
        .all(|c| c["sandbox_future_field"] == "from a newer API"));
    assert_eq!(
        page.next_page,
        Some(json!({"per_page": 2, "status": "active", "page": 2}))
    );
    let last = call("cards.list", page.next_page.expect("next"));
    assert_eq!(last.data()["data"].as_array().map(Vec::len), Some(1));
    assert!(last.next_page.is_none(), "{:?}", last.next_page);
}
