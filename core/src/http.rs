//! Sending requests: headers, idempotency keys, timeouts, retries with backoff, decoding.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::{ApiError, Error, Result};

/// Header carrying the idempotency key.
pub const IDEMPOTENCY_HEADER: &str = "X-Idempotency-Key";
/// Response header set when a stored response was replayed.
pub const REPLAYED_HEADER: &str = "Idempotent-Replayed";
/// Response header with the request id.
pub const REQUEST_ID_HEADER: &str = "X-Request-Id";
/// Request header: how many retries preceded this attempt (telemetry; 0 on the first).
pub const RETRY_COUNT_HEADER: &str = "X-CTC-Retry-Count";

const BACKOFF_INITIAL: f64 = 0.5;
const BACKOFF_MAX: f64 = 8.0;
/// Longest `Retry-After` the SDK waits for before retrying.
const RETRY_AFTER_MAX: f64 = 60.0;
/// Default cap on a response body: a larger one is refused rather than buffered.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;

/// A fresh idempotency key (UUID v4), as the SDK generates for each mutating call. Bindings that
/// must report the key of a call they cancel generate it up front with this (or
/// [`crate::ops::prepare_options`]) and pass it in [`RequestOptions::idempotency_key`].
pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A timeout given in seconds as a binding receives it (a float): positive and finite, else a
/// validation error naming `field` (`Duration`'s own conversion would panic on NaN or a negative).
pub fn seconds(field: &str, secs: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| Error::validation(field, "must be a positive, finite number of seconds"))
}

/// Per-request overrides of the client's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// Idempotency key for POST/PATCH/DELETE (default: a fresh UUID v4 per call, reused across
    /// the call's retries).
    pub idempotency_key: Option<String>,
    /// Timeout of each attempt (default: the client's).
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (default: the client's).
    pub max_retries: Option<u32>,
}

/// What the HTTP exchange said besides the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseMeta {
    /// HTTP status of the final attempt.
    pub status: u16,
    /// `X-Request-Id` of the final attempt.
    pub request_id: Option<String>,
    /// Response headers (lowercase names) of the final attempt.
    pub headers: Vec<(String, String)>,
    /// Idempotency key sent (POST/PATCH/DELETE, or when given).
    pub idempotency_key: Option<String>,
    /// `true` when the API replayed a stored response for this idempotency key.
    pub replayed: bool,
    /// How many retries were made.
    pub retries: u32,
}

impl ResponseMeta {
    /// A response header by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A decoded body together with its [`ResponseMeta`].
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The decoded object.
    pub data: T,
    /// Status, headers, request id, idempotency key, replay flag, retry count.
    pub meta: ResponseMeta,
}

/// Method, path and payload of one API call (before the base URL is applied).
#[derive(Debug, Clone)]
pub(crate) struct RequestSpec {
    pub method: Method,
    pub segments: Vec<String>,
    pub query: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
}

impl RequestSpec {
    pub fn new(method: Method, segments: &[&str]) -> Self {
        RequestSpec {
            method,
            segments: segments.iter().map(|s| s.to_string()).collect(),
            query: Vec::new(),
            body: None,
        }
    }

    /// Adds the non-null fields of `params` as query parameters (arrays comma-joined).
    pub fn query<P: Serialize>(mut self, params: &P) -> Result<Self> {
        let v = serde_json::to_value(params)
            .map_err(|e| Error::validation("params", format!("cannot encode: {e}")))?;
        if let serde_json::Value::Object(map) = v {
            for (k, v) in map {
                let s = match v {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Array(items) => items
                        .into_iter()
                        .map(|i| match i {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                };
                self.query.push((k, s));
            }
        }
        Ok(self)
    }

    /// Sets the JSON body.
    pub fn json<P: Serialize>(mut self, body: &P) -> Result<Self> {
        self.body = Some(
            serde_json::to_value(body)
                .map_err(|e| Error::validation("params", format!("cannot encode: {e}")))?,
        );
        Ok(self)
    }

    fn url(&self, base: &Url) -> Result<Url> {
        let mut url = base.clone();
        {
            let mut segs = url
                .path_segments_mut()
                .map_err(|_| Error::configuration("base URL cannot take a path"))?;
            segs.pop_if_empty();
            for s in &self.segments {
                segs.push(s);
            }
        }
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        Ok(url)
    }

    fn path(&self) -> String {
        format!("/{}", self.segments.join("/"))
    }
}

/// A prepared API call. `.await` it for the object, or call [`ApiRequest::with_meta`] for the
/// object plus [`ResponseMeta`]. Options can be overridden per call before awaiting.
/// Validation errors found while preparing surface when awaited, before any request is sent.
#[must_use = "an ApiRequest does nothing until awaited"]
pub struct ApiRequest<T> {
    client: Client,
    spec: Result<RequestSpec>,
    opts: RequestOptions,
    _out: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for ApiRequest<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiRequest")
            .field(
                "spec",
                &self.spec.as_ref().map(|s| (s.method.as_str(), s.path())),
            )
            .field("opts", &self.opts)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> ApiRequest<T> {
    pub(crate) fn new(client: &Client, spec: Result<RequestSpec>) -> Self {
        ApiRequest {
            client: client.clone(),
            spec,
            opts: RequestOptions::default(),
            _out: PhantomData,
        }
    }

    /// Replaces all per-request options.
    pub fn options(mut self, opts: RequestOptions) -> Self {
        self.opts = opts;
        self
    }

    /// Uses this idempotency key instead of a generated one.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.opts.idempotency_key = Some(key.into());
        self
    }

    /// Timeout for each attempt of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.opts.timeout = Some(timeout);
        self
    }

    /// Retries for this call.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.opts.max_retries = Some(retries);
        self
    }

