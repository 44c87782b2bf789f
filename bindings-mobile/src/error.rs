//! The one error type that crosses the FFI boundary, mapped from the core's error in one place
//! ([`From<cryptotopcard::Error>`]) by the core's class name (`Error::class_name()`, a row of
//! `cryptotopcard::ERROR_CLASSES`). Kotlin sees a sealed `CryptoTopCardException` with one
//! subclass per class, Swift an `enum CryptoTopCardError: Error`.
//!
//! Naming rule: the variant of class `XxxError` is `Xxx` (the `Error` suffix dropped; uniffi then
//! writes acronyms as words: `APIUserAbortError` -> `ApiUserAbort`). The table's root,
//! `CryptoTopCardError`, is the error type itself; `APIError` has no variant (uniffi errors are
//! flat): its children (`BadRequest` ... `InternalServer`, `InsufficientFunds`) say "the API
//! answered", and `errorIsA(errorClass, "APIError")` tests any ancestor.
//!
//! The variants, one per class, are generated from the spec's `x-error-classes`
//! (`crate::generated::error`); `Display` is `<class>: <message> (field f) [status code]`.
//!
//! Every variant carries the same fields so a caller can read them without knowing the variant:
//! `status` (HTTP status, API errors only), `error_code` (the API's code, e.g.
//! `insufficient_funds`), `error_message` (human text; `message` is taken by `Throwable` in
//! Kotlin), `request_id`, `field` (the offending parameter: the SDK's validation field or the
//! API's `param`), `retry_after` (seconds, for 429), `idempotency_key` (the key a
//! POST/PATCH/DELETE was sent with: retrying the call with it cannot apply it twice) and
//! `error_class` (the class name shared by every SDK, e.g. `InsufficientFundsError`). No field
//! ever holds a secret: the core guarantees its messages never contain an API key, PAN, CVV, OTP
//! or webhook secret.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use crate::generated::error::CryptoTopCardError;
use crate::generated::error::Kind;

/// The fields every variant carries.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fields {
    pub(crate) status: Option<u16>,
    pub(crate) error_code: Option<String>,
    pub(crate) error_message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) field: Option<String>,
    pub(crate) retry_after: Option<f64>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) error_class: String,
}

/// The variant for a core class: its own, else the nearest ancestor's in the core's table (a
/// class added to the core later lands on its parent's variant), else `Internal`.
fn kind_of_class(class: &str) -> Kind {
    cryptotopcard::ErrorClass::lineage(class)
        .find_map(|c| Kind::CLASSES.iter().find(|(_, n)| *n == c.name))
        .map_or(Kind::Internal, |(k, _)| *k)
}

impl CryptoTopCardError {
    /// A binding-level validation error (a value that does not convert, e.g. a negative timeout).
    pub(crate) fn validation(field: &str, message: impl Into<String>) -> Self {
        cryptotopcard::Error::validation(field, message).into()
    }

    /// The idempotency key the failed call was sent with (POST/PATCH/DELETE, or when given).
    pub fn idempotency_key(&self) -> Option<String> {
        self.fields().idempotency_key
    }

    /// The class name shared by every SDK (`InsufficientFundsError`, ...).
    pub fn error_class(&self) -> String {
        self.fields().error_class
    }
}

impl fmt::Display for CryptoTopCardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.fields();
        write!(f, "{}: {}", p.error_class, p.error_message)?;
        if let Some(field) = p.field {
            write!(f, " (field {field})")?;
        }
        match (p.status, p.error_code.as_deref()) {
            (Some(s), Some(c)) => write!(f, " [{s} {c}]"),
            (Some(s), None) => write!(f, " [{s}]"),
            (None, Some(c)) => write!(f, " [{c}]"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for CryptoTopCardError {}

/// The one mapping from the core's error to the FFI error: the variant is chosen by the core's
/// class name alone.
impl From<cryptotopcard::Error> for CryptoTopCardError {
    fn from(e: cryptotopcard::Error) -> Self {
        let api = e.api_error();
        let class = e.class_name();
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
            error_class: class.to_string(),
        };
        Self::build(kind_of_class(class), fields)
    }
}

/// One row of the core's error class table, as every SDK names it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorClassInfo {
    /// Class name, identical in every SDK (`InsufficientFundsError`).
    pub name: String,
    /// The class it extends (`BadRequestError`); `null`/`nil` for the root `CryptoTopCardError`.
    pub parent: Option<String>,
    /// One-line meaning.
    pub doc: String,
}

