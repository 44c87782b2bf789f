use serde_json::json;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_retrieve_list_and_details() {
    let (_h, api) = sandbox(fast_config()).await;
    let r = api
        .post(
            "/cards",
            json!({"bin_id": "491653", "amount": 500, "label": "Meta Ads Campaign #12",
                   "spending_limit": 2000, "allowed_categories": ["advertising"],
                   "metadata": {"campaign": "spring_2026"}}),
        )
        .await;
    let card = r.expect_status(201).clone();
    let id = card["id"].as_str().unwrap();
    assert!(
        id.starts_with("card_")
            && id.len() == 15
            && id[5..].chars().all(|c| c.is_ascii_alphanumeric()),
        "{id}"
    );
    assert_eq!(card["bin_id"], "491653");
    assert_eq!(card["network"], "visa");
    assert_eq!(card["status"], "active");
    assert_eq!(cents(&card["balance"]), 50_000);
    assert_eq!(cents(&card["spending_limit"]), 200_000);
    assert_eq!(cents(&card["total_spent"]), 0);
    assert_eq!(card["transaction_count"], 0);
    assert_eq!(card["label"], "Meta Ads Campaign #12");
    assert_eq!(card["allowed_categories"], json!(["advertising"]));
    assert_eq!(card["auto_freeze_at"], json!(null));
    assert_eq!(card["metadata"], json!({"campaign": "spring_2026"}));
    assert_eq!(card["last_used_at"], json!(null));
    assert!(is_rfc3339(&card["created_at"]));
    let created =
        chrono::DateTime::parse_from_rfc3339(card["created_at"].as_str().unwrap()).unwrap();
    let expires = card["expires_at"].as_str().unwrap();
    assert!(expires.ends_with("T23:59:59Z"), "{expires}");
    assert!(expires.starts_with(&format!("{}-", chrono::Datelike::year(&created) + 3)));

    let got = api.get(&format!("/cards/{id}")).await;
    assert_eq!(got.expect_status(200), &card);

    let d = api.get(&format!("/cards/{id}/details")).await;
    let d = d.expect_status(200);
    let pan = d["pan"].as_str().unwrap();
    assert_eq!(pan.len(), 16);
    assert!(pan.starts_with("491653"));
    assert!(luhn_valid(pan), "{pan}");
    assert_eq!(&pan[12..], card["last4"].as_str().unwrap());
    let cvv = d["cvv"].as_str().unwrap();
    assert!(cvv.len() == 3 && cvv.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(d["exp_year"].as_i64().unwrap().to_string(), &expires[..4]);
    assert_eq!(
        d["exp_month"].as_i64().unwrap(),
        expires[5..7].parse::<i64>().unwrap()
    );
    assert_eq!(d["holder_name"], "ANONYMOUS");
    assert_eq!(d["billing_address"]["country"], "US");
    assert_eq!(d["billing_address"]["zip"], "19801");

    let mc = api.card("531993", 10.0).await;
    assert_eq!(mc["network"], "mastercard");
    assert_eq!(
        cents(&mc["spending_limit"]),
        1_000_000,
        "defaults to the BIN's max_monthly"
    );
    let visa_default = api.card("491653", 1.0).await;
    assert_eq!(cents(&visa_default["spending_limit"]), 5_000_000);

    let list = api.get("/cards").await;
    let list = list.expect_status(200);
    assert_eq!(
        list["pagination"],
        json!({"page": 1, "per_page": 25, "total": 3, "total_pages": 1})
    );
    let first = &list["data"][2];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "balance",
            "bin_id",
            "created_at",
            "id",
            "label",
            "last4",
            "network",
            "status"
        ]
    );
    assert_eq!(first["id"], card["id"]);

    let w = api.wallet().await;
    assert_eq!(cents(&w["balance"]), 1_000_000 - 50_000 - 1_000 - 100);
    assert_eq!(w["cards_active"], 3);
    assert_eq!(cents(&w["cards_total_balance"]), 51_100);

    api.get("/cards/card_doesnotexi")
        .await
        .expect_error(404, "not_found");
    api.get("/cards/card_doesnotexi/details")
        .await
        .expect_error(404, "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freeze_unfreeze_terminate_state_rules() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api.card("491653", 487.5).await;
    let id = card["id"].as_str().unwrap();

    let f = api.post(&format!("/cards/{id}/freeze"), json!({})).await;
    let f = f.expect_status(200);
    assert_eq!(f["status"], "frozen");
    assert!(is_rfc3339(&f["frozen_at"]));
    assert_eq!(cents(&f["balance"]), 48_750, "balance preserved");
    api.post(&format!("/cards/{id}/freeze"), json!({}))
        .await
        .expect_error(409, "invalid_card_state");

    let u = api.post(&format!("/cards/{id}/unfreeze"), json!({})).await;
    assert_eq!(u.expect_status(200)["status"], "active");
    assert_eq!(u.body["frozen_at"], json!(null));
    api.post(&format!("/cards/{id}/unfreeze"), json!({}))
        .await
        .expect_error(409, "invalid_card_state");

    // A frozen card can still be funded.
    api.post(&format!("/cards/{id}/freeze"), json!({}))
        .await
        .expect_status(200);
    api.post(&format!("/cards/{id}/fund"), json!({"amount": 12.5}))
        .await
        .expect_status(200);

    let before = cents(&api.wallet().await["balance"]);
    let t = api.delete(&format!("/cards/{id}")).await;
    let t = t.expect_status(200);
    assert_eq!(t["status"], "terminated");
    assert_eq!(cents(&t["refunded_amount"]), 50_000);
    assert_eq!(cents(&t["balance"]), 0);
    assert!(is_rfc3339(&t["terminated_at"]));
    assert_eq!(cents(&api.wallet().await["balance"]), before + 50_000);

    for (m, path, body) in [
        ("POST", "freeze", json!({})),
        ("POST", "unfreeze", json!({})),
        ("POST", "fund", json!({"amount": 5})),
        ("POST", "withdraw", json!({"amount": 1})),
    ] {
        let r = api
            .call(
                m.parse().unwrap(),
                &format!("/cards/{id}/{path}"),
                Some(&body),
                &[],
            )
            .await;
        r.expect_error(409, "card_terminated");
    }
    api.patch(&format!("/cards/{id}"), json!({"label": "x"}))
        .await
        .expect_error(409, "card_terminated");
    api.delete(&format!("/cards/{id}"))
        .await
        .expect_error(409, "card_terminated");
    let got = api.get(&format!("/cards/{id}")).await;
    assert_eq!(got.expect_status(200)["status"], "terminated");
    assert_eq!(api.wallet().await["cards_active"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fund_and_withdraw() {
    let cfg = cryptotopcard_sandbox::Config {
        initial_balance_cents: 150_000,
        ..fast_config()
    };
    let (_h, api) = sandbox(cfg).await;
    assert_eq!(cents(&api.wallet().await["balance"]), 150_000);
    let card = api.card("491653", 487.5).await;
    let id = card["id"].as_str().unwrap();
    let r = api
        .post(&format!("/cards/{id}/fund"), json!({"amount": 200}))
        .await;
    let r = r.expect_status(200);
    assert_eq!(r["id"], id);
    assert_eq!(cents(&r["previous_balance"]), 48_750);
    assert_eq!(cents(&r["funded_amount"]), 20_000);
    assert_eq!(cents(&r["new_balance"]), 68_750);
    assert_eq!(cents(&r["wallet_balance"]), 150_000 - 68_750);

    api.post(&format!("/cards/{id}/fund"), json!({"amount": 1000}))
        .await
        .expect_error(400, "insufficient_funds");
    api.post("/cards", json!({"bin_id": "491653", "amount": 5000}))
        .await
        .expect_error(400, "insufficient_funds");
    api.post(&format!("/cards/{id}/fund"), json!({"amount": 0.99}))
        .await
        .expect_invalid("amount");
    api.post(&format!("/cards/{id}/fund"), json!({"amount": 5000.01}))
        .await
        .expect_invalid("amount");
    api.post(&format!("/cards/{id}/fund"), json!({}))
        .await
        .expect_invalid("amount");

    let w = api
        .post(&format!("/cards/{id}/withdraw"), json!({"amount": 100.25}))
        .await;
    let w = w.expect_status(200);
    assert_eq!(cents(&w["previous_balance"]), 68_750);
    assert_eq!(cents(&w["withdrawn_amount"]), 10_025);
    assert_eq!(cents(&w["new_balance"]), 58_725);
    assert_eq!(cents(&w["wallet_balance"]), 150_000 - 58_725);
    api.post(&format!("/cards/{id}/withdraw"), json!({"amount": 587.26}))
        .await
        .expect_error(400, "insufficient_card_balance");
    api.post(&format!("/cards/{id}/withdraw"), json!({"amount": 0}))
        .await
        .expect_invalid("amount");
    api.post(&format!("/cards/{id}/withdraw"), json!({"amount": -1}))
        .await
        .expect_invalid("amount");
    let all = api
        .post(&format!("/cards/{id}/withdraw"), json!({"amount": 587.25}))
        .await;
    assert_eq!(cents(&all.expect_status(200)["new_balance"]), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patch_merges_and_validates() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api
        .post("/cards", json!({"bin_id": "531993", "amount": 50, "metadata": {"a": "1", "b": "2"}, "auto_freeze_at": 10}))
        .await
        .expect_status(201)
        .clone();
    assert_eq!(cents(&card["auto_freeze_at"]), 1_000);
    let id = card["id"].as_str().unwrap();
    let p = api
        .patch(
            &format!("/cards/{id}"),
            json!({"label": "renamed", "spending_limit": 250.5, "allowed_categories": ["saas", "software", "saas"],
                   "auto_freeze_at": 0, "metadata": {"a": null, "c": "3"}}),
        )
        .await;
    let p = p.expect_status(200);
    assert_eq!(p["label"], "renamed");
    assert_eq!(cents(&p["spending_limit"]), 25_050);
    assert_eq!(p["allowed_categories"], json!(["saas", "software"]));
    assert_eq!(p["auto_freeze_at"], json!(null));
    assert_eq!(p["metadata"], json!({"b": "2", "c": "3"}));
    assert_eq!(api.get(&format!("/cards/{id}")).await.body, *p);

    let path = format!("/cards/{id}");
    api.patch(&path, json!({"spending_limit": 10000.01}))
        .await
        .expect_invalid("spending_limit");
    api.patch(&path, json!({"label": "x".repeat(65)}))
        .await
        .expect_invalid("label");
    api.patch(&path, json!({"allowed_categories": ["crypto"]}))
        .await
        .expect_invalid("allowed_categories");
    let many: serde_json::Map<String, serde_json::Value> =
        (0..19).map(|i| (format!("k{i}"), json!("v"))).collect();
    api.patch(&path, json!({"metadata": many}))
        .await
        .expect_invalid("metadata");
    // Nothing was applied by the rejected requests.
    assert_eq!(api.get(&path).await.body, *p);
    // Label null clears it; 64 characters are fine.
    let p2 = api.patch(&path, json!({"label": "y".repeat(64)})).await;
    assert_eq!(p2.expect_status(200)["label"].as_str().unwrap().len(), 64);
    // Null is the same as leaving the field out; an empty label clears it.
    let p3 = api
        .patch(&path, json!({"label": null, "spending_limit": null, "allowed_categories": null, "metadata": null}))
        .await;
    assert_eq!(p3.expect_status(200), &p2.body);
    let p4 = api.patch(&path, json!({"label": ""})).await;
    assert_eq!(p4.expect_status(200)["label"], json!(null));
    api.patch(&path, json!({"bin_id": "531993"}))
        .await
        .expect_invalid("bin_id");
    api.patch(&path, json!({"nickname": "x"}))
        .await
        .expect_invalid("nickname");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_filters_sorting_and_pagination() {
    let (_h, api) = sandbox(fast_config()).await;
    let mut ids = Vec::new();
    for (bin, amount, label) in [
        ("491653", 30.0, "Meta Ads #1"),
        ("531993", 10.0, "netflix"),
        ("491653", 50.0, "Google ADS"),
        ("531993", 20.0, "spotify"),
        ("491653", 40.0, "tiktok ads"),
    ] {
        let c = api
            .post(
                "/cards",
                json!({"bin_id": bin, "amount": amount, "label": label}),
            )
            .await
            .expect_status(201)
            .clone();
        ids.push(c["id"].as_str().unwrap().to_string());
    }
    let list_ids = |v: &serde_json::Value| -> Vec<String> {
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    // Default: created_at desc.
    let all = api.get("/cards").await;
    let mut rev = ids.clone();
    rev.reverse();
    assert_eq!(list_ids(&all.body), rev);
    let asc = api.get("/cards?order=asc").await;
    assert_eq!(list_ids(&asc.body), ids);

    let by_balance = api.get("/cards?sort=balance&order=asc").await;
    assert_eq!(
        list_ids(&by_balance.body),
        [&ids[1], &ids[3], &ids[0], &ids[4], &ids[2]].map(|s| s.clone())
    );
    let by_balance_desc = api.get("/cards?sort=balance").await;
    assert_eq!(list_ids(&by_balance_desc.body)[0], ids[2]);

    let visa = api.get("/cards?bin_id=491653").await;
    assert_eq!(visa.body["pagination"]["total"], 3);
    let ads = api.get("/cards?label=ADS").await;
    assert_eq!(ads.body["pagination"]["total"], 3);

    api.post(&format!("/cards/{}/freeze", ids[0]), json!({}))
        .await
        .expect_status(200);
    let frozen = api.get("/cards?status=frozen").await;
    assert_eq!(list_ids(&frozen.body), [ids[0].clone()]);
    assert_eq!(
        api.get("/cards?status=active").await.body["pagination"]["total"],
        4
    );

    // last_used: the card used most recently first (desc); never-used cards last.
    api.buy(&ids[3], 1.0, json!("A"), true).await;
    api.post("/sandbox/clock", json!({"advance_seconds": 5}))
        .await
        .expect_status(200);
    api.buy(&ids[1], 1.0, json!("B"), true).await;
    let lu = api.get("/cards?sort=last_used").await;
    assert_eq!(list_ids(&lu.body)[..2], [ids[1].clone(), ids[3].clone()]);

    let p = api.get("/cards?per_page=2&page=3&order=asc").await;
    assert_eq!(
        p.body["pagination"],
        json!({"page": 3, "per_page": 2, "total": 5, "total_pages": 3})
    );
    assert_eq!(list_ids(&p.body), [ids[4].clone()]);
    let beyond = api.get("/cards?per_page=2&page=9").await;
    assert_eq!(beyond.body["data"], json!([]));

    api.get("/cards?per_page=0")
        .await
        .expect_invalid("per_page");
    api.get("/cards?per_page=101")
        .await
        .expect_invalid("per_page");
    api.get("/cards?per_page=abc")
        .await
        .expect_invalid("per_page");
    api.get("/cards?page=0").await.expect_invalid("page");
    api.get("/cards?sort=label").await.expect_invalid("sort");
    api.get("/cards?order=up").await.expect_invalid("order");
    api.get("/cards?status=deleted")
        .await
        .expect_invalid("status");
    assert_eq!(api.get("/cards?per_page=100").await.status, 200);
}
