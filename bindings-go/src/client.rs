//! The client handle and the one generic call: `ctc_call(client, op, params, opts, token, ...)`
//! forwards to `cryptotopcard::ops::call` on the core's shared runtime.

use std::ffi::c_char;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::cancel::{cancelled, CtcCancelToken};
use crate::error::{FfiError, CTC_OK};
use crate::ffi::{
    free_box, guard, json_error, optional_str, parse_json, required_str, with_ref, write_out,
    write_out_string,
};

/// An opaque client handle (wraps the core's `cryptotopcard::Client`). Thread-safe: one handle may
/// serve concurrent `ctc_call`s from many threads. Release with `ctc_client_free`.
pub struct CtcClient {
    inner: cryptotopcard::Client,
    /// Tags the log records of this client's calls (0: none kept; see `ctc_log_drain`).
    log_id: u64,
}

/// `ctc_client_new`'s JSON: every key optional. No `Debug`: it holds the API key.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ClientConfig {
    api_key: Option<String>,
    base_url: Option<String>,
    timeout_ms: Option<u64>,
    max_retries: Option<u32>,
    /// Language and version for the User-Agent, e.g. ["go", "0.1.0"].
    user_agent_lang: Option<String>,
    user_agent_version: Option<String>,
    /// Headers sent with every request (e.g. `X-Sandbox-Fault` in tests), as `[[name, value], ...]`.
    headers: Vec<(String, String)>,
    max_response_bytes: Option<usize>,
    /// Language runtime for the telemetry headers, e.g. "go" and "go1.24.1".
    runtime_name: Option<String>,
    runtime_version: Option<String>,
    /// Proxy URL (http, https or socks5; credentials in the URL). Never printed.
    proxy: Option<String>,
    /// PEM CA certificates (or bundles) trusted on top of the platform's.
    root_certificates_pem: Vec<String>,
    /// Non-zero: keep this client's log records, tagged with this id (see `ctc_log_drain`).
    log_id: u64,
}

/// `ctc_client_with_options`'s JSON: every key optional; other keys are refused (a derived
/// client shares its parent's key, base URL, proxy and TLS settings).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DerivedConfig {
    timeout_ms: Option<u64>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
    max_response_bytes: Option<usize>,
    log_id: Option<u64>,
}

/// `ctc_call`'s options JSON: every key optional.
#[derive(Deserialize, Default)]
#[serde(default)]
struct CallOptions {
    idempotency_key: Option<String>,
    timeout_ms: Option<u64>,
    max_retries: Option<u32>,
}

/// Creates a client from a JSON configuration
/// (`{"api_key","base_url","timeout_ms","max_retries","max_response_bytes","user_agent_lang",
/// "user_agent_version","runtime_name","runtime_version","proxy","root_certificates_pem": [pem,
/// ...],"log_id","headers": [[name, value], ...]}`, all optional). `runtime_name` and
/// `runtime_version` fill the `X-CTC-Runtime*` telemetry headers; `proxy` (credentials in the URL,
/// never printed) replaces the environment's `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`;
/// `root_certificates_pem` adds trusted CAs; a non-zero `log_id` tags the log records of the
/// client's calls (see `ctc_log_drain`). An absent or null key
/// leaves the option to the core's builder, which owns every default and environment fallback
/// (`CRYPTOTOPCARD_API_KEY`, `CRYPTOTOPCARD_BASE_URL`, ...). NULL `config_json` means `{}`. Returns
/// NULL on error, with the error JSON in `*out_err` (class "ConfigurationError" naming the option).
///
/// # Safety
/// `config_json` must be NULL or a NUL-terminated string; `out_err` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_client_new(
    config_json: *const c_char,
    out_err: *mut *mut c_char,
) -> *mut CtcClient {
    unsafe {
        let mut handle: *mut CtcClient = std::ptr::null_mut();
        guard(out_err, || {
            let cfg: ClientConfig = json_arg(config_json, "config_json")?;
            let lang = cfg.user_agent_lang.unwrap_or_else(|| "c".to_string());
            let version = cfg
                .user_agent_version
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string());
            let mut builder = cryptotopcard::Client::builder()
                .api_key::<String>(cfg.api_key)
                .base_url::<String>(cfg.base_url)
                .proxy::<String>(cfg.proxy)
                .user_agent(&lang, &version)
                .options(cryptotopcard::ClientOptions {
                    timeout: cfg.timeout_ms.map(Duration::from_millis),
                    max_retries: cfg.max_retries,
                    default_headers: cfg.headers,
                    max_response_bytes: cfg.max_response_bytes,
                });
            if let Some(name) = cfg.runtime_name {
                builder = builder.runtime(name, cfg.runtime_version.unwrap_or_default());
            }
            for pem in &cfg.root_certificates_pem {
                builder = builder.add_root_certificate_pem(pem.as_bytes())?;
            }
            let inner = builder.build()?;
            handle = Box::into_raw(Box::new(CtcClient {
                inner,
                log_id: cfg.log_id,
            }));
            Ok(())
        });
        handle
    }
}

