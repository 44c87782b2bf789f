use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_header_kinds() {
    let (_h, api) = sandbox(fast_config()).await;
    let body = json!({"bin_id": "491653", "amount": 10});
    let r = api
        .call(
            Method::POST,
            "/cards",
            Some(&body),
            &[("x-sandbox-fault", "error_500")],
        )
        .await;
    r.expect_error(500, "internal_error");
    let r = api
        .call(
            Method::POST,
            "/cards",
            Some(&body),
            &[("x-sandbox-fault", "error_503")],
        )
        .await;
    r.expect_error(503, "service_unavailable");
    let r = api
        .call(
            Method::POST,
            "/cards",
            Some(&body),
            &[("x-sandbox-fault", "rate_limit")],
        )
        .await;
    r.expect_error(429, "rate_limited");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(retry <= 1);
    // None of those did any work, even with an idempotency key.
    let k = ("x-idempotency-key", "fault-key");
    api.call(
        Method::POST,
        "/cards",
        Some(&body),
        &[("x-sandbox-fault", "error_503"), k],
    )
    .await
    .expect_error(503, "service_unavailable");
    assert_eq!(api.get("/cards").await.body["pagination"]["total"], 0);
    assert_eq!(cents(&api.wallet().await["balance"]), 1_000_000);
    let ok = api.call(Method::POST, "/cards", Some(&body), &[k]).await;
    ok.expect_status(201);
    assert_eq!(ok.header("idempotent-replayed"), None);

    let d = api
        .call(
            Method::GET,
            "/wallet",
            None,
            &[("x-sandbox-fault", "delay_ms=30")],
        )
        .await;
    d.expect_status(200);
    api.call(
        Method::GET,
        "/wallet",
        None,
        &[("x-sandbox-fault", "explode")],
    )
    .await
    .expect_invalid("X-Sandbox-Fault");
    api.call(
        Method::GET,
        "/wallet",
        None,
        &[("x-sandbox-fault", "delay_ms=-1")],
    )
    .await
    .expect_invalid("X-Sandbox-Fault");

    // status=N answers that status before any work; out-of-range codes are refused.
    let r = api
        .call(
            Method::GET,
            "/wallet",
            None,
            &[("x-sandbox-fault", "status=502")],
        )
        .await;
    assert_eq!(r.status, 502);
    assert_eq!(r.body["error"], "injected_fault");
    for bad in ["status=200", "status=600", "status=abc"] {
        api.call(Method::GET, "/wallet", None, &[("x-sandbox-fault", bad)])
            .await
            .expect_invalid("X-Sandbox-Fault");
    }

    let s = api.get("/sandbox/stats").await.body;
    assert_eq!(
        s["faults"],
        json!({"drop_after_commit": 0, "error_500": 1, "error_503": 2, "rate_limit": 1, "delay_ms": 1, "status": 1})
    );
    assert_eq!(s["faults_total"], 6);
    assert!(s["requests"].as_u64().unwrap() >= 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_faults_are_counted_and_spare_admin_reads() {
    let cfg = cryptotopcard_sandbox::Config {
        faults: "error_500=0.3,error_503=0.2,rate_limit=0.1"
            .parse()
            .unwrap(),
        ..fast_config()
    };
    let (_h, api) = sandbox(cfg).await;
    let mut seen = std::collections::BTreeMap::<u16, u64>::new();
    for _ in 0..200 {
        let r = api.get("/bins").await;
        *seen.entry(r.status).or_default() += 1;
    }
    // Admin reads are never faulted.
    for _ in 0..20 {
        api.get("/sandbox/events").await.expect_status(200);
    }
    let s = api.get("/sandbox/stats").await.body;
    assert_eq!(
        s["faults"]["error_500"],
        seen.get(&500).copied().unwrap_or(0)
    );
    assert_eq!(
        s["faults"]["error_503"],
        seen.get(&503).copied().unwrap_or(0)
    );
    assert_eq!(
        s["faults"]["rate_limit"],
        seen.get(&429).copied().unwrap_or(0)
    );
    assert!(
        seen.get(&200).copied().unwrap_or(0) > 0 && seen.len() == 4,
        "{seen:?}"
    );
    assert_eq!(s["requests"], 221);

    let all_down = cryptotopcard_sandbox::Config {
        faults: "error_503=1".parse().unwrap(),
        ..fast_config()
    };
    let (_h2, api2) = sandbox(all_down).await;
    api2.get("/wallet")
        .await
        .expect_error(503, "service_unavailable");
    api2.post(
        "/sandbox/deposits",
        json!({"currency": "btc", "amount_usd": 5}),
    )
    .await
    .expect_error(503, "service_unavailable");
    api2.get("/sandbox/stats").await.expect_status(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_details_are_rate_limited_per_key() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api.card("491653", 10.0).await;
    let path = format!("/cards/{}/details", card["id"].as_str().unwrap());
    for i in 0..30 {
        assert_eq!(api.get(&path).await.status, 200, "request {i}");
    }
    let r = api.get(&path).await;
    r.expect_error(429, "rate_limited");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // Other endpoints and other keys are not affected.
    api.get(&format!("/cards/{}", card["id"].as_str().unwrap()))
        .await
        .expect_status(200);
    api.with_key("sk_test_other")
        .get(&path)
        .await
        .expect_error(404, "not_found");
    // A minute later (test clock) the window is free again.
    api.post("/sandbox/clock", json!({"advance_seconds": 61}))
        .await
        .expect_status(200);
    api.get(&path).await.expect_status(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn optional_global_rate_limit() {
    let cfg = cryptotopcard_sandbox::Config {
        rate_limit: Some(5),
        ..fast_config()
    };
    let (_h, api) = sandbox(cfg).await;
    for _ in 0..5 {
        api.get("/bins").await.expect_status(200);
    }
    let r = api.get("/wallet").await;
    r.expect_error(429, "rate_limited");
    assert!(r.header("retry-after").unwrap().parse::<u64>().unwrap() >= 1);
    api.with_key("sk_test_second")
        .get("/wallet")
        .await
        .expect_status(200);
    // Admin reads are not counted.
    api.get("/sandbox/stats").await.expect_status(200);
    api.post("/sandbox/clock", json!({"advance_seconds": 61}))
        .await
        .expect_error(429, "rate_limited");
}
