//! Conformance runner for the Rust SDK (tests/conformance/cases.json).
//!
//! ```text
//! cargo run --manifest-path tests/conformance/rust/Cargo.toml -- [--cases FILE] [--sandbox BIN] [-k TEXT]
//! ```
//!
//! Starts ctc-sandbox on a free port of 127.0.0.1 (or uses `CTC_SANDBOX_URL`), runs every case
//! through `cryptotopcard::ops::call` (the typed API for the amounts JSON cannot carry, NaN and
//! infinities), prints one line per failing case and ends with `N passed, N failed`. It also
//! checks the case file against the core: every operation has a success case, every operation
//! and error class named exists. Exit status 1 when a case failed.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use cryptotopcard::ops::{self, Output};
use cryptotopcard::runtime::runtime;
use cryptotopcard::{
    CardCreateParams, CardFundParams, CardUpdateParams, CardWithdrawParams, SandboxAuthorizeParams,
    TransactionListParams,
};
use cryptotopcard::{Client, Error, MetadataValue, RequestOptions, ERROR_CLASSES};
use serde_json::{Map, Value};

const LANG: &str = "rust";

/// The case cannot run as written (bad reference, setup failure, not expressible...).
#[derive(Debug)]
struct CaseError(String);

type CaseResult<T> = Result<T, CaseError>;

fn case_err<T>(msg: impl Into<String>) -> CaseResult<T> {
    Err(CaseError(msg.into()))
}

// ----------------------------------------------------------------------------- sandbox and HTTP

struct Sandbox {
    url: String,
    child: Option<Child>,
    http: reqwest::Client,
}