    /// Sends the request; returns the object and the response metadata.
    pub async fn with_meta(self) -> Result<Response<T>> {
        let spec = self.spec?;
        let (status, body, meta) = self.client.execute(&spec, &self.opts).await?;
        let data = decode::<T>(status, &body, &meta)?;
        Ok(Response { data, meta })
    }

    /// Sends the request; returns the object.
    pub async fn send(self) -> Result<T> {
        self.with_meta().await.map(|r| r.data)
    }

    /// Sends the request; returns the body as the server sent it, after checking that it
    /// decodes as `T`, with the response metadata. Fields this SDK does not know yet are kept
    /// (this is how a newer API's fields reach a program built against an older SDK; bindings
    /// hand them on as text: [`Self::raw_text_with_meta`]).
    pub async fn raw_with_meta(self) -> Result<(serde_json::Value, ResponseMeta)> {
        let (text, meta) = self.raw_text_with_meta().await?;
        // Checked as `T` already (which proved it is JSON); this builds the tree once.
        let value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
        Ok((value, meta))
    }

    /// Sends the request; returns the body text exactly as the server sent it (`null` for an
    /// empty 204 body), after checking that it decodes as `T`, with the response metadata. The
    /// bindings hand this text on unchanged: no JSON tree is built in Rust, unknown fields and
    /// the server's key order are kept, and each language parses the body once.
    pub async fn raw_text_with_meta(self) -> Result<(String, ResponseMeta)> {
        let (_, text, meta) = self.typed_text_with_meta().await?;
        Ok((text, meta))
    }

