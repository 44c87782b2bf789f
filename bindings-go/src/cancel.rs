//! Cancellation tokens: `ctc_call` races the core's future against its token, so cancelling aborts
//! the in-flight request (the future is dropped) and the call returns `CTC_ERR_CANCELLED` at once.

use std::panic::catch_unwind;

use tokio::sync::watch;

use crate::ffi::{free_box, with_ref};

/// An opaque cancellation token. Create with `ctc_cancel_token_new`, release with
/// `ctc_cancel_token_free` once no call uses it any more.
pub struct CtcCancelToken {
    tx: watch::Sender<bool>,
}

impl CtcCancelToken {
    pub(crate) fn subscribe(&self) -> watch::Receiver<bool> {
        self.tx.subscribe()
    }
}

/// Waits until the token is cancelled. Never completes if the token goes away uncancelled.
pub(crate) async fn cancelled(mut rx: watch::Receiver<bool>) {
    if rx.wait_for(|c| *c).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Creates a token (never cancelled yet). Returns NULL only if allocation failed.
#[no_mangle]
pub extern "C" fn ctc_cancel_token_new() -> *mut CtcCancelToken {
    catch_unwind(|| {
        let (tx, _rx) = watch::channel(false);
        Box::into_raw(Box::new(CtcCancelToken { tx }))
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Cancels every call using this token, now and later. Thread-safe; idempotent; NULL is ignored.
///
/// # Safety
/// `token` must be NULL or a live token from `ctc_cancel_token_new`.
#[no_mangle]
pub unsafe extern "C" fn ctc_cancel_token_cancel(token: *const CtcCancelToken) {
    unsafe {
        with_ref(token, (), |t| {
            t.tx.send_replace(true);
        })
    }
}

/// Reports whether the token was cancelled (1) or not (0); NULL gives 0.
///
/// # Safety
/// `token` must be NULL or a live token from `ctc_cancel_token_new`.
#[no_mangle]
pub unsafe extern "C" fn ctc_cancel_token_is_cancelled(token: *const CtcCancelToken) -> i32 {
    unsafe { with_ref(token, 0, |t| i32::from(*t.tx.borrow())) }
}

/// Releases a token. Calls already running keep working (they hold their own subscription) but can
/// no longer be cancelled. NULL is ignored.
///
/// # Safety
/// `token` must be NULL or a token from `ctc_cancel_token_new` not yet freed, and no other thread may
/// use it concurrently.
#[no_mangle]
pub unsafe extern "C" fn ctc_cancel_token_free(token: *mut CtcCancelToken) {
    unsafe { free_box(token) }
}
