//! asyncio calls: registration, cancellation and delivery, without tokio workers ever taking
//! the GIL or holding a Python object.
//!
//! `acall` creates the future on the running loop, registers it (with the loop) under a numeric
//! id and spawns the core call on the shared runtime; the task carries only the id. A finished
//! call sends `(id, outcome)` to one delivery thread, which takes the GIL once per batch and
//! hands each loop its results with a single `call_soon_threadsafe`. Measured against
//! pyo3-async-runtimes' `future_into_py` (a GIL acquisition on a tokio worker per call), this
//! keeps the runtime's workers polling I/O while the event loop runs Python.
//!
//! Cancellation: a done-callback on the future aborts the task when the future is cancelled
//! (`task.cancel()`, `wait_for`, `asyncio.timeout`, TaskGroup): the core future is dropped, so
//! the connection closes and nothing is delivered later.
//!
//! Fork: all of this is per process. The state records the pid that built it; a forked child
//! (which has none of the parent's threads) builds its own on first use and leaks the parent's.
//! The state is only touched with the GIL held, and `os.fork()` holds the GIL, so no thread can
//! be inside it when the child is created.
//!
//! Exit: `_shutdown` aborts every registered call, stops the delivery thread and waits for it;
//! results that arrive after shutdown began are dropped without touching Python (`gate.rs`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyList, PyTuple};
use tokio::task::AbortHandle;

use crate::client::CallResult;
use crate::gate;

/// What a finished call delivers: the Python-ready result or the core error's JSON.
pub(crate) type Outcome = Result<CallResult, crate::error::Failure>;

pub(crate) enum Msg {
    Done(u64, Outcome),
    Stop,
}

/// A call awaited by asyncio: its loop, its future and its task (set right after the spawn).
struct Pending {
    event_loop: Py<PyAny>,
    future: Py<PyAny>,
    abort: Option<AbortHandle>,
}

/// Everything asyncio calls need in one process. Leaked: lives as long as the process.
pub(crate) struct State {
    pid: u32,
    tx: Sender<Msg>,
    thread: Mutex<Option<JoinHandle<()>>>,
    calls: Mutex<HashMap<u64, Pending>>,
    next_id: AtomicU64,
}

static STATE: Mutex<Option<&'static State>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// This process's state, built on first use (and again in a forked child). The GIL token
/// serializes every caller (nothing here is ever locked across a call into Python).
pub(crate) fn state(_py: Python<'_>) -> PyResult<&'static State> {
    let pid = std::process::id();
    let mut slot = lock(&STATE);
    if let Some(st) = *slot {
        if st.pid == pid {
            return Ok(st);
        }
    }
    let (tx, rx) = channel::<Msg>();
    let st: &'static State = Box::leak(Box::new(State {
        pid,
        tx,
        thread: Mutex::new(None),
        calls: Mutex::new(HashMap::new()),
        next_id: AtomicU64::new(1),
    }));
    let thread = std::thread::Builder::new()
        .name("ctc-py-delivery".into())
        .spawn(move || run(st, rx))
        .map_err(|e| {
            crate::error::Failure::Internal {
                message: format!("cannot start the asyncio delivery thread: {e}"),
                idempotency_key: None,
            }
            .into_pyerr()
        })?;
    *lock(&st.thread) = Some(thread);
    *slot = Some(st);
    Ok(st)
}

/// This process's state if it has one (never builds it).
fn existing(_py: Python<'_>) -> Option<&'static State> {
    let st = (*lock(&STATE))?;
    (st.pid == std::process::id()).then_some(st)
}

impl State {
    /// Registers an awaited call; its task's abort handle is attached with `set_abort`.
    pub(crate) fn register(&self, event_loop: Py<PyAny>, future: Py<PyAny>) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        lock(&self.calls).insert(
            id,
            Pending {
                event_loop,
                future,
                abort: None,
            },
        );
        id
    }

    pub(crate) fn set_abort(&self, id: u64, abort: AbortHandle) {
        if let Some(p) = lock(&self.calls).get_mut(&id) {
            p.abort = Some(abort);
        }
    }

    /// Where finished calls go (tokio tasks keep a clone; no GIL needed to send).
    pub(crate) fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    /// Forgets a call and aborts its task (dropping the core future closes its connection).
    /// Called with the GIL held, so the Python objects are released here.
    fn cancel(&self, id: u64) {
        let pending = lock(&self.calls).remove(&id);
        if let Some(Pending {
            abort: Some(abort), ..
        }) = &pending
        {
            abort.abort();
        }
        drop(pending);
    }
}