    /// [`Self::raw_text_with_meta`] plus the typed value the check decoded (what paging reads).
    pub(crate) async fn typed_text_with_meta(self) -> Result<(T, String, ResponseMeta)> {
        let spec = self.spec?;
        let (status, body, meta) = self.client.execute(&spec, &self.opts).await?;
        let typed = decode::<T>(status, &body, &meta)?;
        let text = if body.iter().all(|b| b.is_ascii_whitespace()) {
            "null".to_string()
        } else {
            // `decode` parsed it with serde_json, which refuses invalid UTF-8: this cannot fail.
            String::from_utf8(body.to_vec())
                .map_err(|_| Error::internal("response body is not UTF-8"))?
        };
        Ok((typed, text, meta))
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for ApiRequest<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Decodes a success body. A 204/empty body decodes as JSON `null` (for `()`). Decode errors
/// name the JSON path only (never the value, which may be a PAN).
pub(crate) fn decode<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    meta: &ResponseMeta,
) -> Result<T> {
    let body: &[u8] = if body.iter().all(|b| b.is_ascii_whitespace()) {
        b"null"
    } else {
        body
    };
    // Fast path; on failure decode again with path tracking to name the field.
    if let Ok(v) = serde_json::from_slice::<T>(body) {
        return Ok(v);
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    // `end()`: the fast path also fails on a valid value followed by anything but whitespace.
    let decoded = serde_path_to_error::deserialize::<_, T>(&mut *de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|v| {
            de.end()
                .map(|()| v)
                .map_err(|e| ("(after the value)".to_owned(), e))
        });
    decoded.map_err(|(path, inner)| {
        Error::InternalServer(Box::new(ApiError {
            status,
            error: Some("invalid_response".into()),
            message: format!(
                "could not decode the API response (HTTP {status}) at `{path}`: {:?} error at line {} column {}",
                inner.classify(),
                inner.line(),
                inner.column()
            ),
            request_id: meta.request_id.clone(),
            param: None,
            retry_after: None,
            body: String::new(),
            idempotency_key: meta.idempotency_key.clone(),
        }))
    })
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    param: Option<String>,
}

fn is_idempotent_method(m: &Method) -> bool {
    !matches!(*m, Method::POST | Method::PATCH | Method::DELETE)
}

/// Whether an API error answer should be retried: timeouts, rate limits, a concurrent request
/// holding the same idempotency key, and the transient 5xx answers. 501 (not implemented), 505
/// and other 5xx say the request itself will keep failing.
fn retryable_status(status: u16, code: Option<&str>) -> bool {
    match status {
        408 | 429 | 500 | 502 | 503 | 504 => true,
        409 => code == Some("idempotency_key_in_use"),
        _ => false,
    }
}

/// Delay before retry number `attempt` (0-based): 0.5 s doubling, capped at 8 s, with jitter
/// (75-100 %). A `Retry-After` up to 60 s is honoured instead, plus 0-20 % jitter (never less
/// than the server asked for), so clients told the same wait do not return in lockstep.
pub(crate) fn backoff(attempt: u32, retry_after: Option<f64>) -> Duration {
    if let Some(ra) = retry_after {
        if ra.is_finite() && ra >= 0.0 {
            let jitter = 1.0 + 0.2 * fastrand::f64();
            return Duration::from_secs_f64(ra.min(RETRY_AFTER_MAX) * jitter);
        }
    }
    let base = (BACKOFF_INITIAL * 2f64.powi(attempt.min(16) as i32)).min(BACKOFF_MAX);
    let jitter = 0.75 + 0.25 * fastrand::f64();
    Duration::from_secs_f64(base * jitter)
}

fn parse_retry_after(headers: &HeaderMap) -> Option<f64> {
    let v = headers.get("retry-after")?.to_str().ok()?.trim();
    v.parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0)
}

fn header_list(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|(n, v)| {
            v.to_str()
                .ok()
                .map(|v| (n.as_str().to_string(), v.to_string()))
        })
        .collect()
}

impl Client {
    /// Sends `spec` with retries; returns status, body and metadata of a 2xx answer, or the error.
    pub(crate) async fn execute(
        &self,
        spec: &RequestSpec,
        opts: &RequestOptions,
    ) -> Result<(u16, Vec<u8>, ResponseMeta)> {
        let inner = &self.inner;
        let url = spec.url(&inner.base_url)?;
        let max_retries = opts.max_retries.unwrap_or(inner.max_retries);
        let timeout = opts.timeout.unwrap_or(inner.timeout);
        let idempotency_key = match &opts.idempotency_key {
            Some(k) => Some(k.clone()),
            None if !is_idempotent_method(&spec.method) => Some(new_idempotency_key()),
            None => None,
        };
        self.send_with_retries(spec, &url, max_retries, timeout, idempotency_key.as_deref())
            .await
            // Every failure after this point says which key was sent, so the caller can retry
            // the call without risking a second application.
            .map_err(|e| {
                tracing::warn!(
                    target: "cryptotopcard",
                    method = %spec.method,
                    path = %spec.path(),
                    error = e.class_name(),
                    status = e.status().unwrap_or(0),
                    request_id = e.request_id().unwrap_or(""),
                    "request failed"
                );
                e.with_idempotency_key(idempotency_key.as_deref())
            })
    }

