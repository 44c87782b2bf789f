use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::common::*;

#[derive(Clone, Copy)]
enum Answer {
    Status(u16),
    Hang(Duration),
}

#[derive(Clone)]
struct Got {
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Got>>>,
    /// Per path: answers to give, in order; 200 once a script runs out (or `default` if set).
    script: Arc<Mutex<HashMap<String, VecDeque<Answer>>>>,
    default: Arc<Mutex<HashMap<String, u16>>>,
}

impl Receiver {
    fn got(&self, path: &str) -> Vec<Got> {
        self.got
            .lock()
            .unwrap()
            .iter()
            .filter(|g| g.path == path)
            .cloned()
            .collect()
    }
}

async fn hook(State(r): State<Receiver>, uri: Uri, headers: HeaderMap, body: Bytes) -> StatusCode {
    let path = uri.path().to_string();
    r.got.lock().unwrap().push(Got {
        path: path.clone(),
        headers,
        body,
    });
    let next = r
        .script
        .lock()
        .unwrap()
        .get_mut(&path)
        .and_then(VecDeque::pop_front);
    let answer = next.unwrap_or_else(|| {
        Answer::Status(r.default.lock().unwrap().get(&path).copied().unwrap_or(200))
    });
    match answer {
        Answer::Status(s) => StatusCode::from_u16(s).unwrap(),
        Answer::Hang(d) => {
            tokio::time::sleep(d).await;
            StatusCode::OK
        }
    }
}

async fn receiver() -> (String, Receiver) {
    let r = Receiver::default();
    let app = axum::Router::new().fallback(hook).with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), r)
}

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

fn header(g: &Got, name: &str) -> String {
    g.headers.get(name).unwrap().to_str().unwrap().to_string()
}

