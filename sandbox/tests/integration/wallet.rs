use serde_json::json;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_deposits_and_addresses() {
    let (_h, api) = sandbox(fast_config()).await;
    let w = api.wallet().await;
    assert_eq!(
        w,
        json!({"balance": 10000.0, "currency": "USD", "pending_deposits": 0.0, "total_deposited": 10000.0,
               "total_spent": 0.0, "cards_active": 0, "cards_total_balance": 0.0})
    );

    let d = api
        .post(
            "/sandbox/deposits",
            json!({"currency": "btc", "amount_usd": 500}),
        )
        .await;
    let d = d.expect_status(201).clone();
    assert!(d["id"].as_str().unwrap().starts_with("dep_"));
    assert_eq!(d["currency"], "btc");
    assert_eq!(cents(&d["amount_usd"]), 50_000);
    assert_eq!(cents(&d["fee_usd"]), 1_000);
    assert_eq!(cents(&d["credited_usd"]), 49_000);
    assert_eq!(d["status"], "confirmed");
    assert_eq!(d["confirmations"], 6);
    assert!(d["amount_crypto"].as_str().unwrap().parse::<f64>().unwrap() > 0.0);
    assert_eq!(d["tx_hash"].as_str().unwrap().len(), 64);
    assert!(is_rfc3339(&d["confirmed_at"]));
    let w = api.wallet().await;
    assert_eq!(cents(&w["balance"]), 1_049_000);
    assert_eq!(cents(&w["total_deposited"]), 1_049_000);

    let p = api
        .post(
            "/sandbox/deposits",
            json!({"currency": "usdt", "amount_usd": 100.55, "status": "pending"}),
        )
        .await;
    let p = p.expect_status(201).clone();
    assert_eq!(p["status"], "pending");
    assert_eq!(p["confirmed_at"], json!(null));
    assert_eq!(cents(&p["fee_usd"]), 201); // 2% of 100.55 = 2.011, rounded to the cent
    assert_eq!(cents(&p["credited_usd"]), 9_854);
    let w = api.wallet().await;
    assert_eq!(cents(&w["pending_deposits"]), 9_854);
    assert_eq!(cents(&w["balance"]), 1_049_000);

    let pid = p["id"].as_str().unwrap();
    let c = api
        .post(&format!("/sandbox/deposits/{pid}/confirm"), json!({}))
        .await;
    assert_eq!(c.expect_status(200)["status"], "confirmed");
    api.post(&format!("/sandbox/deposits/{pid}/confirm"), json!({}))
        .await
        .expect_error(409, "invalid_deposit_state");
    api.post("/sandbox/deposits/dep_missing/confirm", json!({}))
        .await
        .expect_error(404, "not_found");
    let w = api.wallet().await;
    assert_eq!(cents(&w["pending_deposits"]), 0);
    assert_eq!(cents(&w["balance"]), 1_049_000 + 9_854);
    assert_eq!(cents(&w["total_deposited"]), 1_049_000 + 9_854);

    api.post(
        "/sandbox/deposits",
        json!({"currency": "sol", "amount_usd": 50, "status": "pending"}),
    )
    .await
    .expect_status(201);
    api.post(
        "/sandbox/deposits",
        json!({"currency": "doge", "amount_usd": 50}),
    )
    .await
    .expect_invalid("currency");
    api.post("/sandbox/deposits", json!({"currency": "sol"}))
        .await
        .expect_invalid("amount_usd");
    api.post(
        "/sandbox/deposits",
        json!({"currency": "sol", "amount_usd": 0}),
    )
    .await
    .expect_invalid("amount_usd");
    api.post(
        "/sandbox/deposits",
        json!({"currency": "sol", "amount_usd": 1000000.01}),
    )
    .await
    .expect_invalid("amount_usd");
    api.post(
        "/sandbox/deposits",
        json!({"currency": "sol", "amount_usd": 5, "note": "x"}),
    )
    .await
    .expect_invalid("note");
    api.post(
        "/sandbox/deposits",
        json!({"currency": "sol", "amount_usd": 5, "status": "expired"}),
    )
    .await
    .expect_invalid("status");

    let all = api.get("/wallet/deposits").await;
    assert_eq!(
        all.body["pagination"],
        json!({"page": 1, "per_page": 25, "total": 3, "total_pages": 1})
    );
    assert_eq!(all.body["data"][0]["currency"], "sol", "newest first");
    assert_eq!(
        api.get("/wallet/deposits?status=pending").await.body["pagination"]["total"],
        1
    );
    assert_eq!(
        api.get("/wallet/deposits?status=confirmed&currency=btc")
            .await
            .body["pagination"]["total"],
        1
    );
    assert_eq!(
        api.get("/wallet/deposits?per_page=1&page=2").await.body["data"][0]["id"],
        p["id"]
    );

    let events: Vec<String> = api.get("/sandbox/events").await.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        events,
        [
            "deposit.confirmed",
            "deposit.pending",
            "deposit.confirmed",
            "deposit.pending"
        ]
    );

    let a = api.get("/wallet/addresses").await;
    let a = a.expect_status(200);
    for c in ["btc", "eth", "sol", "usdt"] {
        assert!(
            a["addresses"][c].as_str().is_some_and(|s| s.len() > 20),
            "{a}"
        );
    }
    assert!(a["addresses"]["btc"].as_str().unwrap().starts_with("bc1q"));
    assert!(a["addresses"]["eth"].as_str().unwrap().starts_with("0x"));
    assert_eq!(
        a["networks"],
        json!({"btc": "bitcoin", "eth": "ethereum", "sol": "solana", "usdt": "erc-20"})
    );
    assert_eq!(
        a["min_deposit"],
        json!({"btc": "0.0001", "eth": "0.005", "sol": "0.1", "usdt": "5.00"})
    );
    let one = api.get("/wallet/addresses?currency=sol").await;
    assert_eq!(one.body["addresses"].as_object().unwrap().len(), 1);
    assert_eq!(one.body["addresses"]["sol"], a["addresses"]["sol"]);
    // Another account has other addresses.
    let other = api.with_key("sk_test_other").get("/wallet/addresses").await;
    assert_ne!(other.body["addresses"]["eth"], a["addresses"]["eth"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bins_are_exactly_the_published_ones() {
    let (_h, api) = sandbox(fast_config()).await;
    let r = api.get("/bins").await;
    assert_eq!(
        r.expect_status(200)["data"],
        json!([
            {"id": "491653", "network": "visa", "type": "advertising", "issuer_country": "US", "3ds": true,
             "apple_pay": true, "google_pay": true, "max_transaction": 5000.00, "max_monthly": 50000.00,
             "acceptance_rate": 97.2, "best_for": ["meta_ads", "google_ads", "tiktok_ads"]},
            {"id": "531993", "network": "mastercard", "type": "everyday", "issuer_country": "US", "3ds": true,
             "apple_pay": true, "google_pay": true, "max_transaction": 1000.00, "max_monthly": 10000.00,
             "acceptance_rate": 95.8, "best_for": ["subscriptions", "saas", "shopping"]}
        ])
    );
    assert_eq!(
        r.body["pagination"],
        json!({"page": 1, "per_page": 25, "total": 2, "total_pages": 1})
    );
}
