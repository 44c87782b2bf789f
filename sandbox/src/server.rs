//! The HTTP layer: request ids, auth, faults, rate limits, idempotency, persistence and the
//! hand-off of emitted events to webhook delivery. Endpoint logic lives in `api`.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::api::{self, Ctx};
use crate::faults::{self, Action, Plan};
use crate::model::{random_hex, Account, Idem};
use crate::store::Store;
use crate::validate::{ApiError, Query};
use crate::webhooks;
use crate::{Config, Error};

const MAX_BODY: usize = 1 << 20;
const IDEMPOTENCY_TTL_SECS: i64 = 24 * 3600;

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Default)]
pub struct Stats {
    requests: AtomicU64,
    replays: AtomicU64,
    rate_limited: AtomicU64,
    drop_after_commit: AtomicU64,
    error_500: AtomicU64,
    error_503: AtomicU64,
    rate_limit: AtomicU64,
    delay_ms: AtomicU64,
    status: AtomicU64,
}

fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

impl Stats {
    fn to_json(&self) -> Value {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let faults = [
            g(&self.drop_after_commit),
            g(&self.error_500),
            g(&self.error_503),
            g(&self.rate_limit),
            g(&self.delay_ms),
            g(&self.status),
        ];
        json!({
            "requests": g(&self.requests),
            "replays": g(&self.replays),
            "rate_limited": g(&self.rate_limited),
            "faults": {
                "drop_after_commit": faults[0],
                "error_500": faults[1],
                "error_503": faults[2],
                "rate_limit": faults[3],
                "delay_ms": faults[4],
                "status": faults[5],
            },
            "faults_total": faults.iter().sum::<u64>(),
        })
    }
}

pub struct App {
    pub cfg: Config,
    accounts: Mutex<HashMap<String, Arc<Mutex<Account>>>>,
    /// Per account, the last [`REQUEST_LOG_LEN`] requests' telemetry (GET /sandbox/requests).
    request_log: Mutex<HashMap<String, VecDeque<Value>>>,
    stats: Stats,
    store: Option<Store>,
    pub http: reqwest::Client,
    pub shutdown: watch::Receiver<bool>,
    tokens: AtomicU64,
}

impl App {
    fn account(&self, id: &str, live: bool) -> Arc<Mutex<Account>> {
        let mut map = lock(&self.accounts);
        map.entry(id.to_string())
            .or_insert_with(|| {
                Arc::new(Mutex::new(Account::new(
                    live,
                    self.cfg.initial_balance_cents,
                )))
            })
            .clone()
    }

    fn persist(&self, id: &str, a: &Account) {
        if let Some(store) = &self.store {
            let result = serde_json::to_string(a)
                .map_err(|e| e.to_string())
                .and_then(|snap| store.save(id, &snap));
            if let Err(e) = result {
                tracing::warn!(error = %e, "cannot persist the sandbox state");
            }
        }
    }
}

pub struct Launched {
    pub url: String,
    pub addr: SocketAddr,
    pub shutdown: watch::Sender<bool>,
    pub task: tokio::task::JoinHandle<()>,
}

async fn wait_true(mut rx: watch::Receiver<bool>) {
    loop {
        if *rx.borrow() {
            return;
        }
        if rx.changed().await.is_err() {
            return;
        }
    }
}

pub async fn launch(cfg: Config) -> Result<Launched, Error> {
    if cfg.initial_balance_cents < 0 {
        return Err(Error::Config("initial balance must not be negative".into()));
    }
    let ip: std::net::IpAddr = cfg
        .host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .or_else(|_| {
            if cfg.host.eq_ignore_ascii_case("localhost") {
                Ok(std::net::IpAddr::from([127, 0, 0, 1]))
            } else {
                Err(Error::Config(format!(
                    "host {:?} is not an IP address",
                    cfg.host
                )))
            }
        })?;
    let store = match &cfg.data {
        Some(path) => Some(Store::open(path).map_err(Error::Storage)?),
        None => None,
    };
    let mut accounts = HashMap::new();
    if let Some(store) = &store {
        for (id, snap) in store.load().map_err(Error::Storage)? {
            let mut a: Account = serde_json::from_str(&snap)
                .map_err(|e| Error::Storage(format!("account snapshot unreadable: {e}")))?;
            // A request that was in flight when the snapshot was taken died with that process.
            a.idem.retain(|_, v| matches!(v, Idem::Done { .. }));
            accounts.insert(id, Arc::new(Mutex::new(a)));
        }
    }
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, cfg.port))
        .await
        .map_err(Error::Bind)?;
    let addr = listener.local_addr().map_err(Error::Bind)?;
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .map_err(|e| Error::Runtime(format!("webhook HTTP client: {e}")))?;
    let (tx, rx) = watch::channel(false);
    let app = Arc::new(App {
        cfg,
        accounts: Mutex::new(accounts),
        request_log: Mutex::new(HashMap::new()),
        stats: Stats::default(),
        store,
        http,
        shutdown: rx.clone(),
        tokens: AtomicU64::new(1),
    });
    let router = Router::new().fallback(handle).with_state(app);
    let task = tokio::spawn(async move {
        let graceful = axum::serve(listener, router).with_graceful_shutdown(wait_true(rx.clone()));
        // Connections kept open by clients get two seconds to finish after the signal.
        let forced = async {
            wait_true(rx.clone()).await;
            tokio::time::sleep(Duration::from_secs(2)).await;
        };
        tokio::select! {
            r = graceful => {
                if let Err(e) = r {
                    tracing::warn!(error = %e, "sandbox server stopped");
                }
            }
            _ = forced => {}
        }
    });
    Ok(Launched {
        url: format!("http://{addr}/v1"),
        addr,
        shutdown: tx,
        task,
    })
}

