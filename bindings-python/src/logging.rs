//! Core log events for Python's `logging`. The core's sink runs on runtime threads, which must
//! never attach to the interpreter (it may be finalizing, see `gate.rs`): the sink is the core's
//! bounded queue (`cryptotopcard::logging::LogQueue`, fork-safe, never blocking for long); the
//! Python package drains it from its own thread after each call (`_drain_logs`) and emits the
//! records to the "cryptotopcard" logger. The core's records carry no key, PAN, CVV, OTP nor
//! webhook secret.

use pyo3::prelude::*;

use cryptotopcard::logging::{self, LogLevel, LogQueue};

/// Records kept when nobody drains them; the oldest are dropped beyond this.
static QUEUE: LogQueue = LogQueue::new(1000).drop_oldest();

/// In a forked child: a fresh, unlocked queue (the parent's records are not the child's).
pub(crate) fn after_fork_in_child() {
    QUEUE.reset();
}

fn py_level(level: LogLevel) -> u8 {
    // The stdlib's numeric levels.
    match level {
        LogLevel::Debug => 10,
        LogLevel::Info => 20,
        LogLevel::Warn => 30,
        LogLevel::Error | LogLevel::Off => 40,
    }
}

/// Installs the one sink at import, at the level of `CRYPTOTOPCARD_LOG` (off by default).
pub(crate) fn install() {
    let _ = QUEUE.install(LogLevel::from_env());
}

/// Changes the level: `debug|info|warn|error|off`.
#[pyfunction]
pub(crate) fn _set_log_level(level: &str) -> PyResult<()> {
    let Some(l) = LogLevel::parse(level) else {
        return Err(crate::error::validation(
            "level",
            "level: expected debug, info, warn, error or off".to_string(),
        ));
    };
    logging::set_level(l);
    Ok(())
}

/// The current level's name.
#[pyfunction]
pub(crate) fn _log_level() -> &'static str {
    logging::level().as_str()
}

/// Takes the queued records as `(stdlib level, "message key=value ...")`.
#[pyfunction]
pub(crate) fn _drain_logs() -> Vec<(u8, String)> {
    QUEUE
        .drain()
        .records
        .iter()
        .map(|r| (py_level(r.level), r.line()))
        .collect()
}
