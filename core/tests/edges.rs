//! Production edges of issue 11: the idempotency key on every failure of a mutating call, path
//! ids that URL normalisation would rewrite, reserved default headers, which statuses are
//! retried, capped response bodies, and cancellation reporting the key. All against the real
//! sandbox (and, for a server that never answers, a silent TCP listener).

use std::io::Read;
use std::net::TcpListener;
use std::time::Duration;

use cryptotopcard::ops::{self, prepare_options};
use cryptotopcard::{CardCreateParams, CardFundParams, CardListParams};
use cryptotopcard::{Client, Error, ErrorKind, RequestOptions};

mod common;
use common::{block, env};

/// A server that accepts connections and never answers; returns its base URL.
fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 1024];
                while matches!(conn.read(&mut buf), Ok(n) if n > 0) {}
            });
        }
    });
    format!("http://127.0.0.1:{port}/v1")
}

fn card_count(c: &Client) -> usize {
    block(c.cards().list(CardListParams::default()))
        .expect("list")
        .data
        .len()
}

#[test]
fn a_failed_create_carries_its_key_and_a_retry_with_it_makes_one_card() {
    let env = env();
    let dropping = env.client_with(|b| {
        b.default_header("X-Sandbox-Fault", "drop_after_commit")
            .max_retries(0)
    });
    let err = block(
        dropping
            .cards()
            .create(CardCreateParams::new("491653", 100.0)),
    )
    .expect_err("the response is dropped after the commit");
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
    let key = err
        .idempotency_key()
        .expect("the error carries the key")
        .to_string();
    assert_eq!(err.to_json()["idempotency_key"], key.as_str());
    assert_eq!(card_count(&env.client), 1, "the server did create the card");

    // The application-level retry with the key from the error replays, it does not create.
    let again = block(
        env.client
            .cards()
            .create(CardCreateParams::new("491653", 100.0))
            .idempotency_key(key.clone())
            .with_meta(),
    )
    .expect("retry");
    assert!(again.meta.replayed);
    assert_eq!(card_count(&env.client), 1, "exactly one card");
}

#[test]
fn api_errors_of_mutating_calls_carry_the_key_reads_do_not() {
    let env = env();
    let c = &env.client;
    let card = block(c.cards().create(CardCreateParams::new("491653", 10.0))).expect("create");
    block(c.cards().terminate(&card.id)).expect("terminate");
    let err = block(c.cards().freeze(&card.id)).expect_err("terminated");
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.idempotency_key().is_some_and(|k| k.len() == 36),
        "{err:?}"
    );
    let err = block(c.cards().freeze(&card.id).idempotency_key("mine-1")).expect_err("409");
    assert_eq!(err.idempotency_key(), Some("mine-1"));

    let err = block(c.cards().retrieve("card_missing")).expect_err("404");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.idempotency_key(), None, "a GET sends no key");
}

#[test]
fn a_timeout_carries_the_key() {
    let c = Client::builder()
        .api_key("sk_test_silent")
        .base_url(silent_server())
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .expect("client");
    let err = block(c.cards().fund("card_1", CardFundParams::new(5.0))).expect_err("no answer");
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.idempotency_key().is_some());
}

#[test]
fn prepared_options_give_cancelled_calls_their_key() {
    let opts = prepare_options("cards.fund", RequestOptions::default());
    let key = opts
        .idempotency_key
        .clone()
        .expect("a mutating call gets a key up front");
    assert!(prepare_options("cards.list", RequestOptions::default())
        .idempotency_key
        .is_none());
    let given = prepare_options(
        "cards.fund",
        RequestOptions {
            idempotency_key: Some("given".into()),
            ..Default::default()
        },
    );
    assert_eq!(given.idempotency_key.as_deref(), Some("given"));
    assert!(ops::is_mutating("webhooks.delete") && !ops::is_mutating("wallet.retrieve"));
    for op in ops::MUTATING_OPERATIONS {
        assert!(ops::OPERATIONS.contains(op), "{op}");
    }

    // A binding that drops the future reports the key it prepared.
    let err = Error::cancelled(Some(key.clone()));
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert_eq!(err.idempotency_key(), Some(key.as_str()));
    assert_eq!(err.to_json()["kind"], "cancelled");

    // The key prepared before the call is the one sent: a cancelled create retried with it
    // cannot create a second card.
    let env = env();
    let slow = env.client_with(|b| b.default_header("X-Sandbox-Fault", "delay_ms=300"));
    let opts = prepare_options("cards.create", RequestOptions::default());
    let key = opts.idempotency_key.clone().expect("key");
    let params = serde_json::json!({"bin_id": "491653", "amount": 20.0});
    let cancelled = block(async {
        tokio::time::timeout(
            Duration::from_millis(100),
            ops::call(&slow, "cards.create", params.clone(), opts),
        )
        .await
    });
    assert!(cancelled.is_err(), "the call was cut short");
    // Whether or not the server got to apply it, the retry with the prepared key makes one card.
    std::thread::sleep(Duration::from_millis(400));
    let out = block(ops::call(
        &env.client,
        "cards.create",
        params,
        RequestOptions {
            idempotency_key: Some(key.clone()),
            ..Default::default()
        },
    ))
    .expect("retry");
    assert_eq!(out.meta.idempotency_key.as_deref(), Some(key.as_str()));
    assert_eq!(card_count(&env.client), 1);
}

