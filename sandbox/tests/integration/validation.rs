use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_card_validation_names_the_field() {
    let (_h, api) = sandbox(fast_config()).await;
    let cases = [
        (json!({"amount": 5}), "bin_id"),
        (json!({"bin_id": 5.5, "amount": 5}), "bin_id"),
        (json!({"bin_id": 491653, "amount": 5}), "bin_id"),
        (json!({"bin_id": "4".repeat(33), "amount": 5}), "bin_id"),
        (
            json!({"bin_id": "491653", "amount": 5, "colour": "red"}),
            "colour",
        ),
        (json!({"bin_id": "491653"}), "amount"),
        (json!({"bin_id": "491653", "amount": "500"}), "amount"),
        (json!({"bin_id": "491653", "amount": -5}), "amount"),
        (json!({"bin_id": "491653", "amount": 1.005}), "amount"),
        (json!({"bin_id": "491653", "amount": 0.99}), "amount"),
        (json!({"bin_id": "491653", "amount": 5000.01}), "amount"),
        (json!({"bin_id": "491653", "amount": 1e300}), "amount"),
        (
            json!({"bin_id": "491653", "amount": 5, "label": "x".repeat(65)}),
            "label",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "label": 7}),
            "label",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "spending_limit": 50000.01}),
            "spending_limit",
        ),
        (
            json!({"bin_id": "531993", "amount": 5, "spending_limit": 10000.01}),
            "spending_limit",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "spending_limit": -1}),
            "spending_limit",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "allowed_categories": ["bogus"]}),
            "allowed_categories",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "allowed_categories": "advertising"}),
            "allowed_categories",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "auto_freeze_at": "10"}),
            "auto_freeze_at",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "auto_freeze_at": 1.234}),
            "auto_freeze_at",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "metadata": "x"}),
            "metadata",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "metadata": {"k".repeat(41): "v"}}),
            "metadata",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "metadata": {"k": "v".repeat(501)}}),
            "metadata",
        ),
        (
            json!({"bin_id": "491653", "amount": 5, "metadata": {"k": {"nested": 1}}}),
            "metadata",
        ),
    ];
    for (body, param) in cases {
        let r = api.post("/cards", body.clone()).await;
        assert_eq!(r.param(), param, "{body} -> {}", r.raw);
        r.expect_invalid(param);
        assert!(
            r.body["message"].as_str().unwrap().contains(param),
            "{}",
            r.raw
        );
    }
    let many: serde_json::Map<String, serde_json::Value> =
        (0..21).map(|i| (format!("k{i}"), json!("v"))).collect();
    api.post(
        "/cards",
        json!({"bin_id": "491653", "amount": 5, "metadata": many}),
    )
    .await
    .expect_invalid("metadata");
    api.post("/cards", json!({"bin_id": "400000", "amount": 5}))
        .await
        .expect_error(400, "invalid_bin");

    // Bad or non-object JSON bodies.
    for raw in ["{not json", "[1,2]", "\"x\""] {
        let r = api
            .try_call(Method::POST, "/cards", Some(raw.to_string()), &[])
            .await
            .unwrap();
        r.expect_invalid("body");
    }
    // Nothing was created by any of the above; the edge values are accepted.
    assert_eq!(api.get("/cards").await.body["pagination"]["total"], 0);
    for (amount, limit) in [(1.0, 0.0), (5000.0, 50000.0), (0.1 + 0.9, 12.34)] {
        let r = api
            .post(
                "/cards",
                json!({"bin_id": "491653", "amount": amount, "spending_limit": limit}),
            )
            .await;
        r.expect_status(201);
    }
    let all_categories = json!([
        "advertising",
        "software",
        "saas",
        "subscriptions",
        "shopping",
        "travel",
        "food",
        "entertainment",
        "gaming",
        "telecom",
        "utilities",
        "other"
    ]);
    let r = api
        .post(
            "/cards",
            json!({"bin_id": "491653", "amount": 1, "allowed_categories": all_categories}),
        )
        .await;
    assert_eq!(r.expect_status(201)["allowed_categories"], all_categories);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_isolation_and_routes() {
    let (h, api) = sandbox(fast_config()).await;
    let http = client();
    for auth in [
        None,
        Some("Basic abc"),
        Some("Bearer pk_test_abc"),
        Some("Bearer sk_test_"),
        Some("sk_test_abc"),
        Some("Bearer"),
    ] {
        let mut rb = http.get(format!("{}/wallet", h.url()));
        if let Some(a) = auth {
            rb = rb.header("authorization", a);
        }
        let r = rb.send().await.unwrap();
        assert_eq!(r.status().as_u16(), 401, "{auth:?}");
        let rid = r.headers()["x-request-id"].to_str().unwrap().to_string();
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"], "authentication_failed");
        assert_eq!(body["code"], 401);
        assert_eq!(body["request_id"], rid.as_str());
        assert!(!body["message"].as_str().unwrap().contains("abc"));
    }

    // Accounts are isolated per key.
    let other = api.with_key("sk_test_someone_else");
    let card = api.card("491653", 100.0).await;
    let id = card["id"].as_str().unwrap();
    other
        .get(&format!("/cards/{id}"))
        .await
        .expect_error(404, "not_found");
    other
        .post(&format!("/cards/{id}/fund"), json!({"amount": 5}))
        .await
        .expect_error(404, "not_found");
    assert_eq!(cents(&other.wallet().await["balance"]), 1_000_000);
    assert_eq!(cents(&api.wallet().await["balance"]), 990_000);
    assert_eq!(other.get("/cards").await.body["pagination"]["total"], 0);

    // Live keys are accounts too, but the sandbox helpers are forbidden to them.
    let live = api.with_key("sk_live_abc");
    assert_eq!(cents(&live.wallet().await["balance"]), 1_000_000);
    live.card("491653", 5.0).await;
    live.post(
        "/sandbox/deposits",
        json!({"currency": "btc", "amount_usd": 10}),
    )
    .await
    .expect_error(403, "forbidden");
    live.get("/sandbox/events")
        .await
        .expect_error(403, "forbidden");
    live.post("/sandbox/clock", json!({"advance_seconds": 1}))
        .await
        .expect_error(403, "forbidden");

    // Unknown routes and methods.
    api.get("/nope").await.expect_error(404, "not_found");
    let put = api.call(Method::PUT, "/cards", None, &[]).await;
    put.expect_error(405, "method_not_allowed");
    assert_eq!(put.header("allow").as_deref(), Some("GET, POST"));
    let card_path = format!("/cards/{id}");
    let key = [("x-idempotency-key", "route-key")];
    api.call(Method::POST, &card_path, None, &key)
        .await
        .expect_error(405, "method_not_allowed");
    // A known path with another method never consumes the idempotency key.
    let fz = api
        .call(Method::POST, &format!("{card_path}/freeze"), None, &key)
        .await;
    fz.expect_status(200);
    let again = api
        .call(Method::PATCH, &format!("{card_path}/freeze"), None, &key)
        .await;
    again.expect_error(405, "method_not_allowed");
    assert_eq!(again.header("allow").as_deref(), Some("POST"));
    let del = api.call(Method::GET, "/webhooks/wh_x", None, &[]).await;
    assert_eq!(del.header("allow").as_deref(), Some("DELETE"));
    api.get("/cards/x/y/z").await.expect_error(404, "not_found");
    let outside = http
        .get(format!("http://{}/health", h.addr()))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status().as_u16(), 404);
    assert!(outside.headers().contains_key("x-request-id"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_validation_on_every_list() {
    let (_h, api) = sandbox(fast_config()).await;
    for (path, param) in [
        ("/transactions?type=purchase", "type"),
        ("/transactions?from=yesterday", "from"),
        ("/transactions?to=2026-13-45", "to"),
        ("/transactions?from=2026-05-02&to=2026-05-01", "from"),
        ("/transactions?min_amount=abc", "min_amount"),
        ("/transactions?max_amount=-3", "max_amount"),
        ("/transactions?min_amount=1.234", "min_amount"),
        ("/transactions?per_page=101", "per_page"),
        ("/transactions?page=-1", "page"),
        ("/wallet/addresses?currency=doge", "currency"),
        ("/wallet/deposits?status=lost", "status"),
        ("/wallet/deposits?currency=doge", "currency"),
        ("/wallet/deposits?per_page=0", "per_page"),
        ("/3ds?status=open", "status"),
        ("/3ds?per_page=1000", "per_page"),
        ("/webhooks?page=0", "page"),
        ("/bins?per_page=0", "per_page"),
    ] {
        let r = api.get(path).await;
        assert_eq!(r.param(), param, "{path}: {}", r.raw);
        r.expect_invalid(param);
    }
    for path in [
        "/transactions?from=2026-01-01T00:00:00Z&to=2026-12-31",
        "/transactions?from=2026-01-01T10:00:00&type=refund&merchant=x&min_amount=1&max_amount=2.5",
        "/wallet/deposits?status=expired&currency=sol",
        "/3ds?status=expired&card_id=card_x",
    ] {
        api.get(path).await.expect_status(200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_endpoint_validation() {
    let (_h, api) = sandbox(fast_config()).await;
    for (body, param) in [
        (json!({"events": ["*"]}), "url"),
        (
            json!({"url": "http://example.com/hook", "events": ["*"]}),
            "url",
        ),
        (
            json!({"url": "ftp://example.com/hook", "events": ["*"]}),
            "url",
        ),
        (json!({"url": "example.com/hook", "events": ["*"]}), "url"),
        (
            json!({"url": "http://10.0.0.1/hook", "events": ["*"]}),
            "url",
        ),
        (json!({"url": "https://example.com/hook"}), "events"),
        (
            json!({"url": "https://example.com/hook", "events": []}),
            "events",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["card.exploded"]}),
            "events",
        ),
        (
            json!({"url": "https://example.com/hook", "events": "card.created"}),
            "events",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["*"], "secret": ""}),
            "secret",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["*"], "secret": 5}),
            "secret",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["*"], "active": false}),
            "active",
        ),
    ] {
        let r = api.post("/webhooks", body.clone()).await;
        assert_eq!(r.param(), param, "{body}: {}", r.raw);
        r.expect_invalid(param);
    }
    for url in [
        "https://example.com/h",
        "http://127.0.0.1:9/h",
        "http://127.1.2.3/h",
        "http://localhost:8080/h",
        "http://[::1]:8080/h",
    ] {
        api.post("/webhooks", json!({"url": url, "events": ["card.created"]}))
            .await
            .expect_status(201);
    }
}
