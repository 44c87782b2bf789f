//! The client handle and the JSON dispatch of operations (`cryptotopcard::ops`).
//!
//! Every call is handed to the core's shared runtime (`cryptotopcard::runtime::runtime()`);
//! the JavaScript promise is settled through `Delivery`: one threadsafe function per JavaScript
//! environment, which settles every call finished since its last run in one hop to the JS
//! thread (napi-rs' deferred builds and tears down a threadsafe function, a uv async handle and
//! an environment cleanup hook per call; with 64 calls in flight that was most of the JS thread's
//! time per call). The event loop is never blocked, and nothing but pending calls keeps Node
//! alive (the threadsafe function is referenced only while calls are pending).
//!
//! Cancellation and exit. Each call runs inside `Abortable`, registered under a call id the
//! JavaScript layer chose. `cancel(id)` (an AbortSignal fired), `close()` (every call of the
//! client), dropping the client (garbage collection) and the environment's teardown (a worker
//! terminated, the process exiting: see `EnvClients`) abort the core future at once: the
//! request is dropped, so its connection closes, and the task settles its deferred with a
//! `cancelled` error (so an aborted call no longer keeps the process alive). The JavaScript layer has already rejected the user's
//! promise by then and ignores that late settlement. A settlement after the environment tore
//! down (`process.exit`, a terminated worker) is dropped by `Delivery`, never delivered.

use std::collections::HashMap;
use std::ffi::c_void;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use cryptotopcard::http::RequestOptions;
use cryptotopcard::logging::LogLevel;
use cryptotopcard::ops::{self, Output};
use cryptotopcard::{ClientOptions, Error};
use futures_util::future::{AbortHandle, Abortable};
use futures_util::FutureExt;
use napi::bindgen_prelude::{Function, Object, ToNapiValue};
use napi::{sys, Env, Result};
use napi_derive::napi;
use serde_json::{json, Value};

use crate::error::{configuration, error_json, to_napi, PANIC_MESSAGE};
use crate::logging::{self, LogTarget};

/// What settles a promise on the JavaScript thread.
type Resolver = Box<dyn FnOnce(Env) -> Result<JsonText> + Send>;

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
    /// How this environment's calls are settled (created with its first client).
    delivery: Mutex<Option<Arc<Delivery>>>,
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
    /// Returns the environment's call delivery.
    fn register(env: &Env, inflight: &Arc<Inflight>) -> Result<Arc<Delivery>> {
        let clients = match env.get_instance_data::<Arc<EnvClients>>() {
            Ok(Some(clients)) => {
                clients.add(inflight);
                Arc::clone(clients)
            }
            Ok(None) | Err(_) => {
                let clients = Arc::new(EnvClients::default());
                clients.add(inflight);
                let _ =
                    env.set_instance_data(Arc::clone(&clients), (), |ctx| ctx.value.cancel_all());
                clients
            }
        };
        let mut slot = clients.delivery.lock().unwrap_or_else(|p| p.into_inner());
        match &*slot {
            Some(d) => Ok(Arc::clone(d)),
            None => {
                let d = Delivery::new(env)?;
                *slot = Some(Arc::clone(&d));
                Ok(d)
            }
        }
    }
}

/// A call's promise, created with `napi_create_promise`.
struct Deferred(sys::napi_deferred);

// SAFETY: the deferred is an opaque handle that is only used (resolved) on its environment's
// JavaScript thread, in `Delivery::deliver`; other threads only move it around.
unsafe impl Send for Deferred {}

/// A finished call: its promise and how to build its settlement value on the JavaScript thread.
struct Settlement {
    deferred: Deferred,
    value: Box<dyn FnOnce(sys::napi_env) -> Result<sys::napi_value> + Send>,
}

