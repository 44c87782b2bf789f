//! Auto-paging over list endpoints.

use std::collections::VecDeque;

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::error::Result;
use crate::http::ApiRequest;
use crate::models::Page;

pub use crate::models::common::{Page as ListPage, Pagination};

/// List parameters that carry `page` / `per_page`.
pub trait Paged: Clone + Send + 'static {
    /// Requested page (1-based), if set.
    fn page(&self) -> Option<u32>;
    /// Requested page size, if set.
    fn per_page(&self) -> Option<u32>;
    /// Sets the page to request.
    fn set_page(&mut self, page: u32);
}

macro_rules! impl_paged {
    ($($t:ty),+) => {$(
        impl $crate::pagination::Paged for $t {
            fn page(&self) -> Option<u32> { self.page }
            fn per_page(&self) -> Option<u32> { self.per_page }
            fn set_page(&mut self, page: u32) { self.page = Some(page); }
        }
    )+};
}
pub(crate) use impl_paged;

struct State<P, T, F> {
    next: Option<P>,
    buf: VecDeque<T>,
    fetch: F,
}

/// Streams every item of every page, starting at `params`' page. Stops after an empty page, the
/// last page (`total_pages`), or a page shorter than `per_page`; an error ends the stream.
pub fn auto_paging<P, T, F>(params: P, fetch: F) -> impl Stream<Item = Result<T>> + Send + 'static
where
    P: Paged,
    T: DeserializeOwned + Send + 'static,
    F: Fn(P) -> ApiRequest<Page<T>> + Send + 'static,
{
    let state = State {
        next: Some(params),
        buf: VecDeque::new(),
        fetch,
    };
    futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buf.pop_front() {
                return Some((Ok(item), st));
            }
            let params = st.next.take()?;
            let current = params.page().unwrap_or(1);
            match (st.fetch)(params.clone()).send().await {
                Ok(page) => {
                    if page.has_more(current, params.per_page()) {
                        let mut p = params;
                        p.set_page(current.saturating_add(1));
                        st.next = Some(p);
                    }
                    st.buf.extend(page.data);
                }
                Err(e) => return Some((Err(e), st)),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::models::{Page, Pagination};

    fn page(n: usize, p: Pagination) -> Page<u32> {
        Page {
            data: (0..n as u32).collect(),
            pagination: p,
        }
    }

    #[test]
    fn has_more_rules() {
        let full = Pagination {
            page: Some(1),
            per_page: Some(2),
            total: Some(5),
            total_pages: Some(3),
        };
        assert!(page(2, full.clone()).has_more(1, Some(2)));
        let last = Pagination {
            page: Some(3),
            ..full.clone()
        };
        assert!(!page(1, last).has_more(3, Some(2)));
        // No total_pages: a short page ends, a full page continues, an empty page ends.
        let partial = Pagination {
            page: Some(1),
            per_page: Some(50),
            total: None,
            total_pages: None,
        };
        assert!(!page(10, partial.clone()).has_more(1, None));
        assert!(page(50, partial.clone()).has_more(1, None));
        assert!(!page(0, partial).has_more(1, None));
        // Nothing at all: uses the requested per_page.
        assert!(page(3, Pagination::default()).has_more(1, Some(3)));
        assert!(!page(2, Pagination::default()).has_more(1, Some(3)));
    }
}