impl Sandbox {
    fn start(binary: &str) -> Result<Sandbox, String> {
        let http = reqwest::Client::new();
        if let Ok(url) = std::env::var("CTC_SANDBOX_URL") {
            let url = url.trim_end_matches('/').to_string();
            return Ok(Sandbox {
                url,
                child: None,
                http,
            });
        }
        let mut child = Command::new(binary)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {binary}: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let read = reader.read_line(&mut line);
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            return Err(format!(
                "ctc-sandbox did not start (first line {line:?}, {read:?})"
            ));
        };
        let url = url.trim_end_matches('/').to_string();
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = reader.read_to_end(&mut sink);
        });
        Ok(Sandbox {
            url,
            child: Some(child),
            http,
        })
    }

    fn get(&self, path: &str, key: &str) -> CaseResult<Value> {
        let request = self
            .http
            .get(format!("{}{path}", self.url))
            .bearer_auth(key)
            .send();
        runtime()
            .block_on(async move {
                let res = request.await?.error_for_status()?;
                res.json::<Value>().await
            })
            .map_err(|e| CaseError(format!("GET {path}: {e}")))
    }

    fn request_count(&self, key: &str) -> CaseResult<i64> {
        let stats = self.get("/sandbox/stats", key)?;
        match stats["requests"].as_i64() {
            Some(n) => Ok(n),
            None => case_err("stats without a request count"),
        }
    }

    fn log(&self, key: &str) -> CaseResult<Vec<Value>> {
        let v = self.get("/sandbox/requests", key)?;
        Ok(v["data"].as_array().cloned().unwrap_or_default())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

// ----------------------------------------------------------------------------- values

fn lookup<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) => m.get(key),
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name.a.b` -> the value at that path of the setup result `name`.
fn reference(env: &BTreeMap<String, Value>, expr: &str) -> CaseResult<Value> {
    let mut parts = expr.split('.');
    let name = parts.next().unwrap_or_default();
    let Some(mut v) = env.get(name) else {
        return case_err(format!("unknown reference ${name}"));
    };
    for seg in parts {
        match lookup(v, seg) {
            Some(next) => v = next,
            None => return case_err(format!("reference ${expr}: no field {seg}")),
        }
    }
    Ok(v.clone())
}

fn is_reference(expr: &str) -> bool {
    let mut parts = expr.split('.');
    parts.next().is_some_and(is_ident)
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Substitutes references (`"$card.id"`, `"${card.id}"`) and builds `$repeat` strings.
/// `{"$number": ...}` markers are kept: JSON cannot hold NaN or infinities (see `call`).
fn resolve(v: &Value, env: &BTreeMap<String, Value>) -> CaseResult<Value> {
    match v {
        Value::String(s) if s == "$any" => Ok(v.clone()),
        Value::String(s) => {
            if let Some(expr) = s.strip_prefix('$').filter(|e| is_reference(e)) {
                return reference(env, expr);
            }
            let mut out = String::new();
            let mut rest = s.as_str();
            while let Some(at) = rest.find("${") {
                let Some(end) = rest[at..].find('}') else {
                    break;
                };
                out.push_str(&rest[..at]);
                out.push_str(&text(&reference(env, &rest[at + 2..at + end])?));
                rest = &rest[at + end + 1..];
            }
            out.push_str(rest);
            Ok(Value::String(out))
        }
        Value::Array(a) => a.iter().map(|x| resolve(x, env)).collect(),
        Value::Object(m) => {
            if let (Some(Value::String(s)), Some(n), 2) = (
                m.get("$repeat"),
                m.get("times").and_then(Value::as_u64),
                m.len(),
            ) {
                return Ok(Value::String(s.repeat(n as usize)));
            }
            let mut out = Map::new();
            for (k, x) in m {
                out.insert(k.clone(), resolve(x, env)?);
            }
            Ok(Value::Object(out))
        }
        _ => Ok(v.clone()),
    }
}

/// The number a `{"$number": "NaN" | "Infinity" | "-Infinity"}` marker stands for.
fn special_number(v: &Value) -> Option<f64> {
    let m = v.as_object()?;
    if m.len() != 1 {
        return None;
    }
    m.get("$number")?.as_str()?.parse::<f64>().ok()
}

fn same_number(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() <= 1e-9)
}

fn deep_equal(exp: &Value, act: &Value) -> bool {
    match (exp, act) {
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len()
                && e.iter()
                    .all(|(k, x)| a.get(k).is_some_and(|y| deep_equal(x, y)))
        }
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| deep_equal(x, y))
        }
        (Value::Number(e), _) => e.as_f64().is_some_and(|e| same_number(act, e)),
        _ => exp == act,
    }
}

fn as_list(v: &Value) -> Option<&Vec<Value>> {
    match v {
        Value::Array(a) => Some(a),
        Value::Object(m) => m.get("data").and_then(Value::as_array),
        _ => None,
    }
}

/// Mismatches of `act` against the expectation `exp` (objects: subset; see README).
fn matches(exp: &Value, act: Option<&Value>, path: &str) -> Vec<String> {
    let here = if path.is_empty() { "result" } else { path };
    let Some(act) = act else {
        // null: null or left out
        return if exp.is_null() {
            vec![]
        } else {
            vec![format!("{here}: missing")]
        };
    };
    match exp {
        Value::String(s) if s == "$any" => {
            if act.is_null() {
                vec![format!("{here}: expected a value, got null")]
            } else {
                vec![]
            }
        }
        Value::Object(m) if m.contains_key("$len") => {
            let want = m["$len"].as_u64().unwrap_or(u64::MAX);
            match as_list(act) {
                Some(items) if items.len() as u64 == want => vec![],
                _ => vec![format!("{here}: expected {want} items, got {act}")],
            }
        }
        Value::Object(m) if m.contains_key("$exact") => {
            if deep_equal(&m["$exact"], act) {
                vec![]
            } else {
                vec![format!(
                    "{here}: expected exactly {}, got {act}",
                    m["$exact"]
                )]
            }
        }
        Value::Object(m) => {
            if !act.is_object() {
                return vec![format!("{here}: expected an object, got {act}")];
            }
            m.iter()
                .flat_map(|(k, sub)| {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    matches(sub, lookup(act, k), &p)
                })
                .collect()
        }
        Value::Array(e) => match as_list(act) {
            Some(items) if items.len() == e.len() => e
                .iter()
                .zip(items)
                .enumerate()
                .flat_map(|(i, (x, y))| matches(x, Some(y), &format!("{path}[{i}]")))
                .collect(),
            _ => vec![format!("{here}: expected {} items, got {act}", e.len())],
        },
        Value::Number(n) => {
            if n.as_f64().is_some_and(|n| same_number(act, n)) {
                vec![]
            } else {
                vec![format!("{here}: expected {n}, got {act}")]
            }
        }
        _ => {
            if exp == act {
                vec![]
            } else {
                vec![format!("{here}: expected {exp}, got {act}")]
            }
        }
    }
}

fn check_key(what: &str, exp: &Value, got: Option<&str>) -> Vec<String> {
    match (exp, got) {
        (Value::Bool(true), None) => vec![format!("{what}: expected an idempotency key, got none")],
        (Value::Bool(false), Some(k)) => {
            vec![format!("{what}: expected no idempotency key, got {k:?}")]
        }
        (Value::String(e), g) if g != Some(e.as_str()) => {
            vec![format!("{what}: expected idempotency key {e:?}, got {g:?}")]
        }
        _ => vec![],
    }
}

// ----------------------------------------------------------------------------- calls

fn make_client(sb: &Sandbox, key: &str, spec: &Value) -> Result<Client, Error> {
    let key = spec["api_key"].as_str().unwrap_or(key);
    let mut builder = Client::builder()
        .api_key(key)
        .base_url(spec["base_url"].as_str().unwrap_or(sb.url.as_str()))
        .user_agent("rust", cryptotopcard::VERSION);
    if let Some(n) = spec["max_response_bytes"].as_u64() {
        builder = builder.max_response_bytes(usize::try_from(n).unwrap_or(usize::MAX));
    }
    if let Some(n) = spec["max_retries"].as_u64() {
        builder = builder.max_retries(u32::try_from(n).unwrap_or(u32::MAX));
    }
    if let Some(headers) = spec["default_headers"].as_object() {
        for (name, value) in headers {
            builder = builder.default_header(name.clone(), text(value));
        }
    }
    builder.build()
}

fn request_options(options: &Value) -> RequestOptions {
    RequestOptions {
        idempotency_key: options["idempotency_key"].as_str().map(str::to_string),
        ..RequestOptions::default()
    }
}

/// `ops::call`, the SDK's JSON entry point. JSON cannot carry NaN or infinities: params holding
/// a `{"$number": ...}` (a top-level field, or a metadata value) go through the typed API (the Rust
/// SDK's own calling convention): the finite params deserialized into the operation's params
/// struct, then the non-finite number set on its field.
fn call(
    client: &Client,
    op: &str,
    params: Value,
    opts: RequestOptions,
) -> CaseResult<Result<Output, Error>> {
    let Some(obj) = params.as_object() else {
        return Ok(runtime().block_on(ops::call(client, op, params, opts)));
    };
    let mut special: Option<(String, Option<String>, f64)> = None; // (field, metadata key, value)
    let mut finite = obj.clone();
    for (k, v) in obj {
        if let Some(f) = special_number(v) {
            special = Some((k.clone(), None, f));
            finite.remove(k);
        } else if let Some(m) = v.as_object() {
            for (mk, mv) in m {
                if let Some(f) = special_number(mv) {
                    special = Some((k.clone(), Some(mk.clone()), f));
                    if let Some(Value::Object(inner)) = finite.get_mut(k) {
                        inner.remove(mk);
                    }
                }
            }
        }
    }
    let Some((field, member, number)) = special else {
        return Ok(runtime().block_on(ops::call(client, op, params, opts)));
    };
    fn id(params: &mut Map<String, Value>, key: &str) -> String {
        params
            .remove(key)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
    let typed = |r: Result<Value, Error>| {
        r.map(|data| Output {
            body: data.to_string(),
            meta: Default::default(),
            next_page: None,
        })
    };
    macro_rules! parse {
        ($v:expr) => {
            serde_json::from_value(Value::Object($v))
                .map_err(|e| CaseError(format!("the typed API cannot express these params: {e}")))?
        };
    }
    let unsupported = || {
        case_err(format!(
            "the runner cannot pass a non-finite {field} to {op}"
        ))
    };
    let rt = runtime();
    macro_rules! run {
        ($request:expr) => {
            typed(rt.block_on(async {
                let r = $request.options(opts).await?;
                Ok(serde_json::to_value(r).unwrap_or_default())
            }))
        };
    }
    Ok(match (op, field.as_str(), member.as_deref()) {
        ("cards.fund", "amount", None) => {
            let card_id = id(&mut finite, "card_id");
            run!(client.cards().fund(&card_id, CardFundParams::new(number)))
        }
        ("cards.withdraw", "amount", None) => {
            let card_id = id(&mut finite, "card_id");
            run!(client
                .cards()
                .withdraw(&card_id, CardWithdrawParams::new(number)))
        }
        ("cards.create", "amount", None) | ("cards.create", "metadata", Some(_)) => {
            finite.entry("amount").or_insert(Value::from(0));
            let mut p: CardCreateParams = parse!(finite);
            match member.as_deref() {
                None => p.amount = number,
                Some(k) => {
                    p.metadata
                        .get_or_insert_with(Default::default)
                        .insert(k.to_string(), Some(MetadataValue::Number(number)));
                }
            }
            run!(client.cards().create(p))
        }
        ("cards.update", "spending_limit" | "auto_freeze_at", None) => {
            let card_id = id(&mut finite, "card_id");
            let mut p: CardUpdateParams = parse!(finite);
            if field == "spending_limit" {
                p.spending_limit = Some(number);
            } else {
                p.auto_freeze_at = Some(number);
            }
            run!(client.cards().update(&card_id, p))
        }
        ("sandbox.authorize", "amount", None) => {
            finite.insert("amount".into(), Value::from(0));
            let mut p: SandboxAuthorizeParams = parse!(finite);
            p.amount = number;
            run!(client.sandbox().authorize(p))
        }
        ("transactions.list", "min_amount" | "max_amount", None) => {
            let mut p: TransactionListParams = parse!(finite);
            if field == "min_amount" {
                p.min_amount = Some(number);
            } else {
                p.max_amount = Some(number);
            }
            run!(client.transactions().list(p))
        }
        _ => return unsupported(),
    })
}

fn check_error(exp: &Value, e: &Error) -> Vec<String> {
    let mut out = vec![];
    let want = exp["class"].as_str().unwrap_or_default();
    if e.class_name() != want {
        out.push(format!(
            "error class: expected {want}, got {} ({e})",
            e.class_name()
        ));
    }
    let api = e.api_error();
    let got = [
        ("status", e.status().map(Value::from).unwrap_or(Value::Null)),
        ("code", e.code().map(Value::from).unwrap_or(Value::Null)),
        ("field", e.field().map(Value::from).unwrap_or(Value::Null)),
        (
            "param",
            api.and_then(|a| a.param.clone())
                .map(Value::from)
                .unwrap_or(Value::Null),
        ),
    ];
    for (name, value) in got {
        if let Some(want) = exp.get(name) {
            if !deep_equal(want, &value) {
                out.push(format!("error {name}: expected {want}, got {value}"));
            }
        }
    }
    if let Some(want) = exp.get("retry_after").and_then(Value::as_f64) {
        let got = api.and_then(|a| a.retry_after);
        if !got.is_some_and(|g| (g - want).abs() <= 1e-9) {
            out.push(format!("error retry_after: expected {want}, got {got:?}"));
        }
    }
    if let Some(want) = exp.get("idempotency_key") {
        out.extend(check_key("error", want, e.idempotency_key()));
    }
    if exp.get("request_id") == Some(&Value::Bool(true)) {
        let got = api.and_then(|a| a.request_id.as_deref());
        if !got.is_some_and(|id| id.starts_with("req_")) {
            out.push(format!(
                "error request_id: expected the API's req_ id, got {got:?}"
            ));
        }
    }
    if exp.get("message") == Some(&Value::Bool(true)) && api.is_none_or(|a| a.message.is_empty()) {
        out.push("error message: expected the API's message, got none".into());
    }
    out
}

fn check_meta(exp: &Value, out: &Output) -> Vec<String> {
    let meta = &out.meta;
    let mut f = vec![];
    if let Some(s) = exp.get("status").and_then(Value::as_u64) {
        if u64::from(meta.status) != s {
            f.push(format!("meta status: expected {s}, got {}", meta.status));
        }
    }
    if let Some(r) = exp.get("replayed").and_then(Value::as_bool) {
        if meta.replayed != r {
            f.push(format!(
                "meta replayed: expected {r}, got {}",
                meta.replayed
            ));
        }
    }
    if let Some(want) = exp.get("idempotency_key") {
        f.extend(check_key("meta", want, meta.idempotency_key.as_deref()));
    }
    f
}

fn check_request(
    exp: &Value,
    sent: i64,
    entries: &[Value],
    logged: bool,
    env: &BTreeMap<String, Value>,
) -> CaseResult<Vec<String>> {
    let mut out = vec![];
    if exp == "none" {
        if sent != 0 {
            out.push(format!(
                "request: expected nothing sent, the sandbox got {sent}"
            ));
        }
        if logged && !entries.is_empty() {
            out.push(format!(
                "request: expected nothing sent, logged {}",
                Value::from(entries.to_vec())
            ));
        }
        return Ok(out);
    }
    let count = exp["count"].as_i64().unwrap_or(1);
    if sent != count {
        out.push(format!(
            "request: expected {count} sent, the sandbox got {sent}"
        ));
    }
    if let (Some(method), true) = (exp["method"].as_str(), logged) {
        let want = format!("{method} {}", text(&resolve(&exp["path"], env)?));
        let seen: Vec<String> = entries
            .iter()
            .map(|x| format!("{} {}", text(&x["method"]), text(&x["path"])))
            .collect();
        if seen.len() as i64 != count || seen.iter().any(|s| *s != want) {
            out.push(format!(
                "request: expected {count} x {want}, logged {seen:?}"
            ));
        }
    }
    Ok(out)
}

fn run_case(sb: &Sandbox, case: &Value, index: usize) -> CaseResult<Vec<String>> {
    let key = format!(
        "sk_test_conf_{LANG}_{index}_{}",
        &cryptotopcard::http::new_idempotency_key()[..12]
    );
    let mut env = BTreeMap::new();
    let plain =
        make_client(sb, &key, &Value::Null).map_err(|e| CaseError(format!("client: {e}")))?;
    let empty = Vec::new();
    for (i, step) in case["setup"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .enumerate()
    {
        let op = step["op"].as_str().unwrap_or_default();
        let params = resolve(&step["params"], &env)?;
        let opts = request_options(&resolve(&step["options"], &env)?);
        let client = match step.get("client") {
            Some(spec) => make_client(sb, &key, spec)
                .map_err(|e| CaseError(format!("setup step {i} ({op}): client: {e}")))?,
            None => plain.clone(),
        };
        let expected = step["error"].as_str();
        // `as` names the step's result, or its error when the step expects one.
        let value = match (call(&client, op, params, opts)?, expected) {
            (Ok(out), None) => out.data(),
            (Err(e), Some(class)) if e.class_name() == class => serde_json::json!({
                "class": class,
                "idempotency_key": e.idempotency_key(),
            }),
            (Ok(_), Some(class)) => {
                return case_err(format!(
                    "setup step {i} ({op}): expected {class}, got a result"
                ))
            }
            (Err(e), _) => {
                return case_err(format!(
                    "setup step {i} ({op}) failed: {}: {e}",
                    e.class_name()
                ))
            }
        };
        if let Some(name) = step["as"].as_str() {
            env.insert(name.to_string(), value);
        }
    }
    let op = case["op"].as_str().unwrap_or_default();
    let params = resolve(&case["params"], &env)?;
    let opts = request_options(&resolve(&case["options"], &env)?);
    let client_spec = &case["client"];
    let log_before = sb.log(&key)?;
    let count_before = sb.request_count(&key)?;
    let (client, result) = match make_client(sb, &key, client_spec) {
        Ok(client) => {
            let result = call(&client, op, params, opts)?;
            (Some(client), result)
        }
        Err(e) => (None, Err(e)),
    };
    let sent = sb.request_count(&key)? - count_before - 1;
    let log_after = sb.log(&key)?;
    let entries = log_after.get(log_before.len()..).unwrap_or_default();

    let expect = &case["expect"];
    let mut failures = vec![];
    match (&result, expect.get("error")) {
        (Err(e), Some(want)) => failures.extend(check_error(&resolve(want, &env)?, e)),
        (Ok(out), Some(want)) => failures.push(format!(
            "expected {}, got a result: {}",
            text(&want["class"]),
            out.body
        )),
        (Err(e), None) => failures.push(format!("unexpected {}: {e}", e.class_name())),
        (Ok(out), None) => {
            if let Some(want) = expect.get("result") {
                failures.extend(matches(&resolve(want, &env)?, Some(&out.data()), ""));
            }
            if let Some(want) = expect.get("meta") {
                failures.extend(check_meta(&resolve(want, &env)?, out));
            }
        }
    }
    if let Some(want) = expect.get("request") {
        let logged = client_spec.get("api_key").is_none();
        failures.extend(check_request(want, sent, entries, logged, &env)?);
    }
    if let (Some(want), Ok(out), Some(client)) = (expect.get("next_page"), &result, &client) {
        match (&out.next_page, want) {
            (None, Value::Null) => {}
            (Some(_), Value::Null) => {
                failures.push("next_page: expected none, the core gave next-page params".into())
            }
            (None, _) => failures.push("next_page: expected a next page, got none".into()),
            (Some(next), want) => {
                match runtime().block_on(ops::call(
                    client,
                    op,
                    next.clone(),
                    RequestOptions::default(),
                )) {
                    Ok(page) => failures.extend(matches(
                        &resolve(want, &env)?,
                        Some(&page.data()),
                        "next_page",
                    )),
                    Err(e) => failures.push(format!("next_page: {}: {e}", e.class_name())),
                }
            }
        }
    }
    Ok(failures)
}

/// Checks the case file against the core: names exist, every operation has a success case.
fn check_case_file(cases: &[Value]) -> Vec<String> {
    let mut out = vec![];
    let mut names = std::collections::HashSet::new();
    for c in cases {
        let name = text(&c["name"]);
        if !names.insert(name.clone()) {
            out.push(format!("duplicate case name {name:?}"));
        }
        let steps = c["setup"].as_array().cloned().unwrap_or_default();
        for op in steps.iter().map(|s| &s["op"]).chain([&c["op"]]) {
            if !ops::OPERATIONS.contains(&op.as_str().unwrap_or_default()) {
                out.push(format!("{name}: unknown operation {op}"));
            }
        }
        if let Some(class) = c["expect"]["error"].get("class") {
            if !ERROR_CLASSES.iter().any(|k| class == k.name) {
                out.push(format!("{name}: unknown error class {class}"));
            }
        }
        let e = &c["expect"];
        if e.get("error").is_some() == e.get("result").is_some() {
            out.push(format!(
                "{name}: expect needs exactly one of result and error"
            ));
        }
    }
    for op in ops::OPERATIONS {
        let covered = cases.iter().any(|c| {
            c["op"] == *op
                && c["expect"].get("result").is_some()
                && c.get("skip").is_none()
                && c.get("client").is_none()
        });
        if !covered {
            out.push(format!(
                "operation {op} has no success case that every language runs"
            ));
        }
    }
    out
}

struct Args {
    cases: PathBuf,
    sandbox: String,
    only: String,
}

fn parse_args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let mut args = Args {
        cases: root.join("tests/conformance/cases.json"),
        sandbox: std::env::var("CTC_SANDBOX_BIN").unwrap_or_else(|_| {
            root.join("target/debug/ctc-sandbox")
                .to_string_lossy()
                .into_owned()
        }),
        only: String::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--cases" => args.cases = PathBuf::from(value()?),
            "--sandbox" => args.sandbox = value()?,
            "-k" => args.only = value()?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let file: Value = match std::fs::read_to_string(&args.cases)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{}: {e}", args.cases.display());
            std::process::exit(2);
        }
    };
    let cases = file["cases"].as_array().cloned().unwrap_or_default();
    let sb = match Sandbox::start(&args.sandbox) {
        Ok(sb) => sb,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let run_skipped = std::env::var("CTC_CONFORMANCE_RUN_SKIPPED").as_deref() == Ok("1");
    let (mut passed, mut failed) = (0, 0);
    if args.only.is_empty() {
        for problem in check_case_file(&cases) {
            failed += 1;
            println!("FAIL case file: {problem}");
        }
    }
    for (index, case) in cases.iter().enumerate() {
        let name = text(&case["name"]);
        if !args.only.is_empty() && !name.contains(&args.only) {
            continue;
        }
        if let Some(reason) = case["skip"][LANG].as_str() {
            if !run_skipped {
                eprintln!("skip {name}: {reason}");
                continue;
            }
        }
        let failures = run_case(&sb, case, index).unwrap_or_else(|CaseError(e)| vec![e]);
        if failures.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            println!("FAIL {name}: {}", failures.join("; "));
        }
    }
    drop(sb);
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
