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

/// Runs `fut` on the core's runtime and waits for it from whatever executor polls us.
///
/// Cancellation: when the Kotlin coroutine awaiting the call is cancelled, uniffi's generated
/// `uniffiRustCallAsync` frees the Rust future in its `finally` (`rust_future_free`), which drops
/// this future, and [`AbortOnDrop`] aborts the spawned task at once: the task's future (the HTTP
/// request and its connection) is dropped on the runtime, so the connection closes and no
/// result is produced later. (uniffi's Swift code installs no task-cancellation handler: a
/// cancelled Swift `Task` keeps awaiting the call until it ends.)
/// `idempotency_key` is the key a mutating call carries; it is reported in the (never expected)
/// case where the task is cancelled while someone still waits for it.
pub(crate) async fn run<T, F>(
    idempotency_key: Option<String>,
    fut: F,
) -> Result<T, CryptoTopCardError>
where
    F: Future<Output = Result<T, cryptotopcard::Error>> + Send + 'static,
    T: Send + 'static,
{
    // Looked up at every call, never cached: in a forked child the core builds a new runtime.
    let handle = AbortOnDrop(cryptotopcard::runtime::runtime().spawn(fut));
    match handle.join().await {
        Ok(result) => result.map_err(CryptoTopCardError::from),
        Err(e) if e.is_cancelled() => Err(cryptotopcard::Error::cancelled(idempotency_key).into()),
        Err(_) => Err(cryptotopcard::Error::internal(
            "the SDK panicked while handling this call (a bug: please report it)",
        )
        .into()),
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
        let got = futures_lite_block_on(run(None, async { Ok::<_, cryptotopcard::Error>(41 + 1) }));
        assert_eq!(got, Ok(42));
    }

    #[test]
    fn a_panicking_task_becomes_an_internal_error() {
        let got = futures_lite_block_on(run::<u8, _>(None, async {
            panic!("boom");
        }));
        assert!(matches!(got, Err(CryptoTopCardError::Internal { .. })));
    }

    /// Dropping the future (what uniffi's `rust_future_free` does when a Kotlin coroutine is
    /// cancelled) aborts the request: a server that accepts and never answers sees the
    /// connection closed, and the call's own 30 s timeout plays no part.
    #[test]
    fn dropping_the_call_closes_its_connection() {
        use std::io::Read;
        use std::net::TcpListener;
        use std::sync::mpsc;
        use std::time::{Duration, Instant};

        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let (accepted_tx, accepted_rx) = mpsc::channel();
        let (closed_tx, closed_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let Ok((mut sock, _)) = listener.accept() else {
                return;
            };
            let _ = accepted_tx.send(());
            let mut buf = [0u8; 4096];
            // Read the request, then wait for the client to close (read returns 0).
            loop {
                match sock.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
            let _ = closed_tx.send(Instant::now());
        });

        let client = cryptotopcard::Client::builder()
            .api_key("sk_test_cancel")
            .base_url(format!("http://127.0.0.1:{port}/v1"))
            .timeout(Duration::from_secs(30))
            .max_retries(0)
            .build()
            .expect("client");
        let key = cryptotopcard::http::new_idempotency_key();
        let req = client
            .cards()
            .create(cryptotopcard::CardCreateParams {
                bin_id: "491653".into(),
                amount: 5.0,
                label: None,
                spending_limit: None,
                allowed_categories: None,
                auto_freeze_at: None,
                metadata: None,
            })
            .idempotency_key(key.clone());
        let mut call = Box::pin(run(Some(key), req.send()));
        // One poll spawns the task; the request is then in flight on the core runtime.
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        assert!(call.as_mut().poll(&mut cx).is_pending());
        accepted_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the request reached the server");
        std::thread::sleep(Duration::from_millis(200));

        let dropped = Instant::now();
        drop(call);
        let closed = closed_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the server saw the connection closed");
        let after = closed.saturating_duration_since(dropped);
        eprintln!("connection closed {after:?} after the call was dropped");
        assert!(after < Duration::from_secs(5), "{after:?}");
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