    async fn send_with_retries(
        &self,
        spec: &RequestSpec,
        url: &Url,
        max_retries: u32,
        timeout: Duration,
        idempotency_key: Option<&str>,
    ) -> Result<(u16, Vec<u8>, ResponseMeta)> {
        let inner = &self.inner;
        let http = self.http()?;
        let idem_header = match idempotency_key {
            Some(k) => Some(HeaderValue::from_str(k).map_err(|_| {
                Error::validation(
                    "idempotency_key",
                    "contains characters not allowed in a header",
                )
            })?),
            None => None,
        };
        let body = match &spec.body {
            Some(b) => Some(
                serde_json::to_vec(b)
                    .map_err(|e| Error::validation("params", format!("cannot encode: {e}")))?,
            ),
            None => None,
        };
        let path = spec.path();
        let mut attempt: u32 = 0;
        loop {
            let mut req = http
                .request(spec.method.clone(), url.clone())
                .timeout(timeout)
                .headers(inner.default_headers.clone())
                .headers(inner.telemetry.clone())
                .header(RETRY_COUNT_HEADER, HeaderValue::from(attempt))
                .header(AUTHORIZATION, inner.auth_header.clone())
                .header(ACCEPT, HeaderValue::from_static("application/json"))
                .header(USER_AGENT, inner.user_agent.clone());
            if let Some(k) = &idem_header {
                req = req.header(IDEMPOTENCY_HEADER, k.clone());
            }
            if let Some(b) = &body {
                req = req
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(b.clone());
            }
            // Log lines carry method, path, attempt, status, request id and timings: never a
            // header value or a body (they hold the key, PANs, CVVs, OTPs and secrets).
            tracing::debug!(target: "cryptotopcard", method = %spec.method, path = %path, attempt, "request");
            let started = std::time::Instant::now();
            let outcome = match req.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let headers = resp.headers().clone();
                    read_capped(resp, inner.max_response_bytes, &spec.method, &path)
                        .await
                        .map(|b| (status, headers, b))
                }
                Err(e) => Err(transport_error(&e, &spec.method, &path)),
            };
            match outcome {
                Ok((status, headers, bytes)) => {
                    let request_id = headers
                        .get(REQUEST_ID_HEADER)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    tracing::info!(
                        target: "cryptotopcard",
                        method = %spec.method,
                        path = %path,
                        status,
                        request_id = request_id.as_deref().unwrap_or(""),
                        attempt,
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "response"
                    );
                    let meta = ResponseMeta {
                        status,
                        request_id: request_id.clone(),
                        headers: header_list(&headers),
                        idempotency_key: idempotency_key.map(str::to_string),
                        replayed: headers
                            .get(REPLAYED_HEADER)
                            .and_then(|v| v.to_str().ok())
                            .map(|v| v.eq_ignore_ascii_case("true"))
                            .unwrap_or(false),
                        retries: attempt,
                    };
                    if (200..300).contains(&status) {
                        return Ok((status, bytes, meta));
                    }
                    let retry_after = parse_retry_after(&headers);
                    let parsed: ErrorBody = serde_json::from_slice(&bytes).unwrap_or_default();
                    let api = ApiError {
                        status,
                        message: parsed.message.unwrap_or_else(|| {
                            format!("HTTP {status} from {} {path}", spec.method)
                        }),
                        error: parsed.error,
                        request_id: parsed.request_id.or(request_id),
                        param: parsed.param,
                        retry_after,
                        body: String::from_utf8_lossy(&bytes).into_owned(),
                        idempotency_key: None,
                    };
                    if attempt < max_retries && retryable_status(status, api.error.as_deref()) {
                        let delay = backoff(attempt, retry_after);
                        tracing::info!(
                            target: "cryptotopcard",
                            method = %spec.method,
                            path = %path,
                            status,
                            attempt,
                            delay_ms = delay.as_millis() as u64,
                            "retrying"
                        );
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(Error::from_api(api));
                }
                Err(err) => {
                    // A body over the cap will not shrink on a retry.
                    if attempt < max_retries && err.code() != Some(RESPONSE_TOO_LARGE) {
                        let delay = backoff(attempt, None);
                        tracing::info!(
                            target: "cryptotopcard",
                            method = %spec.method,
                            path = %path,
                            error = err.kind().as_str(),
                            attempt,
                            delay_ms = delay.as_millis() as u64,
                            "retrying"
                        );
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(err);
                }
            }
        }
    }
}

/// The API error code of a response refused for its size.
pub const RESPONSE_TOO_LARGE: &str = "response_too_large";

