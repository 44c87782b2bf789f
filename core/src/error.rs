//! The one error type of the SDK, with a closed taxonomy ([`ErrorKind`]) that bindings map to
//! their own exception classes.

use std::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The category of an [`Error`]; bindings map each to one exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Input rejected by the SDK before any request was sent.
    Validation,
    /// HTTP 400 (and other unmapped 4xx): `invalid_request`, `insufficient_funds`, ...
    BadRequest,
    /// HTTP 401.
    Authentication,
    /// HTTP 403.
    PermissionDenied,
    /// HTTP 404.
    NotFound,
    /// HTTP 409: `card_terminated`, `invalid_card_state`, idempotency conflicts.
    Conflict,
    /// HTTP 429.
    RateLimited,
    /// HTTP 5xx, or a response the SDK could not decode.
    InternalServer,
    /// The server could not be reached or the connection broke.
    Connection,
    /// The request did not complete within its timeout.
    Timeout,
    /// A webhook payload failed signature, format or age checks.
    WebhookVerification,
    /// The client is misconfigured (no API key, bad base URL, ...).
    Configuration,
    /// The caller cancelled the call (Go context, Node `AbortSignal`, Kotlin coroutine, asyncio
    /// task) before it finished. A mutating call may or may not have been applied: retry it
    /// with [`Error::idempotency_key`].
    Cancelled,
    /// A bug inside the SDK (a caught panic, an impossible state): never retryable, please report.
    Internal,
}

impl ErrorKind {
    /// The stable snake_case name used by bindings (`"rate_limited"`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Authentication => "authentication",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::InternalServer => "internal_server",
            ErrorKind::Connection => "connection",
            ErrorKind::Timeout => "timeout",
            ErrorKind::WebhookVerification => "webhook_verification",
            ErrorKind::Configuration => "configuration",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Internal => "internal",
        }
    }
}

/// One error class that every binding exposes under this name (Python exception, JS `Error`
/// subclass, Go error type, Kotlin/Swift error case), with the same parent. Bindings choose the
/// class of an error by [`Error::class_name`] alone, never by status or kind themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorClass {
    /// Class name, identical in every language.
    pub name: &'static str,
    /// The class it extends (`None` for the root).
    pub parent: Option<&'static str>,
    /// One-line meaning, for generated docs.
    pub doc: &'static str,
}

pub use crate::generated::errors::ERROR_CLASSES;

impl ErrorClass {
    /// The row of [`ERROR_CLASSES`] called `name`.
    pub fn named(name: &str) -> Option<&'static ErrorClass> {
        ERROR_CLASSES.iter().find(|c| c.name == name)
    }

    /// Class `name`, then its parent, up to the root (nothing for a name not in the table): a
    /// binding whose types cannot show the tree (uniffi's flat errors) walks it with this.
    pub fn lineage(name: &str) -> impl Iterator<Item = &'static ErrorClass> {
        // The table is a tree listed parents first: at most its length steps up.
        std::iter::successors(Self::named(name), |c| c.parent.and_then(Self::named))
            .take(ERROR_CLASSES.len())
    }

    /// `true` when class `name` is `ancestor` or descends from it.
    pub fn is_a(name: &str, ancestor: &str) -> bool {
        Self::lineage(name).any(|c| c.name == ancestor)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error answered by the API (any non-2xx status), with everything the response said.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// The API's error code (`"insufficient_funds"`, `"not_found"`, ...), when the body had one.
    pub error: Option<String>,
    /// Human readable message from the API (or a description of the failure).
    pub message: String,
    /// `request_id` from the body or the `X-Request-Id` header.
    pub request_id: Option<String>,
    /// For `invalid_request`: the parameter the API rejected.
    pub param: Option<String>,
    /// Seconds from `Retry-After`, when present.
    pub retry_after: Option<f64>,
    /// The raw response body (as text).
    pub body: String,
    /// The idempotency key the failed request was sent with (POST/PATCH/DELETE, or when given):
    /// retry with it so a request the server did apply is not applied twice.
    pub idempotency_key: Option<String>,
}

