//! The client handle and the JSON dispatch of operations (`cryptotopcard::ops`).
//!
//! Every call is handed to the core's shared runtime (`cryptotopcard::runtime::runtime()`);
//! the JavaScript promise is settled through a deferred (a threadsafe function), so the event
//! loop is never blocked and nothing but pending calls keeps Node alive.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use cryptotopcard::http::RequestOptions;
use cryptotopcard::ops::{self, Output};
use futures_util::FutureExt;
use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{Env, Result};
use napi_derive::napi;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{binding_error_json, core_error_json, to_napi};

/// What settles a promise on the JavaScript thread.
type Resolver<D> = Box<dyn FnOnce(Env) -> Result<D> + Send>;

/// The SDK name and version sent in `User-Agent` (`cryptotopcard-node/<version> (core ...)`).
const SDK_LANG: &str = "node";

#[napi]
pub struct NativeClient {
    inner: Option<cryptotopcard::Client>,
}

/// Milliseconds from JavaScript to a Duration; `field` names the option in errors.
fn millis(value: Option<f64>, field: &str) -> std::result::Result<Option<Duration>, Value> {
    match value {
        None => Ok(None),
        Some(ms) if ms.is_finite() && ms > 0.0 && ms <= 86_400_000.0 => {
            Ok(Some(Duration::from_secs_f64(ms / 1000.0)))
        }
        Some(_) => Err(binding_error_json(
            "validation",
            &format!("{field} must be a positive number of milliseconds (at most one day)"),
            Some(field),
        )),
    }
}

/// The success envelope handed to JavaScript: the re-serialized model (snake_case), the
/// response metadata and, for list operations, the parameters of the next page.
#[derive(Serialize)]
struct Envelope<'a> {
    data: &'a Value,
    meta: Meta<'a>,
    next: Option<Value>,
}

#[derive(Serialize)]
struct Meta<'a> {
    status: u16,
    request_id: Option<&'a str>,
    headers: Vec<(&'a str, &'a str)>,
    idempotency_key: Option<&'a str>,
    replayed: bool,
    retries: u32,
}

fn envelope_value(op: &str, params: &Value, out: &Output) -> Value {
    let e = envelope(op, params, out);
    serde_json::to_value(&e).unwrap_or(Value::Null)
}

fn envelope<'a>(op: &str, params: &Value, out: &'a Output) -> Envelope<'a> {
    let m = &out.meta;
    Envelope {
        data: &out.data,
        meta: Meta {
            status: m.status,
            request_id: m.request_id.as_deref(),
            headers: m
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            idempotency_key: m.idempotency_key.as_deref(),
            replayed: m.replayed,
            retries: m.retries,
        },
        next: ops::next_page_params(op, params, &out.data),
    }
}

fn error_envelope(err: Value) -> Value {
    json!({ "error": err })
}

fn panic_envelope() -> Value {
    error_envelope(binding_error_json(
        "connection",
        "internal error in the native binding (a panic was caught)",
        None,
    ))
}

/// How a finished call is encoded for JavaScript: as one JSON string (parsed by `JSON.parse`)
/// or as a JS object built through N-API. bench/node measures both; the JS layer uses the
/// faster one (`call`, the string).
trait Encode: ToNapiValue + Send + 'static {
    fn success(op: &str, params: &Value, out: &Output) -> Self;
    fn failure(err: Value) -> Self;
}

impl Encode for String {
    fn success(op: &str, params: &Value, out: &Output) -> Self {
        serde_json::to_string(&envelope(op, params, out))
            .unwrap_or_else(|_| panic_envelope().to_string())
    }
    fn failure(err: Value) -> Self {
        error_envelope(err).to_string()
    }
}

impl Encode for Value {
    fn success(op: &str, params: &Value, out: &Output) -> Self {
        envelope_value(op, params, out)
    }
    fn failure(err: Value) -> Self {
        error_envelope(err)
    }
}