/// Creates a client from `client` with some settings changed
/// (`{"timeout_ms","max_retries","max_response_bytes","log_id","headers": [[name, value], ...]}`,
/// all optional; NULL means `{}`), over the core's `Client::with_options`: it shares `client`'s
/// connection pool, key, base URL, proxy, TLS settings and telemetry; keys left out keep
/// `client`'s values, `headers` are added to `client`'s. Other keys are refused. The two handles
/// are independent: free each with `ctc_client_free`. Returns NULL on error (error JSON in
/// `*out_err`).
///
/// # Safety
/// `client` must be a live handle; `opts_json` NULL or NUL-terminated; `out_err` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ctc_client_with_options(
    client: *const CtcClient,
    opts_json: *const c_char,
    out_err: *mut *mut c_char,
) -> *mut CtcClient {
    unsafe {
        let mut handle: *mut CtcClient = std::ptr::null_mut();
        guard(out_err, || {
            let parent = client_ref(client)?;
            let cfg: DerivedConfig = json_arg(opts_json, "opts_json")?;
            let inner = parent.inner.with_options(cryptotopcard::ClientOptions {
                timeout: cfg.timeout_ms.map(Duration::from_millis),
                max_retries: cfg.max_retries,
                default_headers: cfg.headers,
                max_response_bytes: cfg.max_response_bytes,
            })?;
            handle = Box::into_raw(Box::new(CtcClient {
                inner,
                log_id: cfg.log_id.unwrap_or(parent.log_id),
            }));
            Ok(())
        });
        handle
    }
}

/// 1 when both clients send through the same connection pool (one was derived from the other
/// with `ctc_client_with_options`, or both from a third), else 0 (also for NULL).
///
/// # Safety
/// `a` and `b` must be NULL or live handles.
#[no_mangle]
pub unsafe extern "C" fn ctc_client_shares_pool(a: *const CtcClient, b: *const CtcClient) -> i32 {
    unsafe {
        with_ref(a, 0, |a| {
            with_ref(b, 0, |b| i32::from(a.inner.shares_pool_with(&b.inner)))
        })
    }
}

/// Releases a client. Calls still running on other threads keep their own reference to the core
/// client and finish normally. NULL is ignored.
///
/// # Safety
/// `client` must be NULL or a handle from `ctc_client_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn ctc_client_free(client: *mut CtcClient) {
    unsafe { free_box(client) }
}

