use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_key_replays_different_body_conflicts() {
    let (_h, api) = sandbox(fast_config()).await;
    let body = json!({"bin_id": "491653", "amount": 100, "label": "once"});
    let k = [("x-idempotency-key", "create-1")];
    let first = api.call(Method::POST, "/cards", Some(&body), &k).await;
    first.expect_status(201);
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = api.call(Method::POST, "/cards", Some(&body), &k).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.raw, first.raw);
    assert_ne!(again.header("x-request-id"), first.header("x-request-id"));
    // Same JSON, other key order and spacing: still the same request.
    let respaced = r#"{ "label": "once",  "amount": 100, "bin_id": "491653" }"#.to_string();
    let r = api
        .try_call(Method::POST, "/cards", Some(respaced), &k)
        .await
        .unwrap();
    assert_eq!(r.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(api.get("/cards").await.body["pagination"]["total"], 1);
    assert_eq!(
        cents(&api.wallet().await["balance"]),
        990_000,
        "money moved once"
    );

    let other = json!({"bin_id": "491653", "amount": 101});
    api.call(Method::POST, "/cards", Some(&other), &k)
        .await
        .expect_error(409, "idempotency_key_reused");
    let id = first.body["id"].as_str().unwrap();
    api.call(
        Method::POST,
        &format!("/cards/{id}/fund"),
        Some(&json!({"amount": 1})),
        &k,
    )
    .await
    .expect_error(409, "idempotency_key_reused");

    // Keys belong to an account.
    let someone = api.with_key("sk_test_another_account");
    let theirs = someone.call(Method::POST, "/cards", Some(&body), &k).await;
    theirs.expect_status(201);
    assert_eq!(theirs.header("idempotent-replayed"), None);
    assert_ne!(theirs.body["id"], first.body["id"]);

    // PATCH and DELETE replay too: a repeated terminate answers like the first one.
    let pk = [("x-idempotency-key", "patch-1")];
    let p1 = api
        .call(
            Method::PATCH,
            &format!("/cards/{id}"),
            Some(&json!({"label": "x"})),
            &pk,
        )
        .await;
    let p2 = api
        .call(
            Method::PATCH,
            &format!("/cards/{id}"),
            Some(&json!({"label": "x"})),
            &pk,
        )
        .await;
    assert_eq!((p1.status, p2.status), (200, 200));
    assert_eq!(p2.header("idempotent-replayed").as_deref(), Some("true"));
    let dk = [("x-idempotency-key", "delete-1")];
    let d1 = api
        .call(Method::DELETE, &format!("/cards/{id}"), None, &dk)
        .await;
    let d2 = api
        .call(Method::DELETE, &format!("/cards/{id}"), None, &dk)
        .await;
    assert_eq!((d1.status, d2.status), (200, 200));
    assert_eq!(d2.raw, d1.raw);
    assert_eq!(
        cents(&api.wallet().await["balance"]),
        1_000_000,
        "refunded once"
    );

    // Errors are stored as well, and replayed.
    let ek = [("x-idempotency-key", "bad-1")];
    let bad = json!({"bin_id": "491653", "amount": 0});
    let e1 = api.call(Method::POST, "/cards", Some(&bad), &ek).await;
    e1.expect_invalid("amount");
    let e2 = api.call(Method::POST, "/cards", Some(&bad), &ek).await;
    assert_eq!(e2.status, 400);
    assert_eq!(e2.header("idempotent-replayed").as_deref(), Some("true"));

    // GET ignores the header; an empty key is rejected.
    let g = api.call(Method::GET, "/wallet", None, &k).await;
    assert_eq!(g.header("idempotent-replayed"), None);
    api.call(
        Method::POST,
        "/cards",
        Some(&body),
        &[("x-idempotency-key", " ")],
    )
    .await
    .expect_invalid("X-Idempotency-Key");

    let stats = api.get("/sandbox/stats").await.body;
    assert_eq!(stats["replays"], 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_expire_after_24_hours() {
    let (_h, api) = sandbox(fast_config()).await;
    let k = [("x-idempotency-key", "day-key")];
    api.call(
        Method::POST,
        "/cards",
        Some(&json!({"bin_id": "491653", "amount": 1})),
        &k,
    )
    .await
    .expect_status(201);
    api.post("/sandbox/clock", json!({"advance_seconds": 23 * 3600}))
        .await
        .expect_status(200);
    api.call(
        Method::POST,
        "/cards",
        Some(&json!({"bin_id": "491653", "amount": 2})),
        &k,
    )
    .await
    .expect_error(409, "idempotency_key_reused");
    api.post("/sandbox/clock", json!({"advance_seconds": 3600}))
        .await
        .expect_status(200);
    let r = api
        .call(
            Method::POST,
            "/cards",
            Some(&json!({"bin_id": "491653", "amount": 2})),
            &k,
        )
        .await;
    r.expect_status(201);
    assert_eq!(r.header("idempotent-replayed"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_in_flight_is_refused() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api.card("491653", 10.0).await;
    let path = format!("/cards/{}/fund", card["id"].as_str().unwrap());
    let body = json!({"amount": 7});
    let slow = {
        let (api, path, body) = (api.clone(), path.clone(), body.clone());
        tokio::spawn(async move {
            api.call(
                Method::POST,
                &path,
                Some(&body),
                &[
                    ("x-idempotency-key", "fund-slow"),
                    ("x-sandbox-fault", "delay_ms=3000"),
                ],
            )
            .await
        })
    };
    // The delay fault starts (and is counted) once the slow request holds the key.
    let api_ref = &api;
    eventually(move || async move {
        let stats = api_ref.get("/sandbox/stats").await.body;
        (stats["faults"]["delay_ms"] == 1).then_some(())
    })
    .await;
    let conflict = api
        .call(
            Method::POST,
            &path,
            Some(&body),
            &[("x-idempotency-key", "fund-slow")],
        )
        .await;
    conflict.expect_error(409, "idempotency_key_in_use");
    let first = slow.await.unwrap();
    first.expect_status(200);
    let replay = api
        .call(
            Method::POST,
            &path,
            Some(&body),
            &[("x-idempotency-key", "fund-slow")],
        )
        .await;
    assert_eq!(
        replay.header("idempotent-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(replay.raw, first.raw);
    assert_eq!(
        cents(
            &api.get(&format!("/cards/{}", card["id"].as_str().unwrap()))
                .await
                .body["balance"]
        ),
        1_700
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drop_after_commit_then_retry_replays() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api.card("491653", 10.0).await;
    let path = format!("/cards/{}/fund", card["id"].as_str().unwrap());
    let body = json!({"amount": 5});
    let lost = api
        .try_call(
            Method::POST,
            &path,
            Some(body.to_string()),
            &[
                ("x-idempotency-key", "fund-drop"),
                ("x-sandbox-fault", "drop_after_commit"),
            ],
        )
        .await;
    assert!(lost.is_err(), "the connection is dropped without an answer");
    // The work was committed once.
    assert_eq!(
        cents(
            &api.get(&format!("/cards/{}", card["id"].as_str().unwrap()))
                .await
                .body["balance"]
        ),
        1_500
    );
    let retry = api
        .call(
            Method::POST,
            &path,
            Some(&body),
            &[("x-idempotency-key", "fund-drop")],
        )
        .await;
    assert_eq!(retry.status, 200);
    assert_eq!(retry.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(cents(&retry.body["new_balance"]), 1_500);
    assert_eq!(
        cents(
            &api.get(&format!("/cards/{}", card["id"].as_str().unwrap()))
                .await
                .body["balance"]
        ),
        1_500
    );

    // Without a key, a dropped create still happened: the client cannot know, the state shows it.
    let lost = api
        .try_call(
            Method::POST,
            "/cards",
            Some(json!({"bin_id": "491653", "amount": 1}).to_string()),
            &[("x-sandbox-fault", "drop_after_commit")],
        )
        .await;
    assert!(lost.is_err());
    assert_eq!(api.get("/cards").await.body["pagination"]["total"], 2);
    assert_eq!(
        api.get("/sandbox/stats").await.body["faults"]["drop_after_commit"],
        2
    );
}