/// The core's error class table (`cryptotopcard::ERROR_CLASSES`), parents before children. Each
/// class but the root and `APIError` is a variant of `CryptoTopCardError` (Kotlin
/// `CryptoTopCardException.<name without "Error">`, acronyms as words: `ApiTimeout`).
#[uniffi::export]
pub fn error_classes() -> Vec<ErrorClassInfo> {
    cryptotopcard::ERROR_CLASSES
        .iter()
        .map(|c| ErrorClassInfo {
            name: c.name.to_string(),
            parent: c.parent.map(str::to_string),
            doc: c.doc.to_string(),
        })
        .collect()
}

/// `true` when class `class_name` is `ancestor` or descends from it in the core's table (the parents
/// uniffi's flat errors cannot express): `errorIsA(e.errorClass, "APIError")`,
/// `errorIsA("APITimeoutError", "APIConnectionError")`. Unknown names are `false`.
#[uniffi::export]
pub fn error_is_a(class_name: String, ancestor: String) -> bool {
    cryptotopcard::ErrorClass::is_a(&class_name, &ancestor)
}

/// Runs a synchronous export, turning a panic into the `Internal` variant (async calls get the
/// same from the runtime's task boundary, see `runtime::run`), so no panic crosses the FFI.
pub(crate) fn guard<T>(
    f: impl FnOnce() -> Result<T, CryptoTopCardError>,
) -> Result<T, CryptoTopCardError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(cryptotopcard::Error::internal(
            "the SDK panicked while handling this call (a bug: please report it)",
        )
        .into())
    })
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
            "ValidationError: must be at least 1.00 (field amount)"
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
            CryptoTopCardError::RateLimit {
                status: Some(429),
                error_code: Some("rate_limited".into()),
                error_message: "slow down".into(),
                request_id: Some("req_1".into()),
                field: Some("card_id".into()),
                retry_after: Some(2.0),
                idempotency_key: Some("key-1".into()),
                error_class: "RateLimitError".into(),
            }
        );
        assert_eq!(e.idempotency_key().as_deref(), Some("key-1"));
    }

    #[test]
    fn transport_errors_and_cancellation_keep_the_idempotency_key() {
        let cancelled: CryptoTopCardError =
            cryptotopcard::Error::cancelled(Some("key-2".into())).into();
        assert!(
            matches!(&cancelled, CryptoTopCardError::ApiUserAbort { idempotency_key, error_message, .. }
                if idempotency_key.as_deref() == Some("key-2") && !error_message.is_empty()),
            "{cancelled:?}"
        );
        assert!(
            cancelled.to_string().starts_with("APIUserAbortError: "),
            "{cancelled}"
        );

        let cancelled: CryptoTopCardError = cryptotopcard::Error::cancelled(None).into();
        assert_eq!(cancelled.idempotency_key(), None);

        // A validation error is raised before anything is sent: no key.
        let e: CryptoTopCardError = cryptotopcard::Error::validation("amount", "bad").into();
        assert_eq!(e.idempotency_key(), None);
    }

    fn api(status: u16, code: Option<&str>) -> cryptotopcard::Error {
        cryptotopcard::Error::from_api(cryptotopcard::ApiError {
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

    /// Every class of the core's table has its variant, except the root (the error type
    /// itself) and `APIError` (a parent only); every variant stands for a class of the table.
    #[test]
    fn every_class_of_the_core_table_has_a_variant() {
        for class in cryptotopcard::ERROR_CLASSES {
            let abstract_parent = matches!(class.name, "CryptoTopCardError" | "APIError");
            assert_eq!(
                Kind::CLASSES.iter().any(|(_, n)| *n == class.name),
                !abstract_parent,
                "{}",
                class.name
            );
        }
        for (kind, class) in Kind::CLASSES {
            assert!(
                cryptotopcard::ERROR_CLASSES
                    .iter()
                    .any(|c| c.name == *class),
                "{kind:?} stands for {class}, not in the core's table"
            );
            // The naming rule: the class without its `Error` suffix, acronyms as words.
            let rule = class.trim_end_matches("Error").replace("API", "Api");
            assert_eq!(format!("{kind:?}"), rule);
        }
        assert_eq!(Kind::CLASSES.len(), cryptotopcard::ERROR_CLASSES.len() - 2);
    }

    #[test]
    fn variants_are_chosen_by_class_name() {
        let cases: Vec<(cryptotopcard::Error, &str)> = vec![
            (api(400, Some("insufficient_funds")), "InsufficientFunds"),
            (api(400, Some("invalid_request")), "BadRequest"),
            (api(418, None), "BadRequest"),
            (api(401, None), "Authentication"),
            (api(403, None), "PermissionDenied"),
            (api(404, None), "NotFound"),
            (api(409, None), "Conflict"),
            (api(429, None), "RateLimit"),
            (api(503, None), "InternalServer"),
            (
                cryptotopcard::Error::Connection {
                    message: "m".into(),
                    idempotency_key: None,
                },
                "ApiConnection",
            ),
            (
                cryptotopcard::Error::Timeout {
                    message: "m".into(),
                    idempotency_key: None,
                },
                "ApiTimeout",
            ),
            (cryptotopcard::Error::cancelled(None), "ApiUserAbort"),
            (cryptotopcard::Error::validation("f", "m"), "Validation"),
            (cryptotopcard::Error::internal("panic"), "Internal"),
        ];
        for (core, variant) in cases {
            let class = core.class_name();
            let e = CryptoTopCardError::from(core);
            let debug = format!("{e:?}");
            assert!(debug.starts_with(&format!("{variant} {{")), "{debug}");
            assert_eq!(e.error_class(), class);
        }
    }

    #[test]
    fn an_unknown_class_lands_on_its_nearest_known_ancestor() {
        assert_eq!(kind_of_class("NotFoundError"), Kind::NotFound);
        // A class the core does not have: nothing to climb, the bug variant.
        assert_eq!(kind_of_class("TeleportError"), Kind::Internal);
        // The abstract parents have no variant of their own.
        assert_eq!(kind_of_class("CryptoTopCardError"), Kind::Internal);
    }

    #[test]
    fn ancestry_follows_the_table() {
        let yes = [
            ("InsufficientFundsError", "BadRequestError"),
            ("InsufficientFundsError", "APIError"),
            ("InsufficientFundsError", "CryptoTopCardError"),
            ("APITimeoutError", "APIConnectionError"),
            ("ConfigurationError", "ValidationError"),
            ("NotFoundError", "NotFoundError"),
        ];
        for (c, a) in yes {
            assert!(error_is_a(c.into(), a.into()), "{c} is a {a}");
        }
        let no = [
            ("BadRequestError", "InsufficientFundsError"),
            ("APIConnectionError", "APIError"),
            ("ValidationError", "APIError"),
            ("Nope", "CryptoTopCardError"),
        ];
        for (c, a) in no {
            assert!(!error_is_a(c.into(), a.into()), "{c} is not a {a}");
        }
        assert_eq!(error_classes().len(), cryptotopcard::ERROR_CLASSES.len());
    }

    #[test]
    fn a_panic_in_a_synchronous_export_is_internal() {
        let got: Result<(), _> = guard(|| panic!("boom"));
        assert!(
            matches!(&got, Err(CryptoTopCardError::Internal { error_class, .. }) if error_class == "InternalError"),
            "{got:?}"
        );
        assert_eq!(guard(|| Ok(7)), Ok(7));
    }
}
