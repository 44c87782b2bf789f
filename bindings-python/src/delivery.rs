//! Completes asyncio futures without tokio workers ever taking the GIL.
//!
//! `acall` creates the future on the running loop and spawns the core call on the shared runtime;
//! the finished result goes over a channel to one delivery thread, which takes the GIL once per
//! batch and hands each loop its results with a single `call_soon_threadsafe`. Measured against
//! pyo3-async-runtimes' `future_into_py` (a GIL acquisition on a tokio worker per call), this keeps
//! the runtime's workers polling I/O while the event loop runs Python.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyList, PyTuple};

use crate::error::CoreError;

/// What a finished call delivers: the Python-ready result or the core error's JSON.
pub(crate) type Outcome<T> = Result<T, String>;

pub(crate) struct Job<T> {
    pub(crate) event_loop: Py<PyAny>,
    pub(crate) future: Py<PyAny>,
    pub(crate) outcome: Outcome<T>,
}

/// Calls spawned by `acall` whose result has not been handed to Python yet.
pub(crate) static PENDING: AtomicUsize = AtomicUsize::new(0);

type CallJob = Job<crate::client::CallResult>;

fn sender() -> &'static Mutex<Sender<CallJob>> {
    static TX: OnceLock<Mutex<Sender<CallJob>>> = OnceLock::new();
    TX.get_or_init(|| {
        let (tx, rx) = channel::<CallJob>();
        // If the thread cannot start, sends fail and `deliver` falls back to the caller's thread.
        let _ = std::thread::Builder::new()
            .name("ctc-py-delivery".into())
            .spawn(move || run(rx));
        Mutex::new(tx)
    })
}

/// Queues a finished call (from any thread, GIL not needed).
pub(crate) fn deliver(job: CallJob) {
    let failed = match sender().lock() {
        Ok(tx) => tx.send(job).err().map(|e| e.0),
        Err(poisoned) => poisoned.into_inner().send(job).err().map(|e| e.0),
    };
    if let Some(job) = failed {
        Python::attach(|py| hand_over(py, vec![job]));
    }
}

fn run(rx: Receiver<CallJob>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        let n = batch.len();
        Python::attach(|py| hand_over(py, batch));
        PENDING.fetch_sub(n, Ordering::AcqRel);
    }
}

/// One `call_soon_threadsafe(_deliver_batch, [(future, ok, value), ...])` per event loop.
fn hand_over(py: Python<'_>, batch: Vec<CallJob>) {
    let mut per_loop: HashMap<usize, (Py<PyAny>, Vec<Bound<'_, PyAny>>)> = HashMap::new();
    for job in batch {
        let value: PyResult<(bool, Bound<'_, PyAny>)> = match job.outcome {
            Ok(v) => v.into_pyobject(py).map(|b| (true, b.into_any())),
            Err(json) => Ok((false, exception(py, CoreError::new_err(json)))),
        };
        let (ok, value) = value.unwrap_or_else(|e| (false, exception(py, e)));
        let flag = PyBool::new(py, ok).to_owned().into_any();
        let Ok(item) = PyTuple::new(py, [job.future.bind(py).clone(), flag, value]) else {
            continue;
        };
        let key = job.event_loop.as_ptr() as usize;
        per_loop
            .entry(key)
            .or_insert_with(|| (job.event_loop.clone_ref(py), Vec::new()))
            .1
            .push(item.into_any());
    }
    for (_, (event_loop, items)) in per_loop {
        let Ok(list) = PyList::new(py, items) else {
            continue;
        };
        let Ok(callback) = wrap_pyfunction!(_deliver_batch, py) else {
            continue;
        };
        // A closed loop (its asyncio.run is over) refuses new callbacks: nobody waits then.
        let _ = event_loop
            .bind(py)
            .call_method1("call_soon_threadsafe", (callback, list));
    }
}

fn exception<'py>(py: Python<'py>, err: PyErr) -> Bound<'py, PyAny> {
    err.into_value(py).into_bound(py).into_any()
}

/// Runs on the event loop: settles each future unless it was cancelled meanwhile.
#[pyfunction]
fn _deliver_batch(items: &Bound<'_, PyList>) -> PyResult<()> {
    for item in items.iter() {
        let (future, ok, value): (Bound<'_, PyAny>, bool, Bound<'_, PyAny>) = item.extract()?;
        if future.call_method0("done")?.is_truthy()? {
            continue;
        }
        if ok {
            future.call_method1("set_result", (value,))?;
        } else {
            future.call_method1("set_exception", (value,))?;
        }
    }
    Ok(())
}
