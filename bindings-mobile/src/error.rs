//! The one error type that crosses the FFI boundary, mapped from the core's error in one place
//! ([`From<cryptotopcard::Error>`]). Kotlin sees a sealed `CryptoTopCardException` with one
//! subclass per variant; Swift an `enum CryptoTopCardError: Error`.
//!
//! Every variant carries the same fields so a caller can read them without knowing the variant:
//! `status` (HTTP status, API errors only), `error_code` (the API's code, e.g.
//! `insufficient_funds`), `error_message` (human text; `message` is taken by `Throwable` in
//! Kotlin), `request_id`, `field` (the offending parameter: the SDK's validation field or the
//! API's `param`) and `retry_after` (seconds, for 429). No field ever holds a secret: the core
//! guarantees its messages never contain an API key, PAN, CVV or webhook secret.

use std::fmt;

/// Every failure of the SDK, one variant per category of the core's closed taxonomy.
#[derive(Debug, Clone, PartialEq, uniffi::Error)]
pub enum CryptoTopCardError {
    /// Input rejected by the SDK before any request was sent; `field` names the parameter.
    Validation {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 400 and other 4xx without a dedicated variant (`insufficient_funds`, `invalid_bin`, ...).
    BadRequest {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 401 `authentication_failed`.
    Authentication {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 403 `forbidden`.
    PermissionDenied {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 404 `not_found`.
    NotFound {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 409: `card_terminated`, `invalid_card_state`, idempotency conflicts.
    Conflict {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 429; `retry_after` holds the `Retry-After` seconds.
    RateLimited {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// HTTP 5xx, or a response the SDK could not decode.
    InternalServer {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// The server could not be reached, or the connection broke.
    Connection {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// The request did not complete within its timeout.
    Timeout {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// A webhook payload failed its signature, format or age check.
    WebhookVerification {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// The client is misconfigured (no API key, bad base URL, ...).
    Configuration {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
    /// A bug inside the SDK (a panic caught in the runtime); never expected.
    Internal {
        status: Option<u16>,
        error_code: Option<String>,
        error_message: String,
        request_id: Option<String>,
        field: Option<String>,
        retry_after: Option<f64>,
    },
}

/// Builds a variant from the common fields (all variants share them).
macro_rules! with_fields {
    ($variant:ident, $f:expr) => {{
        let f: Fields = $f;
        CryptoTopCardError::$variant {
            status: f.status,
            error_code: f.error_code,
            error_message: f.error_message,
            request_id: f.request_id,
            field: f.field,
            retry_after: f.retry_after,
        }
    }};
}

/// The fields every variant carries.
#[derive(Debug, Default)]
struct Fields {
    status: Option<u16>,
    error_code: Option<String>,
    error_message: String,
    request_id: Option<String>,
    field: Option<String>,
    retry_after: Option<f64>,
}

impl Fields {
    fn message(error_message: impl Into<String>) -> Self {
        Fields {
            error_message: error_message.into(),
            ..Fields::default()
        }
    }
}

impl CryptoTopCardError {
    /// A binding-level validation error (a value that does not convert, e.g. a negative timeout).
    pub(crate) fn validation(field: &str, message: impl Into<String>) -> Self {
        with_fields!(
            Validation,
            Fields {
                field: Some(field.to_string()),
                ..Fields::message(message)
            }
        )
    }

    /// A panic or cancelled task inside the runtime.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        with_fields!(Internal, Fields::message(message))
    }

    fn parts(&self) -> (&'static str, &str, Option<u16>, Option<&str>, Option<&str>) {
        macro_rules! p {
            ($name:literal, $m:expr, $s:expr, $c:expr, $f:expr) => {
                ($name, $m.as_str(), *$s, $c.as_deref(), $f.as_deref())
            };
        }
        use CryptoTopCardError::*;
        match self {
            Validation {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("validation error", m, s, c, f),
            BadRequest {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("bad request", m, s, c, f),
            Authentication {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("authentication failed", m, s, c, f),
            PermissionDenied {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("permission denied", m, s, c, f),
            NotFound {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("not found", m, s, c, f),
            Conflict {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("conflict", m, s, c, f),
            RateLimited {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("rate limited", m, s, c, f),
            InternalServer {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("server error", m, s, c, f),
            Connection {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("connection error", m, s, c, f),
            Timeout {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("timeout", m, s, c, f),
            WebhookVerification {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("webhook verification failed", m, s, c, f),
            Configuration {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("configuration error", m, s, c, f),
            Internal {
                error_message: m,
                status: s,
                error_code: c,
                field: f,
                ..
            } => p!("internal error", m, s, c, f),
        }
    }
}

impl fmt::Display for CryptoTopCardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, message, status, code, field) = self.parts();
        write!(f, "{kind}: {message}")?;
        if let Some(field) = field {
            write!(f, " (field {field})")?;
        }
        match (status, code) {
            (Some(s), Some(c)) => write!(f, " [{s} {c}]"),
            (Some(s), None) => write!(f, " [{s}]"),
            (None, Some(c)) => write!(f, " [{c}]"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for CryptoTopCardError {}

/// The one mapping from the core's error to the FFI error.
impl From<cryptotopcard::Error> for CryptoTopCardError {
    fn from(e: cryptotopcard::Error) -> Self {
        use cryptotopcard::ErrorKind as K;
        let api = e.api_error();
        let fields = Fields {
            status: api.map(|a| a.status),
            error_code: api.and_then(|a| a.error.clone()),
            error_message: e.message().to_string(),
            request_id: api.and_then(|a| a.request_id.clone()),
            field: e
                .field()
                .map(str::to_string)
                .or_else(|| api.and_then(|a| a.param.clone())),
            retry_after: api.and_then(|a| a.retry_after),
        };
        match e.kind() {
            K::Validation => with_fields!(Validation, fields),
            K::BadRequest => with_fields!(BadRequest, fields),
            K::Authentication => with_fields!(Authentication, fields),
            K::PermissionDenied => with_fields!(PermissionDenied, fields),
            K::NotFound => with_fields!(NotFound, fields),
            K::Conflict => with_fields!(Conflict, fields),
            K::RateLimited => with_fields!(RateLimited, fields),
            K::InternalServer => with_fields!(InternalServer, fields),
            K::Connection => with_fields!(Connection, fields),
            K::Timeout => with_fields!(Timeout, fields),
            K::WebhookVerification => with_fields!(WebhookVerification, fields),
            K::Configuration => with_fields!(Configuration, fields),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_keeps_the_field() {
        let e: CryptoTopCardError =
            cryptotopcard::Error::validation("amount", "must be at least 1.00").into();
        match &e {
            CryptoTopCardError::Validation {
                field,
                error_message,
                status,
                ..
            } => {
                assert_eq!(field.as_deref(), Some("amount"));
                assert_eq!(error_message, "must be at least 1.00");
                assert_eq!(*status, None);
            }
            other => panic!("wrong variant: {other:?}"),
        }
        assert_eq!(
            e.to_string(),
            "validation error: must be at least 1.00 (field amount)"
        );
    }

    #[test]
    fn api_errors_keep_status_code_request_id_param_and_retry_after() {
        let api = cryptotopcard::ApiError {
            status: 429,
            error: Some("rate_limited".into()),
            message: "slow down".into(),
            request_id: Some("req_1".into()),
            param: Some("card_id".into()),
            retry_after: Some(2.0),
            body: String::new(),
        };
        let e: CryptoTopCardError = cryptotopcard::Error::from_api(api).into();
        assert_eq!(
            e,
            CryptoTopCardError::RateLimited {
                status: Some(429),
                error_code: Some("rate_limited".into()),
                error_message: "slow down".into(),
                request_id: Some("req_1".into()),
                field: Some("card_id".into()),
                retry_after: Some(2.0),
            }
        );
    }
}
