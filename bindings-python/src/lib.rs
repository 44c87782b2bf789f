//! `cryptotopcard._native`: the pyo3 translation layer over the `cryptotopcard` core crate.
//!
//! This crate owns no behaviour. It converts Python values to JSON for `ops::call`, hands the
//! core's futures to the one shared tokio runtime (blocking with the GIL released, or settling
//! asyncio futures through `delivery.rs`), and raises each core error as an instance of the
//! exception class the core names (`error.rs`; classes generated in `cryptotopcard._errors`). Files mirror the core: `client.rs`, `error.rs`,
//! `webhook.rs`, `logging.rs` (core log events), plus `convert.rs` (Python <-> JSON), `delivery.rs` (asyncio
//! calls: cancellation, results, fork), `gate.rs` (interpreter exit) and, only with the `sandbox`
//! feature, `sandbox.rs` (the embedded test server). The feature build is the test package
//! `cryptotopcard-sandbox` (sandbox-package/: the same module under the name
//! `cryptotopcard_sandbox._native`); the production wheel links no server (axum, SQLite).

use pyo3::prelude::*;

mod client;
mod convert;
mod delivery;
mod error;
mod gate;
mod logging;
#[cfg(feature = "sandbox")]
mod sandbox;
mod webhook;

use std::time::{Duration, Instant};

/// The one shared runtime of the process: the core's. Call it where it is used, never keep
/// the reference (a forked child gets a runtime of its own).
pub(crate) fn runtime() -> &'static tokio::runtime::Runtime {
    cryptotopcard::runtime::runtime()
}

/// Registered with `atexit` by the Python package (so it runs before the interpreter
/// finalizes): aborts every asyncio call still in flight, stops the delivery thread, and from
/// then on no thread of this extension attaches to Python again (see `gate.rs`); a result that
/// arrives later is dropped. Waits at most `timeout` seconds, GIL released, for the delivery
/// thread to stop. Returns the number of calls aborted.
#[pyfunction]
#[pyo3(signature = (timeout = 2.0))]
fn _shutdown(py: Python<'_>, timeout: f64) -> usize {
    let cap = if timeout.is_finite() && timeout > 0.0 {
        Duration::from_secs_f64(timeout.min(60.0))
    } else {
        Duration::ZERO
    };
    gate::begin_shutdown();
    let aborted = delivery::abort_all(py);
    let stopped = delivery::stop(py);
    py.detach(move || {
        let deadline = Instant::now() + cap;
        stopped(deadline);
        gate::finalize(deadline);
    });
    aborted
}

/// Registered with `os.register_at_fork(after_in_child=...)` by the Python package: forgets
/// the parent's threads. (The runtime, connection pool and asyncio state are rebuilt on first
/// use in the child by pid checks, so a fork that skips this hook still works.)
#[pyfunction]
fn _after_fork_in_child() {
    gate::after_fork_in_child();
    logging::after_fork_in_child();
}

/// Number of asyncio calls in flight (registered, not yet delivered nor cancelled); for tests.
#[pyfunction]
fn _in_flight(py: Python<'_>) -> usize {
    delivery::in_flight(py)
}

/// The core's table of error classes as `(name, parent)`, parents first: the Python classes
/// must match it (checked by the tests).
#[pyfunction]
fn error_classes() -> Vec<(&'static str, Option<&'static str>)> {
    cryptotopcard::ERROR_CLASSES
        .iter()
        .map(|c| (c.name, c.parent))
        .collect()
}

/// Names of every operation the core dispatches (`"cards.create"`, ...).
#[pyfunction]
fn operations() -> Vec<&'static str> {
    cryptotopcard::ops::OPERATIONS.to_vec()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<client::NativeClient>()?;
    #[cfg(feature = "sandbox")]
    m.add_class::<sandbox::NativeSandbox>()?;
    m.add_class::<delivery::Canceller>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(error_classes, m)?)?;
    m.add_function(wrap_pyfunction!(_shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(_in_flight, m)?)?;
    m.add_function(wrap_pyfunction!(_after_fork_in_child, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::verify_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::construct_event, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::sign_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(logging::_set_log_level, m)?)?;
    m.add_function(wrap_pyfunction!(logging::_log_level, m)?)?;
    m.add_function(wrap_pyfunction!(logging::_drain_logs, m)?)?;
    logging::install();
    Ok(())
}