/// Runs one API operation (`op` is a name from `ctc_operations`, e.g. "cards.create") with
/// `params_json` (an object of the contract's snake_case parameter names, path ids included; NULL
/// means `{}`) and `opts_json` (`{"idempotency_key","timeout_ms","max_retries"}`, NULL means `{}`).
///
/// Blocks the calling thread until the core's future finishes on the shared runtime. When `cancel`
/// is not NULL and gets cancelled (from any thread), the request is aborted and the call returns
/// `CTC_ERR_CANCELLED` immediately; a token cancelled before the call sends nothing. Must not be
/// called from a thread that drives a tokio runtime (that is reported as `CTC_ERR_INTERNAL`, not a
/// crash).
///
/// For a mutating operation (POST, PATCH, DELETE) without an `idempotency_key` in `opts_json`, one
/// is generated before the call starts. Every error of such a call, `CTC_ERR_CANCELLED` included,
/// reports the key in the error JSON's `"idempotency_key"`: the request may have been applied, so
/// retry it with that key.
///
/// On success `*out_result` receives `{"data": <body or null>, "meta": {"status","request_id",
/// "headers","idempotency_key","replayed","retries"}, "next": <params or null>}`: `data` is
/// the response body as the server sent it (checked by the core against its model, unknown fields
/// kept); `next` is, for a list operation, the params of the next page (null on the last
/// page and for other operations). On error `*out_err` receives the error JSON.
///
/// # Safety
/// Pointers must be NULL or valid as documented; `client` and `cancel` must stay live for the call.
#[no_mangle]
pub unsafe extern "C" fn ctc_call(
    client: *const CtcClient,
    op: *const c_char,
    params_json: *const c_char,
    opts_json: *const c_char,
    cancel: *const CtcCancelToken,
    out_result: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        crate::ffi::clear_out(out_result);
        guard(out_err, || {
            let (fut, idempotency_key) = prepare_call(client, op, params_json, opts_json, cancel)?;
            let result =
                block_on_runtime(fut).map_err(|e| e.with_idempotency_key(idempotency_key))??;
            write_out_string(out_result, result);
            Ok(())
        })
    }
}

/// Starts the call `ctc_call` would make and returns at once, without blocking the thread: the
/// call runs on the core's shared runtime and, once finished, its completion (what `ctc_call`
/// would have returned, tagged with `tag`) is queued for `ctc_call_wait`. Arguments are checked
/// first: a bad one (as `ctc_call` reports it) is returned here, with its error JSON in
/// `*out_err`, and nothing is queued. On `CTC_OK` exactly one completion with `tag` will be
/// queued, also when the call is cancelled through `cancel` (`CTC_ERR_CANCELLED`, as soon as the
/// token is) or the core panics (`CTC_ERR_INTERNAL`).
///
/// # Safety
/// As for `ctc_call`; `cancel` may be freed once the completion is taken (`client` as soon as this
/// returns: the call holds its own reference to the core client).
#[no_mangle]
pub unsafe extern "C" fn ctc_call_start(
    client: *const CtcClient,
    op: *const c_char,
    params_json: *const c_char,
    opts_json: *const c_char,
    cancel: *const CtcCancelToken,
    tag: u64,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        guard(out_err, || {
            let (fut, idempotency_key) = prepare_call(client, op, params_json, opts_json, cancel)?;
            let rt = cryptotopcard::runtime::runtime();
            let task = rt.spawn(fut);
            rt.spawn(async move {
                let done = match task.await {
                    Ok(Ok(result)) => Done {
                        tag,
                        code: CTC_OK,
                        text: result,
                    },
                    Ok(Err(e)) => Done::failed(tag, e),
                    Err(_) => {
                        Done::failed(tag, FfiError::panic().with_idempotency_key(idempotency_key))
                    }
                };
                completions::push(done);
            });
            Ok(())
        })
    }
}

/// A finished `ctc_call_start`: its `tag`, its status code, and either its result JSON
/// (`CTC_OK`: in `result`, as `ctc_call`'s `*out_result`) or its error JSON (in `err`). Both
/// strings are the caller's, released with `ctc_string_free`; the one not used is NULL.
#[repr(C)]
pub struct CtcCompletion {
    pub tag: u64,
    pub code: i32,
    pub result: *mut c_char,
    pub err: *mut c_char,
}