/// The settlement of every call of one JavaScript environment: finished calls queue their
/// result and the first one to find nothing scheduled wakes the JS thread (one threadsafe
/// function call); the JS thread settles everything queued by then, so a burst of results costs
/// one hop. The threadsafe function keeps the event loop alive only while calls are pending.
struct Delivery {
    /// The threadsafe function; null once the environment tore down (then nothing is delivered
    /// any more). Set and cleared on the JS thread; other threads call it only while holding
    /// `calling`, which the teardown takes before clearing it (Node frees it right after).
    tsfn: AtomicPtr<sys::napi_threadsafe_function__>,
    calling: Mutex<()>,
    /// Finished calls not yet settled. Never locked across a call into N-API.
    queue: Mutex<Vec<Settlement>>,
    /// A wake-up of the JS thread is on its way (cleared by `deliver` before it drains).
    scheduled: AtomicBool,
    /// Calls whose promise was created and not yet settled. Touched on the JS thread only.
    pending: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Delivery {
    /// The delivery of `env`, created on first use. JS thread only.
    fn new(env: &Env) -> Result<Arc<Delivery>> {
        let delivery = Arc::new(Delivery {
            tsfn: AtomicPtr::new(std::ptr::null_mut()),
            calling: Mutex::new(()),
            queue: Mutex::new(Vec::new()),
            scheduled: AtomicBool::new(false),
            pending: AtomicUsize::new(0),
        });
        let raw_env = env.raw();
        let mut name = std::ptr::null_mut();
        let label = "cryptotopcard.delivery";
        // SAFETY: plain N-API calls on the JS thread with valid out-pointers. The context is a
        // strong reference, released by `finalize` when Node frees the threadsafe function.
        unsafe {
            napi::check_status!(sys::napi_create_string_utf8(
                raw_env,
                label.as_ptr().cast(),
                label.len() as isize,
                &mut name,
            ))?;
            let context = Arc::into_raw(Arc::clone(&delivery)) as *mut c_void;
            let mut tsfn = std::ptr::null_mut();
            let status = sys::napi_create_threadsafe_function(
                raw_env,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                name,
                0,
                1,
                context,
                Some(Delivery::finalize),
                context,
                Some(Delivery::deliver),
                &mut tsfn,
            );
            if status != sys::Status::napi_ok {
                drop(Arc::from_raw(context as *const Delivery));
                return Err(napi::Error::new(
                    napi::Status::from(status),
                    "cannot create the call delivery",
                ));
            }
            // Idle: no call pending, so the event loop may exit.
            sys::napi_unref_threadsafe_function(raw_env, tsfn);
            delivery.tsfn.store(tsfn, Ordering::Release);
            // Registered after the threadsafe function, so it runs before Node's own teardown
            // of it (cleanup hooks run in reverse order): from then on nothing calls it.
            let hook = Arc::into_raw(Arc::clone(&delivery)) as *mut c_void;
            if sys::napi_add_env_cleanup_hook(raw_env, Some(Delivery::teardown), hook)
                != sys::Status::napi_ok
            {
                drop(Arc::from_raw(hook as *const Delivery));
            }
        }
        Ok(delivery)
    }

    /// A call's promise was created (JS thread): keep the event loop alive until it settles.
    fn started(&self, env: &Env) {
        if self.pending.fetch_add(1, Ordering::Relaxed) == 0 {
            let tsfn = self.tsfn.load(Ordering::Acquire);
            if !tsfn.is_null() {
                // SAFETY: JS thread, which alone clears (and lets Node free) the function.
                unsafe { sys::napi_ref_threadsafe_function(env.raw(), tsfn) };
            }
        }
    }

    /// Queues a finished call's settlement (any thread); dropped after the environment's
    /// teardown, as nobody can receive it.
    fn send(&self, settlement: Settlement) {
        if self.tsfn.load(Ordering::Acquire).is_null() {
            return;
        }
        lock(&self.queue).push(settlement);
        if self.scheduled.swap(true, Ordering::AcqRel) {
            return; // the JS thread is already on its way and will take this one too
        }
        let _calling = lock(&self.calling);
        let tsfn = self.tsfn.load(Ordering::Acquire);
        if tsfn.is_null() {
            return;
        }
        // SAFETY: live threadsafe function: the teardown clears it under `calling` first.
        let status = unsafe {
            sys::napi_call_threadsafe_function(
                tsfn,
                std::ptr::null_mut(),
                sys::ThreadsafeFunctionCallMode::nonblocking,
            )
        };
        if status != sys::Status::napi_ok {
            // Closing (the environment is going away): nothing will run the queue.
            lock(&self.queue).clear();
        }
    }

    /// The threadsafe function's callback, on the JS thread: settles every queued call.
    unsafe extern "C" fn deliver(
        env: sys::napi_env,
        _js_callback: sys::napi_value,
        context: *mut c_void,
        _data: *mut c_void,
    ) {
        if env.is_null() || context.is_null() {
            return;
        }
        // SAFETY: `context` is the strong reference given at creation, alive until `finalize`.
        let delivery = unsafe { &*(context as *const Delivery) };
        // Cleared before draining: a result queued after the drain schedules a new wake-up.
        delivery.scheduled.store(false, Ordering::Release);
        let batch = std::mem::take(&mut *lock(&delivery.queue));
        for settlement in batch {
            let value = (settlement.value)(env).or_else(|e| {
                let text =
                    error_envelope(internal_error_json(&format!("result not deliverable: {e}")))
                        .to_string();
                // SAFETY: JS thread, inside the threadsafe function's handle scope.
                unsafe { String::to_napi_value(env, text) }
            });
            if let Ok(value) = value {
                // SAFETY: each deferred is settled exactly once, here, on its JS thread.
                unsafe { sys::napi_resolve_deferred(env, settlement.deferred.0, value) };
            }
            if delivery.pending.fetch_sub(1, Ordering::Relaxed) == 1 {
                let tsfn = delivery.tsfn.load(Ordering::Acquire);
                if !tsfn.is_null() {
                    // SAFETY: JS thread, live threadsafe function.
                    unsafe { sys::napi_unref_threadsafe_function(env, tsfn) };
                }
            }
        }
    }

    /// Environment teardown (cleanup hook): stop using the threadsafe function.
    unsafe extern "C" fn teardown(arg: *mut c_void) {
        // SAFETY: `arg` is the strong reference given to the hook; taken back here, once.
        let delivery = unsafe { Arc::from_raw(arg as *const Delivery) };
        {
            let _calling = lock(&delivery.calling);
            delivery.tsfn.store(std::ptr::null_mut(), Ordering::Release);
        }
        lock(&delivery.queue).clear();
    }

    /// Node freed the threadsafe function: release its reference to the delivery.
    unsafe extern "C" fn finalize(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
        if !data.is_null() {
            // SAFETY: the strong reference given at creation as context and finalize data.
            drop(unsafe { Arc::from_raw(data as *const Delivery) });
        }
    }
}

#[napi]
pub struct NativeClient {
    inner: Option<cryptotopcard::Client>,
    inflight: Arc<Inflight>,
    /// Settles this client's calls (its environment's delivery).
    delivery: Arc<Delivery>,
    /// Where this client's log records go (None: it does not log). Shared with derived clients.
    log: Option<Arc<LogTarget>>,
    log_level: LogLevel,
    /// The settings the core resolved (defaults and environment applied), kept after `close()`.
    base_url: String,
    timeout_ms: f64,
    max_retries: u32,
    max_response_bytes: f64,
}

/// The options of a new client, as the JavaScript layer passes them (type-checked there; values
/// and defaults are the core's). Unset (null) options are left to the core.
#[napi(object)]
pub struct NativeClientOptions {
    pub api_key: Option<String>,
    pub base_url: Option<String>,
    pub timeout_ms: Option<f64>,
    pub max_retries: Option<u32>,
    /// This package's version (User-Agent, X-CTC-Package-Version).
    pub sdk_version: String,
    /// The JavaScript runtime (X-CTC-Runtime / X-CTC-Runtime-Version): "node", `process.version`.
    pub runtime_name: Option<String>,
    pub runtime_version: Option<String>,
    /// `[name, value]` pairs.
    pub default_headers: Option<Vec<Vec<String>>>,
    pub max_response_bytes: Option<f64>,
    /// Proxy URL, credentials included (never printed).
    pub proxy: Option<String>,
    /// PEM texts of extra trusted certificate authorities.
    pub root_certificates_pem: Option<Vec<String>>,
    /// debug | info | warn | error | off; unset: `CRYPTOTOPCARD_LOG` (read by the core).
    pub log_level: Option<String>,
}

/// What a derived client (`withOptions`) may change; unset keeps the original's value.
#[napi(object)]
pub struct NativeDerivedOptions {
    pub timeout_ms: Option<f64>,
    pub max_retries: Option<u32>,
    pub default_headers: Option<Vec<Vec<String>>>,
    pub max_response_bytes: Option<f64>,
}

/// `[name, value]` pairs from JavaScript (anything else is skipped: the JavaScript layer only
/// passes pairs).
fn header_pairs(headers: Option<Vec<Vec<String>>>) -> Vec<(String, String)> {
    headers
        .unwrap_or_default()
        .into_iter()
        .filter_map(|pair| match <[String; 2]>::try_from(pair) {
            Ok([name, value]) => Some((name, value)),
            Err(_) => None,
        })
        .collect()
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

/// Milliseconds from JavaScript to a Duration; `None` (unset) stays unset, for the core's
/// default. Err: what is wrong with the value (the caller names the option: a configuration
/// error for the client, a validation error for a call).
fn millis(value: Option<f64>) -> std::result::Result<Option<Duration>, &'static str> {
    match value {
        None => Ok(None),
        Some(ms) if ms.is_finite() && ms > 0.0 && ms <= 86_400_000.0 => {
            Ok(Some(Duration::from_secs_f64(ms / 1000.0)))
        }
        Some(_) => Err("timeout must be a positive number of milliseconds (at most one day)"),
    }
}

/// A byte count from JavaScript (a number) to `usize`; unset stays unset (the core's default).
/// Zero is passed on: the core decides what it accepts.
fn byte_count(value: Option<f64>, field: &str) -> std::result::Result<Option<usize>, Error> {
    match value {
        None => Ok(None),
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= usize::MAX as f64 => {
            Ok(Some(n as usize))
        }
        Some(_) => Err(configuration(field, "must be a whole number of bytes")),
    }
}

/// The options the constructor and `withOptions` share, as the core's `ClientOptions`.
fn client_options(
    timeout_ms: Option<f64>,
    max_retries: Option<u32>,
    headers: Option<Vec<Vec<String>>>,
    max_response_bytes: Option<f64>,
) -> std::result::Result<ClientOptions, Error> {
    Ok(ClientOptions {
        timeout: millis(timeout_ms).map_err(|m| configuration("timeout", m))?,
        max_retries,
        default_headers: header_pairs(headers),
        max_response_bytes: byte_count(max_response_bytes, "max_response_bytes")?,
    })
}

fn error_envelope(err: Value) -> Value {
    json!({ "error": err })
}

fn internal_error_json(message: &str) -> Value {
    error_json(&Error::internal(message))
}

/// A finished call as JSON text for JavaScript (one string, parsed there by `JSON.parse`: faster
/// than building the object through N-API, as bench/node's transfer row measures). Made a
/// JavaScript string through `napi_create_string_latin1` when it
/// is ASCII (as results nearly always are: serde_json escapes nothing else, but a server may
/// send UTF-8 as is), which V8 copies as is; `napi_create_string_utf8` decodes it first.
struct JsonText(String);

impl ToNapiValue for JsonText {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        let text = val.0;
        if !text.is_ascii() {
            // SAFETY: forwarded to napi's own conversion, same contract as this function.
            return unsafe { String::to_napi_value(env, text) };
        }
        let mut value = std::ptr::null_mut();
        // SAFETY: valid env (the caller's contract) and an ASCII buffer of the given length
        // (ASCII is Latin-1 byte for byte).
        napi::check_status!(unsafe {
            sys::napi_create_string_latin1(
                env,
                text.as_ptr().cast(),
                text.len() as isize,
                &mut value,
            )
        })?;
        Ok(value)
    }
}

