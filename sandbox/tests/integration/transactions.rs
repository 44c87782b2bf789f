use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorize_settle_refund() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api.card("491653", 500.0).await;
    let id = card["id"].as_str().unwrap();

    let merchant =
        json!({"name": "FACEBK ADS", "category": "advertising", "mcc": "7311", "country": "US"});
    let t = api.buy(id, 12.5, merchant.clone(), true).await;
    assert!(t["id"].as_str().unwrap().starts_with("txn_"));
    assert_eq!(t["type"], "settlement");
    assert_eq!(t["card_id"], id);
    assert_eq!(cents(&t["amount"]), -1_250);
    assert_eq!(t["currency"], "USD");
    assert_eq!(t["merchant"], merchant);
    assert_eq!(cents(&t["balance_after"]), 48_750);
    assert_eq!(t["decline_reason"], json!(null));
    let statuses: Vec<&str> = t["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["authorized", "settled"]);
    assert!(t["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| is_rfc3339(&s["at"])));
    assert_eq!(t["three_ds"]["status"], "not_required");

    let got = api
        .get(&format!("/transactions/{}", t["id"].as_str().unwrap()))
        .await;
    assert_eq!(got.expect_status(200), &t);
    let c = api.get(&format!("/cards/{id}")).await.body;
    assert_eq!(cents(&c["balance"]), 48_750);
    assert_eq!(cents(&c["total_spent"]), 1_250);
    assert_eq!(c["transaction_count"], 1);
    assert!(is_rfc3339(&c["last_used_at"]));
    assert_eq!(cents(&api.wallet().await["total_spent"]), 1_250);

    // Authorization only, then settle.
    let a = api.buy(id, 100.0, json!("SPOTIFY"), false).await;
    assert_eq!(a["type"], "authorization");
    assert_eq!(a["merchant"]["name"], "SPOTIFY");
    assert_eq!(a["merchant"]["category"], "other");
    let aid = a["id"].as_str().unwrap();
    api.post(&format!("/sandbox/transactions/{aid}/refund"), json!({}))
        .await
        .expect_error(409, "invalid_transaction_state");
    let s = api
        .post(&format!("/sandbox/transactions/{aid}/settle"), json!({}))
        .await;
    assert_eq!(s.expect_status(200)["type"], "settlement");
    api.post(&format!("/sandbox/transactions/{aid}/settle"), json!({}))
        .await
        .expect_error(409, "invalid_transaction_state");
    api.post("/sandbox/transactions/txn_nope/settle", json!({}))
        .await
        .expect_error(404, "not_found");

    // Partial refund, then the rest; never more than was settled.
    let r1 = api
        .post(
            &format!("/sandbox/transactions/{aid}/refund"),
            json!({"amount": 40}),
        )
        .await;
    let r1 = r1.expect_status(201);
    assert_eq!(r1["type"], "refund");
    assert_eq!(cents(&r1["amount"]), 4_000);
    assert_eq!(r1["refund_of"], aid);
    assert_eq!(r1["three_ds"], json!(null));
    assert_eq!(cents(&r1["balance_after"]), 48_750 - 10_000 + 4_000);
    api.post(
        &format!("/sandbox/transactions/{aid}/refund"),
        json!({"amount": 60.01}),
    )
    .await
    .expect_invalid("amount");
    let r2 = api
        .post(&format!("/sandbox/transactions/{aid}/refund"), json!({}))
        .await;
    assert_eq!(cents(&r2.expect_status(201)["amount"]), 6_000);
    api.post(
        &format!("/sandbox/transactions/{aid}/refund"),
        json!({"amount": 1}),
    )
    .await
    .expect_error(409, "invalid_transaction_state");
    let rid = r1["id"].as_str().unwrap();
    api.post(&format!("/sandbox/transactions/{rid}/refund"), json!({}))
        .await
        .expect_error(409, "invalid_transaction_state");
    let orig = api.get(&format!("/transactions/{aid}")).await.body;
    let statuses: Vec<&str> = orig["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["authorized", "settled", "partially_refunded", "refunded"]
    );
    let c = api.get(&format!("/cards/{id}")).await.body;
    assert_eq!(cents(&c["balance"]), 48_750);
    assert_eq!(cents(&c["total_spent"]), 1_250);
    assert_eq!(cents(&api.wallet().await["total_spent"]), 1_250);

    // Validation of the helper itself.
    let m = json!({"name": "X"});
    api.post("/sandbox/transactions", json!({"amount": 1, "merchant": m}))
        .await
        .expect_invalid("card_id");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "merchant": m}),
    )
    .await
    .expect_invalid("amount");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1000000.01, "merchant": m}),
    )
    .await
    .expect_invalid("amount");
    api.post("/sandbox/transactions", json!({"card_id": id, "amount": 1}))
        .await
        .expect_invalid("merchant");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": "X"}),
    )
    .await
    .expect_invalid("merchant");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": {"name": "X", "mcc": "73"}}),
    )
    .await
    .expect_invalid("merchant.mcc");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": {"name": "X", "country": "usa"}}),
    )
    .await
    .expect_invalid("merchant.country");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": {"name": "X", "city": "Paris"}}),
    )
    .await
    .expect_invalid("merchant.city");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": m, "tip": 1}),
    )
    .await
    .expect_invalid("tip");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": {"name": "X", "category": "weapons"}}),
    )
    .await
    .expect_invalid("merchant.category");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": {"category": "food"}}),
    )
    .await
    .expect_invalid("merchant.name");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": id, "amount": 1, "merchant": m, "settle": "yes"}),
    )
    .await
    .expect_invalid("settle");
    api.post(
        "/sandbox/transactions",
        json!({"card_id": "card_nope", "amount": 1, "merchant": m}),
    )
    .await
    .expect_error(404, "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declines_carry_a_reason_and_move_no_money() {
    let (_h, api) = sandbox(fast_config()).await;
    let visa = api
        .post("/cards", json!({"bin_id": "491653", "amount": 100, "allowed_categories": ["advertising"], "spending_limit": 90}))
        .await
        .expect_status(201)
        .clone();
    let vid = visa["id"].as_str().unwrap();
    let ads = |name: &str| json!({"name": name, "category": "advertising"});

    let d = api
        .buy(
            vid,
            5.0,
            json!({"name": "NETFLIX", "category": "entertainment"}),
            true,
        )
        .await;
    assert_eq!(d["type"], "decline");
    assert_eq!(d["decline_reason"], "category_not_allowed");
    assert_eq!(cents(&d["balance_after"]), 10_000);

    api.buy(vid, 80.0, ads("META"), true).await;
    let d = api.buy(vid, 15.0, ads("META"), true).await;
    assert_eq!(d["decline_reason"], "spending_limit_exceeded");
    // Next month the limit starts again (test clock), but the balance (20) is too low for 25.
    api.post("/sandbox/clock", json!({"advance_seconds": 32 * 24 * 3600}))
        .await
        .expect_status(200);
    let d = api.buy(vid, 25.0, ads("META"), true).await;
    assert_eq!(d["decline_reason"], "insufficient_balance");
    let ok = api.buy(vid, 15.0, ads("META"), true).await;
    assert_eq!(ok["type"], "settlement");

    api.post(&format!("/cards/{vid}/freeze"), json!({}))
        .await
        .expect_status(200);
    let d = api.buy(vid, 1.0, ads("META"), true).await;
    assert_eq!(d["decline_reason"], "card_frozen");
    api.delete(&format!("/cards/{vid}"))
        .await
        .expect_status(200);
    let d = api.buy(vid, 1.0, ads("META"), true).await;
    assert_eq!(d["decline_reason"], "card_terminated");

    let mc = api.card("531993", 2000.0).await;
    let mid = mc["id"].as_str().unwrap();
    let d = api.buy(mid, 1000.01, json!("BIG"), true).await;
    assert_eq!(d["decline_reason"], "transaction_limit_exceeded");
    assert_eq!(
        api.buy(mid, 1000.0, json!("BIG"), true).await["type"],
        "settlement"
    );

    let declines = api.get("/transactions?type=decline").await;
    assert_eq!(declines.body["pagination"]["total"], 6);
    let events = api.get("/sandbox/events?type=transaction.declined").await;
    assert_eq!(events.body["pagination"]["total"], 6);
    let w = api.wallet().await;
    assert_eq!(cents(&w["total_spent"]), 8_000 + 1_500 + 100_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_freeze_when_balance_drops_below_threshold() {
    let (_h, api) = sandbox(fast_config()).await;
    let c = api
        .post(
            "/cards",
            json!({"bin_id": "491653", "amount": 100, "auto_freeze_at": 50}),
        )
        .await
        .expect_status(201)
        .clone();
    let id = c["id"].as_str().unwrap();
    api.buy(id, 50.0, json!("A"), true).await; // balance 50: not below 50
    assert_eq!(
        api.get(&format!("/cards/{id}")).await.body["status"],
        "active"
    );
    api.buy(id, 0.01, json!("B"), true).await;
    let card = api.get(&format!("/cards/{id}")).await.body;
    assert_eq!(card["status"], "frozen");
    assert!(is_rfc3339(&card["frozen_at"]));
    let frozen = api.get("/sandbox/events?type=card.frozen").await;
    assert_eq!(frozen.body["data"][0]["data"]["id"], id);
    assert_eq!(
        api.buy(id, 1.0, json!("C"), true).await["decline_reason"],
        "card_frozen"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transaction_list_filters() {
    let (_h, api) = sandbox(fast_config()).await;
    let a = api.card("491653", 1000.0).await;
    let b = api.card("531993", 1000.0).await;
    let (aid, bid) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    let day1 = api
        .post("/sandbox/clock", json!({"advance_seconds": 0}))
        .await
        .body["now"]
        .as_str()
        .unwrap()[..10]
        .to_string();
    api.buy(aid, 10.0, json!("FACEBK ADS"), true).await;
    api.buy(aid, 20.0, json!("Google Ads"), false).await;
    api.post("/sandbox/clock", json!({"advance_seconds": 2 * 24 * 3600}))
        .await;
    api.buy(bid, 30.0, json!("Spotify"), true).await;
    api.buy(bid, 40.0, json!("facebk payments"), true).await;
    let day3 = api.get("/sandbox/clock").await.body["now"]
        .as_str()
        .unwrap()[..10]
        .to_string();

    let ids = |r: &Resp| -> Vec<i64> {
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| cents(&t["amount"]))
            .collect()
    };
    let all = api.get("/transactions").await;
    assert_eq!(ids(&all), [-4_000, -3_000, -2_000, -1_000], "newest first");
    assert_eq!(
        all.body["pagination"],
        json!({"page": 1, "per_page": 50, "total": 4, "total_pages": 1})
    );
    let list_item = &all.body["data"][0];
    assert!(list_item.get("timeline").is_none());
    assert_eq!(
        ids(&api.get(&format!("/transactions?card_id={aid}")).await),
        [-2_000, -1_000]
    );
    assert_eq!(
        ids(&api.get("/transactions?type=authorization").await),
        [-2_000]
    );
    assert_eq!(
        ids(&api.get("/transactions?merchant=FACEBK").await),
        [-4_000, -1_000]
    );
    assert_eq!(
        ids(&api.get("/transactions?min_amount=20&max_amount=30").await),
        [-3_000, -2_000]
    );
    assert_eq!(
        ids(&api.get(&format!("/transactions?to={day1}")).await),
        [-2_000, -1_000]
    );
    assert_eq!(
        ids(&api.get(&format!("/transactions?from={day3}")).await),
        [-4_000, -3_000]
    );
    assert_eq!(
        ids(&api
            .get(&format!(
                "/transactions?from={day3}T00:00:00Z&card_id={bid}&merchant=spot"
            ))
            .await),
        [-3_000]
    );
    let p = api.get("/transactions?per_page=3&page=2").await;
    assert_eq!(ids(&p), [-1_000]);
    assert_eq!(p.body["pagination"]["total_pages"], 2);
    api.get("/transactions/txn_missing")
        .await
        .expect_error(404, "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_ds_challenges_and_expiry() {
    let (_h, api) = sandbox(fast_config()).await;
    let card = api.card("491653", 100.0).await;
    let id = card["id"].as_str().unwrap();
    let c = api
        .post(
            "/sandbox/3ds",
            json!({"card_id": id, "merchant": "SPOTIFY", "amount": 9.99}),
        )
        .await;
    let c = c.expect_status(201).clone();
    assert!(c["id"].as_str().unwrap().starts_with("3ds_"));
    let otp = c["otp"].as_str().unwrap();
    assert!(otp.len() == 6 && otp.chars().all(|ch| ch.is_ascii_digit()));
    assert_eq!(c["status"], "pending");
    assert_eq!(cents(&c["amount"]), 999);
    let created = chrono::DateTime::parse_from_rfc3339(c["created_at"].as_str().unwrap()).unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(c["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!((expires - created).num_seconds(), 300);
    let cid = c["id"].as_str().unwrap();
    assert_eq!(api.get(&format!("/3ds/{cid}")).await.body, c);

    let c2 = api
        .post(
            "/sandbox/3ds",
            json!({"card_id": id, "merchant": "NETFLIX", "amount": 15}),
        )
        .await
        .body;
    let pending = api.get(&format!("/3ds?card_id={id}&status=pending")).await;
    assert_eq!(pending.body["pagination"]["total"], 2);
    assert_eq!(pending.body["data"][0]["id"], c2["id"], "newest first");

    // A purchase matching the challenge completes it.
    let t = api.buy(id, 15.0, json!("netflix"), true).await;
    assert_eq!(t["three_ds"]["status"], "authenticated");
    assert_eq!(t["three_ds"]["challenge_id"], c2["id"]);
    assert_eq!(
        api.get(&format!("/3ds/{}", c2["id"].as_str().unwrap()))
            .await
            .body["status"],
        "completed"
    );

    api.post("/sandbox/clock", json!({"advance_seconds": 299}))
        .await
        .expect_status(200);
    assert_eq!(
        api.get(&format!("/3ds/{cid}")).await.body["status"],
        "pending"
    );
    api.post("/sandbox/clock", json!({"advance_seconds": 2}))
        .await
        .expect_status(200);
    assert_eq!(
        api.get(&format!("/3ds/{cid}")).await.body["status"],
        "expired"
    );
    assert_eq!(
        api.get("/3ds?status=expired").await.body["pagination"]["total"],
        1
    );
    assert_eq!(
        api.get("/3ds?status=completed").await.body["pagination"]["total"],
        1
    );

    api.get("/3ds/3ds_missing")
        .await
        .expect_error(404, "not_found");
    api.post("/sandbox/3ds", json!({"card_id": id, "amount": 1}))
        .await
        .expect_invalid("merchant");
    api.post("/sandbox/3ds", json!({"card_id": id, "merchant": "X"}))
        .await
        .expect_invalid("amount");
    api.post("/sandbox/3ds", json!({"merchant": "X", "amount": 1}))
        .await
        .expect_invalid("card_id");
    api.post("/sandbox/clock", json!({"advance_seconds": -5}))
        .await
        .expect_invalid("advance_seconds");
    api.post("/sandbox/clock", json!({"advance_seconds": 1.5}))
        .await
        .expect_invalid("advance_seconds");
    let events = api.get("/sandbox/events?type=3ds.challenge").await;
    assert_eq!(events.body["pagination"]["total"], 2);
}

async fn all_cards(api: &Api) -> Vec<Value> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let r = api.get(&format!("/cards?per_page=100&page={page}")).await;
        let data = r.body["data"].as_array().unwrap().clone();
        out.extend(data);
        if page >= r.body["pagination"]["total_pages"].as_u64().unwrap() {
            return out;
        }
        page += 1;
    }
}

async fn check_invariant(api: &Api) {
    let w = api.wallet().await;
    let cards = all_cards(api).await;
    let card_sum: i64 = cards.iter().map(|c| cents(&c["balance"])).sum();
    assert_eq!(cents(&w["cards_total_balance"]), card_sum);
    assert_eq!(
        cents(&w["balance"]) + card_sum + cents(&w["total_spent"]),
        cents(&w["total_deposited"]),
        "wallet {w}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_invariant_holds_after_random_operations() {
    let (_h, api) = sandbox(fast_config()).await;
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5eed);
    let mut cards: Vec<String> = Vec::new();
    let mut txns: Vec<String> = Vec::new();
    let mut deposits: Vec<String> = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, u32>::new();
    for step in 0..300 {
        let amount_c: i64 = rng.random_range(1..=200_000);
        let usd = |c: i64| c.max(1) as f64 / 100.0;
        let amount = usd(amount_c);
        let pick = |rng: &mut rand::rngs::StdRng, v: &Vec<String>| -> Option<String> {
            (!v.is_empty()).then(|| v[rng.random_range(0..v.len())].clone())
        };
        let r = match rng.random_range(0..11) {
            0 => api.post("/cards", json!({"bin_id": if rng.random() {"491653"} else {"531993"}, "amount": amount})).await,
            1 | 2 => match pick(&mut rng, &cards) {
                Some(c) => api.post(&format!("/cards/{c}/fund"), json!({"amount": amount})).await,
                None => continue,
            },
            3 => match pick(&mut rng, &cards) {
                Some(c) => api.post(&format!("/cards/{c}/withdraw"), json!({"amount": usd(amount_c / 4)})).await,
                None => continue,
            },
            4 | 5 => match pick(&mut rng, &cards) {
                Some(c) => api.post("/sandbox/transactions", json!({"card_id": c, "amount": usd(amount_c / 10), "merchant": {"name": "SHOP"}, "settle": rng.random_bool(0.7)})).await,
                None => continue,
            },
            6 => match pick(&mut rng, &txns) {
                Some(t) => api.post(&format!("/sandbox/transactions/{t}/settle"), json!({})).await,
                None => continue,
            },
            7 => match pick(&mut rng, &txns) {
                Some(t) => {
                    let body = if rng.random() { json!({}) } else { json!({"amount": usd(amount_c / 20)}) };
                    api.post(&format!("/sandbox/transactions/{t}/refund"), body).await
                }
                None => continue,
            },
            8 => match pick(&mut rng, &cards) {
                Some(c) => match rng.random_range(0..3) {
                    0 => api.post(&format!("/cards/{c}/freeze"), json!({})).await,
                    1 => api.post(&format!("/cards/{c}/unfreeze"), json!({})).await,
                    _ => api.delete(&format!("/cards/{c}")).await,
                },
                None => continue,
            },
            9 => {
                let status = if rng.random() { "pending" } else { "confirmed" };
                api.post("/sandbox/deposits", json!({"currency": "usdt", "amount_usd": amount, "status": status})).await
            }
            _ => match pick(&mut rng, &deposits) {
                Some(d) => api.post(&format!("/sandbox/deposits/{d}/confirm"), json!({})).await,
                None => continue,
            },
        };
        *statuses.entry(r.status).or_default() += 1;
        assert!(r.status < 500, "step {step}: {}", r.raw);
        if r.status == 201 {
            let id = r.body["id"].as_str().unwrap().to_string();
            if id.starts_with("card_") {
                cards.push(id);
            } else if id.starts_with("txn_") {
                txns.push(id);
            } else if id.starts_with("dep_") {
                deposits.push(id);
            }
        }
        if step % 15 == 0 {
            check_invariant(&api).await;
        }
    }
    check_invariant(&api).await;
    // The sequence exercised successes and each kind of refusal.
    assert!(
        statuses.get(&200).copied().unwrap_or(0) > 20,
        "{statuses:?}"
    );
    assert!(
        statuses.get(&201).copied().unwrap_or(0) > 20,
        "{statuses:?}"
    );
    assert!(statuses.get(&400).copied().unwrap_or(0) > 0, "{statuses:?}");
    assert!(statuses.get(&409).copied().unwrap_or(0) > 0, "{statuses:?}");
}
