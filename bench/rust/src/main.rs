//! Requests per second of the cryptotopcard core against a bare reqwest loop (same endpoint,
//! same JSON decoding into the typed model), in the same run.
//!
//! Run: `cargo run --release -p ctc-bench` (or `make bench-core`). Options:
//!
//! * `--sandbox PATH`: start that (release) `ctc-sandbox` on a free port and measure against it;
//!   without it an in-process sandbox is used. The binding benchmarks (bench/python, bench/node,
//!   bench/go) always use an external release `ctc-sandbox`, so compare with them through:
//! * `--url URL --key KEY`: use an already running sandbox with this key (the 100 cards of the
//!   key are listed; missing ones are created), and
//! * `--serve`: after set-up print `ready <n cards>`, then read commands from stdin, one a line,
//!   `core|bare seq|list|conc64 SECONDS`, and answer each with one line: requests/s. This lets a
//!   binding's benchmark alternate core / binding / plain-HTTP rounds in one run on one sandbox.
//!
//! * `--decode`: after set-up, times (no network) what the core does with a list-of-100 body on
//!   its typed path (`from_slice` into `Page<CardSummary>`) against what `ops::call` adds for the
//!   bindings (a `serde_json::Value` tree, the typed check from that tree, and the bindings'
//!   serialization of it back to JSON text), to size the cost of the JSON dispatch.
//!
//! Environment: `BENCH_SECS` (seconds per measurement, default 1) and `BENCH_ROUNDS` (default 5).
//! Core and bare runs alternate round by round and the best round of each is reported, which
//! keeps a busy shared machine from favouring whichever side ran in a quiet moment.
//!
//! Workloads (the same in every binding's benchmark): `seq` = `cards.retrieve` one at a time,
//! cycling over the 100 cards; `list` = `cards.list(per_page=100)` (one page of 100);
//! `conc64` = 64 workers each running `cards.retrieve` back to back (no barrier between calls).

use std::io::BufRead;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cryptotopcard::{Card, CardSummary, Client, Page};
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

#[derive(Clone, Copy)]
enum Side {
    Core,
    Bare,
}

#[derive(Clone, Copy)]
enum Workload {
    Seq,
    List,
    Conc64,
}

struct Bench {
    client: Client,
    bare: Bare,
    ids: Vec<String>,
}

impl Bench {
    async fn one(&self, side: Side, workload: Workload, i: usize) {
        match (side, workload) {
            (Side::Core, Workload::List) => {
                let page = self
                    .client
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
            (Side::Bare, Workload::List) => {
                let page: Page<CardSummary> = self.bare.get("/cards?per_page=100").await;
                assert_eq!(page.data.len(), 100);
                std::hint::black_box(page);
            }
            (Side::Core, _) => {
                let id = &self.ids[i % self.ids.len()];
                let card: Card = self
                    .client
                    .cards()
                    .retrieve(id)
                    .await
                    .expect("core retrieve");
                std::hint::black_box(card);
            }
            (Side::Bare, _) => {
                let id = &self.ids[i % self.ids.len()];
                let card: Card = self.bare.get(&format!("/cards/{id}")).await;
                std::hint::black_box(card);
            }
        }
    }

    /// Runs the workload for `secs` after a short warm-up; returns requests/s.
    async fn measure(&self, side: Side, workload: Workload, secs: f64) -> f64 {
        let width = match workload {
            Workload::Conc64 => 64,
            _ => 1,
        };
        // warm-up: one call per worker
        join_all((0..width).map(|w| self.one(side, workload, w))).await;
        let deadline = Duration::from_secs_f64(secs);
        let done = AtomicUsize::new(0);
        let start = Instant::now();
        join_all((0..width).map(|w| {
            let done = &done;
            async move {
                let mut i = w;
                while start.elapsed() < deadline {
                    self.one(side, workload, i).await;
                    done.fetch_add(1, Ordering::Relaxed);
                    i += width;
                }
            }
        }))
        .await;
        done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
    }

    /// Alternates core and bare for `rounds` rounds; returns the best of each.
    async fn compare(&self, workload: Workload, secs: f64, rounds: usize) -> (f64, f64) {
        let (mut best_core, mut best_bare) = (0f64, 0f64);
        for r in 0..rounds {
            // Swap the order every round.
            if r % 2 == 0 {
                best_core = best_core.max(self.measure(Side::Core, workload, secs).await);
                best_bare = best_bare.max(self.measure(Side::Bare, workload, secs).await);
            } else {
                best_bare = best_bare.max(self.measure(Side::Bare, workload, secs).await);
                best_core = best_core.max(self.measure(Side::Core, workload, secs).await);
            }
        }
        (best_core, best_bare)
    }
}

fn line(name: &str, core: f64, bare: f64) {
    println!(
        "{name:<28} core {core:>9.0} req/s   bare reqwest {bare:>9.0} req/s   ratio core/bare {:.3}",
        core / bare
    );
}

struct Args {
    sandbox: Option<String>,
    url: Option<String>,
    key: Option<String>,
    serve: bool,
    decode: bool,
}

fn args() -> Args {
    let mut out = Args {
        sandbox: None,
        url: None,
        key: None,
        serve: false,
        decode: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sandbox" => out.sandbox = it.next(),
            "--url" => out.url = it.next(),
            "--key" => out.key = it.next(),
            "--serve" => out.serve = true,
            "--decode" => out.decode = true,
            other => {
                eprintln!("ctc-bench: unknown argument {other:?} (see bench/rust/src/main.rs)");
                std::process::exit(2);
            }
        }
    }
    out
}