/// Done-callback of every asyncio future `acall` returns: when the future ends before its
/// result was delivered (it was cancelled), the Rust task is aborted at once.
#[pyclass(frozen, module = "cryptotopcard._native")]
pub(crate) struct Canceller {
    state: &'static State,
    id: u64,
}

impl Canceller {
    pub(crate) fn new(state: &'static State, id: u64) -> Self {
        Self { state, id }
    }
}

#[pymethods]
impl Canceller {
    fn __call__(&self, _future: &Bound<'_, PyAny>) {
        // A future copied into a forked child belongs to the parent's call: its task lives on
        // the parent's runtime, which this process must not touch. Nothing to abort here.
        if self.state.pid == std::process::id() {
            self.state.cancel(self.id);
        }
    }
}

/// asyncio calls of this process registered and not yet delivered nor cancelled.
pub(crate) fn in_flight(py: Python<'_>) -> usize {
    existing(py).map_or(0, |st| lock(&st.calls).len())
}

/// `_shutdown`'s first step (GIL held): aborts every registered call and asks its loop to
/// cancel its future (a loop still running, in a daemon thread say, then ends the awaiting
/// task quietly; a closed loop refuses, and nobody waits there). Returns how many.
///
/// The futures and loops are then leaked on purpose: a task still pending on a loop that never
/// runs again would otherwise be collected during finalization with a "Task was destroyed but
/// it is pending!" message.
pub(crate) fn abort_all(py: Python<'_>) -> usize {
    let Some(st) = existing(py) else { return 0 };
    let calls = std::mem::take(&mut *lock(&st.calls));
    let n = calls.len();
    for p in calls.values() {
        if let Some(abort) = &p.abort {
            abort.abort();
        }
        if let Ok(cancel) = p.future.bind(py).getattr("cancel") {
            let _ = p
                .event_loop
                .bind(py)
                .call_method1("call_soon_threadsafe", (cancel,));
        }
    }
    std::mem::forget(calls);
    n
}

/// `_shutdown`'s second step: stops the delivery thread; the returned closure waits (GIL
/// released) until it has exited or `deadline` passed.
pub(crate) fn stop(py: Python<'_>) -> impl FnOnce(Instant) -> bool + Send {
    let thread = existing(py).and_then(|st| {
        let _ = st.tx.send(Msg::Stop);
        lock(&st.thread).take()
    });
    move |deadline: Instant| {
        let Some(thread) = thread else { return true };
        while !thread.is_finished() {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = thread.join();
        true
    }
}

fn run(st: &'static State, rx: Receiver<Msg>) {
    while let Ok(first) = rx.recv() {
        let mut batch = Vec::new();
        let mut stop = false;
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Done(id, outcome) => batch.push((id, outcome)),
                Msg::Stop => stop = true,
            }
        }
        // After shutdown began, results are dropped here: they hold no Python object.
        if !batch.is_empty() && !gate::shutting_down() {
            gate::attach(|py| hand_over(py, st, batch));
        }
        if stop {
            return;
        }
    }
}

/// One `call_soon_threadsafe(_deliver_batch, [(future, ok, value), ...])` per event loop.
fn hand_over(py: Python<'_>, st: &State, batch: Vec<(u64, Outcome)>) {
    let mut per_loop: HashMap<usize, (Py<PyAny>, Vec<Bound<'_, PyAny>>)> = HashMap::new();
    for (id, outcome) in batch {
        // Not registered any more: cancelled (or aborted at shutdown). Nobody waits for it.
        let Some(pending) = lock(&st.calls).remove(&id) else {
            continue;
        };
        let value: PyResult<(bool, Bound<'_, PyAny>)> = match outcome {
            Ok(v) => v.into_pyobject(py).map(|b| (true, b.into_any())),
            Err(failure) => Ok((false, exception(py, failure.into_pyerr()))),
        };
        let (ok, value) = value.unwrap_or_else(|e| (false, exception(py, e)));
        let flag = PyBool::new(py, ok).to_owned().into_any();
        let Ok(item) = PyTuple::new(py, [pending.future.bind(py).clone(), flag, value]) else {
            continue;
        };
        let key = pending.event_loop.as_ptr() as usize;
        per_loop
            .entry(key)
            .or_insert_with(|| (pending.event_loop.clone_ref(py), Vec::new()))
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
