//! The in-process sandbox server (`cryptotopcard.testing.Sandbox`), compiled only with the
//! `sandbox` feature: the test package `cryptotopcard-sandbox` (module
//! `cryptotopcard_sandbox._native`, built from sandbox-package/). It is served by that module's
//! shared runtime (`cryptotopcard_sandbox::serve`), not a runtime of its own; clients of the
//! production module reach it over 127.0.0.1 like any server.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::sync::Mutex;

#[pyclass(frozen, module = "cryptotopcard_sandbox._native")]
pub(crate) struct NativeSandbox {
    handle: Mutex<Option<cryptotopcard_sandbox::SandboxHandle>>,
    url: String,
}

#[pymethods]
impl NativeSandbox {
    /// Starts a sandbox on a free port of 127.0.0.1.
    #[new]
    fn new(py: Python<'_>) -> PyResult<Self> {
        let handle = crate::gate::detach(py, || {
            crate::runtime().block_on(cryptotopcard_sandbox::serve(
                cryptotopcard_sandbox::Config::default(),
            ))
        })
        .map_err(|e| PyRuntimeError::new_err(format!("sandbox failed to start: {e}")))?;
        let url = handle.url().to_string();
        Ok(Self {
            handle: Mutex::new(Some(handle)),
            url,
        })
    }

    /// The base URL an SDK takes: `http://127.0.0.1:PORT/v1`.
    #[getter]
    fn url(&self) -> String {
        self.url.clone()
    }

    /// Stops the server (idempotent).
    fn shutdown(&self, py: Python<'_>) {
        let taken = match self.handle.lock() {
            Ok(mut guard) => guard.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(handle) = taken {
            crate::gate::detach(py, move || handle.shutdown());
        }
    }

    fn __repr__(&self) -> String {
        format!("NativeSandbox(url={:?})", self.url)
    }
}