impl JsonText {
    fn success(out: &Output) -> Self {
        // `<meta>\u{1}<next>\u{1}<data>` (`Output::parts`, which `Output::envelope` joins as
        // `{"data":...,"meta":...,"next":...}`): an order JavaScript can split without scanning
        // the body. U+0001 cannot occur in JSON text outside a string, nor
        // unescaped inside one, so it never occurs in the meta or next texts before it. Parsing
        // the metadata is then left to `asResponse()`/`withResponse()` (for a small result it is
        // half of the text).
        let (meta, next, body) = match out.parts() {
            Ok(parts) => parts,
            Err(e) => return Self::failure(&e),
        };
        let mut text = String::with_capacity(meta.len() + next.len() + body.len() + 2);
        for part in [meta.as_str(), "\u{1}", next.as_str(), "\u{1}", body] {
            text.push_str(part);
        }
        JsonText(text)
    }
    fn failure(err: &Error) -> Self {
        JsonText(error_envelope(error_json(err)).to_string())
    }
}

#[napi]
impl NativeClient {
    /// Builds a core client. Every option may be unset (null): the core then applies its
    /// default or environment fallback (`CRYPTOTOPCARD_API_KEY`, `CRYPTOTOPCARD_BASE_URL`,
    /// `HTTPS_PROXY`/`NO_PROXY`, `CRYPTOTOPCARD_LOG`, timeout, retries, response cap). `log`
    /// receives this client's log records as JSON text (see `logging`) when its level is not
    /// off. Throws (with the core's error JSON) on a bad configuration.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: &Env,
        options: NativeClientOptions,
        log: Option<Function<'_, String, ()>>,
    ) -> Result<Self> {
        let o = options;
        let opts = client_options(
            o.timeout_ms,
            o.max_retries,
            o.default_headers,
            o.max_response_bytes,
        );
        let mut builder = cryptotopcard::Client::builder()
            .api_key::<String>(o.api_key)
            .base_url::<String>(o.base_url)
            .proxy::<String>(o.proxy)
            .user_agent(SDK_LANG, &o.sdk_version)
            .options(opts.map_err(|e| to_napi(&e))?);
        if let Some(name) = o.runtime_name {
            builder = builder.runtime(name, o.runtime_version.unwrap_or_default());
        }
        for pem in o.root_certificates_pem.unwrap_or_default() {
            builder = builder
                .add_root_certificate_pem(pem.as_bytes())
                .map_err(|e| {
                    // The core names its own field; the option here is `rootCertificatesPem`.
                    to_napi(&configuration("root_certificates_pem", e.to_string()))
                })?;
        }
        let log_level = logging::resolve_level(o.log_level.as_deref()).map_err(|e| to_napi(&e))?;
        let client = builder.build().map_err(|e| to_napi(&e))?;
        let log = logging::target(log_level, log)?;
        Self::wrap(env, client, log, log_level)
    }

    /// A client with some settings changed (unset ones kept; headers added to this client's),
    /// sharing this client's connection pool and logger (`Client::with_options`).
    #[napi(catch_unwind)]
    pub fn with_options(&self, env: &Env, options: NativeDerivedOptions) -> Result<NativeClient> {
        let Some(client) = &self.inner else {
            return Err(to_napi(&Error::Connection {
                message: "the client is closed".to_string(),
                idempotency_key: None,
            }));
        };
        let o = options;
        let opts = client_options(
            o.timeout_ms,
            o.max_retries,
            o.default_headers,
            o.max_response_bytes,
        );
        let derived = client
            .with_options(opts.map_err(|e| to_napi(&e))?)
            .map_err(|e| to_napi(&e))?;
        Self::wrap(env, derived, self.log.clone(), self.log_level)
    }

    /// True when both clients send through the same connection pool (and neither is closed).
    #[napi(catch_unwind)]
    pub fn shares_pool_with(&self, other: &NativeClient) -> bool {
        match (&self.inner, &other.inner) {
            (Some(a), Some(b)) => a.shares_pool_with(b),
            _ => false,
        }
    }

    /// Largest response body accepted, in bytes (the option, else the core's default).
    #[napi(getter, catch_unwind)]
    pub fn max_response_bytes(&self) -> f64 {
        self.max_response_bytes
    }

    /// The level this client logs at (`off` when it does not log).
    #[napi(getter, catch_unwind)]
    pub fn log_level(&self) -> String {
        if self.log.is_some() {
            self.log_level.as_str().to_string()
        } else {
            LogLevel::Off.as_str().to_string()
        }
    }

    /// The base URL requests go to (the option, else `CRYPTOTOPCARD_BASE_URL`, else the
    /// production URL: resolved by the core).
    #[napi(getter, catch_unwind)]
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// Timeout of one attempt in milliseconds (the option, else the core's default).
    #[napi(getter, catch_unwind)]
    pub fn timeout_ms(&self) -> f64 {
        self.timeout_ms
    }

    /// Retries of a retryable failure (the option, else the core's default).
    #[napi(getter, catch_unwind)]
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Runs one operation; resolves with the texts of a result, `<meta>\u{1}<next>\u{1}<data>`
    /// (`lib/client.js` `parseEnvelope`), or the JSON text `{"error": ...}` of a failure (never
    /// rejects). `call_id`, when given, lets `cancel(call_id)` abort it.
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
            to_napi(&Error::validation(
                "params",
                format!("params are not valid JSON: {e}"),
            ))
        })?;
        let opts = CallOptions {
            idempotency_key,
            timeout_ms,
            max_retries,
            call_id,
        };
        self.dispatch(env, op, parsed, opts)
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

    /// Test hook (bindings-node/test/errors.test.js): panics inside the binding, synchronously
    /// (`inCall` false: napi's `catch_unwind` turns it into a throw) or inside a call's task on
    /// the runtime (`inCall` true: the promise resolves with an `internal` error, like a call
    /// that hit a bug), so the tests see a caught panic become `InternalError`. Not public API.
    #[napi(
        catch_unwind,
        js_name = "__panicForTest",
        ts_return_type = "Promise<string>"
    )]
    pub fn panic_for_test<'env>(&self, env: &'env Env, in_call: bool) -> Result<Object<'env>> {
        if !in_call {
            panic!("test panic (synchronous)");
        }
        let fut = futures_util::future::lazy(|_| -> std::result::Result<Output, Error> {
            panic!("test panic (inside a call)")
        });
        self.spawn(env, None, None, fut)
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
    fn wrap(
        env: &Env,
        client: cryptotopcard::Client,
        log: Option<Arc<LogTarget>>,
        log_level: LogLevel,
    ) -> Result<NativeClient> {
        let inflight = Arc::default();
        let delivery = EnvClients::register(env, &inflight)?;
        Ok(NativeClient {
            base_url: client.base_url().to_string(),
            timeout_ms: client.timeout().as_secs_f64() * 1000.0,
            max_retries: client.max_retries(),
            // Exact in an f64 for any cap below 2^53 bytes.
            max_response_bytes: client.max_response_bytes() as f64,
            inner: Some(client),
            inflight,
            delivery,
            log,
            log_level,
        })
    }

    fn dispatch<'env>(
        &self,
        env: &'env Env,
        op: String,
        params: Value,
        call: CallOptions,
    ) -> Result<Object<'env>> {
        let timeout = match millis(call.timeout_ms) {
            Ok(t) => t,
            Err(m) => return settled(env, &Error::validation("timeout", m)),
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
                let closed = Error::Connection {
                    message: "the client is closed".to_string(),
                    idempotency_key: key,
                };
                return settled(env, &closed);
            }
        };
        self.spawn(env, key, call.call_id, async move {
            ops::call(&client, &op, params, opts).await
        })
    }

    /// Runs `fut` on the core's runtime as a call of this client: registered for `cancel` /
    /// `close` under `call_id`, a panic inside it caught (an `internal` error), its outcome
    /// encoded for JavaScript. `key` is the call's idempotency key, for a cancelled call.
    fn spawn<'env, F>(
        &self,
        env: &'env Env,
        key: Option<String>,
        call_id: Option<i64>,
        fut: F,
    ) -> Result<Object<'env>>
    where
        F: std::future::Future<Output = std::result::Result<Output, Error>> + Send + 'static,
    {
        let mut deferred = std::ptr::null_mut();
        let mut promise = std::ptr::null_mut();
        // SAFETY: N-API call on the JS thread with valid out-pointers.
        napi::check_status!(unsafe {
            sys::napi_create_promise(env.raw(), &mut deferred, &mut promise)
        })?;
        let deferred = Deferred(deferred);
        self.delivery.started(env);
        let delivery = Arc::clone(&self.delivery);
        let (abort, registration) = AbortHandle::new_pair();
        let id = call_id.unwrap_or_else(|| self.inflight.anonymous_id());
        self.inflight.register(id, abort);
        let inflight = Arc::clone(&self.inflight);
        let log = self.log.clone();
        cryptotopcard::runtime::runtime().spawn(async move {
            let fut = logging::scoped(log, async {
                match fut.await {
                    Ok(out) => JsonText::success(&out),
                    Err(e) => JsonText::failure(&e),
                }
            });
            // Aborting drops `fut` (and the request with it) before this task settles.
            let outcome = Abortable::new(AssertUnwindSafe(fut).catch_unwind(), registration).await;
            inflight.finish(id);
            let encoded = match outcome {
                Ok(Ok(v)) => v,
                Ok(Err(_panic)) => JsonText::failure(&Error::internal(PANIC_MESSAGE)),
                Err(_aborted) => JsonText::failure(&Error::cancelled(key)),
            };
            delivery.send(Settlement {
                deferred,
                // SAFETY (of the call inside): run by `Delivery::deliver` on the JS thread.
                value: Box::new(move |env| unsafe { JsonText::to_napi_value(env, encoded) }),
            });
        });
        Ok(Object::from_raw(env.raw(), promise))
    }
}

/// A promise already settled with `err` (a call refused before it started).
fn settled<'env>(env: &'env Env, err: &Error) -> Result<Object<'env>> {
    let (deferred, promise) = env.create_deferred::<JsonText, Resolver>()?;
    let failed = JsonText::failure(err);
    deferred.resolve(Box::new(move |_| Ok(failed)));
    Ok(promise)
}
