//! Per-call options and response metadata: mirrors `cryptotopcard::http` (`RequestOptions`,
//! `ResponseMeta`). Only translation: the options become the core's per-request overrides
//! (`ApiRequest::options`), the metadata is the core's `ResponseMeta` as a record.

use std::collections::HashMap;
use std::time::Duration;

use cryptotopcard::ApiRequest;
use serde::de::DeserializeOwned;

use crate::error::CryptoTopCardError;
use crate::runtime::run;

/// Per-call overrides of the client's configuration (every field optional).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct RequestOptions {
    /// Idempotency key for POST/PATCH/DELETE (default: a fresh key per call, reused across the
    /// call's retries).
    #[uniffi(default)]
    pub idempotency_key: Option<String>,
    /// Timeout of each attempt of this call, in seconds (default: the client's).
    #[uniffi(default)]
    pub timeout_seconds: Option<f64>,
    /// Retries after the first attempt for this call (default: the client's).
    #[uniffi(default)]
    pub max_retries: Option<u32>,
}

/// What the HTTP exchange said besides the body (the core's `ResponseMeta`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ResponseMeta {
    /// HTTP status of the final attempt.
    pub status: u16,
    /// `X-Request-Id` of the final attempt.
    pub request_id: Option<String>,
    /// Response headers of the final attempt (lowercase names; repeated headers joined by ", ").
    pub headers: HashMap<String, String>,
    /// The idempotency key sent (POST/PATCH/DELETE, or when given).
    pub idempotency_key: Option<String>,
    /// `true` when the API replayed the stored response for this idempotency key.
    pub replayed: bool,
    /// How many retries were made.
    pub retries: u32,
}

impl From<cryptotopcard::ResponseMeta> for ResponseMeta {
    fn from(m: cryptotopcard::ResponseMeta) -> Self {
        let mut headers: HashMap<String, String> = HashMap::new();
        for (name, value) in m.headers {
            headers
                .entry(name)
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert(value);
        }
        Self {
            status: m.status,
            request_id: m.request_id,
            headers,
            idempotency_key: m.idempotency_key,
            replayed: m.replayed,
            retries: m.retries,
        }
    }
}

/// A positive, finite number of seconds, else a `Validation` error naming `field`.
pub(crate) fn seconds(field: &str, secs: f64) -> Result<Duration, CryptoTopCardError> {
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            CryptoTopCardError::validation(field, "must be a positive, finite number of seconds")
        })
}

/// Applies the caller's options to a core request. `idempotency_key` (the methods' own
/// parameter) wins over `options.idempotency_key`. Without a key the core generates one per call
/// and reuses it across that call's retries, so a retried POST never moves money twice.
pub(crate) fn prepare<T>(
    req: ApiRequest<T>,
    idempotency_key: Option<String>,
    options: Option<RequestOptions>,
) -> Result<ApiRequest<T>, CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    let options = options.unwrap_or_default();
    let timeout = match options.timeout_seconds {
        Some(secs) => Some(seconds("timeout_seconds", secs)?),
        None => None,
    };
    Ok(req.options(cryptotopcard::RequestOptions {
        idempotency_key: idempotency_key.or(options.idempotency_key),
        timeout,
        max_retries: options.max_retries,
    }))
}

/// Sends a prepared request on the core runtime; the object only.
pub(crate) async fn send<T>(req: ApiRequest<T>) -> Result<T, CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    run(req.send()).await
}

/// Sends a prepared request on the core runtime; the object and the response metadata.
pub(crate) async fn send_with_meta<T>(
    req: ApiRequest<T>,
) -> Result<(T, ResponseMeta), CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    let response = run(req.with_meta()).await?;
    Ok((response.data, response.meta.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_timeouts_are_validation_errors_naming_the_field() {
        for secs in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            match seconds("timeout_seconds", secs) {
                Err(CryptoTopCardError::Validation { field, .. }) => {
                    assert_eq!(field.as_deref(), Some("timeout_seconds"))
                }
                other => panic!("{secs}: {other:?}"),
            }
        }
        assert_eq!(seconds("t", 0.25).ok(), Some(Duration::from_millis(250)));
    }

    #[test]
    fn repeated_headers_are_joined() {
        let meta = ResponseMeta::from(cryptotopcard::ResponseMeta {
            status: 200,
            request_id: Some("req_1".into()),
            headers: vec![
                ("vary".into(), "a".into()),
                ("vary".into(), "b".into()),
                ("x-request-id".into(), "req_1".into()),
            ],
            idempotency_key: None,
            replayed: true,
            retries: 1,
        });
        assert_eq!(meta.headers["vary"], "a, b");
        assert!(meta.replayed);
        assert_eq!(meta.retries, 1);
    }
}
