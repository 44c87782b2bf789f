//! Auto-paging: the core's `*_auto_paging` streams as objects with a suspend/async `next()`
//! (Kotlin: `cards.listAutoPaging(...).asFlow()`), one object type per item type because uniffi
//! objects cannot be generic: each is generated next to its resource (`crate::generated`) over
//! [`Shared`] and [`next_item`]. Mirrors `cryptotopcard::pagination`.

use std::pin::Pin;
use std::sync::Arc;

use futures_util::{Stream, StreamExt};
use tokio::sync::Mutex;

use crate::error::CryptoTopCardError;
use crate::runtime::{run, AsyncRuntimeDropped};

pub(crate) type ItemStream<T> = Pin<Box<dyn Stream<Item = cryptotopcard::Result<T>> + Send>>;
/// `None` once a `next()` was cancelled mid-page (the stream, with its request, was dropped).
pub(crate) type Shared<T> = Arc<AsyncRuntimeDropped<Mutex<Option<ItemStream<T>>>>>;

pub(crate) fn shared<T, S>(stream: S) -> Shared<T>
where
    S: Stream<Item = cryptotopcard::Result<T>> + Send + 'static,
{
    // Fused: asking again after the end answers `None` again (an unfold stream would panic).
    Arc::new(AsyncRuntimeDropped::new(Mutex::new(Some(Box::pin(
        stream.fuse(),
    )))))
}

/// The next item of `stream`, polled on the core runtime. Concurrent callers are served in turn.
///
/// The stream is taken out of the pager while a page is fetched and put back after: if the
/// caller cancels (the task is aborted), the stream and its in-flight request are dropped with
/// the task, so the connection closes at once instead of waiting inside the pager; the pager
/// then answers `Cancelled` (start a new `listAutoPaging` to continue).
pub(crate) async fn next_item<T: Send + 'static>(
    stream: &Shared<T>,
) -> Result<Option<T>, CryptoTopCardError> {
    let stream = stream.clone();
    run(None, async move {
        let mut slot = stream.lock().await;
        let Some(mut s) = slot.take() else {
            return Err(cryptotopcard::Error::cancelled(None));
        };
        let item = s.next().await.transpose();
        *slot = Some(s);
        item
    })
    .await
}