/// Every failure of the SDK. Messages never contain an API key, PAN, CVV or webhook secret.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// Input rejected before sending; `field` names the offending parameter.
    Validation {
        /// The parameter at fault (dotted path for nested values, e.g. `metadata.key`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// HTTP 400 and other 4xx without a dedicated variant.
    BadRequest(Box<ApiError>),
    /// HTTP 401 `authentication_failed`.
    Authentication(Box<ApiError>),
    /// HTTP 403 `forbidden`.
    PermissionDenied(Box<ApiError>),
    /// HTTP 404 `not_found`.
    NotFound(Box<ApiError>),
    /// HTTP 409.
    Conflict(Box<ApiError>),
    /// HTTP 429; see [`ApiError::retry_after`].
    RateLimited(Box<ApiError>),
    /// HTTP 5xx, or an undecodable response (`error` is then `"invalid_response"`).
    InternalServer(Box<ApiError>),
    /// Could not connect, or the connection failed mid-request. The server may have applied a
    /// mutating request: retry with `idempotency_key`.
    Connection {
        /// Description of the failure.
        message: String,
        /// The idempotency key the request was sent with, if any.
        idempotency_key: Option<String>,
    },
    /// The request timed out. The server may have applied a mutating request: retry with
    /// `idempotency_key`.
    Timeout {
        /// Description of the failure.
        message: String,
        /// The idempotency key the request was sent with, if any.
        idempotency_key: Option<String>,
    },
    /// Webhook signature, payload or age check failed.
    WebhookVerification {
        /// Why the webhook was rejected.
        message: String,
    },
    /// Client configuration problem (missing key, invalid base URL, ...).
    Configuration {
        /// The option at fault (`"api_key"`, `"base_url"`, ...), when there is one.
        field: Option<String>,
        /// Description of the problem.
        message: String,
    },
    /// The caller cancelled the call before it finished (the request, if sent, was dropped).
    Cancelled {
        /// The idempotency key of the call (mutating calls), for a retry that cannot apply twice.
        idempotency_key: Option<String>,
    },
    /// A bug inside the SDK, such as a panic caught at a binding's boundary.
    Internal {
        /// What went wrong (never includes user data).
        message: String,
    },
}