fn json_response(status: u16, body: Option<&str>, request_id: &str) -> Response {
    let mut resp = Response::new(match body {
        Some(b) => Body::from(b.to_string()),
        None => Body::empty(),
    });
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    if body.is_some() {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("x-request-id", v);
    }
    resp
}

fn error_response(request_id: &str, e: &ApiError) -> Response {
    let body = e.body(request_id).to_string();
    let mut resp = json_response(e.status, Some(&body), request_id);
    if let Some(secs) = e.retry_after {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

/// Marks a response whose connection is dropped on purpose (for the request log).
#[derive(Clone, Copy)]
struct Dropped;

/// A response whose body stream fails at once: the client sees the connection drop.
fn dropped_response(request_id: &str) -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("sandbox fault: drop_after_commit"))
    });
    let mut resp = Response::new(Body::from_stream(stream));
    resp.extensions_mut().insert(Dropped);
    if let Ok(v) = HeaderValue::from_str(request_id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}

/// The account id (SHA-256 of the key, so no key is ever stored) and whether it is live.
fn authenticate(headers: &HeaderMap) -> Result<(String, bool), ApiError> {
    let fail = |m: &str| ApiError::new(401, "authentication_failed", m.to_string());
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| fail("No API key provided. Send 'Authorization: Bearer sk_test_...'."))?
        .to_str()
        .map_err(|_| fail("The Authorization header is malformed."))?;
    let (scheme, key) = value
        .trim()
        .split_once(' ')
        .ok_or_else(|| fail("The Authorization header must be 'Bearer <API key>'."))?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(fail("The Authorization header must be 'Bearer <API key>'."));
    }
    let key = key.trim();
    let (live, rest) = if let Some(rest) = key.strip_prefix("sk_test_") {
        (false, rest)
    } else if let Some(rest) = key.strip_prefix("sk_live_") {
        (true, rest)
    } else {
        return Err(fail(
            "Invalid API key: keys start with sk_test_ (sandbox) or sk_live_ (production).",
        ));
    };
    if rest.is_empty() || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(fail("Invalid API key."));
    }
    Ok((hex::encode(Sha256::digest(key.as_bytes())), live))
}

/// Sliding one-minute window; `Err(retry_after_secs)` when full.
fn hit(window: &mut VecDeque<i64>, now_ms: i64, limit: u32) -> Result<(), u64> {
    while window.front().is_some_and(|t| *t <= now_ms - 60_000) {
        window.pop_front();
    }
    if window.len() >= limit as usize {
        let oldest = window.front().copied().unwrap_or(now_ms);
        let wait_ms = (oldest + 60_000 - now_ms).max(0);
        return Err((wait_ms as u64).div_ceil(1000).max(1));
    }
    window.push_back(now_ms);
    Ok(())
}

/// Removes an in-flight idempotency marker if the request stops before storing its answer
/// (e.g. the client went away during an injected delay).
struct InFlight {
    account: Arc<Mutex<Account>>,
    key: String,
    token: u64,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut a = lock(&self.account);
        if matches!(a.idem.get(&self.key), Some(Idem::InFlight { token, .. }) if *token == self.token)
        {
            a.idem.remove(&self.key);
        }
    }
}

async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    let request_id = format!("req_{}", random_hex(16));
    bump(&app.stats.requests);
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let resp = process(&app, &request_id, req).await;
    tracing::info!(
        method = %method,
        path = %path,
        status = resp.status().as_u16(),
        dropped = resp.extensions().get::<Dropped>().is_some(),
        request_id = %request_id,
        "request"
    );
    resp
}

