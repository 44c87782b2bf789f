use reqwest::Method;
use serde_json::json;

use crate::common::*;

fn temp_db() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("ctc-sandbox-test-{}.db", uuid_like()))
}

#[test]
fn state_survives_a_restart_with_data_file() {
    let path = temp_db();
    let cfg = || cryptotopcard_sandbox::Config {
        data: Some(path.clone()),
        ..fast_config()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let key = test_key();

    let first = cryptotopcard_sandbox::start(cfg()).unwrap();
    let api = Api::new(first.url()).with_key(&key);
    let (card, details, wallet, hook, clock, created) = rt.block_on(async {
        let created = api
            .call(
                Method::POST,
                "/cards",
                Some(&json!({"bin_id": "491653", "amount": 250, "metadata": {"k": "v"}})),
                &[("x-idempotency-key", "persist-1")],
            )
            .await;
        let card = created.expect_status(201).clone();
        let id = card["id"].as_str().unwrap().to_string();
        api.buy(&id, 12.34, json!("SHOP"), true).await;
        api.post(
            "/sandbox/deposits",
            json!({"currency": "btc", "amount_usd": 100, "status": "pending"}),
        )
        .await
        .expect_status(201);
        let hook = api
            .post(
                "/webhooks",
                json!({"url": "https://example.com/h", "events": ["*"]}),
            )
            .await
            .body
            .clone();
        let clock = api
            .post("/sandbox/clock", json!({"advance_seconds": 3600}))
            .await
            .body["offset_seconds"]
            .clone();
        let details = api.get(&format!("/cards/{id}/details")).await.body.clone();
        let card = api.get(&format!("/cards/{id}")).await.body.clone();
        (card, details, api.wallet().await, hook, clock, created.raw)
    });
    first.shutdown();

    let second = cryptotopcard_sandbox::start(cfg()).unwrap();
    let api = Api::new(second.url()).with_key(&key);
    rt.block_on(async {
        let id = card["id"].as_str().unwrap();
        assert_eq!(api.get(&format!("/cards/{id}")).await.body, card);
        assert_eq!(api.get(&format!("/cards/{id}/details")).await.body, details);
        assert_eq!(api.wallet().await, wallet);
        let mut listed = hook.clone();
        listed.as_object_mut().unwrap().remove("secret");
        assert_eq!(api.get("/webhooks").await.body["data"][0], listed);
        assert_eq!(
            api.get("/sandbox/clock").await.body["offset_seconds"],
            clock
        );
        assert_eq!(
            api.get("/transactions").await.body["pagination"]["total"],
            1
        );
        assert_eq!(
            api.get("/wallet/deposits?status=pending").await.body["pagination"]["total"],
            1
        );
        // Idempotency records survive too.
        let replay = api
            .call(
                Method::POST,
                "/cards",
                Some(&json!({"bin_id": "491653", "amount": 250, "metadata": {"k": "v"}})),
                &[("x-idempotency-key", "persist-1")],
            )
            .await;
        assert_eq!(
            replay.header("idempotent-replayed").as_deref(),
            Some("true")
        );
        assert_eq!(replay.raw, created);
        // And it keeps working: a new change is persisted for the next start.
        api.post(&format!("/cards/{id}/freeze"), json!({}))
            .await
            .expect_status(200);
    });
    second.shutdown();

    let third = cryptotopcard_sandbox::start(cfg()).unwrap();
    let api = Api::new(third.url()).with_key(&key);
    rt.block_on(async {
        let id = card["id"].as_str().unwrap();
        assert_eq!(
            api.get(&format!("/cards/{id}")).await.body["status"],
            "frozen"
        );
    });
    third.shutdown();
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(path.with_extension("db-wal"));
    let _ = std::fs::remove_file(path.with_extension("db-shm"));
}

#[test]
fn in_memory_sandboxes_are_independent() {
    let a = cryptotopcard_sandbox::start(fast_config()).unwrap();
    let b = cryptotopcard_sandbox::start(fast_config()).unwrap();
    assert_ne!(a.addr(), b.addr());
    assert!(a.url().starts_with("http://127.0.0.1:") && a.url().ends_with("/v1"));
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let api_a = Api::new(a.url()).with_key("sk_test_same");
        let api_b = Api::new(b.url()).with_key("sk_test_same");
        api_a.card("491653", 10.0).await;
        assert_eq!(api_a.get("/cards").await.body["pagination"]["total"], 1);
        assert_eq!(api_b.get("/cards").await.body["pagination"]["total"], 0);
    });
    let url = a.url().to_string();
    drop(a);
    // After shutdown (here by Drop) nothing answers any more.
    let gone = rt.block_on(async { client().get(format!("{url}/bins")).send().await });
    assert!(gone.is_err());
    b.shutdown();
}

#[test]
fn bad_configuration_is_an_error() {
    let cfg = cryptotopcard_sandbox::Config {
        host: "not-an-ip".into(),
        ..fast_config()
    };
    assert!(matches!(
        cryptotopcard_sandbox::start(cfg),
        Err(cryptotopcard_sandbox::Error::Config(_))
    ));
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let cfg = cryptotopcard_sandbox::Config {
        port: busy.local_addr().unwrap().port(),
        ..fast_config()
    };
    let err = cryptotopcard_sandbox::start(cfg).unwrap_err();
    assert!(
        matches!(err, cryptotopcard_sandbox::Error::Bind(_)),
        "{err}"
    );
    let cfg = cryptotopcard_sandbox::Config {
        data: Some("/nonexistent-dir/x/y.db".into()),
        ..fast_config()
    };
    assert!(matches!(
        cryptotopcard_sandbox::start(cfg),
        Err(cryptotopcard_sandbox::Error::Storage(_))
    ));
}

#[test]
fn in_flight_keys_do_not_survive_a_restart() {
    let path = temp_db();
    let cfg = || cryptotopcard_sandbox::Config {
        data: Some(path.clone()),
        ..fast_config()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let key = test_key();
    let body = json!({"bin_id": "491653", "amount": 3});
    let first = cryptotopcard_sandbox::start(cfg()).unwrap();
    let api = Api::new(first.url()).with_key(&key);
    let slow = {
        let (api, body) = (api.clone(), body.clone());
        rt.spawn(async move {
            api.try_call(
                Method::POST,
                "/cards",
                Some(body.to_string()),
                &[
                    ("x-idempotency-key", "held"),
                    ("x-sandbox-fault", "delay_ms=30000"),
                ],
            )
            .await
        })
    };
    rt.block_on(async {
        let api_ref = &api;
        eventually(move || async move {
            let s = api_ref.get("/sandbox/stats").await.body;
            (s["faults"]["delay_ms"] == 1).then_some(())
        })
        .await;
        // Another change is persisted while "held" is in flight.
        api.card("531993", 1.0).await;
    });
    first.shutdown();
    assert!(
        rt.block_on(slow).unwrap().is_err(),
        "the held request never got an answer"
    );

    let second = cryptotopcard_sandbox::start(cfg()).unwrap();
    let api = Api::new(second.url()).with_key(&key);
    rt.block_on(async {
        let r = api
            .call(
                Method::POST,
                "/cards",
                Some(&body),
                &[("x-idempotency-key", "held")],
            )
            .await;
        r.expect_status(201);
        assert_eq!(r.header("idempotent-replayed"), None);
        assert_eq!(api.get("/cards").await.body["pagination"]["total"], 2);
    });
    second.shutdown();
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(path.with_extension("db-wal"));
    let _ = std::fs::remove_file(path.with_extension("db-shm"));
}
