//! `NativeClient`: the core `Client` behind a pyclass. `call` blocks on the shared runtime
//! with the GIL released (and stops on Ctrl-C); `acall` returns an asyncio awaitable driven by
//! the same runtime (and cancelled with it).

use pyo3::prelude::*;

use cryptotopcard::ops::{self, Output};
use cryptotopcard::RequestOptions;

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;

use crate::convert;
use crate::delivery;
use crate::error;
use crate::gate;
use crate::runtime;

/// How long a blocking call waits with the GIL released before checking for signals.
const SLICE: Duration = Duration::from_millis(50);

/// What a call returns to Python: the response body as JSON text (None for 204) and the
/// response metadata `(status, request_id, headers, idempotency_key, replayed, retries)`.
type Meta = (
    u16,
    Option<String>,
    Vec<(String, String)>,
    Option<String>,
    bool,
    u32,
);
/// The body, its metadata, and for a list with more pages the next page's params (JSON text,
/// decided by the core: no page goes back into Rust).
pub(crate) type CallResult = (Option<String>, Meta, Option<String>);

/// JSON text of a value. `serde_json::to_string` writes straight into a byte buffer (the
/// `Display` of `Value` goes through a `fmt::Formatter`, measurably slower on a list of 100).
fn json_text(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| v.to_string())
}

/// The core's output as plain Rust data for Python. Runs without the GIL: on the calling
/// thread while it is detached (`call`) or on the runtime (`acall`).
fn into_plain(out: Output) -> CallResult {
    let next = out.next_page.as_ref().map(json_text);
    // The body text as the server sent it (the core checked it): no re-encoding here.
    let body = if out.body == "null" {
        None
    } else {
        Some(out.body)
    };
    let m = out.meta;
    (
        body,
        (
            m.status,
            m.request_id,
            m.headers,
            m.idempotency_key,
            m.replayed,
            m.retries,
        ),
        next,
    )
}

#[pyclass(frozen, module = "cryptotopcard._native")]
pub(crate) struct NativeClient {
    inner: cryptotopcard::Client,
}