/// A release `ctc-sandbox` on a free port; returns the child and its URL.
fn spawn_sandbox(path: &str) -> (std::process::Child, String) {
    let mut child = std::process::Command::new(path)
        .args(["--port", "0", "--details-rate-limit", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("ctc-sandbox starts");
    let stdout = child.stdout.take().expect("sandbox stdout");
    let mut first = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("sandbox prints its address");
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected sandbox output {first:?}"))
        .to_string();
    (child, url)
}

async fn setup(url: &str, key: &str) -> Bench {
    let client = Client::builder()
        .api_key(key.to_string())
        .base_url(url.to_string())
        .build()
        .expect("client");
    let bare = Bare {
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest"),
        base: url.to_string(),
        auth: format!("Bearer {key}"),
    };
    let mut ids: Vec<String> = client
        .cards()
        .list(CardListParams {
            per_page: Some(100),
            ..Default::default()
        })
        .await
        .expect("list")
        .data
        .into_iter()
        .map(|c| c.id)
        .collect();
    while ids.len() < 100 {
        let c = client
            .cards()
            .create(CardCreateParams::new("491653", 1.0))
            .await
            .expect("create");
        ids.push(c.id);
    }
    Bench { client, bare, ids }
}

/// `--serve`: answers `core|bare seq|list|conc64 SECONDS` lines with requests/s.
async fn serve(bench: &Bench) {
    println!("ready {}", bench.ids.len());
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while let Some(Ok(cmd)) = lines.next() {
        let parts: Vec<&str> = cmd.split_whitespace().collect();
        let side = match parts.first() {
            Some(&"core") => Side::Core,
            Some(&"bare") => Side::Bare,
            Some(&"quit") | None => break,
            Some(other) => {
                println!("error unknown side {other}");
                continue;
            }
        };
        let workload = match parts.get(1) {
            Some(&"seq") => Workload::Seq,
            Some(&"list") => Workload::List,
            Some(&"conc64") => Workload::Conc64,
            other => {
                println!("error unknown workload {other:?}");
                continue;
            }
        };
        let secs = parts
            .get(2)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(1.0);
        let rps = bench.measure(side, workload, secs).await;
        println!("{rps:.1}");
    }
}

/// Microseconds per call of `f`, best of 5 rounds of `n` calls.
fn time_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
    best
}

/// `--decode`: the core's typed decoding of a list of 100 against the JSON dispatch's.
async fn decode_costs(bench: &Bench) {
    let resp = bench
        .bare
        .http
        .get(format!("{}/cards?per_page=100", bench.bare.base))
        .header("Authorization", &bench.bare.auth)
        .send()
        .await
        .expect("list");
    let body = resp.bytes().await.expect("body");
    let n = 2000;
    let typed = time_us(n, || {
        let page: Page<CardSummary> = serde_json::from_slice(&body).expect("typed");
        std::hint::black_box(page);
    });
    let value = time_us(n, || {
        let v: serde_json::Value = serde_json::from_slice(&body).expect("value");
        std::hint::black_box(v);
    });
    let tree: serde_json::Value = serde_json::from_slice(&body).expect("value");
    let check = time_us(n, || {
        let page = <Page<CardSummary> as serde::Deserialize>::deserialize(&tree).expect("check");
        std::hint::black_box(page);
    });
    let text = time_us(n, || {
        std::hint::black_box(serde_json::to_string(&tree).expect("text"));
    });
    println!(
        "list of 100 ({} bytes): typed from_slice {typed:.1} us | ops path: Value {value:.1} + typed check from Value {check:.1} + to JSON text {text:.1} = {:.1} us",
        body.len(),
        value + check + text
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
    let a = args();
    let key = a
        .key
        .clone()
        .unwrap_or_else(|| format!("sk_test_bench_{}", std::process::id()));
    let mut child = None;
    let mut inproc = None;
    let (url, kind) = if let Some(url) = a.url.clone() {
        (url, "external sandbox")
    } else if let Some(path) = &a.sandbox {
        let (c, url) = spawn_sandbox(path);
        child = Some(c);
        (url, "external release ctc-sandbox")
    } else {
        let sb = cryptotopcard_sandbox::start(cryptotopcard_sandbox::Config::default())
            .expect("sandbox starts");
        let url = sb.url().to_string();
        inproc = Some(sb);
        (url, "in-process sandbox")
    };
    let bench = setup(&url, &key).await;
    if a.decode {
        decode_costs(&bench).await;
    } else if a.serve {
        serve(&bench).await;
    } else {
        println!(
            "ctc-bench: {kind} at {url}, best of {rounds} alternating rounds of {secs} s, 100 cards"
        );
        let (c, b) = bench.compare(Workload::Seq, secs, rounds).await;
        line("sequential retrieve", c, b);
        let (c, b) = bench.compare(Workload::List, secs, rounds).await;
        line("list 100 cards", c, b);
        let (c, b) = bench.compare(Workload::Conc64, secs, rounds).await;
        line("64 concurrent retrieve", c, b);
    }
    if let Some(sb) = inproc {
        sb.shutdown();
    }
    if let Some(mut c) = child {
        let _ = c.kill();
        let _ = c.wait();
    }
}

fn main() {
    cryptotopcard::runtime::runtime().block_on(run());
}