/// Waits until at least one completion of `ctc_call_start` is queued, or `timeout_ms` passes,
/// then moves up to `max` of them (oldest first) into `out[0..]` and returns how many (0 on
/// timeout). Any thread may wait, but every completion is handed out once, to one waiter.
///
/// # Safety
/// `out` must be valid for `max` writes of `CtcCompletion` (NULL or 0 gives 0 at once).
#[no_mangle]
pub unsafe extern "C" fn ctc_call_wait(
    out: *mut CtcCompletion,
    max: usize,
    timeout_ms: u64,
) -> usize {
    if out.is_null() || max == 0 {
        return 0;
    }
    catch_unwind(AssertUnwindSafe(|| {
        let taken = completions::wait(max, Duration::from_millis(timeout_ms));
        let n = taken.len();
        for (i, done) in taken.into_iter().enumerate() {
            let text = string_to_c(done.text);
            let (result, err) = if done.code == CTC_OK {
                (text, std::ptr::null_mut())
            } else {
                (std::ptr::null_mut(), text)
            };
            // SAFETY: i < n <= max, and the caller made `out` valid for `max` writes.
            unsafe {
                out.add(i).write(CtcCompletion {
                    tag: done.tag,
                    code: done.code,
                    result,
                    err,
                })
            };
        }
        n
    }))
    .unwrap_or(0)
}

fn string_to_c(s: String) -> *mut c_char {
    let mut p = std::ptr::null_mut();
    // SAFETY: `p` is a local valid for one pointer write.
    unsafe { write_out_string(&mut p, s) };
    p
}

/// A completion waiting in the queue.
struct Done {
    tag: u64,
    code: i32,
    /// The result JSON (`CTC_OK`) or the error JSON.
    text: String,
}

impl Done {
    fn failed(tag: u64, e: FfiError) -> Self {
        Done {
            tag,
            code: e.code,
            text: e.json.to_string(),
        }
    }
}

/// The queue of completions `ctc_call_wait` hands out.
mod completions {
    use std::collections::VecDeque;
    use std::sync::{Condvar, Mutex, MutexGuard};
    use std::time::{Duration, Instant};

    use super::Done;

    static QUEUE: Mutex<VecDeque<Done>> = Mutex::new(VecDeque::new());
    static READY: Condvar = Condvar::new();

    fn lock() -> MutexGuard<'static, VecDeque<Done>> {
        QUEUE.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn push(done: Done) {
        lock().push_back(done);
        READY.notify_one();
    }