impl NativeClient {
    fn prepare(
        op: &Bound<'_, PyAny>,
        params: &Bound<'_, PyAny>,
        idempotency_key: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(String, serde_json::Value, RequestOptions)> {
        let op = convert::string(op, "op")?;
        let params = convert::params_to_json(params)?;
        let opts = RequestOptions {
            idempotency_key: convert::opt_string(
                idempotency_key,
                "idempotency_key",
                error::validation,
            )?,
            timeout: convert::opt_seconds(timeout, "timeout", error::validation)?,
            max_retries: convert::opt_count(max_retries, "max_retries", error::validation)?,
        };
        Ok((op, params, opts))
    }
}

#[pymethods]
impl NativeClient {
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (api_key=None, base_url=None, timeout=None, max_retries=None, version="0.0.0", default_headers=None, max_response_bytes=None, proxy=None, root_certificates_pem=None, runtime_name=None, runtime_version=None))]
    fn new(
        api_key: Option<&Bound<'_, PyAny>>,
        base_url: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        version: &str,
        default_headers: Option<&Bound<'_, PyAny>>,
        max_response_bytes: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        root_certificates_pem: Option<&Bound<'_, PyAny>>,
        runtime_name: Option<&str>,
        runtime_version: Option<&str>,
    ) -> PyResult<Self> {
        let options = client_options(timeout, max_retries, default_headers, max_response_bytes)?;
        let pem = match root_certificates_pem {
            Some(o) if !o.is_none() => Some(convert::bytes_or_str(o, "root_certificates_pem")?),
            _ => None,
        };
        let text = |o, field| convert::opt_string(o, field, error::configuration);
        let mut builder = cryptotopcard::Client::builder()
            .api_key::<String>(text(api_key, "api_key")?)
            .base_url::<String>(text(base_url, "base_url")?)
            .proxy::<String>(text(proxy, "proxy")?)
            .user_agent("python", version)
            .options(options);
        if let (Some(name), Some(v)) = (runtime_name, runtime_version) {
            builder = builder.runtime(name, v);
        }
        if let Some(pem) = pem {
            builder = builder
                .add_root_certificate_pem(&pem)
                .map_err(|e| error::from_core(&e))?;
        }
        // Configuration errors name the option at fault (`api_key`, `base_url`, ...).
        let inner = builder.build().map_err(|e| error::from_core(&e))?;
        Ok(Self { inner })
    }

    /// A client with some options changed, sharing this one's connection pool (the core's
    /// `Client::with_options`): `default_headers` are added to this client's.
    #[pyo3(signature = (timeout=None, max_retries=None, default_headers=None, max_response_bytes=None))]
    fn with_options(
        &self,
        timeout: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        default_headers: Option<&Bound<'_, PyAny>>,
        max_response_bytes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let opts = client_options(timeout, max_retries, default_headers, max_response_bytes)?;
        let inner = self
            .inner
            .with_options(opts)
            .map_err(|e| error::from_core(&e))?;
        Ok(Self { inner })
    }

    /// True when both clients use the same connection pool (tests).
    fn shares_pool_with(&self, other: &Self) -> bool {
        self.inner.shares_pool_with(&other.inner)
    }

    /// Settings as the core resolved them: (base_url, timeout seconds, max_retries,
    /// max_response_bytes).
    fn settings(&self) -> (String, f64, u32, usize) {
        (
            self.inner.base_url().to_string(),
            self.inner.timeout().as_secs_f64(),
            self.inner.max_retries(),
            self.inner.max_response_bytes(),
        )
    }

    /// Runs one operation to completion. The GIL is released while waiting, in slices of
    /// `SLICE`: between two slices the thread re-attaches to run Python's signal handlers, so
    /// Ctrl-C raises `KeyboardInterrupt` at once; the call's future is then dropped, which
    /// drops its request (the connection closes).
    #[pyo3(signature = (op, params, idempotency_key=None, timeout=None, max_retries=None))]
    fn call(
        &self,
        py: Python<'_>,
        op: &Bound<'_, PyAny>,
        params: &Bound<'_, PyAny>,
        idempotency_key: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<CallResult> {
        let (op, params, opts) = Self::prepare(op, params, idempotency_key, timeout, max_retries)?;
        let mut call = Box::pin(ops::call(&self.inner, &op, params, opts));
        loop {
            // `runtime()` at each use: a forked child gets its own runtime (never cache it).
            // The result is turned into its JSON text before the GIL is taken back, so other
            // Python threads keep running while a list of 100 is serialized.
            let step = gate::detach(py, || {
                runtime()
                    .block_on(async { tokio::time::timeout(SLICE, call.as_mut()).await.ok() })
                    .map(|result| result.map(into_plain))
            });
            if let Some(result) = step {
                return result.map_err(|e| error::from_core(&e));
            }
            // KeyboardInterrupt (or any exception from a signal handler): `call` is dropped on
            // return, which drops the in-flight request.
            py.check_signals()?;
        }
    }

    /// The same as `call`, as an asyncio future of the running loop. The call runs on the
    /// shared runtime; its result reaches the loop through `delivery` (no tokio worker ever
    /// takes the GIL). Cancelling the future (or the task awaiting it) aborts the call: the
    /// request is dropped and nothing is delivered.
    #[pyo3(signature = (op, params, idempotency_key=None, timeout=None, max_retries=None))]
    fn acall<'py>(
        &self,
        py: Python<'py>,
        op: &Bound<'py, PyAny>,
        params: &Bound<'py, PyAny>,
        idempotency_key: Option<&Bound<'py, PyAny>>,
        timeout: Option<&Bound<'py, PyAny>>,
        max_retries: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (op, params, opts) = Self::prepare(op, params, idempotency_key, timeout, max_retries)?;
        if gate::shutting_down() {
            return Err(error::cancelled(
                "the interpreter is shutting down: no new asyncio call can complete",
            ));
        }
        let state = delivery::state(py)?;
        let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
        let future = event_loop.call_method0("create_future")?;
        let id = state.register(event_loop.unbind(), future.clone().unbind());
        let tx = state.sender();
        let client = self.inner.clone();
        // The key is fixed now, so even a panic's error can carry it.
        let opts = ops::prepare_options(&op, opts);
        let key = opts.idempotency_key.clone();
        let task = runtime().spawn(async move {
            let call = AssertUnwindSafe(ops::call(&client, &op, params, opts)).catch_unwind();
            let outcome = match call.await {
                Ok(Ok(out)) => Ok(into_plain(out)),
                Ok(Err(e)) => Err(error::Failure::Core(e)),
                Err(_) => Err(error::Failure::Internal {
                    message: "the SDK core panicked during the call".into(),
                    idempotency_key: key,
                }),
            };
            // The delivery thread is gone only at shutdown: the result is dropped then.
            let _ = tx.send(delivery::Msg::Done(id, outcome));
        });
        state.set_abort(id, task.abort_handle());
        future.call_method1(
            "add_done_callback",
            (Bound::new(py, delivery::Canceller::new(state, id))?,),
        )?;
        Ok(future)
    }

    fn __repr__(&self) -> String {
        // The core's Debug never shows the key.
        format!("NativeClient({:?})", self.inner)
    }
}

/// The options the constructor and `with_options` share, as the core's `ClientOptions`
/// (configuration errors naming the keyword).
fn client_options(
    timeout: Option<&Bound<'_, PyAny>>,
    max_retries: Option<&Bound<'_, PyAny>>,
    default_headers: Option<&Bound<'_, PyAny>>,
    max_response_bytes: Option<&Bound<'_, PyAny>>,
) -> PyResult<cryptotopcard::ClientOptions> {
    let bad = error::configuration;
    Ok(cryptotopcard::ClientOptions {
        timeout: convert::opt_seconds(timeout, "timeout", bad)?,
        max_retries: convert::opt_count(max_retries, "max_retries", bad)?,
        default_headers: convert::string_pairs(default_headers, "default_headers", bad)?,
        max_response_bytes: convert::opt_size(max_response_bytes, "max_response_bytes", bad)?,
    })
}