async fn process(app: &Arc<App>, rid: &str, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let method = parts.method;
    let headers = parts.headers;
    let path = parts.uri.path().to_string();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.first() != Some(&"v1") {
        return error_response(
            rid,
            &ApiError::new(
                404,
                "not_found",
                format!("Unknown route: {method} {path} (the API lives under /v1)"),
            ),
        );
    }
    let segs = &segs[1..];
    let (account_id, live) = match authenticate(&headers) {
        Ok(x) => x,
        Err(e) => return error_response(rid, &e),
    };
    // Resolve the route before anything else: an unknown path is 404, a known path with another
    // method is 405 (with Allow); neither consumes an idempotency key.
    match api::allowed_methods(segs) {
        None => {
            return error_response(
                rid,
                &ApiError::new(404, "not_found", format!("Unknown route: {method} {path}")),
            )
        }
        Some(methods) if !methods.contains(&method.as_str()) => {
            let mut resp = error_response(
                rid,
                &ApiError::new(
                    405,
                    "method_not_allowed",
                    format!(
                        "{method} is not allowed on {path}; use {}",
                        methods.join(", ")
                    ),
                ),
            );
            if let Ok(v) = HeaderValue::from_str(&methods.join(", ")) {
                resp.headers_mut().insert(header::ALLOW, v);
            }
            return resp;
        }
        Some(_) => {}
    }
    let is_sandbox = segs.first() == Some(&"sandbox");
    if is_sandbox && live {
        return error_response(
            rid,
            &ApiError::new(
                403,
                "forbidden",
                "Sandbox endpoints are only available with sk_test_ keys.",
            ),
        );
    }
    let admin_read = is_sandbox && method == Method::GET;
    if admin_read && segs == ["sandbox", "requests"] {
        let log = lock(&app.request_log);
        let items: Vec<Value> = log
            .get(&account_id)
            .map(|l| l.iter().cloned().collect())
            .unwrap_or_default();
        return json_response(200, Some(&json!({ "data": items }).to_string()), rid);
    }
    if !admin_read {
        record_request(app, &account_id, &method, &path, &headers);
    }

    // Faults decided before any work.
    let plan: Plan = match headers.get("x-sandbox-fault") {
        Some(v) => match v
            .to_str()
            .map_err(|e| e.to_string())
            .and_then(faults::parse_header)
        {
            Ok(p) => p,
            Err(m) => return error_response(rid, &ApiError::invalid("X-Sandbox-Fault", m)),
        },
        None if !admin_read && !app.cfg.faults.is_off() => faults::roll(&app.cfg.faults),
        None => Plan::default(),
    };
    match plan.action {
        Some(Action::Error500) => {
            bump(&app.stats.error_500);
            return error_response(
                rid,
                &ApiError::new(500, "internal_error", "Injected fault: internal error."),
            );
        }
        Some(Action::Error503) => {
            bump(&app.stats.error_503);
            return error_response(
                rid,
                &ApiError::new(
                    503,
                    "service_unavailable",
                    "Injected fault: service unavailable.",
                ),
            );
        }
        Some(Action::Status(code)) => {
            bump(&app.stats.status);
            return error_response(
                rid,
                &ApiError::new(
                    code,
                    "injected_fault",
                    "Injected fault: status answered on request.",
                ),
            );
        }
        Some(Action::RateLimit) => {
            bump(&app.stats.rate_limit);
            return error_response(
                rid,
                &ApiError::rate_limited(1, "Injected fault: too many requests."),
            );
        }
        _ => {}
    }

    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return error_response(
                rid,
                &ApiError::invalid(
                    "body",
                    "the request body is unreadable or larger than 1 MiB",
                ),
            )
        }
    };
    let has_body = method == Method::POST || method == Method::PATCH;
    let body_map: Map<String, Value> = if has_body && !bytes.iter().all(u8::is_ascii_whitespace) {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(m)) => m,
            Ok(_) => {
                return error_response(
                    rid,
                    &ApiError::invalid("body", "the request body must be a JSON object"),
                )
            }
            Err(e) => {
                return error_response(
                    rid,
                    &ApiError::invalid("body", format!("the request body is not valid JSON: {e}")),
                )
            }
        }
    } else {
        Map::new()
    };
    let query = match axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
        Ok(q) => Query(q.0),
        Err(_) => {
            return error_response(rid, &ApiError::invalid("query", "malformed query string"))
        }
    };

    let is_write = method == Method::POST || method == Method::PATCH || method == Method::DELETE;
    let idem_key = match headers.get("x-idempotency-key").filter(|_| is_write) {
        None => None,
        Some(v) => match v.to_str() {
            Ok(s)
                if (1..=255).contains(&s.len())
                    && s.bytes().all(|c| (0x21..=0x7e).contains(&c)) =>
            {
                Some(s.to_string())
            }
            _ => {
                return error_response(
                    rid,
                    &ApiError::invalid(
                        "X-Idempotency-Key",
                        "X-Idempotency-Key must be 1 to 255 visible ASCII characters",
                    ),
                )
            }
        },
    };
    let fingerprint = idem_key.as_ref().map(|_| {
        let mut h = Sha256::new();
        h.update(method.as_str().as_bytes());
        h.update(b" ");
        h.update(parts.uri.path().as_bytes());
        h.update(b"?");
        h.update(parts.uri.query().unwrap_or("").as_bytes());
        h.update(b"\n");
        // serde_json's map is sorted, so key order and spacing do not matter.
        h.update(Value::Object(body_map.clone()).to_string().as_bytes());
        hex::encode(h.finalize())
    });

    let account = app.account(&account_id, live);
    let mut in_flight: Option<InFlight> = None;
    {
        let mut a = lock(&account);
        let now = a.now();
        let now_ms = now.timestamp_millis();
        if let Some(limit) = app.cfg.rate_limit.filter(|_| !admin_read) {
            if let Err(retry) = hit(&mut a.global_hits, now_ms, limit) {
                bump(&app.stats.rate_limited);
                return error_response(
                    rid,
                    &ApiError::rate_limited(
                        retry,
                        format!("Rate limit of {limit} requests per minute exceeded."),
                    ),
                );
            }
        }
        let details =
            method == Method::GET && segs.len() == 3 && segs[0] == "cards" && segs[2] == "details";
        if details && app.cfg.details_rate_limit > 0 {
            let limit = app.cfg.details_rate_limit;
            if let Err(retry) = hit(&mut a.details_hits, now_ms, limit) {
                bump(&app.stats.rate_limited);
                return error_response(
                    rid,
                    &ApiError::rate_limited(
                        retry,
                        format!("Card details are limited to {limit} requests per minute."),
                    ),
                );
            }
        }
        if let (Some(key), Some(fp)) = (&idem_key, &fingerprint) {
            match a.idem.get(key) {
                Some(Idem::Done {
                    fingerprint,
                    status,
                    body,
                    at,
                }) if (now - *at).num_seconds() < IDEMPOTENCY_TTL_SECS => {
                    if fingerprint != fp {
                        return error_response(
                            rid,
                            &ApiError::new(
                                409,
                                "idempotency_key_reused",
                                "This idempotency key was already used with a different request.",
                            ),
                        );
                    }
                    bump(&app.stats.replays);
                    let mut resp = json_response(*status, body.as_deref(), rid);
                    resp.headers_mut()
                        .insert("idempotent-replayed", HeaderValue::from_static("true"));
                    return resp;
                }
                Some(Idem::InFlight { .. }) => {
                    return error_response(
                        rid,
                        &ApiError::new(
                            409,
                            "idempotency_key_in_use",
                            "A request with this idempotency key is still being processed.",
                        ),
                    );
                }
                _ => {
                    let token = app.tokens.fetch_add(1, Ordering::Relaxed);
                    if a.idem.len() > 10_000 {
                        a.idem.retain(|_, v| match v {
                            Idem::Done { at, .. } => {
                                (now - *at).num_seconds() < IDEMPOTENCY_TTL_SECS
                            }
                            Idem::InFlight { .. } => true,
                        });
                    }
                    a.idem.insert(
                        key.clone(),
                        Idem::InFlight {
                            fingerprint: fp.clone(),
                            token,
                        },
                    );
                    in_flight = Some(InFlight {
                        account: account.clone(),
                        key: key.clone(),
                        token,
                    });
                }
            }
        }
    }

    if let Some(ms) = plan.delay_ms {
        bump(&app.stats.delay_ms);
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }

    let (status, body, jobs) = {
        let mut guard = lock(&account);
        let a: &mut Account = &mut guard;
        let now = a.now();
        let mut ctx = Ctx {
            a,
            now,
            stats: app.stats.to_json(),
            events: Vec::new(),
            mutated: false,
        };
        let result = api::dispatch(&mut ctx, &method, segs, &query, &body_map);
        let events = std::mem::take(&mut ctx.events);
        let mut mutated = ctx.mutated;
        let (status, body) = match result {
            Ok(r) => (r.status, r.body.map(|b| b.to_string())),
            Err(e) => (e.status, Some(e.body(rid).to_string())),
        };
        // Store the answer at commit time, before any injected fault.
        if let (Some(key), Some(fp)) = (&idem_key, &fingerprint) {
            if status < 500 {
                guard.idem.insert(
                    key.clone(),
                    Idem::Done {
                        fingerprint: fp.clone(),
                        status,
                        body: body.clone(),
                        at: now,
                    },
                );
                mutated = true;
            }
        }
        debug_assert!(guard.invariant_holds());
        if mutated {
            app.persist(&account_id, &guard);
        }
        let mut jobs = Vec::new();
        for ev in &events {
            let event_type = ev["type"].as_str().unwrap_or_default().to_string();
            let event_id = ev["id"].as_str().unwrap_or_default().to_string();
            let bytes = Arc::new(ev.to_string().into_bytes());
            for w in guard.webhooks.iter().filter(|w| w.wants(&event_type)) {
                jobs.push(webhooks::Job {
                    event_id: event_id.clone(),
                    event_type: event_type.clone(),
                    webhook_id: w.id.clone(),
                    url: w.url.clone(),
                    secret: w.secret.clone(),
                    body: bytes.clone(),
                });
            }
        }
        (status, body, jobs)
    };
    drop(in_flight);
    for job in jobs {
        webhooks::spawn(app.clone(), account.clone(), job);
    }
    if plan.action == Some(Action::DropAfterCommit) {
        bump(&app.stats.drop_after_commit);
        return dropped_response(rid);
    }
    if headers.contains_key(FUTURE_FIELDS_HEADER) && (200..300).contains(&status) {
        if let Some(b) = body.as_deref().and_then(with_future_fields) {
            return json_response(status, Some(&b), rid);
        }
    }
    json_response(status, body.as_deref(), rid)
}