    pub(super) fn wait(max: usize, timeout: Duration) -> Vec<Done> {
        let deadline = Instant::now().checked_add(timeout);
        let mut q = lock();
        while q.is_empty() {
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::from_secs(3600),
            };
            if left.is_zero() {
                return Vec::new();
            }
            q = READY
                .wait_timeout(q, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        let n = q.len().min(max);
        let taken: Vec<Done> = q.drain(..n).collect();
        if !q.is_empty() {
            READY.notify_one(); // another waiter may take the rest
        }
        taken
    }
}

/// Checks `ctc_call`'s arguments and builds the call: a future (to run on the core's runtime)
/// giving the result JSON or the error (which names the idempotency key), and the key of the
/// call, fixed before it starts, so that a cancelled call (whose future is dropped and reports
/// nothing) can still say which key it was sent, or would have been.
///
/// # Safety
/// As for `ctc_call`.
unsafe fn prepare_call(
    client: *const CtcClient,
    op: *const c_char,
    params_json: *const c_char,
    opts_json: *const c_char,
    cancel: *const CtcCancelToken,
) -> Result<
    (
        impl Future<Output = Result<String, FfiError>> + Send + 'static,
        Option<String>,
    ),
    FfiError,
> {
    unsafe {
        let client = client_ref(client)?;
        let op = required_str(op, "op")?.to_owned();
        let params = match optional_str(params_json, "params_json")? {
            Some(text) => parse_json(text, "params_json")?,
            None => json!({}),
        };
        let opts: CallOptions = json_arg(opts_json, "opts_json")?;
        let request_options = cryptotopcard::ops::prepare_options(
            &op,
            cryptotopcard::RequestOptions {
                idempotency_key: opts.idempotency_key,
                timeout: opts.timeout_ms.map(Duration::from_millis),
                max_retries: opts.max_retries,
            },
        );
        let idempotency_key = request_options.idempotency_key.clone();
        let key = idempotency_key.clone();

        let core_client = client.inner.clone();
        let log_id = client.log_id;
        let cancel_rx = if cancel.is_null() {
            None
        } else {
            Some((*cancel).subscribe())
        };

        let fut = crate::logging::scoped(log_id, async move {
            let fut = cryptotopcard::ops::call(&core_client, &op, params, request_options);
            let result = match cancel_rx {
                Some(rx) => tokio::select! {
                    biased;
                    _ = cancelled(rx) => None,
                    res = fut => Some(res),
                },
                None => Some(fut.await),
            };
            let output = match result {
                Some(res) => res?,
                None => return Err(cryptotopcard::Error::cancelled(key).into()),
            };
            // `{"data":<body as sent>,"meta":{...},"next":<params>}` (`Output::envelope`).
            output
                .envelope()
                .map_err(|e| FfiError::from(e).with_idempotency_key(key))
        });
        Ok((fut, idempotency_key))
    }
}

/// The client behind a handle argument (NULL is refused).
///
/// # Safety
/// `client` must be NULL or a live handle.
unsafe fn client_ref<'a>(client: *const CtcClient) -> Result<&'a CtcClient, FfiError> {
    unsafe { client.as_ref() }
        .ok_or_else(|| FfiError::invalid_argument("client", "client must not be NULL"))
}

/// Reads an optional JSON argument (NULL is `T::default()`, as `{}` is).
///
/// # Safety
/// As for `optional_str`.
unsafe fn json_arg<T: DeserializeOwned + Default>(
    ptr: *const c_char,
    arg: &str,
) -> Result<T, FfiError> {
    match unsafe { optional_str(ptr, arg) }? {
        Some(text) => serde_json::from_str(text).map_err(|e| json_error(arg, &e)),
        None => Ok(T::default()),
    }
}

/// Runs `fut` on the core's shared runtime and blocks until it finishes. A panic inside it surfaces
/// as a failed join, reported as an internal error (never as an unwind across the boundary). The
/// runtime is looked up at every call (it is rebuilt in a forked child).
fn block_on_runtime<T: Send + 'static>(
    fut: impl Future<Output = T> + Send + 'static,
) -> Result<T, FfiError> {
    let rt = cryptotopcard::runtime::runtime();
    rt.block_on(rt.spawn(fut)).map_err(|_| FfiError::panic())
}

/// Panics on purpose inside a task on the core's shared runtime, as a bug in the core would, so
/// that a binding can test how it reports one: returns `CTC_ERR_INTERNAL` with an error JSON of
/// class "InternalError" (not retryable, not a connection error). The library stays usable. The
/// panic message goes to stderr through Rust's panic hook.
///
/// # Safety
/// `out_err` must be NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_debug_panic(out_err: *mut *mut c_char) -> i32 {
    guard(out_err, || {
        block_on_runtime::<()>(async { panic!("ctc_debug_panic: a deliberate panic") })
    })
}

/// Writes the JSON array of every operation name `ctc_call` accepts to `*out_json`.
///
/// # Safety
/// `out_json` and `out_err` must be NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_operations(
    out_json: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        crate::ffi::clear_out(out_json);
        guard(out_err, || {
            let ops: Value = cryptotopcard::ops::OPERATIONS
                .iter()
                .map(|s| json!(s))
                .collect();
            write_out(out_json, &ops.to_string());
            Ok(())
        })
    }
}

/// The version of this library (a static string; do not free).
#[no_mangle]
pub extern "C" fn ctc_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