/// Reads a body chunk by chunk, refusing it as soon as it passes `max` bytes (a declared
/// `Content-Length` over the cap is refused before reading anything).
async fn read_capped(
    mut resp: reqwest::Response,
    max: usize,
    method: &Method,
    path: &str,
) -> Result<Vec<u8>> {
    let status = resp.status().as_u16();
    let too_large = |request_id: Option<String>| {
        Error::InternalServer(Box::new(ApiError {
            status,
            error: Some(RESPONSE_TOO_LARGE.into()),
            message: format!(
                "the response to {method} {path} is larger than the client's limit of {max} bytes (max_response_bytes)"
            ),
            request_id,
            param: None,
            retry_after: None,
            body: String::new(),
            idempotency_key: None,
        }))
    };
    let request_id = || {
        resp.headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    if resp.content_length().is_some_and(|n| n > max as u64) {
        return Err(too_large(request_id()));
    }
    let rid = request_id();
    let mut body = Vec::with_capacity(resp.content_length().unwrap_or(0) as usize);
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| transport_error(&e, method, path))?
    {
        if body.len() + chunk.len() > max {
            return Err(too_large(rid));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn transport_error(e: &reqwest::Error, method: &Method, path: &str) -> Error {
    // reqwest's messages name the URL (never headers); the key is only in a header.
    let mut detail = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        src = s.source();
    }
    if e.is_timeout() {
        Error::Timeout {
            message: format!("{method} {path} timed out ({detail})"),
            idempotency_key: None,
        }
    } else {
        Error::Connection {
            message: format!("{method} {path} failed: {detail}"),
            idempotency_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_must_be_positive_and_finite() {
        for secs in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
            match seconds("timeout_seconds", secs) {
                Err(Error::Validation { field, .. }) => assert_eq!(field, "timeout_seconds"),
                other => panic!("{secs}: {other:?}"),
            }
        }
        assert_eq!(seconds("t", 0.25).ok(), Some(Duration::from_millis(250)));
    }

    #[test]
    fn backoff_grows_and_caps() {
        for attempt in 0..10 {
            let d = backoff(attempt, None).as_secs_f64();
            let base = (0.5 * 2f64.powi(attempt as i32)).min(8.0);
            assert!(d >= base * 0.75 - 1e-9 && d <= base + 1e-9, "{attempt} {d}");
        }
        // Retry-After: never shorter than asked, at most 20 % longer, capped at 60 s (+ jitter).
        let mut seen = std::collections::HashSet::new();
        for _ in 0..50 {
            let d = backoff(0, Some(2.0)).as_secs_f64();
            assert!((2.0..=2.4 + 1e-9).contains(&d), "{d}");
            seen.insert((d * 1e6) as u64);
            let d = backoff(0, Some(1e6)).as_secs_f64();
            assert!((60.0..=72.0 + 1e-9).contains(&d), "{d}");
        }
        assert!(seen.len() > 1, "Retry-After waits must be jittered");
    }

    #[test]
    fn retry_rules() {
        assert!(retryable_status(500, None));
        assert!(retryable_status(503, Some("service_unavailable")));
        assert!(retryable_status(429, Some("rate_limited")));
        assert!(retryable_status(408, None));
        for s in [502, 504] {
            assert!(retryable_status(s, None), "{s}");
        }
        for s in [501, 505, 507, 511, 599] {
            assert!(!retryable_status(s, None), "{s}");
        }
        assert!(retryable_status(409, Some("idempotency_key_in_use")));
        assert!(!retryable_status(409, Some("idempotency_key_reused")));
        assert!(!retryable_status(409, Some("card_terminated")));
        assert!(!retryable_status(400, Some("insufficient_funds")));
        assert!(!retryable_status(404, None));
    }

    #[test]
    fn url_building_encodes_ids() {
        let base = Url::parse("http://127.0.0.1:9/v1").unwrap();
        let spec = RequestSpec::new(Method::GET, &["cards", "card x?#"])
            .query(
                &serde_json::json!({"page": 2, "label": "a&b", "none": null, "cats": ["x", "y"]}),
            )
            .unwrap();
        let url = spec.url(&base).unwrap();
        assert_eq!(url.path(), "/v1/cards/card%20x%3F%23");
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert!(q.contains(&("page".into(), "2".into())));
        assert!(q.contains(&("label".into(), "a&b".into())));
        assert!(q.contains(&("cats".into(), "x,y".into())));
        assert!(!q.iter().any(|(k, _)| k == "none"));
    }

    #[test]
    fn decode_refuses_a_value_followed_by_anything() {
        let meta = ResponseMeta::default();
        for body in [&b"{} x"[..], b"{\"a\":1}}", b"[1] [2]"] {
            let err = decode::<serde_json::Value>(200, body, &meta).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InternalServer, "{err}");
        }
        assert!(decode::<serde_json::Value>(200, b" {} \n", &meta).is_ok());
    }

    #[test]
    fn decode_error_never_echoes_values() {
        let meta = ResponseMeta::default();
        let err = decode::<crate::models::CardDetails>(
            200,
            br#"{"id":"card_1","pan":4916531288472039,"cvv":"847"}"#,
            &meta,
        )
        .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InternalServer);
        let text = format!("{err} {err:?} {}", err.to_json());
        assert!(!text.contains("4916531288472039"), "{text}");
        assert!(text.contains("pan"), "{text}");
    }
}