/// How many requests per account `GET /sandbox/requests` keeps.
const REQUEST_LOG_LEN: usize = 100;

/// Logs what a client says about itself: the user agent and the `X-CTC-*` telemetry headers
/// (never `Authorization` or any other header, which may hold secrets).
fn record_request(app: &App, account_id: &str, method: &Method, path: &str, headers: &HeaderMap) {
    let mut telemetry = Map::new();
    for (name, value) in headers {
        let n = name.as_str();
        if n == "user-agent" || n.starts_with("x-ctc-") {
            if let Ok(v) = value.to_str() {
                telemetry.insert(n.to_string(), Value::from(v));
            }
        }
    }
    let entry = json!({ "method": method.as_str(), "path": path, "headers": telemetry });
    let mut log = lock(&app.request_log);
    let l = log.entry(account_id.to_string()).or_default();
    if l.len() == REQUEST_LOG_LEN {
        l.pop_front();
    }
    l.push_back(entry);
}

/// Request header asking for a field no SDK knows yet in the answer, as a newer API would add
/// one: tests prove that every SDK keeps unknown fields.
const FUTURE_FIELDS_HEADER: &str = "x-sandbox-future-fields";
/// The name and value of that field.
pub const FUTURE_FIELD: (&str, &str) = ("sandbox_future_field", "from a newer API");