async fn deliveries(api: &Api, query: &str) -> Vec<Value> {
    api.get(&format!("/sandbox/webhook_deliveries?{query}"))
        .await
        .body["data"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_signed_filtered_and_logged() {
    let (_h, api) = sandbox(fast_config()).await;
    let (base, rx) = receiver().await;
    let (api, rx) = (&api, &rx);
    let secret = "whsec_given_secret_0123456789abcdefghij";
    let w1 = api
        .post("/webhooks", json!({"url": format!("{base}/a"), "events": ["card.created", "card.funded"], "secret": secret}))
        .await
        .expect_status(201)
        .clone();
    assert!(w1["id"].as_str().unwrap().starts_with("wh_"));
    assert_eq!(w1["secret"], secret);
    assert_eq!(w1["active"], true);
    assert_eq!(w1["events"], json!(["card.created", "card.funded"]));
    assert!(is_rfc3339(&w1["created_at"]));
    let w2 = api
        .post(
            "/webhooks",
            json!({"url": format!("{base}/b"), "events": ["*"]}),
        )
        .await
        .expect_status(201)
        .clone();
    let secret2 = w2["secret"].as_str().unwrap().to_string();
    let rand_part = secret2.strip_prefix("whsec_").unwrap();
    assert!(
        rand_part.len() >= 32 && rand_part.chars().all(|c| c.is_ascii_alphanumeric()),
        "{secret2}"
    );
    let list = api.get("/webhooks").await;
    assert_eq!(list.body["pagination"]["total"], 2);
    assert!(
        list.body["data"][1].get("secret").is_none(),
        "secrets are only shown at creation"
    );

    let card = api.card("491653", 100.0).await;
    let id = card["id"].as_str().unwrap();
    api.post(&format!("/cards/{id}/fund"), json!({"amount": 5}))
        .await
        .expect_status(200);
    api.post(&format!("/cards/{id}/freeze"), json!({}))
        .await
        .expect_status(200);

    let a = eventually(move || async move {
        let g = rx.got("/a");
        (g.len() >= 2).then_some(g)
    })
    .await;
    let b = eventually(move || async move {
        let g = rx.got("/b");
        (g.len() >= 3).then_some(g)
    })
    .await;
    let events = api.get("/sandbox/events").await.body["data"]
        .as_array()
        .unwrap()
        .clone();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["card.created", "card.funded", "card.frozen"]);

    for (got, secret) in [(&a, secret), (&b, secret2.as_str())] {
        for g in got.iter() {
            let body: Value = serde_json::from_slice(&g.body).unwrap();
            assert_eq!(header(g, "x-ctc-signature"), sign(secret, &g.body));
            assert_eq!(header(g, "x-ctc-event"), body["type"].as_str().unwrap());
            assert_eq!(header(g, "x-ctc-delivery"), body["id"].as_str().unwrap());
            assert_eq!(header(g, "content-type"), "application/json");
            assert!(body["id"].as_str().unwrap().starts_with("evt_"));
            assert!(is_rfc3339(&body["created_at"]));
            assert_eq!(body["data"]["id"], id);
            let mut keys: Vec<&str> = body
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort();
            assert_eq!(keys, ["created_at", "data", "id", "type"]);
            assert!(
                events.iter().any(|e| e == &body),
                "delivered event is the logged one"
            );
        }
    }
    let mut a_types: Vec<String> = a.iter().map(|g| header(g, "x-ctc-event")).collect();
    a_types.sort();
    assert_eq!(
        a_types,
        ["card.created", "card.funded"],
        "card.frozen is not subscribed on /a"
    );
    assert_eq!(b.len(), 3);

    let w1 = &w1;
    let log = eventually(move || async move {
        let d = deliveries(api, &format!("webhook_id={}", w1["id"].as_str().unwrap())).await;
        (d.len() >= 2).then_some(d)
    })
    .await;
    assert_eq!(log.len(), 2);
    for d in &log {
        assert_eq!(d["attempt"], 1);
        assert_eq!(d["status"], 200);
        assert_eq!(d["ok"], true);
        assert_eq!(d["error"], json!(null));
        assert_eq!(d["url"], format!("{base}/a"));
    }

    // Deleting stops deliveries to that endpoint.
    let del = api
        .delete(&format!("/webhooks/{}", w2["id"].as_str().unwrap()))
        .await;
    assert_eq!(del.status, 204);
    assert_eq!(del.raw, "");
    api.delete(&format!("/webhooks/{}", w2["id"].as_str().unwrap()))
        .await
        .expect_error(404, "not_found");
    let b_before = deliveries(api, &format!("webhook_id={}", w2["id"].as_str().unwrap()))
        .await
        .len();
    api.card("491653", 1.0).await;
    eventually(move || async move { (rx.got("/a").len() >= 3).then_some(()) }).await;
    assert_eq!(
        deliveries(api, &format!("webhook_id={}", w2["id"].as_str().unwrap()))
            .await
            .len(),
        b_before
    );
    assert_eq!(api.get("/webhooks").await.body["pagination"]["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_deliveries_are_retried_then_given_up() {
    let (_h, api) = sandbox(cryptotopcard_sandbox::Config {
        webhook_retry_base: Duration::from_millis(5),
        ..fast_config()
    })
    .await;
    let (base, rx) = receiver().await;
    let (api, rx) = (&api, &rx);
    rx.script.lock().unwrap().insert(
        "/flaky".into(),
        VecDeque::from([Answer::Status(500), Answer::Status(502)]),
    );
    rx.default.lock().unwrap().insert("/down".into(), 503);
    api.post("/webhooks", json!({"url": format!("{base}/flaky"), "events": ["deposit.confirmed"], "secret": "s3cr3t"})).await.expect_status(201);
    api.post(
        "/webhooks",
        json!({"url": format!("{base}/down"), "events": ["deposit.confirmed"]}),
    )
    .await
    .expect_status(201);
    let dep = api
        .post(
            "/sandbox/deposits",
            json!({"currency": "eth", "amount_usd": 10}),
        )
        .await
        .expect_status(201)
        .clone();

    let flaky = eventually(move || async move {
        let d = deliveries(
            api,
            &format!(
                "webhook_id={}",
                api.get("/webhooks").await.body["data"][0]["id"]
                    .as_str()
                    .unwrap()
            ),
        )
        .await;
        d.iter().any(|x| x["ok"] == true).then_some(d)
    })
    .await;
    let summary: Vec<(i64, i64, bool)> = flaky
        .iter()
        .map(|d| {
            (
                d["attempt"].as_i64().unwrap(),
                d["status"].as_i64().unwrap(),
                d["ok"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(1, 500, false), (2, 502, false), (3, 200, true)]);
    assert!(flaky[0]["error"].as_str().unwrap().contains("500"));
    let got = rx.got("/flaky");
    assert_eq!(got.len(), 3);
    for g in &got {
        assert_eq!(g.body, got[0].body, "a retry resends the same event");
        assert_eq!(header(g, "x-ctc-signature"), sign("s3cr3t", &g.body));
    }
    let body: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(body["type"], "deposit.confirmed");
    assert_eq!(body["data"], dep);

    let down_id = api.get("/webhooks").await.body["data"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let down_id = &down_id;
    let down = eventually(move || async move {
        let d = deliveries(api, &format!("webhook_id={down_id}")).await;
        (d.len() >= 6).then_some(d)
    })
    .await;
    let attempts: Vec<i64> = down
        .iter()
        .map(|d| d["attempt"].as_i64().unwrap())
        .collect();
    assert_eq!(attempts, [1, 2, 3, 4, 5, 6], "one delivery and 5 retries");
    assert!(down.iter().all(|d| d["ok"] == false && d["status"] == 503));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_and_unreachable_endpoints_are_retried() {
    let (_h, api) = sandbox(cryptotopcard_sandbox::Config {
        webhook_timeout: Duration::from_millis(300),
        webhook_max_retries: 2,
        ..fast_config()
    })
    .await;
    let (base, rx) = receiver().await;
    let (api, rx) = (&api, &rx);
    rx.script.lock().unwrap().insert(
        "/slow".into(),
        VecDeque::from([Answer::Hang(Duration::from_secs(3))]),
    );
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let slow = api
        .post(
            "/webhooks",
            json!({"url": format!("{base}/slow"), "events": ["card.created"]}),
        )
        .await
        .body["id"]
        .clone();
    let dead = api
        .post(
            "/webhooks",
            json!({"url": format!("http://{closed}/x"), "events": ["card.created"]}),
        )
        .await
        .body["id"]
        .clone();
    api.card("531993", 3.0).await;
    let (slow, dead) = (&slow, &dead);
    let s = eventually(move || async move {
        let d = deliveries(api, &format!("webhook_id={}", slow.as_str().unwrap())).await;
        d.iter().any(|x| x["ok"] == true).then_some(d)
    })
    .await;
    assert_eq!(s[0]["ok"], false);
    assert_eq!(s[0]["status"], json!(null));
    assert_eq!(s[0]["error"], "timed out");
    assert_eq!(s.last().unwrap()["status"], 200);
    let d = eventually(move || async move {
        let d = deliveries(api, &format!("webhook_id={}", dead.as_str().unwrap())).await;
        (d.len() >= 3).then_some(d)
    })
    .await;
    assert_eq!(d.len(), 3, "one delivery and 2 retries");
    assert!(d
        .iter()
        .all(|x| x["ok"] == false && x["status"].is_null() && x["error"].is_string()));
}
