//! The core's log events (`cryptotopcard::logging`) handed to a sink the app implements in
//! Kotlin or Swift (`LogSink`). The Kotlin package installs one that writes to the
//! `java.util.logging` logger `cryptotopcard` (`CryptoTopCardLogging.install()`); a Swift app
//! implements the protocol with `os.Logger`.
//!
//! Events carry method, path, status, request id, attempt, retry delay and timings, never a
//! header value or a body: no API key, PAN, CVV, OTP or webhook secret (the core's guarantee).
//!
//! Threads: the core emits events on its runtime's worker threads, which must never block nor
//! wait on a foreign VM. Its sink only queues the record (the core's bounded `LogQueue`: when
//! 1,024 records wait, newer ones are dropped); one thread of this library (`cryptotopcard-log`)
//! hands them to the foreign sink in order. A sink that throws loses that record only. Records
//! still queued when the process exits are not delivered.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use cryptotopcard::logging::{self as core, LogQueue};

/// The records waiting for the foreign sink; newer ones are dropped once 1,024 wait.
static QUEUE: LogQueue = LogQueue::new(1024);

/// Severity, most verbose first; `Off` logs nothing (the core's level, shared by Kotlin and Swift).
pub use cryptotopcard::logging::LogLevel;

/// One log event of the SDK.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogEntry {
    /// Severity.
    pub level: LogLevel,
    /// What happened: `request`, `response`, `retrying`.
    pub message: String,
    /// `method`, `path`, `status`, `request_id`, `attempt`, `elapsed_ms`, `delay_ms`, `error`.
    pub fields: HashMap<String, String>,
    /// `message key=value ...` in the core's field order, ready to print.
    pub line: String,
}

impl From<&core::LogRecord> for LogEntry {
    fn from(r: &core::LogRecord) -> Self {
        Self {
            level: r.level,
            message: r.message.clone(),
            fields: r.fields.iter().cloned().collect(),
            line: r.line(),
        }
    }
}

/// Receives the SDK's log events; implemented in Kotlin or Swift. Called on the SDK's own log
/// thread, one record at a time, in order.
#[uniffi::export(foreign)]
pub trait LogSink: Send + Sync {
    /// Handles one event (must not throw; a thrown error loses this record only).
    fn log(&self, entry: LogEntry);
}

/// The foreign sink records go to (replaceable).
struct State {
    sink: Mutex<Option<Arc<dyn LogSink>>>,
    /// Whether the core accepted our sink (`false`: the process has its own `tracing`
    /// subscriber, which receives the events instead).
    installed: bool,
}

static STATE: OnceLock<State> = OnceLock::new();

fn state() -> &'static State {
    STATE.get_or_init(|| {
        let spawned = std::thread::Builder::new()
            .name("cryptotopcard-log".into())
            .spawn(deliver);
        // Never blocks a runtime thread: a full queue drops the record.
        let installed = spawned.is_ok() && QUEUE.install(core::level());
        State {
            sink: Mutex::new(None),
            installed,
        }
    })
}

/// The log thread: hands each record to the current foreign sink.
fn deliver() {
    loop {
        QUEUE.wait(Duration::from_secs(3600));
        for record in QUEUE.drain().records {
            let sink = STATE
                .get()
                .and_then(|s| s.sink.lock().unwrap_or_else(|p| p.into_inner()).clone());
            if let Some(sink) = sink {
                let entry = LogEntry::from(&record);
                let _ = catch_unwind(AssertUnwindSafe(|| sink.log(entry)));
            }
        }
    }
}

/// Sends the SDK's log events at `level` and above (default: `CRYPTOTOPCARD_LOG`, i.e. `debug`,
/// `info`, `warn`, `error` or `off`, `off` when unset) to `sink`, replacing any sink installed
/// before. `false` when the events cannot be forwarded (the process installed its own Rust
/// `tracing` subscriber first).
#[uniffi::export(default(level = None))]
pub fn install_log_sink(sink: Arc<dyn LogSink>, level: Option<LogLevel>) -> bool {
    let state = state();
    *state.sink.lock().unwrap_or_else(|p| p.into_inner()) = Some(sink);
    core::set_level(level.unwrap_or_else(LogLevel::from_env));
    state.installed
}

/// Changes the level at run time (`Off` silences the SDK).
#[uniffi::export]
pub fn set_log_level(level: LogLevel) {
    core::set_level(level);
}

/// The current level.
#[uniffi::export]
pub fn log_level() -> LogLevel {
    core::level()
}

/// The level `CRYPTOTOPCARD_LOG` names (`Off` when unset or not a level).
#[uniffi::export]
pub fn log_level_from_env() -> LogLevel {
    LogLevel::from_env()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    struct Collect(Mutex<mpsc::Sender<LogEntry>>);

    impl LogSink for Collect {
        fn log(&self, entry: LogEntry) {
            let _ = self.0.lock().unwrap_or_else(|p| p.into_inner()).send(entry);
        }
    }

    /// A sink that fails on every record.
    struct Panics;

    impl LogSink for Panics {
        fn log(&self, _: LogEntry) {
            panic!("a sink that fails");
        }
    }

    /// A `GET /wallet` to a closed port: the core logs its `request` at debug (and nothing at
    /// info, with no retry and no response).
    fn call_a_closed_port() {
        let client = cryptotopcard::Client::builder()
            .api_key("sk_test_logging")
            .base_url("http://127.0.0.1:9/v1")
            .max_retries(0)
            .build()
            .expect("client");
        let _ = cryptotopcard::runtime::runtime().block_on(client.wallet().retrieve().send());
    }

    /// Records for `/wallet` (other tests of this binary log their own calls meanwhile).
    fn wallet_records(rx: &mpsc::Receiver<LogEntry>, wait: Duration) -> Vec<LogEntry> {
        let mut got = Vec::new();
        while let Ok(e) = rx.recv_timeout(wait) {
            if e.fields.get("path").map(String::as_str) == Some("/wallet") {
                got.push(e);
            }
        }
        got
    }

    /// Events reach the foreign sink from the log thread, filtered by level; a sink that panics
    /// loses its records only, and a later sink replaces it.
    #[test]
    fn events_reach_the_sink_by_level() {
        assert!(install_log_sink(Arc::new(Panics), Some(LogLevel::Debug)));
        call_a_closed_port();

        let (tx, rx) = mpsc::channel();
        assert!(install_log_sink(
            Arc::new(Collect(Mutex::new(tx))),
            Some(LogLevel::Debug)
        ));
        assert_eq!(log_level(), LogLevel::Debug);
        call_a_closed_port();
        let got = wallet_records(&rx, Duration::from_millis(500));
        assert!(!got.is_empty(), "no record");
        // (A record of the first call may arrive here too, after the sink was replaced.)
        let first = got
            .iter()
            .find(|r| r.message == "request")
            .expect("the attempt's record");
        assert_eq!(first.level, LogLevel::Debug);
        assert_eq!(first.message, "request");
        assert_eq!(first.fields["method"], "GET");
        assert_eq!(first.line, "request method=GET path=/wallet attempt=0");

        // At info the attempt (debug) is filtered out; the call's final failure (warn) is not.
        set_log_level(LogLevel::Info);
        call_a_closed_port();
        let got = wallet_records(&rx, Duration::from_millis(300));
        assert!(got.iter().all(|r| r.level >= LogLevel::Info), "{got:?}");
        assert!(got.iter().any(|r| r.message == "request failed"), "{got:?}");
        set_log_level(LogLevel::Off);
    }
}