/// Adds [`FUTURE_FIELD`] to a JSON object answer, and to each object of its `data` list.
fn with_future_fields(body: &str) -> Option<String> {
    let mut v: Value = serde_json::from_str(body).ok()?;
    let add = |o: &mut Map<String, Value>| {
        o.insert(FUTURE_FIELD.0.into(), Value::from(FUTURE_FIELD.1));
    };
    let obj = v.as_object_mut()?;
    add(obj);
    if let Some(Value::Array(items)) = obj.get_mut("data") {
        items
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .for_each(add);
    }
    Some(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window() {
        let mut w = VecDeque::new();
        for i in 0..3 {
            assert!(hit(&mut w, i, 3).is_ok());
        }
        assert_eq!(hit(&mut w, 1_000, 3), Err(59));
        assert!(hit(&mut w, 60_000, 3).is_ok());
    }

    #[test]
    fn auth_rules() {
        let mut h = HeaderMap::new();
        assert!(authenticate(&h).is_err());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer sk_test_abc"),
        );
        assert!(!authenticate(&h).unwrap().1);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer sk_live_abc"),
        );
        assert!(authenticate(&h).unwrap().1);
        for bad in [
            "Bearer sk_test_",
            "Basic sk_test_abc",
            "sk_test_abc",
            "Bearer pk_test_abc",
        ] {
            h.insert(header::AUTHORIZATION, HeaderValue::from_static(bad));
            let e = authenticate(&h).unwrap_err();
            assert_eq!(e.status, 401);
            assert!(!e.message.contains("abc"));
        }
    }
}
