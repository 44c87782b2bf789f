//! The client handle and the one generic call: `ctc_call(client, op, params, opts, token, ...)`
//! forwards to `cryptotopcard::ops::call` on the core's shared runtime.

use std::ffi::c_char;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::cancel::{cancelled, CtcCancelToken};
use crate::error::FfiError;
use crate::ffi::{guard, json_error, optional_str, parse_json, required_str, write_out};

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
            let text = optional_str(config_json, "config_json")?.unwrap_or("{}");
            let cfg: ClientConfig =
                serde_json::from_str(text).map_err(|e| json_error("config_json", &e))?;
            let mut builder = cryptotopcard::Client::builder()
                .api_key::<String>(cfg.api_key)
                .base_url::<String>(cfg.base_url);
            if let Some(ms) = cfg.timeout_ms {
                builder = builder.timeout(Duration::from_millis(ms));
            }
            if let Some(n) = cfg.max_retries {
                builder = builder.max_retries(n);
            }
            if let Some(n) = cfg.max_response_bytes {
                builder = builder.max_response_bytes(n);
            }
            let lang = cfg.user_agent_lang.unwrap_or_else(|| "c".to_string());
            let version = cfg
                .user_agent_version
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string());
            builder = builder.user_agent(&lang, &version);
            if let Some(name) = cfg.runtime_name {
                builder = builder.runtime(name, cfg.runtime_version.unwrap_or_default());
            }
            if let Some(url) = cfg.proxy {
                builder = builder.proxy(url);
            }
            for pem in &cfg.root_certificates_pem {
                builder = builder.add_root_certificate_pem(pem.as_bytes())?;
            }
            for (name, value) in cfg.headers {
                builder = builder.default_header(name, value);
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
            if client.is_null() {
                return Err(FfiError::invalid_argument(
                    "client",
                    "client must not be NULL",
                ));
            }
            let text = optional_str(opts_json, "opts_json")?.unwrap_or("{}");
            let cfg: DerivedConfig =
                serde_json::from_str(text).map_err(|e| json_error("opts_json", &e))?;
            let parent = &*client;
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
        if a.is_null() || b.is_null() {
            return 0;
        }
        catch_unwind(AssertUnwindSafe(|| {
            i32::from((*a).inner.shares_pool_with(&(*b).inner))
        }))
        .unwrap_or(0)
    }
}

/// Releases a client. Calls still running on other threads keep their own reference to the core
/// client and finish normally. NULL is ignored.
///
/// # Safety
/// `client` must be NULL or a handle from `ctc_client_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn ctc_client_free(client: *mut CtcClient) {
    unsafe {
        if client.is_null() {
            return;
        }
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(client))));
    }
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
/// "headers","idempotency_key","replayed","retries"}, "next_page": <params or null>}`: `data` is
/// the response body as the server sent it (checked by the core against its model, unknown fields
/// kept); `next_page` is, for a list operation, the params of the next page (null on the last
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
            if client.is_null() {
                return Err(FfiError::invalid_argument(
                    "client",
                    "client must not be NULL",
                ));
            }
            let op = required_str(op, "op")?.to_owned();
            let params = match optional_str(params_json, "params_json")? {
                Some(text) => parse_json(text, "params_json")?,
                None => json!({}),
            };
            let opts: CallOptions = match optional_str(opts_json, "opts_json")? {
                Some(text) => {
                    serde_json::from_str(text).map_err(|e| json_error("opts_json", &e))?
                }
                None => CallOptions::default(),
            };
            // The key is fixed before the call starts, so that a cancelled call (whose future is
            // dropped and reports nothing) can still say which key it was sent, or would have been.
            let request_options = cryptotopcard::ops::prepare_options(
                &op,
                cryptotopcard::RequestOptions {
                    idempotency_key: opts.idempotency_key,
                    timeout: opts.timeout_ms.map(Duration::from_millis),
                    max_retries: opts.max_retries,
                },
            );
            let idempotency_key = request_options.idempotency_key.clone();

            let core_client = (*client).inner.clone();
            let log_id = (*client).log_id;
            let cancel_rx = if cancel.is_null() {
                None
            } else {
                Some((*cancel).subscribe())
            };

            let result = block_on_runtime(crate::logging::scoped(log_id, async move {
                let fut = cryptotopcard::ops::call(&core_client, &op, params, request_options);
                match cancel_rx {
                    Some(rx) => tokio::select! {
                        biased;
                        _ = cancelled(rx) => None,
                        res = fut => Some(res),
                    },
                    None => Some(fut.await),
                }
            }))
            .map_err(|e| e.with_idempotency_key(idempotency_key.clone()))?;
            let output = match result {
                Some(res) => res?,
                None => return Err(cryptotopcard::Error::cancelled(idempotency_key).into()),
            };
            let meta = &output.meta;
            // The body text as sent, embedded as is (no parse or re-encode here).
            let data: &serde_json::value::RawValue =
                serde_json::from_str(&output.body).map_err(|e| {
                    cryptotopcard::Error::internal(format!("result not encodable: {e}"))
                })?;
            let result = json!({
                "data": data,
                "meta": {
                    "status": meta.status,
                    "request_id": meta.request_id,
                    "headers": meta.headers,
                    "idempotency_key": meta.idempotency_key,
                    "replayed": meta.replayed,
                    "retries": meta.retries,
                },
                "next_page": output.next_page,
            });
            write_out(out_result, &result.to_string());
            Ok(())
        })
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
