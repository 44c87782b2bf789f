//! Core log events for Python's `logging`. The core's sink runs on runtime threads, which must
//! never attach to the interpreter (it may be finalizing, see `gate.rs`): the sink only queues
//! the record (bounded, never blocking for long); the Python package drains the queue from its
//! own thread after each call (`_drain_logs`) and emits the records to the "cryptotopcard"
//! logger. The core's records carry no key, PAN, CVV, OTP nor webhook secret.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;

use pyo3::prelude::*;

use cryptotopcard::logging::{self, LogLevel, LogRecord};

/// Records kept when nobody drains them; the oldest are dropped beyond this.
const CAP: usize = 1000;

type Queue = Mutex<VecDeque<(u8, String)>>;

/// The queue, replaced by a fresh one in a forked child (a runtime thread of the parent may
/// have held the lock at the fork; that thread does not exist in the child). The old one is
/// leaked, never freed while something could still point at it.
static QUEUE: AtomicPtr<Queue> = AtomicPtr::new(std::ptr::null_mut());

fn queue() -> &'static Queue {
    let p = QUEUE.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: every pointer stored is a leaked `Box` and is never freed.
        return unsafe { &*p };
    }
    let fresh: *mut Queue = Box::into_raw(Box::new(Mutex::new(VecDeque::new())));
    match QUEUE.compare_exchange(
        std::ptr::null_mut(),
        fresh,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        // SAFETY: just leaked above and published; never freed.
        Ok(_) => unsafe { &*fresh },
        Err(current) => {
            // SAFETY: `fresh` was never published: this thread owns it.
            drop(unsafe { Box::from_raw(fresh) });
            // SAFETY: as above, a leaked `Box` that is never freed.
            unsafe { &*current }
        }
    }
}

/// In a forked child: a fresh, unlocked queue (the parent's records are not the child's).
pub(crate) fn after_fork_in_child() {
    let fresh = Box::into_raw(Box::new(Mutex::new(VecDeque::new())));
    QUEUE.store(fresh, Ordering::Release);
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

fn sink(record: &LogRecord) {
    let Ok(mut q) = queue().lock() else { return };
    if q.len() >= CAP {
        q.pop_front();
    }
    q.push_back((py_level(record.level), record.line()));
}

/// Installs the one sink at import, at the level of `CRYPTOTOPCARD_LOG` (off by default).
pub(crate) fn install() {
    let _ = logging::install_sink(LogLevel::from_env(), sink);
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
    match queue().lock() {
        Ok(mut q) => q.drain(..).collect(),
        Err(_) => Vec::new(),
    }
}
