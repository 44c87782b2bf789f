//! Requests per second of the cryptotopcard core against a bare reqwest loop (same endpoint,
//! same JSON decoding into the typed model), in the same run, against an in-process sandbox.
//!
//! Run: `cargo run --release -p ctc-bench` (or `make bench-core`). Environment: `BENCH_SECS`
//! (seconds per measurement, default 1) and `BENCH_ROUNDS` (default 5). Core and bare runs
//! alternate round by round and the best round of each is reported, which keeps a busy shared
//! machine from favouring whichever side ran in a quiet moment.

use std::time::{Duration, Instant};

use cryptotopcard::{Card, Client, Page};
use cryptotopcard::{CardCreateParams, CardListParams};
use futures_util::future::join_all;

struct Bare {
    http: reqwest::Client,
    base: String,
    auth: String,
}

impl Bare {
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let resp = self
            .http
            .get(format!("{}{}", self.base, path))
            .header("Authorization", &self.auth)
            .header("Accept", "application/json")
            .send()
            .await
            .expect("bare request");
        assert!(resp.status().is_success(), "bare status {}", resp.status());
        let bytes = resp.bytes().await.expect("bare body");
        serde_json::from_slice(&bytes).expect("bare decode")
    }
}

/// Runs `op` repeatedly for `secs`, `concurrency` at a time; returns requests/s.
async fn measure<F, Fut>(secs: f64, concurrency: usize, op: &F) -> f64
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // warm-up
    join_all((0..concurrency).map(op)).await;
    let deadline = Duration::from_secs_f64(secs);
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed() < deadline {
        join_all((0..concurrency).map(|i| op(n + i))).await;
        n += concurrency;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// Alternates `core` and `bare` measurements for `rounds` rounds; returns the best of each.
async fn compare<C, CF, B, BF>(name: &str, secs: f64, rounds: usize, conc: usize, core: C, bare: B)
where
    C: Fn(usize) -> CF,
    CF: std::future::Future<Output = ()>,
    B: Fn(usize) -> BF,
    BF: std::future::Future<Output = ()>,
{
    let (mut best_core, mut best_bare) = (0f64, 0f64);
    for r in 0..rounds {
        // Swap the order every round.
        if r % 2 == 0 {
            best_core = best_core.max(measure(secs, conc, &core).await);
            best_bare = best_bare.max(measure(secs, conc, &bare).await);
        } else {
            best_bare = best_bare.max(measure(secs, conc, &bare).await);
            best_core = best_core.max(measure(secs, conc, &core).await);
        }
    }
    line(name, best_core, best_bare);
}

fn line(name: &str, core: f64, bare: f64) {
    println!(
        "{name:<28} core {core:>9.0} req/s   bare reqwest {bare:>9.0} req/s   ratio core/bare {:.3}",
        core / bare
    );
}

async fn run() {
    let secs: f64 = std::env::var("BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let sandbox = cryptotopcard_sandbox::start(cryptotopcard_sandbox::Config::default())
        .expect("sandbox starts");
    let key = format!("sk_test_bench_{}", std::process::id());
    let client = Client::builder()
        .api_key(key.clone())
        .base_url(sandbox.url().to_string())
        .build()
        .expect("client");
    let bare = Bare {
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest"),
        base: sandbox.url().to_string(),
        auth: format!("Bearer {key}"),
    };

    let mut ids = Vec::new();
    for _ in 0..100 {
        let c = client
            .cards()
            .create(CardCreateParams::new("491653", 1.0))
            .await
            .expect("create");
        ids.push(c.id);
    }
    println!(
        "ctc-bench: in-process sandbox at {}, best of {rounds} alternating rounds of {secs} s, 100 cards",
        sandbox.url()
    );

    let core_retrieve = |i: usize| {
        let id = &ids[i % ids.len()];
        let c = &client;
        async move {
            let card: Card = c.cards().retrieve(id).await.expect("core retrieve");
            std::hint::black_box(card);
        }
    };
    let bare_retrieve = |i: usize| {
        let id = &ids[i % ids.len()];
        let bare = &bare;
        async move {
            let card: Card = bare.get(&format!("/cards/{id}")).await;
            std::hint::black_box(card);
        }
    };
    let core_list = |_| {
        let c = &client;
        async move {
            let page = c
                .cards()
                .list(CardListParams {
                    per_page: Some(100),
                    ..Default::default()
                })
                .await
                .expect("core list");
            assert_eq!(page.data.len(), 100);
            std::hint::black_box(page);
        }
    };
    let bare_list = |_| {
        let bare = &bare;
        async move {
            let page: Page<Card> = bare.get("/cards?per_page=100").await;
            assert_eq!(page.data.len(), 100);
            std::hint::black_box(page);
        }
    };
    compare(
        "sequential retrieve",
        secs,
        rounds,
        1,
        core_retrieve,
        bare_retrieve,
    )
    .await;
    compare("list 100 cards", secs, rounds, 1, core_list, bare_list).await;
    compare(
        "64 concurrent retrieve",
        secs,
        rounds,
        64,
        core_retrieve,
        bare_retrieve,
    )
    .await;
    sandbox.shutdown();
}

fn main() {
    cryptotopcard::runtime::runtime().block_on(run());
}