#[napi]
impl NativeClient {
    /// Builds a core client. Throws (with the core's error JSON) on a bad configuration.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        api_key: Option<String>,
        base_url: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<u32>,
        sdk_version: String,
        default_headers: Option<Vec<Vec<String>>>,
    ) -> Result<Self> {
        let mut builder = cryptotopcard::Client::builder()
            .api_key::<String>(api_key)
            .base_url::<String>(base_url)
            .user_agent(SDK_LANG, &sdk_version);
        for pair in default_headers.unwrap_or_default() {
            if let [name, value] = pair.as_slice() {
                builder = builder.default_header(name.clone(), value.clone());
            }
        }
        if let Some(t) = millis(timeout_ms, "timeout").map_err(|e| to_napi(&e))? {
            builder = builder.timeout(t);
        }
        if let Some(r) = max_retries {
            builder = builder.max_retries(r);
        }
        let client = builder.build().map_err(|e| to_napi(&core_error_json(&e)))?;
        Ok(NativeClient {
            inner: Some(client),
        })
    }

    /// Runs one operation; resolves with a JSON string `{"data","meta","next"}` or `{"error"}`.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        op: String,
        params: String,
        idempotency_key: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<u32>,
    ) -> Result<Object<'env>> {
        let parsed = serde_json::from_str::<Value>(&params).map_err(|e| {
            to_napi(&binding_error_json(
                "validation",
                &format!("params are not valid JSON: {e}"),
                None,
            ))
        })?;
        self.dispatch::<String>(env, op, parsed, idempotency_key, timeout_ms, max_retries)
    }

    /// Same as `call`, but params and result cross N-API as JS objects (serde through napi).
    /// Kept for bench/node, which compares the two transfers.
    #[napi(
        catch_unwind,
        ts_args_type = "op: string, params: Record<string, unknown>, idempotencyKey?: string | null, timeoutMs?: number | null, maxRetries?: number | null",
        ts_return_type = "Promise<Record<string, unknown>>"
    )]
    pub fn call_object<'env>(
        &self,
        env: &'env Env,
        op: String,
        params: Value,
        idempotency_key: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<u32>,
    ) -> Result<Object<'env>> {
        self.dispatch::<Value>(env, op, params, idempotency_key, timeout_ms, max_retries)
    }

    /// Drops the core client (its connection pool). Later calls fail with a connection error.
    #[napi(catch_unwind)]
    pub fn close(&mut self) {
        self.inner = None;
    }

    #[napi(getter, catch_unwind)]
    pub fn closed(&self) -> bool {
        self.inner.is_none()
    }
}

impl NativeClient {
    fn dispatch<'env, D: Encode>(
        &self,
        env: &'env Env,
        op: String,
        params: Value,
        idempotency_key: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<u32>,
    ) -> Result<Object<'env>> {
        let (deferred, promise) = env.create_deferred::<D, Resolver<D>>()?;
        let client = match &self.inner {
            Some(c) => c.clone(),
            None => {
                let closed = D::failure(binding_error_json(
                    "connection",
                    "the client is closed",
                    None,
                ));
                deferred.resolve(Box::new(move |_| Ok(closed)));
                return Ok(promise);
            }
        };
        let timeout = match millis(timeout_ms, "timeout") {
            Ok(t) => t,
            Err(e) => {
                let failed = D::failure(e);
                deferred.resolve(Box::new(move |_| Ok(failed)));
                return Ok(promise);
            }
        };
        let opts = RequestOptions {
            idempotency_key,
            timeout,
            max_retries,
        };
        cryptotopcard::runtime::runtime().spawn(async move {
            let fut = async {
                let res = ops::call(&client, &op, params.clone(), opts).await;
                match res {
                    Ok(out) => D::success(&op, &params, &out),
                    Err(e) => D::failure(core_error_json(&e)),
                }
            };
            let encoded = match AssertUnwindSafe(fut).catch_unwind().await {
                Ok(v) => v,
                Err(_) => D::failure(panic_envelope()["error"].clone()),
            };
            deferred.resolve(Box::new(move |_| Ok(encoded)));
        });
        Ok(promise)
    }
}
