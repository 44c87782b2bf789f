//! Retry policy: which answers are retried, how many times, and that a retry can succeed.

mod common;

use common::{block, env, env_with};
use cryptotopcard::CardCreateParams;
use cryptotopcard::ErrorKind;
use cryptotopcard_sandbox::Config;

#[test]
fn persistent_faults_are_retried_max_retries_times() {
    let env = env();
    for (fault, kind) in [
        ("error_500", ErrorKind::InternalServer),
        ("error_503", ErrorKind::InternalServer),
        ("rate_limit", ErrorKind::RateLimited),
    ] {
        let before = env.fault_count(fault);
        let c = env.client_with(|b| b.default_header("X-Sandbox-Fault", fault));
        let e = block(c.wallet().retrieve()).unwrap_err();
        assert_eq!(e.kind(), kind);
        // default max_retries = 2: three attempts reached the server
        assert_eq!(env.fault_count(fault) - before, 3, "{fault}");
        // per-request override
        let before = env.fault_count(fault);
        let e = block(c.wallet().retrieve().max_retries(1)).unwrap_err();
        assert_eq!(e.kind(), kind);
        assert_eq!(env.fault_count(fault) - before, 2, "{fault}");
    }
    // Non-retryable answers are not retried.
    let before = env.requests();
    let e = block(env.client.cards().retrieve("card_nope")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    // one request for the retrieve, one for the stats read itself
    assert_eq!(env.requests() - before, 2);
}

#[test]
fn transient_faults_are_retried_until_success() {
    let env = env_with(
        Config {
            // (rate_limit is covered deterministically above; its 1 s Retry-After would only
            // slow this test down)
            faults: "error_500=0.35,error_503=0.2".parse().unwrap(),
            ..Config::default()
        },
        |b| b.max_retries(25),
    );
    let mut retries = 0u32;
    let mut calls = 0;
    block(async {
        // Keep going until at least one call needed a retry (each attempt: p = 0.55 of a fault).
        while calls < 5 || (retries == 0 && calls < 50) {
            let r = env
                .client
                .cards()
                .create(CardCreateParams::new("491653", 1.0))
                .with_meta()
                .await
                .unwrap();
            assert_eq!(r.meta.status, 201);
            retries += r.meta.retries;
            calls += 1;
        }
    });
    assert!(retries > 0);
    let stats = env.admin("stats");
    let injected = stats["faults"]["error_500"].as_u64().unwrap()
        + stats["faults"]["error_503"].as_u64().unwrap();
    // Every injected fault was answered by exactly one retry (stats reads are GETs under
    // /sandbox/, which the random faults skip).
    assert_eq!(injected, retries as u64);
}

#[test]
fn in_flight_key_conflict_is_retried() {
    let env = env();
    let slow = env.client_with(|b| b.default_header("X-Sandbox-Fault", "delay_ms=800"));
    let fast = env.client_with(|b| b);
    let (a, b) = block(async {
        let first = tokio::spawn(
            slow.cards()
                .create(CardCreateParams::new("491653", 3.0))
                .idempotency_key("shared-key")
                .with_meta(),
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let second = fast
            .cards()
            .create(CardCreateParams::new("491653", 3.0))
            .idempotency_key("shared-key")
            .with_meta()
            .await;
        (first.await.unwrap(), second)
    });
    let a = a.unwrap();
    let b = b.unwrap();
    // One card; whichever call came second saw 409 idempotency_key_in_use, retried, and got the
    // replayed answer.
    assert_eq!(a.data.id, b.data.id);
    assert!(a.meta.replayed ^ b.meta.replayed);
    let second = if a.meta.replayed { &a } else { &b };
    assert!(second.meta.retries >= 1, "{:?}", second.meta);
    let cards = block(fast.cards().list(Default::default())).unwrap();
    assert_eq!(cards.data.len(), 1);
}