#[test]
fn dot_and_reserved_character_ids_are_refused_before_sending() {
    let env = env();
    let before = env.requests();
    for bad in [
        ".", "..", "a/b", "a?b", "a#b", "a b", " card", "card\t", "a%2Fb", "a\\b", "",
    ] {
        let err = block(env.client.cards().terminate(bad)).expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::Validation, "{bad:?}: {err}");
        assert_eq!(err.field(), Some("card_id"), "{bad:?}");
        let err = block(ops::call(
            &env.client,
            "webhooks.delete",
            serde_json::json!({ "webhook_id": bad }),
            RequestOptions::default(),
        ))
        .expect_err(bad);
        assert_eq!(err.field(), Some("webhook_id"), "{bad:?}");
    }
    // +1: the stats read itself.
    assert_eq!(env.requests(), before + 1, "nothing was sent");
}

#[test]
fn reserved_default_headers_are_refused() {
    for name in [
        "Authorization",
        "authorization",
        "X-Idempotency-Key",
        "Content-Type",
        "Host",
        "User-Agent",
    ] {
        let err = Client::builder()
            .api_key("sk_test_abc")
            .base_url("http://127.0.0.1:1/v1")
            .default_header(name, "Bearer sk_live_stolen")
            .build()
            .expect_err(name);
        assert_eq!(err.kind(), ErrorKind::Configuration, "{name}");
        assert_eq!(err.field(), Some("default_headers"), "{name}");
        assert!(!err.to_string().contains("sk_live_stolen"), "{err}");
    }
    assert!(Client::builder()
        .api_key("sk_test_abc")
        .base_url("http://127.0.0.1:1/v1")
        .default_header("X-Sandbox-Fault", "error_500")
        .build()
        .is_ok());
}

#[test]
fn transient_5xx_are_retried_permanent_ones_are_not() {
    let env = env();
    for (status, retried) in [(502, true), (504, true), (501, false), (505, false)] {
        let c = env.client_with(|b| {
            b.default_header("X-Sandbox-Fault", format!("status={status}"))
                .max_retries(1)
        });
        let before = env.requests();
        let err = block(c.wallet().retrieve()).expect_err("injected");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.kind(), ErrorKind::InternalServer);
        // +1 for the stats read itself.
        let sent = env.requests() - before - 1;
        assert_eq!(sent, if retried { 2 } else { 1 }, "status {status}");
    }
}

#[test]
fn response_bodies_over_the_cap_are_refused_and_not_retried() {
    let env = env();
    for _ in 0..3 {
        block(
            env.client
                .cards()
                .create(CardCreateParams::new("491653", 10.0)),
        )
        .expect("create");
    }
    let small = env.client_with(|b| b.max_response_bytes(256).max_retries(2));
    let before = env.requests();
    let err = block(small.cards().list(CardListParams::default())).expect_err("too large");
    assert_eq!(err.kind(), ErrorKind::InternalServer, "{err}");
    assert_eq!(err.code(), Some("response_too_large"));
    assert!(err.to_string().contains("max_response_bytes"), "{err}");
    assert_eq!(
        env.requests() - before - 1,
        1,
        "a size refusal is not retried"
    );
    // The default cap (10 MiB) takes the same list.
    assert_eq!(card_count(&env.client), 3);
    let err = Client::builder()
        .api_key("sk_test_abc")
        .base_url("http://127.0.0.1:1/v1")
        .max_response_bytes(0)
        .build()
        .expect_err("zero cap");
    assert_eq!(err.field(), Some("max_response_bytes"));
}