impl Error {
    /// Builds a validation error naming `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn configuration(message: impl Into<String>) -> Self {
        Error::Configuration {
            field: None,
            message: message.into(),
        }
    }

    /// A configuration error naming the client option at fault.
    pub(crate) fn configuration_field(field: &str, message: impl Into<String>) -> Self {
        Error::Configuration {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    /// A call cancelled by its caller; `idempotency_key` is the key it was (or would have been)
    /// sent with (see [`crate::ops::prepare_options`]).
    pub fn cancelled(idempotency_key: Option<String>) -> Self {
        Error::Cancelled { idempotency_key }
    }

    /// An SDK bug, e.g. a panic a binding caught at its boundary.
    pub fn internal(message: impl Into<String>) -> Self {
        Error::Internal {
            message: message.into(),
        }
    }

    /// The name of this error's class in every binding (a row of [`ERROR_CLASSES`]).
    pub fn class_name(&self) -> &'static str {
        match self {
            Error::BadRequest(a)
                if matches!(
                    a.error.as_deref(),
                    Some("insufficient_funds" | "insufficient_card_balance")
                ) =>
            {
                "InsufficientFundsError"
            }
            Error::BadRequest(_) => "BadRequestError",
            Error::Authentication(_) => "AuthenticationError",
            Error::PermissionDenied(_) => "PermissionDeniedError",
            Error::NotFound(_) => "NotFoundError",
            Error::Conflict(_) => "ConflictError",
            Error::RateLimited(_) => "RateLimitError",
            Error::InternalServer(_) => "InternalServerError",
            Error::Connection { .. } => "APIConnectionError",
            Error::Timeout { .. } => "APITimeoutError",
            Error::Cancelled { .. } => "APIUserAbortError",
            Error::Validation { .. } => "ValidationError",
            Error::Configuration { .. } => "ConfigurationError",
            Error::WebhookVerification { .. } => "WebhookVerificationError",
            Error::Internal { .. } => "InternalError",
        }
    }

    pub(crate) fn webhook(message: impl Into<String>) -> Self {
        Error::WebhookVerification {
            message: message.into(),
        }
    }

    /// Maps an API error response to the variant for its status.
    pub fn from_api(api: ApiError) -> Self {
        let api = Box::new(api);
        match api.status {
            401 => Error::Authentication(api),
            403 => Error::PermissionDenied(api),
            404 => Error::NotFound(api),
            409 => Error::Conflict(api),
            429 => Error::RateLimited(api),
            s if s >= 500 => Error::InternalServer(api),
            _ => Error::BadRequest(api),
        }
    }

    /// The category of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::BadRequest(_) => ErrorKind::BadRequest,
            Error::Authentication(_) => ErrorKind::Authentication,
            Error::PermissionDenied(_) => ErrorKind::PermissionDenied,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::RateLimited(_) => ErrorKind::RateLimited,
            Error::InternalServer(_) => ErrorKind::InternalServer,
            Error::Connection { .. } => ErrorKind::Connection,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::WebhookVerification { .. } => ErrorKind::WebhookVerification,
            Error::Configuration { .. } => ErrorKind::Configuration,
            Error::Cancelled { .. } => ErrorKind::Cancelled,
            Error::Internal { .. } => ErrorKind::Internal,
        }
    }

    /// The API error details, for errors answered by the API.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(a)
            | Error::Authentication(a)
            | Error::PermissionDenied(a)
            | Error::NotFound(a)
            | Error::Conflict(a)
            | Error::RateLimited(a)
            | Error::InternalServer(a) => Some(a),
            _ => None,
        }
    }

    /// HTTP status, for API errors.
    pub fn status(&self) -> Option<u16> {
        self.api_error().map(|a| a.status)
    }

    /// The API's error code (`"insufficient_funds"`, ...), for API errors.
    pub fn code(&self) -> Option<&str> {
        self.api_error().and_then(|a| a.error.as_deref())
    }

    /// The request id, for API errors.
    pub fn request_id(&self) -> Option<&str> {
        self.api_error().and_then(|a| a.request_id.as_deref())
    }

    /// The human readable message (without the kind prefix used by `Display`).
    pub fn message(&self) -> &str {
        match self {
            Error::Validation { message, .. }
            | Error::Connection { message, .. }
            | Error::Timeout { message, .. }
            | Error::WebhookVerification { message }
            | Error::Internal { message }
            | Error::Configuration { message, .. } => message,
            Error::Cancelled { .. } => "the call was cancelled",
            other => other.api_error().map(|a| a.message.as_str()).unwrap_or(""),
        }
    }

    /// The idempotency key the failed call was sent with (POST/PATCH/DELETE, or when one was
    /// given). Retrying with it is safe: the API applies a key's request at most once.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Connection {
                idempotency_key, ..
            }
            | Error::Timeout {
                idempotency_key, ..
            }
            | Error::Cancelled { idempotency_key } => idempotency_key.as_deref(),
            other => other.api_error().and_then(|a| a.idempotency_key.as_deref()),
        }
    }

    /// Sets the idempotency key on errors that can carry one (API, connection, timeout,
    /// cancelled); others are returned unchanged.
    pub(crate) fn with_idempotency_key(mut self, key: Option<&str>) -> Self {
        let key = key.map(str::to_string);
        match &mut self {
            Error::Connection {
                idempotency_key, ..
            }
            | Error::Timeout {
                idempotency_key, ..
            }
            | Error::Cancelled { idempotency_key } => *idempotency_key = key,
            Error::BadRequest(a)
            | Error::Authentication(a)
            | Error::PermissionDenied(a)
            | Error::NotFound(a)
            | Error::Conflict(a)
            | Error::RateLimited(a)
            | Error::InternalServer(a) => a.idempotency_key = key,
            Error::Validation { .. }
            | Error::WebhookVerification { .. }
            | Error::Internal { .. }
            | Error::Configuration { .. } => {}
        }
        self
    }

    /// The field named by a validation error, or the API's `param` for `invalid_request`.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            Error::Configuration { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// JSON form for bindings: `{"class","kind","message","status","error","request_id","param",
    /// "field","retry_after","body","idempotency_key"}`; absent values are `null`; `body` is the
    /// parsed JSON body when it was JSON, else the raw text; `class` names the binding's class.
    pub fn to_json(&self) -> serde_json::Value {
        let api = self.api_error();
        let body = api.map(|a| {
            serde_json::from_str::<serde_json::Value>(&a.body)
                .unwrap_or_else(|_| serde_json::Value::String(a.body.clone()))
        });
        serde_json::json!({
            "class": self.class_name(),
            "kind": self.kind().as_str(),
            "message": self.message(),
            "status": api.map(|a| a.status),
            "error": api.and_then(|a| a.error.clone()),
            "request_id": api.and_then(|a| a.request_id.clone()),
            "param": api.and_then(|a| a.param.clone()),
            "field": self.field(),
            "retry_after": api.and_then(|a| a.retry_after),
            "body": body,
            "idempotency_key": self.idempotency_key(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation { field, message } => {
                write!(f, "validation error: {field}: {message}")
            }
            Error::Connection { message, .. } => write!(f, "connection error: {message}"),
            Error::Timeout { message, .. } => write!(f, "timeout: {message}"),
            Error::Cancelled { .. } => f.write_str("the call was cancelled"),
            Error::Internal { message } => write!(f, "internal SDK error: {message}"),
            Error::WebhookVerification { message } => {
                write!(f, "webhook verification failed: {message}")
            }
            Error::Configuration {
                field: Some(field),
                message,
            } => write!(f, "configuration error: {field}: {message}"),
            Error::Configuration { message, .. } => write!(f, "configuration error: {message}"),
            other => {
                // api_error is always Some for the remaining variants.
                if let Some(a) = other.api_error() {
                    write!(f, "{} ({}", a.message, a.status)?;
                    if let Some(code) = &a.error {
                        write!(f, " {code}")?;
                    }
                    if let Some(p) = &a.param {
                        write!(f, ", param {p}")?;
                    }
                    if let Some(r) = &a.request_id {
                        write!(f, ", request {r}")?;
                    }
                    write!(f, ")")
                } else {
                    write!(f, "{}", other.kind())
                }
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: Option<&str>) -> Error {
        Error::from_api(ApiError {
            status,
            error: code.map(str::to_string),
            message: "m".into(),
            request_id: None,
            param: None,
            retry_after: None,
            body: String::new(),
            idempotency_key: None,
        })
    }

    #[test]
    fn lineage_walks_up_to_the_root() {
        let names: Vec<&str> = ErrorClass::lineage("InsufficientFundsError")
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            [
                "InsufficientFundsError",
                "BadRequestError",
                "APIError",
                "CryptoTopCardError"
            ]
        );
        assert!(ErrorClass::is_a("APITimeoutError", "APIConnectionError"));
        assert!(ErrorClass::is_a("APIError", "APIError"));
        assert!(!ErrorClass::is_a("APIConnectionError", "APITimeoutError"));
        assert!(!ErrorClass::is_a("NoSuchError", "CryptoTopCardError"));
        assert_eq!(ErrorClass::lineage("NoSuchError").count(), 0);
    }

    #[test]
    fn the_class_table_is_a_tree_and_covers_every_error() {
        for (i, c) in ERROR_CLASSES.iter().enumerate() {
            if let Some(p) = c.parent {
                let at = ERROR_CLASSES.iter().position(|x| x.name == p);
                assert!(
                    at.is_some_and(|at| at < i),
                    "{} before its parent {p}",
                    c.name
                );
            }
            assert_eq!(
                ERROR_CLASSES.iter().filter(|x| x.name == c.name).count(),
                1,
                "{}",
                c.name
            );
        }
        let samples = [
            api(400, Some("insufficient_funds")),
            api(400, Some("invalid_request")),
            api(401, None),
            api(403, None),
            api(404, None),
            api(409, None),
            api(429, None),
            api(503, None),
            api(418, None),
            Error::Connection {
                message: "m".into(),
                idempotency_key: None,
            },
            Error::Timeout {
                message: "m".into(),
                idempotency_key: None,
            },
            Error::cancelled(None),
            Error::validation("f", "m"),
            Error::configuration("m"),
            Error::webhook("m"),
            Error::internal("panic"),
        ];
        let names: Vec<&str> = samples.iter().map(Error::class_name).collect();
        for c in ERROR_CLASSES.iter().skip(2) {
            assert!(names.contains(&c.name), "no error maps to {}", c.name);
        }
        for e in &samples {
            assert!(ERROR_CLASSES.iter().any(|c| c.name == e.class_name()));
            assert_eq!(e.to_json()["class"], e.class_name());
        }
        assert_eq!(names[0], "InsufficientFundsError");
        assert_eq!(
            api(400, Some("insufficient_card_balance")).class_name(),
            "InsufficientFundsError"
        );
        assert_eq!(names[8], "BadRequestError", "unmapped 4xx");
        assert_eq!(Error::internal("x").kind().as_str(), "internal");
    }
}
