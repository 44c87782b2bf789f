//! The core's log events, handed to the host language without ever calling into it.
//!
//! The core's sink runs on the runtime's worker threads, inside a request's future. Calling into
//! Go (or any host) from there could block a worker for as long as the host's logger takes, so
//! the sink installed here is the core's bounded queue (`cryptotopcard::logging::LogQueue`),
//! which drops and counts records once it is full. The host drains it from its own threads:
//! `ctc_log_wait` blocks a host thread until records are queued, `ctc_log_drain` takes them all
//! as JSON.
//!
//! Records are kept only for calls of a client created with a non-zero `log_id`: `ctc_call` runs
//! the call's future tagged with that id (`logging::scoped`), so the host can send each record
//! to the logger of the client that made the call. Records of other calls are not queued at all.

use std::ffi::c_char;
use std::future::Future;
use std::panic::catch_unwind;
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use cryptotopcard::logging::{self, LogLevel, LogQueue};
use serde_json::{json, Value};

use crate::error::FfiError;
use crate::ffi::{clear_out, guard, write_out};

/// Log level: every request attempt (`request`), and all below.
pub const CTC_LOG_DEBUG: i32 = 1;
/// Log level: responses (`response`) and retries (`retrying`), and all below.
pub const CTC_LOG_INFO: i32 = 2;
/// Log level: problems the SDK worked around, and errors.
pub const CTC_LOG_WARN: i32 = 3;
/// Log level: failures only.
pub const CTC_LOG_ERROR: i32 = 4;
/// Log level: nothing.
pub const CTC_LOG_OFF: i32 = 5;

/// Records of calls with a `log_id`, 10,000 at most while nobody drains (later ones are dropped
/// and counted).
static QUEUE: LogQueue = LogQueue::new(10_000).tagged_only();
/// Whether the sink was installed (the first `ctc_log_set_level` decides, once).
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// Runs `fut` as a call of a client with `log_id` (0: its records are not kept).
pub(crate) async fn scoped<F: Future>(log_id: u64, fut: F) -> F::Output {
    if log_id == 0 {
        fut.await
    } else {
        logging::scoped(log_id, fut).await
    }
}

/// The `CTC_LOG_*` value of each of the core's levels.
const LEVELS: [(i32, LogLevel); 5] = [
    (CTC_LOG_DEBUG, LogLevel::Debug),
    (CTC_LOG_INFO, LogLevel::Info),
    (CTC_LOG_WARN, LogLevel::Warn),
    (CTC_LOG_ERROR, LogLevel::Error),
    (CTC_LOG_OFF, LogLevel::Off),
];

fn level_from_i32(level: i32) -> Option<LogLevel> {
    LEVELS.iter().find(|(n, _)| *n == level).map(|(_, l)| *l)
}

fn level_to_i32(level: LogLevel) -> i32 {
    LEVELS
        .iter()
        .find(|(_, l)| *l == level)
        .map_or(CTC_LOG_OFF, |(n, _)| *n)
}

/// The level named by the environment variable `CRYPTOTOPCARD_LOG` (`debug`, `info`, `warn`,
/// `error`, `off`), read by the core now: one of the `CTC_LOG_*` values, `CTC_LOG_OFF` when unset
/// or unreadable.
#[no_mangle]
pub extern "C" fn ctc_log_env_level() -> i32 {
    catch_unwind(|| level_to_i32(LogLevel::from_env())).unwrap_or(CTC_LOG_OFF)
}

/// Sets the level (a `CTC_LOG_*` value) from which the core's events are queued for clients
/// created with a non-zero `log_id`; the first call installs the queue as the core's log sink for
/// the life of the process. Returns `CTC_OK`, `CTC_ERR_INVALID_ARGUMENT` for an unknown level, or
/// `CTC_ERR_CONFIGURATION` (class ConfigurationError, field "logger") when the process already had a global `tracing` subscriber (which then
/// receives the core's events instead).
///
/// # Safety
/// `out_err` must be NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_log_set_level(level: i32, out_err: *mut *mut c_char) -> i32 {
    guard(out_err, || {
        let Some(level) = level_from_i32(level) else {
            return Err(FfiError::invalid_argument(
                "level",
                "level must be one of CTC_LOG_DEBUG..CTC_LOG_OFF",
            ));
        };
        let installed = *INSTALLED.get_or_init(|| QUEUE.install(level));
        if !installed {
            let err: FfiError = cryptotopcard::Error::Configuration {
                field: Some("logger".into()),
                message: "the process already has a global tracing subscriber: it receives \
                          the SDK's events"
                    .into(),
            }
            .into();
            return Err(err);
        }
        logging::set_level(level);
        Ok(())
    })
}

/// Blocks the calling thread until log records are queued (returns 1) or `timeout_ms` passes
/// (returns 0). Meant for a host thread dedicated to logging, never a runtime thread.
#[no_mangle]
pub extern "C" fn ctc_log_wait(timeout_ms: u64) -> i32 {
    catch_unwind(|| i32::from(QUEUE.wait(Duration::from_millis(timeout_ms)))).unwrap_or(0)
}

/// Takes every queued record, oldest first, without waiting. `*out_json` receives
/// `{"dropped": N, "records": [{"log_id", "time_ns", "level", "message", "fields": [[name,
/// value], ...]}, ...]}`: `dropped` counts records lost since the last drain because the queue
/// was full; `level` is "debug", "info", "warn" or "error"; `message` is what happened
/// ("request", "response", "retrying"); `fields` are the core's (method, path, status,
/// request_id, attempt, elapsed_ms, delay_ms, error), values as strings. Records never hold a
/// key, PAN, CVV, OTP or webhook secret.
///
/// # Safety
/// `out_json` and `out_err` must be NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_log_drain(
    out_json: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    unsafe {
        clear_out(out_json);
        guard(out_err, || {
            let drained = QUEUE.drain();
            let records: Vec<Value> = drained
                .records
                .into_iter()
                .map(|r| {
                    let time_ns = r
                        .time
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
                    json!({
                        "log_id": r.tag.unwrap_or(0),
                        "time_ns": time_ns,
                        "level": r.level.as_str(),
                        "message": r.message,
                        "fields": r.fields,
                    })
                })
                .collect();
            let out = json!({ "dropped": drained.dropped, "records": records });
            write_out(out_json, &out.to_string());
            Ok(())
        })
    }
}
