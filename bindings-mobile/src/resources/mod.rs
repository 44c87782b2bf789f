//! One object per API resource, mirroring `cryptotopcard::resources`. Each method builds the
//! core's typed request and awaits it on the core runtime; nothing else.

pub mod bins;
pub mod cards;
pub mod sandbox;
pub mod threeds;
pub mod transactions;
pub mod wallet;
pub mod webhooks;

use cryptotopcard::ApiRequest;

/// Applies the caller's idempotency key, if any (else the core generates one per call and
/// reuses it across that call's retries, so a retried POST never moves money twice).
pub(crate) fn with_key<T>(req: ApiRequest<T>, idempotency_key: Option<String>) -> ApiRequest<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    match idempotency_key {
        Some(key) => req.idempotency_key(key),
        None => req,
    }
}
