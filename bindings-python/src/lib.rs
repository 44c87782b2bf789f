//! `cryptotopcard._native`: the pyo3 translation layer over the `cryptotopcard` core crate.
//!
//! This crate owns no behaviour. It converts Python values to JSON for `ops::call`, hands the
//! core's futures to the one shared tokio runtime (blocking with the GIL released, or settling
//! asyncio futures through `delivery.rs`), and turns the core's errors into one exception type
//! (`CoreError`) carrying the core's `Error::to_json()`; the Python package maps that to its
//! exception classes in one place. Files mirror the core: `client.rs`, `error.rs`,
//! `pagination.rs`, `webhook.rs`, plus `convert.rs` (Python <-> JSON), `delivery.rs` (asyncio
//! results) and `sandbox.rs` (the embedded test server).

use pyo3::prelude::*;

mod client;
mod convert;
mod delivery;
mod error;
mod pagination;
mod sandbox;
mod webhook;

use std::time::{Duration, Instant};

/// The one shared runtime of the process: the core's.
pub(crate) fn runtime() -> &'static tokio::runtime::Runtime {
    cryptotopcard::runtime::runtime()
}

/// Registered with `atexit` by the Python package: waits (GIL released) until the shared
/// runtime has no task alive and no asyncio result is waiting for delivery, at most `timeout`
/// seconds, so nothing calls into a finalizing interpreter (the crash of pyo3-async-runtimes
/// issue 40). Returns the number still pending.
#[pyfunction]
#[pyo3(signature = (timeout = 2.0))]
fn _shutdown(py: Python<'_>, timeout: f64) -> usize {
    let cap = if timeout.is_finite() && timeout > 0.0 {
        Duration::from_secs_f64(timeout.min(60.0))
    } else {
        Duration::ZERO
    };
    py.detach(|| {
        let metrics = runtime().metrics();
        let deadline = Instant::now() + cap;
        loop {
            let alive = metrics.num_alive_tasks()
                + delivery::PENDING.load(std::sync::atomic::Ordering::Acquire);
            if alive == 0 || Instant::now() >= deadline {
                return alive;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    })
}

/// Names of every operation the core dispatches (`"cards.create"`, ...).
#[pyfunction]
fn operations() -> Vec<&'static str> {
    cryptotopcard::ops::OPERATIONS.to_vec()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CoreError", m.py().get_type::<error::CoreError>())?;
    m.add_class::<client::NativeClient>()?;
    m.add_class::<sandbox::NativeSandbox>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(_shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(pagination::next_page_params, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::verify_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(webhook::construct_event, m)?)?;
    Ok(())
}
