//! The one error type that crosses the FFI boundary, mapped from the core's error in one place
//! ([`From<cryptotopcard::Error>`]). Kotlin sees a sealed `CryptoTopCardException` with one
//! subclass per variant; Swift an `enum CryptoTopCardError: Error`.
//!
//! Every variant carries the same fields so a caller can read them without knowing the variant:
//! `status` (HTTP status, API errors only), `error_code` (the API's code, e.g.
//! `insufficient_funds`), `error_message` (human text; `message` is taken by `Throwable` in
//! Kotlin), `request_id`, `field` (the offending parameter: the SDK's validation field or the
//! API's `param`), `retry_after` (seconds, for 429) and `idempotency_key` (the key a
//! POST/PATCH/DELETE was sent with: retrying the call with it cannot apply it twice). No field
//! ever holds a secret: the core guarantees its messages never contain an API key, PAN, CVV, OTP
//! or webhook secret.

use std::fmt;

/// Declares [`CryptoTopCardError`] (every variant with the same fields), a fieldless twin used
/// to pick a variant, and the accessors over the common fields.
macro_rules! error_enum {
    ($( $(#[$doc:meta])* $variant:ident => $label:literal, )+) => {
        /// Every failure of the SDK, one variant per category of the core's closed taxonomy.
        #[derive(Debug, Clone, PartialEq, uniffi::Error)]
        pub enum CryptoTopCardError {
            $(
                $(#[$doc])*
                $variant {
                    status: Option<u16>,
                    error_code: Option<String>,
                    error_message: String,
                    request_id: Option<String>,
                    field: Option<String>,
                    retry_after: Option<f64>,
                    idempotency_key: Option<String>,
                },
            )+
        }

        /// The variants of [`CryptoTopCardError`] without their fields.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Kind {
            $( $variant, )+
        }

        impl CryptoTopCardError {
            fn build(kind: Kind, f: Fields) -> Self {
                match kind {
                    $(
                        Kind::$variant => CryptoTopCardError::$variant {
                            status: f.status,
                            error_code: f.error_code,
                            error_message: f.error_message,
                            request_id: f.request_id,
                            field: f.field,
                            retry_after: f.retry_after,
                            idempotency_key: f.idempotency_key,
                        },
                    )+
                }
            }

            /// The variant's label (for `Display`) and its common fields.
            fn parts(&self) -> (&'static str, FieldsRef<'_>) {
                match self {
                    $(
                        CryptoTopCardError::$variant {
                            status,
                            error_code,
                            error_message,
                            field,
                            idempotency_key,
                            ..
                        } => (
                            $label,
                            FieldsRef {
                                status: *status,
                                error_code: error_code.as_deref(),
                                error_message,
                                field: field.as_deref(),
                                idempotency_key: idempotency_key.as_deref(),
                            },
                        ),
                    )+
                }
            }
        }
    };
}

error_enum! {
    /// Input rejected by the SDK before any request was sent; `field` names the parameter.
    Validation => "validation error",
    /// HTTP 400 and other 4xx without a dedicated variant (`insufficient_funds`, `invalid_bin`, ...).
    BadRequest => "bad request",
    /// HTTP 401 `authentication_failed`.
    Authentication => "authentication failed",
    /// HTTP 403 `forbidden`.
    PermissionDenied => "permission denied",
    /// HTTP 404 `not_found`.
    NotFound => "not found",
    /// HTTP 409: `card_terminated`, `invalid_card_state`, idempotency conflicts.
    Conflict => "conflict",
    /// HTTP 429; `retry_after` holds the `Retry-After` seconds.
    RateLimited => "rate limited",
    /// HTTP 5xx, or a response the SDK could not decode.
    InternalServer => "server error",
    /// The server could not be reached, or the connection broke. A POST/PATCH/DELETE may have
    /// been applied: retry it with `idempotency_key`.
    Connection => "connection error",
    /// The request did not complete within its timeout. A POST/PATCH/DELETE may have been
    /// applied: retry it with `idempotency_key`.
    Timeout => "timeout",
    /// A webhook payload failed its signature, format or age check.
    WebhookVerification => "webhook verification failed",
    /// The client is misconfigured (no API key, bad base URL, reserved default header, ...).
    Configuration => "configuration error",
    /// The call was cancelled inside the SDK before it finished (`idempotency_key`: the key a
    /// POST/PATCH/DELETE was sent with). A Kotlin coroutine or Swift task cancelled by its
    /// caller does not see this: it ends with the platform's own cancellation
    /// (`CancellationException` / `CancellationError`).
    Cancelled => "cancelled",
    /// A bug inside the SDK (a panic caught in the runtime); never expected, not retryable.
    Internal => "internal error",
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
    idempotency_key: Option<String>,
}

/// The common fields `Display` and the accessors read.
struct FieldsRef<'a> {
    status: Option<u16>,
    error_code: Option<&'a str>,
    error_message: &'a str,
    field: Option<&'a str>,
    idempotency_key: Option<&'a str>,
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
        Self::build(
            Kind::Validation,
            Fields {
                field: Some(field.to_string()),
                ..Fields::message(message)
            },
        )
    }

    /// The idempotency key the failed call was sent with (POST/PATCH/DELETE, or when given).
    pub fn idempotency_key(&self) -> Option<&str> {
        self.parts().1.idempotency_key
    }
}

impl fmt::Display for CryptoTopCardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, p) = self.parts();
        write!(f, "{kind}: {}", p.error_message)?;
        if let Some(field) = p.field {
            write!(f, " (field {field})")?;
        }
        match (p.status, p.error_code) {
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
            idempotency_key: e.idempotency_key().map(str::to_string),
        };
        let kind = match e.kind() {
            K::Validation => Kind::Validation,
            K::BadRequest => Kind::BadRequest,
            K::Authentication => Kind::Authentication,
            K::PermissionDenied => Kind::PermissionDenied,
            K::NotFound => Kind::NotFound,
            K::Conflict => Kind::Conflict,
            K::RateLimited => Kind::RateLimited,
            K::InternalServer => Kind::InternalServer,
            K::Connection => Kind::Connection,
            K::Timeout => Kind::Timeout,
            K::WebhookVerification => Kind::WebhookVerification,
            K::Configuration => Kind::Configuration,
            K::Cancelled => Kind::Cancelled,
            K::Internal => Kind::Internal,
        };
        Self::build(kind, fields)
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
            idempotency_key: Some("key-1".into()),
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
                idempotency_key: Some("key-1".into()),
            }
        );
        assert_eq!(e.idempotency_key(), Some("key-1"));
    }

    #[test]
    fn transport_errors_and_cancellation_keep_the_idempotency_key() {
        let cancelled: CryptoTopCardError =
            cryptotopcard::Error::cancelled(Some("key-2".into())).into();
        assert!(
            matches!(&cancelled, CryptoTopCardError::Cancelled { idempotency_key, error_message, .. }
                if idempotency_key.as_deref() == Some("key-2") && !error_message.is_empty()),
            "{cancelled:?}"
        );
        assert!(
            cancelled.to_string().starts_with("cancelled: "),
            "{cancelled}"
        );

        let cancelled: CryptoTopCardError = cryptotopcard::Error::cancelled(None).into();
        assert_eq!(cancelled.idempotency_key(), None);

        // A validation error is raised before anything is sent: no key.
        let e: CryptoTopCardError = cryptotopcard::Error::validation("amount", "bad").into();
        assert_eq!(e.idempotency_key(), None);
    }
}
