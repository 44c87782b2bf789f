//! Idempotency keys and retries: no money moves twice.

mod common;

use common::{block, cents, env, env_with};
use cryptotopcard::{CardCreateParams, CardFundParams, CardListParams};
use cryptotopcard::{ErrorKind, RequestOptions};
use cryptotopcard_sandbox::Config;

#[test]
fn same_key_replays_the_stored_answer() {
    let env = env();
    let c = &env.client;
    block(async {
        let first = c
            .cards()
            .create(CardCreateParams::new("491653", 100.0))
            .idempotency_key("create-once")
            .with_meta()
            .await
            .unwrap();
        assert_eq!(first.meta.status, 201);
        assert!(!first.meta.replayed);
        assert_eq!(first.meta.idempotency_key.as_deref(), Some("create-once"));
        assert!(first
            .meta
            .request_id
            .as_deref()
            .unwrap()
            .starts_with("req_"));
        let second = c
            .cards()
            .create(CardCreateParams::new("491653", 100.0))
            .idempotency_key("create-once")
            .with_meta()
            .await
            .unwrap();
        assert!(second.meta.replayed);
        assert_eq!(second.meta.header("idempotent-replayed"), Some("true"));
        assert_eq!(second.data.id, first.data.id);
        let cards = c.cards().list(CardListParams::default()).await.unwrap();
        assert_eq!(cards.data.len(), 1);
        assert_eq!(cents(c.wallet().retrieve().await.unwrap().balance), 990_000);

        // Same key, different body: refused.
        let e = c
            .cards()
            .create(CardCreateParams::new("491653", 200.0))
            .idempotency_key("create-once")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert_eq!(e.code(), Some("idempotency_key_reused"));

        // Without a key, each call gets a fresh UUID v4: two calls, two cards.
        let a = c
            .cards()
            .create(CardCreateParams::new("491653", 1.0))
            .with_meta()
            .await
            .unwrap();
        let b = c
            .cards()
            .create(CardCreateParams::new("491653", 1.0))
            .with_meta()
            .await
            .unwrap();
        let ka = a.meta.idempotency_key.unwrap();
        let kb = b.meta.idempotency_key.unwrap();
        assert_ne!(ka, kb);
        assert_eq!(uuid::Uuid::parse_str(&ka).unwrap().get_version_num(), 4);
        assert_ne!(a.data.id, b.data.id);
        // GETs carry no key.
        let g = c.wallet().retrieve().with_meta().await.unwrap();
        assert_eq!(g.meta.idempotency_key, None);
    });
}

#[test]
fn dropped_response_after_commit_is_retried_without_double_spend() {
    let env = env();
    let dropping = env.client_with(|b| b.default_header("X-Sandbox-Fault", "drop_after_commit"));
    block(async {
        let created = dropping
            .cards()
            .create(CardCreateParams::new("491653", 250.0))
            .with_meta()
            .await
            .unwrap();
        assert_eq!(created.meta.retries, 1, "{:?}", created.meta);
        assert!(created.meta.replayed);
        let card_id = created.data.id.clone();

        let funded = dropping
            .cards()
            .fund(&card_id, CardFundParams::new(100.5))
            .with_meta()
            .await
            .unwrap();
        assert_eq!(funded.meta.retries, 1);
        assert!(funded.meta.replayed);
        assert_eq!(cents(funded.data.new_balance), 35_050);

        let c = &env.client;
        let cards = c.cards().list(CardListParams::default()).await.unwrap();
        assert_eq!(cards.data.len(), 1, "exactly one card");
        let card = c.cards().retrieve(&card_id).await.unwrap();
        assert_eq!(cents(card.balance), 35_050, "funded exactly once");
        let wallet = c.wallet().retrieve().await.unwrap();
        assert_eq!(cents(wallet.balance), 1_000_000 - 35_050);

        // With retries disabled the caller sees the connection error, and a manual retry with
        // the same key is still safe.
        let e = dropping
            .cards()
            .fund(&card_id, CardFundParams::new(10.0))
            .max_retries(0)
            .idempotency_key("manual")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Connection);
        let again = c
            .cards()
            .fund(&card_id, CardFundParams::new(10.0))
            .options(RequestOptions {
                idempotency_key: Some("manual".into()),
                ..Default::default()
            })
            .with_meta()
            .await
            .unwrap();
        assert!(again.meta.replayed);
        let card = c.cards().retrieve(&card_id).await.unwrap();
        assert_eq!(cents(card.balance), 36_050);
    });
    assert_eq!(env.fault_count("drop_after_commit"), 3);
}

/// Random faults on every request: each create and fund still happens exactly once and the
/// wallet arithmetic is exact to the cent.
#[test]
fn random_faults_keep_money_exact() {
    let env = env_with(
        Config {
            faults: "drop_after_commit=0.3,error_500=0.1,error_503=0.1"
                .parse()
                .unwrap(),
            ..Config::default()
        },
        |b| b.max_retries(12),
    );
    let c = &env.client;
    let mut expected_cards = 0i64;
    let mut spent = 0i64;
    let mut total_retries = 0u32;
    block(async {
        for i in 0..8 {
            let amount = 10.0 + i as f64 + 0.25;
            let card = c
                .cards()
                .create(CardCreateParams::new("491653", amount))
                .with_meta()
                .await
                .unwrap();
            total_retries += card.meta.retries;
            expected_cards += 1;
            spent += cents(amount);
            let f = c
                .cards()
                .fund(&card.data.id, CardFundParams::new(1.5))
                .with_meta()
                .await
                .unwrap();
            total_retries += f.meta.retries;
            spent += 150;
        }
    });
    let cfg_free = env.client_with(|b| b);
    // GETs can fault too: read back with generous retries.
    let (cards, wallet) = block(async {
        let cards = cfg_free
            .cards()
            .list(CardListParams {
                per_page: Some(100),
                ..Default::default()
            })
            .max_retries(20)
            .await
            .unwrap();
        let wallet = cfg_free.wallet().retrieve().max_retries(20).await.unwrap();
        (cards, wallet)
    });
    assert_eq!(cards.data.len() as i64, expected_cards);
    let on_cards: i64 = cards.data.iter().map(|c| cents(c.balance)).sum();
    assert_eq!(on_cards, spent);
    assert_eq!(cents(wallet.balance), 1_000_000 - spent);
    // 16 writes at a 50 % fault rate: at least one needed a retry.
    assert!(total_retries > 0);
    assert!(env.admin("stats")["faults_total"].as_u64().unwrap() >= total_retries as u64);
}
