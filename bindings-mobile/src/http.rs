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

/// A core request with the caller's options applied, and the idempotency key it will be sent
/// with (known before sending, so even a cancelled call can report it).
pub(crate) struct Prepared<T> {
    req: ApiRequest<T>,
    idempotency_key: Option<String>,
}

/// Prepares a POST/PATCH/DELETE. The key is the method's `idempotency_key` parameter, else
/// `options.idempotency_key`, else a fresh one (`cryptotopcard::http::new_idempotency_key()`,
/// what the core would generate itself), reused by the core across this call's retries and
/// reported in every error of the call, so a retried call never moves money twice.
pub(crate) fn prepare<T>(
    req: ApiRequest<T>,
    idempotency_key: Option<String>,
    options: Option<RequestOptions>,
) -> Result<Prepared<T>, CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    let options = options.unwrap_or_default();
    let key = idempotency_key
        .or(options.idempotency_key.clone())
        .unwrap_or_else(cryptotopcard::http::new_idempotency_key);
    apply(req, Some(key), options)
}

/// Prepares a GET: an idempotency key is sent only when `options` gives one.
pub(crate) fn prepare_read<T>(
    req: ApiRequest<T>,
    options: Option<RequestOptions>,
) -> Result<Prepared<T>, CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    let options = options.unwrap_or_default();
    let key = options.idempotency_key.clone();
    apply(req, key, options)
}

fn apply<T>(
    req: ApiRequest<T>,
    idempotency_key: Option<String>,
    options: RequestOptions,
) -> Result<Prepared<T>, CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    let timeout = match options.timeout_seconds {
        Some(secs) => Some(seconds("timeout_seconds", secs)?),
        None => None,
    };
    Ok(Prepared {
        req: req.options(cryptotopcard::RequestOptions {
            idempotency_key: idempotency_key.clone(),
            timeout,
            max_retries: options.max_retries,
        }),
        idempotency_key,
    })
}

/// Sends a prepared request on the core runtime; the object only.
pub(crate) async fn send<T>(p: Prepared<T>) -> Result<T, CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    run(p.idempotency_key, p.req.send()).await
}

/// Sends a prepared request on the core runtime; the object and the response metadata.
pub(crate) async fn send_with_meta<T>(
    p: Prepared<T>,
) -> Result<(T, ResponseMeta), CryptoTopCardError>
where
    T: DeserializeOwned + Send + 'static,
{
    let response = run(p.idempotency_key, p.req.with_meta()).await?;
    Ok((response.data, response.meta.into()))
}

/// A fresh idempotency key (a UUID v4, as the SDK generates for each POST/PATCH/DELETE).
///
/// A cancelled coroutine/task ends with the platform's cancellation, which cannot carry the
/// key the SDK generated; to retry a cancelled mutating call safely, make the key yourself
/// with this, pass it as `idempotencyKey`, and retry with the same key.
#[uniffi::export]
pub fn new_idempotency_key() -> String {
    cryptotopcard::http::new_idempotency_key()
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
