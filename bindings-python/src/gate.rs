//! Interpreter shutdown: after it begins, no thread of this extension calls into Python.
//!
//! pyo3's own "is the interpreter finalizing?" check is compiled out of abi3-py39 builds, and a
//! thread that takes the GIL after `Py_FinalizeEx` has started is killed inside CPython (a forced
//! unwind through our frames: a crash or a hang). So the package's `atexit` hook
//! (`_native._shutdown`, registered at import, run before finalization) drives two flags:
//!
//! - `SHUTDOWN`, set first: asyncio calls are refused, in-flight ones aborted, late results
//!   dropped by the delivery thread without touching Python.
//! - `FINAL`, set once the delivery thread has stopped: from then on a thread of ours that
//!   would re-attach (a daemon thread returning from a blocking call) parks for good instead;
//!   the process is exiting and daemon threads never run again anyway. `ATTACHING` counts the
//!   threads between "checked the flag" and "holds the GIL", so `_shutdown` can wait (GIL
//!   released) until none is left before letting finalization go on.
//!
//! The thread running `_shutdown` (the one that finalizes) is exempt: it may still make calls
//! from later `atexit` handlers.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

use pyo3::Python;

static SHUTDOWN: AtomicBool = AtomicBool::new(false);
static FINAL: AtomicBool = AtomicBool::new(false);
static ATTACHING: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static FINALIZER: Cell<bool> = const { Cell::new(false) };
}

/// `true` once `_shutdown` has begun (set by the interpreter's `atexit`).
pub(crate) fn shutting_down() -> bool {
    SHUTDOWN.load(SeqCst)
}

/// Step 1 of `_shutdown`, on the finalizing thread.
pub(crate) fn begin_shutdown() {
    FINALIZER.with(|f| f.set(true));
    SHUTDOWN.store(true, SeqCst);
}

/// Step 2 of `_shutdown` (GIL released): no thread of ours attaches after this returns, except
/// those still on their way at `deadline` (`false` then).
pub(crate) fn finalize(deadline: Instant) -> bool {
    FINAL.store(true, SeqCst);
    loop {
        if ATTACHING.load(SeqCst) == 0 {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// In a forked child (`os.register_at_fork(after_in_child=...)`): the parent's threads, some
/// perhaps counted in `ATTACHING` at the moment of the fork, do not exist here.
pub(crate) fn after_fork_in_child() {
    ATTACHING.store(0, SeqCst);
}

/// Registers a thread about to attach. `Some(true)`: counted (call `leave` once attached);
/// `Some(false)`: the finalizing thread (not counted); `None`: the interpreter is finalizing.
fn enter() -> Option<bool> {
    if FINALIZER.with(Cell::get) {
        return Some(false);
    }
    ATTACHING.fetch_add(1, SeqCst);
    if FINAL.load(SeqCst) {
        ATTACHING.fetch_sub(1, SeqCst);
        return None;
    }
    Some(true)
}

fn leave(counted: bool) {
    if counted {
        ATTACHING.fetch_sub(1, SeqCst);
    }
}

/// `py.detach(f)` that never re-attaches once finalization has begun: a (daemon) thread that
/// finishes `f` then parks for good instead of taking the GIL of a finalizing interpreter.
pub(crate) fn detach<T, F>(py: Python<'_>, f: F) -> T
where
    F: Send + FnOnce() -> T,
    T: Send,
{
    let (out, counted) = py.detach(move || {
        let out = f();
        match enter() {
            Some(counted) => (out, counted),
            None => loop {
                std::thread::park();
            },
        }
    });
    leave(counted);
    out
}

/// Attaches a thread of ours (the delivery thread) unless finalization has begun (`None`).
pub(crate) fn attach<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> Option<R> {
    let counted = enter()?;
    let mut pending = counted;
    let out = Python::try_attach(|py| {
        leave(std::mem::take(&mut pending));
        f(py)
    });
    leave(pending);
    out
}
