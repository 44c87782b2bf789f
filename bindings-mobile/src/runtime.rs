//! The one place where work crosses threads: every async call is spawned on the core's shared
//! tokio runtime (`cryptotopcard::runtime::runtime()`), and the foreign side awaits its
//! `JoinHandle`. Nothing here creates a runtime.
//!
//! Why not `#[uniffi::export(async_runtime = "tokio")]`: that wraps each future in
//! `async_compat::Compat`, which, when polled from a Kotlin/Swift executor thread (no tokio
//! context there), lazily starts a *second*, single-threaded runtime ("async-compat/tokio-1") and
//! drives the future's I/O on it. Spawning on the core's runtime needs no ambient context at all,
//! so the exported futures are runtime-agnostic and the process keeps exactly one runtime; the
//! Kotlin test `oneTokioRuntime` checks that no async-compat thread ever appears.

use std::future::Future;
use std::mem::ManuallyDrop;
use std::ops::Deref;

use crate::error::CryptoTopCardError;

/// Runs `fut` on the core's runtime and waits for it from whatever executor polls us. If the
/// caller stops waiting (Kotlin coroutine cancelled, Swift task dropped), the task is aborted.
pub(crate) async fn run<T, F>(fut: F) -> Result<T, CryptoTopCardError>
where
    F: Future<Output = Result<T, cryptotopcard::Error>> + Send + 'static,
    T: Send + 'static,
{
    let handle = AbortOnDrop(cryptotopcard::runtime::runtime().spawn(fut));
    match handle.join().await {
        Ok(result) => result.map_err(CryptoTopCardError::from),
        Err(e) if e.is_cancelled() => Err(CryptoTopCardError::internal("the call was cancelled")),
        Err(_) => Err(CryptoTopCardError::internal(
            "the SDK panicked while handling this call (a bug: please report it)",
        )),
    }
}

struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> AbortOnDrop<T> {
    async fn join(mut self) -> Result<T, tokio::task::JoinError> {
        (&mut self.0).await
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        // No-op when the task already finished.
        self.0.abort();
    }
}

/// Holds a value whose destructor may need the tokio runtime (a `reqwest` connection pool).
/// uniffi objects are freed from whatever thread the foreign GC/ARC runs on; this drops the
/// value inside the core runtime's context so it never panics with "no reactor running"
/// (matrix-rust-sdk's `AsyncRuntimeDropped`).
pub(crate) struct AsyncRuntimeDropped<T>(ManuallyDrop<T>);

impl<T> AsyncRuntimeDropped<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(ManuallyDrop::new(value))
    }
}

impl<T> Deref for AsyncRuntimeDropped<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Drop for AsyncRuntimeDropped<T> {
    fn drop(&mut self) {
        let _guard = cryptotopcard::runtime::runtime().enter();
        // SAFETY: `self.0` is never used again: this is the destructor.
        unsafe { ManuallyDrop::drop(&mut self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_works_from_a_thread_without_tokio_context() {
        let got = futures_lite_block_on(run(async { Ok::<_, cryptotopcard::Error>(41 + 1) }));
        assert_eq!(got, Ok(42));
    }

    #[test]
    fn a_panicking_task_becomes_an_internal_error() {
        let got = futures_lite_block_on(run::<u8, _>(async {
            panic!("boom");
        }));
        assert!(matches!(got, Err(CryptoTopCardError::Internal { .. })));
    }

    #[test]
    fn drop_from_a_plain_thread_enters_the_runtime() {
        struct NeedsRuntime;
        impl Drop for NeedsRuntime {
            fn drop(&mut self) {
                // Panics without a runtime context.
                let _ = tokio::runtime::Handle::current();
            }
        }
        let v = AsyncRuntimeDropped::new(NeedsRuntime);
        std::thread::spawn(move || drop(v))
            .join()
            .expect("drop on a non-runtime thread");
    }

    /// A minimal executor with no tokio context, like a Kotlin/Swift executor thread.
    fn futures_lite_block_on<F: Future>(fut: F) -> F::Output {
        use std::sync::{Arc, Condvar, Mutex};
        use std::task::{Context, Poll, Wake, Waker};
        struct Signal(Mutex<bool>, Condvar);
        impl Wake for Signal {
            fn wake(self: Arc<Self>) {
                *self.0.lock().unwrap_or_else(|p| p.into_inner()) = true;
                self.1.notify_one();
            }
        }
        let signal = Arc::new(Signal(Mutex::new(false), Condvar::new()));
        let waker = Waker::from(signal.clone());
        let mut cx = Context::from_waker(&waker);
        let mut fut = std::pin::pin!(fut);
        loop {
            if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return v;
            }
            let mut woken = signal.0.lock().unwrap_or_else(|p| p.into_inner());
            while !*woken {
                woken = signal.1.wait(woken).unwrap_or_else(|p| p.into_inner());
            }
            *woken = false;
        }
    }
}
