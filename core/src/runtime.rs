//! The one tokio runtime shared by every binding in the process.

use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};

use tokio::runtime::Runtime;

/// The runtime of this process and the pid it was built in. A forked child inherits both
/// values but none of the runtime's threads, so it builds its own (see [`runtime`]).
static RUNTIME: AtomicPtr<Runtime> = AtomicPtr::new(std::ptr::null_mut());
static RUNTIME_PID: AtomicU32 = AtomicU32::new(0);
/// Pid of the process whose thread is building a runtime (0: nobody). Not a `Mutex`: a fork
/// while another thread holds a mutex leaves it locked forever in the child (no thread there
/// will unlock it). A builder from another process is such a ghost, and its claim is taken over.
static BUILDER: AtomicU32 = AtomicU32::new(0);

struct BuildGuard;

impl BuildGuard {
    fn acquire(pid: u32) -> BuildGuard {
        loop {
            let holder = BUILDER.load(Ordering::Acquire);
            if holder != pid
                && BUILDER
                    .compare_exchange(holder, pid, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
            {
                return BuildGuard;
            }
            // Another thread of this process is building: it takes milliseconds, once.
            std::thread::yield_now();
        }
    }
}

impl Drop for BuildGuard {
    fn drop(&mut self) {
        BUILDER.store(0, Ordering::Release);
    }
}

/// The shared multi-thread tokio runtime, created on first use. Bindings drive every request on
/// it (`runtime().block_on(..)` or `runtime().spawn(..)`); never create a runtime per call.
///
/// Fork-safe: in a child process forked after first use (gunicorn `--preload`, Celery prefork,
/// `multiprocessing` with the fork start method) the parent's runtime has no threads left, so
/// the child's first call builds a fresh one. The parent's is leaked, never dropped: dropping
/// it would wait for threads that do not exist. Do not keep the returned reference (or a
/// `Handle`) across a fork: call `runtime()` where it is used.
///
/// # Panics
/// Only if the operating system refuses to start the runtime's threads.
pub fn runtime() -> &'static Runtime {
    let pid = std::process::id();
    let ptr = RUNTIME.load(Ordering::Acquire);
    if !ptr.is_null() && RUNTIME_PID.load(Ordering::Acquire) == pid {
        // SAFETY: a non-null pointer always comes from `Box::leak` below and is never freed.
        return unsafe { &*ptr };
    }
    let _guard = BuildGuard::acquire(pid);
    let ptr = RUNTIME.load(Ordering::Acquire);
    if !ptr.is_null() && RUNTIME_PID.load(Ordering::Acquire) == pid {
        // SAFETY: as above.
        return unsafe { &*ptr };
    }
    // The one panic the core allows: without threads no SDK call can run, and this happens on
    // first use (or first use after fork), never in the middle of a request.
    #[allow(clippy::expect_used)]
    let rt: &'static Runtime = Box::leak(Box::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("cryptotopcard-rt")
            .build()
            .expect("cryptotopcard: cannot start the tokio runtime"),
    ));
    // Pid first is not needed for safety (readers check both), but a reader that sees the new
    // pointer with the old pid only takes the slow path once more.
    RUNTIME.store(rt as *const Runtime as *mut Runtime, Ordering::Release);
    RUNTIME_PID.store(pid, Ordering::Release);
    rt
}

/// `true` when the shared runtime was built in another process (this one is a forked child
/// that has not made a call yet). Bindings use it to reset their own per-process state.
pub fn is_forked_child() -> bool {
    let ptr = RUNTIME.load(Ordering::Acquire);
    !ptr.is_null() && RUNTIME_PID.load(Ordering::Acquire) != std::process::id()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_claim_left_by_another_process_is_taken_over() {
        let me = std::process::id();
        // What a child inherits when the fork happened while a parent thread was building.
        let ghost = me.wrapping_add(1).max(1);
        BUILDER.store(ghost, Ordering::Release);
        {
            let _g = BuildGuard::acquire(me);
            assert_eq!(BUILDER.load(Ordering::Acquire), me);
        }
        assert_eq!(BUILDER.load(Ordering::Acquire), 0, "released on drop");
        // And the runtime itself still comes up.
        assert_eq!(runtime().block_on(async { 7 }), 7);
    }
}
