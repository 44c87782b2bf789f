//! The core's log events, handed to a JavaScript logger without blocking anything.
//!
//! The core calls one process-wide sink (`cryptotopcard::logging::install_sink`) on the thread
//! that logged: a runtime worker, inside a call's future. This sink never calls JavaScript
//! itself. Each call of a client that logs runs with that client's [`LogTarget`] in a tokio
//! task-local ([`scoped`]); the sink reads it, encodes the record as one JSON string and queues
//! it on the target's threadsafe function in non-blocking mode (a full queue drops the record,
//! a tearing-down environment refuses it). The threadsafe function is weak (unref'd): a logger
//! never keeps the process alive. JavaScript (`lib/logging.js`) turns the text into a call of
//! the user's `logger.debug/info/warn/error(message, fields)`.
//!
//! Records hold the core's fields only (method, path, status, request_id, attempt, elapsed_ms,
//! delay_ms, error): never a header value or a body, so never a key, PAN, CVV, OTP or secret.

use std::future::Future;
use std::sync::{Arc, OnceLock};

use cryptotopcard::logging::{self as core_log, LogLevel, LogRecord};
use cryptotopcard::Error;
use napi::bindgen_prelude::Function;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;
use serde_json::json;

use crate::error::{configuration, to_napi};

/// Records queued for one client's logger before newer ones are dropped (a logger that cannot
/// keep up loses records rather than growing memory or blocking a runtime thread).
const QUEUE_CAPACITY: usize = 4096;

/// Weak (unref'd), callee-unhandled, bounded: `(json) => void` on the JavaScript thread.
type LogFunction = ThreadsafeFunction<String, (), String, Status, false, true, QUEUE_CAPACITY>;

/// Where the records of one client (and the clients derived from it) go.
pub struct LogTarget {
    level: LogLevel,
    function: LogFunction,
}

tokio::task_local! {
    static TARGET: Arc<LogTarget>;
}

/// Whether the sink is installed (the first client that logs installs it, once per process).
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// The level a client logs at: `name` (the `logLevel` option) when given, else the core's
/// reading of `CRYPTOTOPCARD_LOG` (off when unset). An unknown name is a configuration error.
pub fn resolve_level(name: Option<&str>) -> Result<LogLevel, Error> {
    match name {
        None => Ok(LogLevel::from_env()),
        Some(n) => LogLevel::parse(n).ok_or_else(|| {
            configuration(
                "log_level",
                "log_level must be one of debug, info, warn, error, off",
            )
        }),
    }
}

/// A log target for `function` at `level`; None when the level is `Off` (no threadsafe
/// function is created at all then).
pub fn target(
    level: LogLevel,
    function: Option<Function<'_, String, ()>>,
) -> napi::Result<Option<Arc<LogTarget>>> {
    let Some(function) = function else {
        return Ok(None);
    };
    if level == LogLevel::Off {
        return Ok(None);
    }
    let function: LogFunction = function
        .build_threadsafe_function::<String>()
        .weak::<true>()
        .callee_handled::<false>()
        .max_queue_size::<QUEUE_CAPACITY>()
        .build()?;
    let installed = *INSTALLED.get_or_init(|| core_log::install_sink(level, sink));
    if !installed {
        // Cannot happen in this addon (only it sets the global subscriber of its own statics).
        return Err(to_napi(&configuration(
            "logger",
            "the SDK's log sink could not be installed (a global tracing subscriber exists)",
        )));
    }
    // The core's level is the most verbose any client asked for; each target filters its own.
    if level < core_log::level() {
        core_log::set_level(level);
    }
    Ok(Some(Arc::new(LogTarget { level, function })))
}

/// Runs `fut` with `target` as the destination of its log records.
pub async fn scoped<F: Future>(target: Option<Arc<LogTarget>>, fut: F) -> F::Output {
    match target {
        Some(t) => TARGET.scope(t, fut).await,
        None => fut.await,
    }
}

/// The core's sink: encodes and queues, never blocks, never calls JavaScript.
fn sink(record: &LogRecord) {
    let Ok(target) = TARGET.try_with(Arc::clone) else {
        return;
    };
    if record.level < target.level {
        return;
    }
    // Fields as [name, value] pairs, in the core's order (method, path, status, ...).
    let text = json!({
        "level": record.level.as_str(),
        "message": record.message,
        "fields": record.fields,
    })
    .to_string();
    // QueueFull or Closing: the record is dropped.
    let _ = target
        .function
        .call(text, ThreadsafeFunctionCallMode::NonBlocking);
}
