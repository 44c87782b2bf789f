//! The client handle and the JSON dispatch of operations (`cryptotopcard::ops`).
//!
//! Every call is handed to the core's shared runtime (`cryptotopcard::runtime::runtime()`);
//! the JavaScript promise is settled through a deferred (a threadsafe function), so the event
//! loop is never blocked and nothing but pending calls keeps Node alive.
//!
//! Cancellation and exit. Each call runs inside `Abortable`, registered under a call id the
//! JavaScript layer chose. `cancel(id)` (an AbortSignal fired), `close()` (every call of the
//! client), dropping the client (garbage collection) and the environment's teardown (a worker
//! terminated, the process exiting: see `EnvClients`) abort the core future at once: the
//! request is dropped, so its connection closes, and the task settles its deferred with a
//! `cancelled` error, which releases the threadsafe function (so an aborted call no longer
//! keeps the process alive). The JavaScript layer has already rejected the user's
//! promise by then and ignores that late settlement. A settlement after the environment tore
//! down (`process.exit`, a terminated worker) is dropped by napi's deferred, never delivered.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use cryptotopcard::http::RequestOptions;
use cryptotopcard::ops::{self, Output};
use futures_util::future::{AbortHandle, Abortable};
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

/// The calls of one client still running, by the call id JavaScript gave them.
/// Calls made without an id get a negative one (JavaScript's ids are positive), so `close()`
/// still reaches them.
#[derive(Default)]
struct Inflight {
    calls: Mutex<HashMap<i64, AbortHandle>>,
    anonymous: AtomicI64,
}

impl Inflight {
    fn lock(&self) -> MutexGuard<'_, HashMap<i64, AbortHandle>> {
        // A panic while holding this lock cannot leave the map inconsistent (single inserts and
        // removes), so a poisoned lock is still usable.
        self.calls.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a call; a call id still in use is aborted first (JavaScript never reuses one).
    fn register(&self, id: i64, handle: AbortHandle) {
        if let Some(old) = self.lock().insert(id, handle) {
            old.abort();
        }
    }

    fn anonymous_id(&self) -> i64 {
        -1 - (self.anonymous.fetch_add(1, Ordering::Relaxed) & i64::MAX)
    }

    fn finish(&self, id: i64) {
        self.lock().remove(&id);
    }

    /// Aborts one call; false when it had already finished.
    fn cancel(&self, id: i64) -> bool {
        match self.lock().remove(&id) {
            Some(handle) => {
                handle.abort();
                true
            }
            None => false,
        }
    }

    /// Aborts every call; returns how many were running.
    fn cancel_all(&self) -> u32 {
        let drained: Vec<AbortHandle> = self.lock().drain().map(|(_, h)| h).collect();
        for handle in &drained {
            handle.abort();
        }
        u32::try_from(drained.len()).unwrap_or(u32::MAX)
    }
}

/// The clients of one JavaScript environment (the main thread, or a worker), so that its
/// teardown (a worker terminated, the process exiting) aborts their calls still in flight:
/// nothing could receive their results, and their requests would otherwise run to their timeout.
/// Kept as the environment's instance data; its finalizer runs at teardown.
#[derive(Default)]
struct EnvClients {
    clients: Mutex<Vec<Weak<Inflight>>>,
}

impl EnvClients {
    fn add(&self, inflight: &Arc<Inflight>) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.retain(|c| c.strong_count() > 0);
        clients.push(Arc::downgrade(inflight));
    }

    fn cancel_all(&self) {
        let clients = std::mem::take(&mut *self.clients.lock().unwrap_or_else(|p| p.into_inner()));
        for inflight in clients.iter().filter_map(Weak::upgrade) {
            inflight.cancel_all();
        }
    }

    /// Registers `inflight` with `env`'s teardown. Best effort: an environment whose instance
    /// data is not ours (cannot happen in this addon) only loses the prompt abort at teardown.
    fn register(env: &Env, inflight: &Arc<Inflight>) {
        match env.get_instance_data::<Arc<EnvClients>>() {
            Ok(Some(clients)) => clients.add(inflight),
            Ok(None) => {
                let clients = Arc::new(EnvClients::default());
                clients.add(inflight);
                let _ = env.set_instance_data(clients, (), |ctx| ctx.value.cancel_all());
            }
            Err(_) => {}
        }
    }
}

#[napi]
pub struct NativeClient {
    inner: Option<cryptotopcard::Client>,
    inflight: Arc<Inflight>,
}

impl Drop for NativeClient {
    /// Garbage collection or environment teardown: nothing can receive these results any more.
    /// (While a call is pending, the JavaScript layer keeps the client reachable.)
    fn drop(&mut self) {
        self.inflight.cancel_all();
    }
}

