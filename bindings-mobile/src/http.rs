//! Per-call options, response metadata and the one way a method reaches the core ([`Call`]):
//! mirrors `cryptotopcard::http` (`RequestOptions`, `ResponseMeta`). Only translation: the
//! arguments become the operation's JSON parameters ([`Param`]), the options the core's
//! per-request overrides, the answer the core's typed model ([`FromWire`]) plus, for the
//! `*WithResponse` variants, its metadata and raw body ([`WithResponse`]).

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::Core;
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

/// One API call ready to go: the core operation (`cryptotopcard::ops::OPERATIONS`), its
/// parameters under the contract's snake_case names, the core's per-call options, and the
/// idempotency key it will be sent with (known before sending, so even a cancelled call can
/// report it).
pub(crate) struct Call {
    op: &'static str,
    params: Map<String, Value>,
    opts: cryptotopcard::RequestOptions,
    idempotency_key: Option<String>,
}

impl Call {
    /// Prepares `op`. The key is the method's `idempotency_key` parameter, else
    /// `options.idempotency_key`, else for a POST/PATCH/DELETE a fresh one
    /// (`cryptotopcard::ops::prepare_options`), reused by the core across the call's
    /// retries and reported in every error of the call, so a retried call never moves money
    /// twice. A GET carries a key only when `options` gives one.
    pub(crate) fn new(
        op: &'static str,
        params: Map<String, Value>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Self, CryptoTopCardError> {
        let options = options.unwrap_or_default();
        let timeout = options
            .timeout_seconds
            .map(|secs| cryptotopcard::http::seconds("timeout_seconds", secs))
            .transpose()?;
        let opts = cryptotopcard::ops::prepare_options(
            op,
            cryptotopcard::RequestOptions {
                idempotency_key: idempotency_key.or(options.idempotency_key),
                timeout,
                max_retries: options.max_retries,
            },
        );
        Ok(Self {
            op,
            params,
            idempotency_key: opts.idempotency_key.clone(),
            opts,
        })
    }

    /// Runs the call on the core runtime (`cryptotopcard::ops::call`: the core parses and
    /// validates the parameters into its typed structs, sends, and checks the answer against its
    /// typed model); the body text as the server sent it (unknown fields kept) and the metadata.
    async fn run(
        self,
        core: &Core,
    ) -> Result<(String, cryptotopcard::ResponseMeta), CryptoTopCardError> {
        let fut = cryptotopcard::ops::call(core, self.op, Value::Object(self.params), self.opts);
        let out = run(self.idempotency_key, fut).await?;
        Ok((out.body, out.meta))
    }

    /// The result as the typed record.
    pub(crate) async fn send<T: FromWire>(self, core: &Core) -> Result<T, CryptoTopCardError> {
        let op = self.op;
        let (body, _) = self.run(core).await?;
        decode(op, &body)
    }

    /// The typed record, the response metadata and the body as sent (`raw_json`).
    pub(crate) async fn send_with_response<R: WithResponse>(
        self,
        core: &Core,
    ) -> Result<R, CryptoTopCardError> {
        let op = self.op;
        let (body, meta) = self.run(core).await?;
        Ok(R::with_response(decode(op, &body)?, meta.into(), body))
    }
}

/// The core checked the body against this very type (`ops::call`), so this cannot fail short of
/// an SDK bug; the message never quotes the body (it may hold a PAN).
fn decode<T: FromWire>(op: &str, body: &str) -> Result<T, CryptoTopCardError> {
    match serde_json::from_str::<T::Wire>(body) {
        Ok(wire) => Ok(T::from_wire(wire)),
        Err(_) => Err(cryptotopcard::Error::internal(format!(
            "the answer of {op} does not decode as its model (a bug: please report it)"
        ))
        .into()),
    }
}

/// A result type of an exported method and the core model the body decodes as.
pub(crate) trait FromWire: Sized {
    /// The core's model of the body.
    type Wire: DeserializeOwned;
    /// The record handed to Kotlin/Swift.
    fn from_wire(wire: Self::Wire) -> Self;
}

// The `FromWire` rows of the core's records handed over as they are, and the `Param` rows of
// the argument types sent through serde, are generated (`crate::generated::models`).

/// A `*Response` record: a result with its metadata and raw body.
pub(crate) trait WithResponse {
    /// The result, as the method without `WithResponse` returns it.
    type Data: FromWire;
    fn with_response(data: Self::Data, meta: ResponseMeta, raw_json: String) -> Self;
}

/// A method argument as a JSON parameter. Non-finite numbers are refused here, naming the
/// argument (JSON has no NaN: it would silently become `null`, i.e. "not given"); every other
/// check is the core's.
pub(crate) trait Param {
    fn to_param(&self, name: &str) -> Result<Value, CryptoTopCardError>;
}

impl Param for f64 {
    fn to_param(&self, name: &str) -> Result<Value, CryptoTopCardError> {
        serde_json::Number::from_f64(*self)
            .map(Value::Number)
            .ok_or_else(|| CryptoTopCardError::validation(name, "must be a finite number"))
    }
}

impl<T: Param> Param for Option<T> {
    fn to_param(&self, name: &str) -> Result<Value, CryptoTopCardError> {
        match self {
            Some(v) => v.to_param(name),
            None => Ok(Value::Null),
        }
    }
}

// Metadata runs the core's check first: serde would turn a non-finite number into `null`, which
// on update means "remove this key" (the error names `<name>.<key>`).
impl Param for HashMap<String, cryptotopcard::MetadataValue> {
    fn to_param(&self, name: &str) -> Result<Value, CryptoTopCardError> {
        cryptotopcard::validate::metadata(name, self.iter().map(|(k, v)| (k, Some(v))))?;
        serde_param(self, name)
    }
}

impl Param for HashMap<String, Option<cryptotopcard::MetadataValue>> {
    fn to_param(&self, name: &str) -> Result<Value, CryptoTopCardError> {
        cryptotopcard::validate::metadata(name, self.iter().map(|(k, v)| (k, v.as_ref())))?;
        serde_param(self, name)
    }
}

/// An argument sent as serde encodes it (strings, integers, booleans, enums, lists of them).
pub(crate) fn serde_param<T: serde::Serialize>(
    value: &T,
    name: &str,
) -> Result<Value, CryptoTopCardError> {
    serde_json::to_value(value)
        .map_err(|_| CryptoTopCardError::validation(name, "cannot be encoded as JSON"))
}

/// Adds argument `name` to `params` (an absent optional argument is left out).
pub(crate) fn put<P: Param>(
    params: &mut Map<String, Value>,
    name: &str,
    value: &P,
) -> Result<(), CryptoTopCardError> {
    match value.to_param(name)? {
        Value::Null => {}
        v => {
            params.insert(name.to_string(), v);
        }
    }
    Ok(())
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
            let options = RequestOptions {
                timeout_seconds: Some(secs),
                ..RequestOptions::default()
            };
            match Call::new("cards.list", Map::new(), None, Some(options)) {
                Err(CryptoTopCardError::Validation { field, .. }) => {
                    assert_eq!(field.as_deref(), Some("timeout_seconds"))
                }
                Err(other) => panic!("{secs}: {other:?}"),
                Ok(_) => panic!("{secs}: accepted"),
            }
        }
    }

    #[test]
    fn arguments_become_parameters_and_non_finite_numbers_are_refused() {
        let mut params = Map::new();
        put(&mut params, "amount", &12.5).expect("finite");
        let mut meta = HashMap::new();
        meta.insert(
            "k".to_string(),
            cryptotopcard::MetadataValue::Number(f64::NAN),
        );
        let err = put(&mut params, "metadata", &meta).expect_err("NaN in metadata");
        assert!(format!("{err:?}").contains("metadata.k"), "{err:?}");
        put(&mut params, "label", &None::<String>).expect("absent");
        put(&mut params, "page", &Some(2u32)).expect("page");
        assert_eq!(
            Value::Object(params),
            serde_json::json!({"amount": 12.5, "page": 2})
        );
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            // An optional one too: as JSON `null` it would silently mean "not given".
            match put(&mut Map::new(), "spending_limit", &Some(bad)) {
                Err(CryptoTopCardError::Validation { field, .. }) => {
                    assert_eq!(field.as_deref(), Some("spending_limit"))
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn mutating_calls_always_carry_a_key_and_reads_only_when_given() {
        let opts = |key: Option<&str>| {
            Some(RequestOptions {
                idempotency_key: key.map(str::to_string),
                ..RequestOptions::default()
            })
        };
        let post = Call::new("cards.fund", Map::new(), None, None).expect("call");
        assert_eq!(post.idempotency_key.as_ref().map(String::len), Some(36));
        assert_eq!(post.opts.idempotency_key, post.idempotency_key);
        let given = Call::new(
            "cards.fund",
            Map::new(),
            Some("arg".into()),
            opts(Some("opt")),
        )
        .expect("call");
        assert_eq!(
            given.idempotency_key.as_deref(),
            Some("arg"),
            "the argument wins"
        );
        let from_opts = Call::new("cards.fund", Map::new(), None, opts(Some("opt"))).expect("call");
        assert_eq!(from_opts.idempotency_key.as_deref(), Some("opt"));
        let get = Call::new("cards.list", Map::new(), None, None).expect("call");
        assert_eq!(get.idempotency_key, None);
        let get = Call::new("cards.list", Map::new(), None, opts(Some("k"))).expect("call");
        assert_eq!(get.idempotency_key.as_deref(), Some("k"));
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