/// The idempotency key a call of `op` will be sent with: `key` when given, else a fresh one for
/// a mutating operation (`ops::prepare_options`), else null. The JavaScript layer asks for it
/// before the call starts, so an aborted, failed or closed call can report it.
#[napi(catch_unwind)]
pub fn prepare_idempotency_key(op: String, key: Option<String>) -> Option<String> {
    let opts = RequestOptions {
        idempotency_key: key,
        ..RequestOptions::default()
    };
    ops::prepare_options(&op, opts).idempotency_key
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
        env: &Env,
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
        let inflight = Arc::default();
        EnvClients::register(env, &inflight);
        Ok(NativeClient {
            inner: Some(client),
            inflight,
        })
    }

    /// Runs one operation; resolves with a JSON string `{"data","meta","next"}` or `{"error"}`
    /// (never rejects). `call_id`, when given, lets `cancel(call_id)` abort it.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    #[allow(clippy::too_many_arguments)]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        op: String,
        params: String,
        idempotency_key: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<u32>,
        call_id: Option<i64>,
    ) -> Result<Object<'env>> {
        let parsed = serde_json::from_str::<Value>(&params).map_err(|e| {
            to_napi(&binding_error_json(
                "validation",
                &format!("params are not valid JSON: {e}"),
                None,
            ))
        })?;
        let opts = CallOptions {
            idempotency_key,
            timeout_ms,
            max_retries,
            call_id,
        };
        self.dispatch::<String>(env, op, parsed, opts)
    }

    /// Same as `call`, but params and result cross N-API as JS objects (serde through napi).
    /// Kept for bench/node, which compares the two transfers.
    #[napi(
        catch_unwind,
        ts_args_type = "op: string, params: Record<string, unknown>, idempotencyKey?: string | null, timeoutMs?: number | null, maxRetries?: number | null, callId?: number | null",
        ts_return_type = "Promise<Record<string, unknown>>"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn call_object<'env>(
        &self,
        env: &'env Env,
        op: String,
        params: Value,
        idempotency_key: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<u32>,
        call_id: Option<i64>,
    ) -> Result<Object<'env>> {
        let opts = CallOptions {
            idempotency_key,
            timeout_ms,
            max_retries,
            call_id,
        };
        self.dispatch::<Value>(env, op, params, opts)
    }

    /// Aborts the call registered as `call_id`: its request is dropped (the connection closes)
    /// and its promise resolves with a `cancelled` error. False when it had already finished.
    #[napi(catch_unwind)]
    pub fn cancel(&self, call_id: i64) -> bool {
        self.inflight.cancel(call_id)
    }

    /// Aborts every call in flight (as `cancel`) and drops the core client (its connection
    /// pool). Later calls fail with a connection error. Returns how many calls were aborted.
    #[napi(catch_unwind)]
    pub fn close(&mut self) -> u32 {
        self.inner = None;
        self.inflight.cancel_all()
    }

    #[napi(getter, catch_unwind)]
    pub fn closed(&self) -> bool {
        self.inner.is_none()
    }
}

/// The per-call options JavaScript passes next to the params.
struct CallOptions {
    idempotency_key: Option<String>,
    timeout_ms: Option<f64>,
    max_retries: Option<u32>,
    call_id: Option<i64>,
}

impl NativeClient {
    fn dispatch<'env, D: Encode>(
        &self,
        env: &'env Env,
        op: String,
        params: Value,
        call: CallOptions,
    ) -> Result<Object<'env>> {
        let (deferred, promise) = env.create_deferred::<D, Resolver<D>>()?;
        let timeout = match millis(call.timeout_ms, "timeout") {
            Ok(t) => t,
            Err(e) => {
                let failed = D::failure(e);
                deferred.resolve(Box::new(move |_| Ok(failed)));
                return Ok(promise);
            }
        };
        // The key is fixed before anything is sent, so a cancelled call can report it.
        let opts = ops::prepare_options(
            &op,
            RequestOptions {
                idempotency_key: call.idempotency_key,
                timeout,
                max_retries: call.max_retries,
            },
        );
        let key = opts.idempotency_key.clone();
        let client = match &self.inner {
            Some(c) => c.clone(),
            None => {
                let mut err = binding_error_json("connection", "the client is closed", None);
                err["idempotency_key"] = json!(key);
                let closed = D::failure(err);
                deferred.resolve(Box::new(move |_| Ok(closed)));
                return Ok(promise);
            }
        };
        let (abort, registration) = AbortHandle::new_pair();
        let id = call.call_id.unwrap_or_else(|| self.inflight.anonymous_id());
        self.inflight.register(id, abort);
        let inflight = Arc::clone(&self.inflight);
        cryptotopcard::runtime::runtime().spawn(async move {
            let fut = async {
                let res = ops::call(&client, &op, params.clone(), opts).await;
                match res {
                    Ok(out) => D::success(&op, &params, &out),
                    Err(e) => D::failure(core_error_json(&e)),
                }
            };
            // Aborting drops `fut` (and the request with it) before this task settles.
            let outcome = Abortable::new(AssertUnwindSafe(fut).catch_unwind(), registration).await;
            inflight.finish(id);
            let encoded = match outcome {
                Ok(Ok(v)) => v,
                Ok(Err(_)) => D::failure(panic_envelope()["error"].clone()),
                Err(_aborted) => D::failure(core_error_json(&cryptotopcard::Error::cancelled(key))),
            };
            deferred.resolve(Box::new(move |_| Ok(encoded)));
        });
        Ok(promise)
    }
}
