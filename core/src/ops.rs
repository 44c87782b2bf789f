//! JSON dispatch for bindings: `ops::call(&client, "cards.create", params, opts)`.
//!
//! Params use the contract's snake_case names, path ids included (`card_id`, `transaction_id`,
//! `challenge_id`, `webhook_id`, `deposit_id`). They are deserialized into the typed parameter
//! structs (unknown fields rejected) and validated here, so every binding gets the same checks
//! and the same `validation` errors naming the field.

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, RequestOptions, ResponseMeta};

pub use crate::generated::operations::{
    Operation, MUTATING_OPERATIONS, OPERATIONS, PAGINATED_OPERATIONS,
};

/// `true` for operations sent as POST, PATCH or DELETE (see [`MUTATING_OPERATIONS`]).
pub fn is_mutating(op: &str) -> bool {
    Operation::from_name(op).is_some_and(Operation::is_mutating)
}

/// Fills in the idempotency key a mutating call will be sent with, when the caller gave none.
/// [`call`] does the same itself; a binding calls this first when it must report the key of a
/// call it cancels (`Error::cancelled(opts.idempotency_key.clone())`), since a dropped future
/// cannot report anything.
pub fn prepare_options(op: &str, mut opts: RequestOptions) -> RequestOptions {
    if opts.idempotency_key.is_none() && is_mutating(op) {
        opts.idempotency_key = Some(crate::http::new_idempotency_key());
    }
    opts
}

/// Result of an operation: the response body text exactly as the server sent it (snake_case;
/// `null` for 204), checked against the typed model but never re-encoded, so every field is kept
/// (including ones this SDK does not know yet) and each language parses it once; the response
/// metadata; and, for list operations, the params of the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The response JSON text as sent, unknown fields included.
    pub body: String,
    /// Status, headers, request id, idempotency key, replay flag, retries.
    pub meta: ResponseMeta,
    /// For a list operation with more pages: the params that fetch the next one (see
    /// [`next_page_params`]); `None` on the last page and for other operations.
    pub next_page: Option<Value>,
}

/// Runs `op` with JSON `params`. The future owns a clone of the client (`Send + 'static`), so
/// bindings can spawn it on [`crate::runtime::runtime`].
pub fn call(
    client: &Client,
    op: &str,
    params: Value,
    opts: RequestOptions,
) -> impl Future<Output = Result<Output>> + Send + 'static {
    let client = client.clone();
    let op = op.to_string();
    let opts = prepare_options(&op, opts);
    async move {
        let Some(operation) = Operation::from_name(&op) else {
            return Err(Error::validation(
                "op",
                format!(
                    "unknown operation {op:?}; expected one of: {}",
                    OPERATIONS.join(", ")
                ),
            ));
        };
        // List operations fill `next_page` from the page they decoded (`run_page`).
        crate::generated::operations::dispatch(&client, operation, params, opts).await
    }
}

/// Parses `v` into `T`; errors name the offending field (path, missing or unknown field).
pub fn parse_params<T: DeserializeOwned>(v: Value) -> Result<T> {
    serde_path_to_error::deserialize::<_, T>(v).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        // Only "missing field `x`" / "unknown field `x`" name the field in backticks; other
        // messages may quote user input (found by fuzzing), so they never name the field.
        let named = if inner.starts_with("missing field") || inner.starts_with("unknown field") {
            backticked(&inner).filter(|n| !n.is_empty())
        } else {
            None
        };
        let field = if path.is_empty() || path == "." {
            named.unwrap_or_else(|| "params".to_string())
        } else {
            match named {
                // A missing field inside a nested object: the path names the object only.
                Some(name) if inner.starts_with("missing field") => format!("{path}.{name}"),
                _ => path,
            }
        };
        Error::validation(field, without_values(inner))
    })
}

/// serde messages quote the offending value (`invalid type: string "…", expected f64`); keep
/// only its kind so an error never echoes what the caller passed (it could be a secret).
fn without_values(msg: String) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            if let Some(at) = rest.find(", expected") {
                let kind = rest[..at].split([' ', '`', '"']).next().unwrap_or("value");
                return format!("{prefix}{kind}{}", &rest[at..]);
            }
        }
    }
    msg
}

fn backticked(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let len = msg[start..].find('`')?;
    Some(msg[start..start + len].to_string())
}

pub(crate) fn object(params: Value) -> Result<Map<String, Value>> {
    match params {
        Value::Null => Ok(Map::new()),
        Value::Object(m) => Ok(m),
        _ => Err(Error::validation("params", "must be a JSON object")),
    }
}

/// Removes the path id `key` from the params; it must be a string.
pub(crate) fn take_id(map: &mut Map<String, Value>, key: &str) -> Result<String> {
    match map.remove(key) {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Null) | None => Err(Error::validation(key, format!("missing field `{key}`"))),
        Some(_) => Err(Error::validation(key, "must be a string")),
    }
}

pub(crate) fn no_params(map: Map<String, Value>) -> Result<()> {
    match map.keys().next() {
        Some(k) => Err(Error::validation(k.clone(), format!("unknown field `{k}`"))),
        None => Ok(()),
    }
}

impl Output {
    /// The body parsed into a JSON tree (for callers that want one; bindings hand on [`Self::body`]).
    pub fn data(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The result as one JSON text for a binding that hands results over as text (Go):
    /// `{"data":<body>,"meta":<ResponseMeta>,"next":<next-page params or null>}` ([`Self::parts`]
    /// joined).
    pub fn envelope(&self) -> Result<String> {
        let (meta, next, body) = self.parts()?;
        let mut text = String::with_capacity(body.len() + meta.len() + next.len() + 27);
        for part in [
            "{\"data\":",
            body,
            ",\"meta\":",
            &meta,
            ",\"next\":",
            &next,
            "}",
        ] {
            text.push_str(part);
        }
        Ok(text)
    }

    /// The result's JSON texts for a binding to frame as it likes: the metadata
    /// ([`ResponseMeta`]), the next page's params (`null` on the last page) and the body. The
    /// body is the server's text (unknown fields included), trimmed, without another parse: the
    /// core has already decoded it in full (one JSON value, nothing after it); an empty body is
    /// `null`.
    pub fn parts(&self) -> Result<(String, String, &str)> {
        let encoded = serde_json::to_string(&self.meta)
            .and_then(|meta| serde_json::to_string(&self.next_page).map(|next| (meta, next)));
        let (meta, next) =
            encoded.map_err(|e| Error::internal(format!("result not encodable: {e}")))?;
        let body = self.body.trim_matches(|c: char| c.is_ascii_whitespace());
        Ok((meta, next, if body.is_empty() { "null" } else { body }))
    }
}

pub(crate) async fn run<T: Serialize + DeserializeOwned + Send + 'static>(
    req: ApiRequest<T>,
    opts: RequestOptions,
) -> Result<Output> {
    let (body, meta) = req.options(opts).raw_text_with_meta().await?;
    Ok(Output {
        body,
        meta,
        next_page: None,
    })
}

/// [`run`] for a list operation: also the params of the next page (`request`: this page's
/// params), read from the page the body was checked as (no second pass over the body).
pub(crate) async fn run_page<X: Serialize + DeserializeOwned + Send + 'static>(
    req: ApiRequest<crate::models::Page<X>>,
    opts: RequestOptions,
    request: &Map<String, Value>,
) -> Result<Output> {
    let (page, body, meta) = req.options(opts).typed_text_with_meta().await?;
    Ok(Output {
        body,
        meta,
        next_page: next_of(&page, request),
    })
}

/// What paging needs of a list page: how many items, and its `pagination` block (read
/// leniently: a page without one, or with odd values, still pages by its length).
#[derive(serde::Deserialize)]
struct PageShape {
    #[serde(default)]
    data: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    pagination: Option<Value>,
}

/// For a paginated `op`: the params for the next page given this page's body text
/// (`Output.body`), or `None` when this was the last page (empty page, `total_pages` reached, or
/// a short page when `total_pages` is absent). Non-paginated operations return `None`.
pub fn next_page_params(op: &str, params: &Value, page_body: &str) -> Option<Value> {
    if !Operation::from_name(op).is_some_and(Operation::is_paginated) {
        return None;
    }
    let shape: PageShape = serde_json::from_str(page_body).ok()?;
    let pagination: crate::models::Pagination = shape
        .pagination
        .and_then(|p| serde_json::from_value(p).ok())
        .unwrap_or_default();
    let page = crate::models::Page {
        data: shape.data,
        pagination,
    };
    match params {
        Value::Object(m) => next_of(&page, m),
        _ => next_of(&page, &Map::new()),
    }
}

/// The params after `request` given the page it returned, or `None` when it was the last.
fn next_of<X>(page: &crate::models::Page<X>, params: &Map<String, Value>) -> Option<Value> {
    let requested_page = params
        .get("page")
        .and_then(Value::as_u64)
        .and_then(|p| u32::try_from(p).ok())
        .unwrap_or(1);
    let requested_per_page = params
        .get("per_page")
        .and_then(Value::as_u64)
        .and_then(|p| u32::try_from(p).ok());
    if !page.has_more(requested_page, requested_per_page) {
        return None;
    }
    // Never go backwards or stay put, whatever the server or the caller said.
    let current = page
        .pagination
        .page
        .unwrap_or(requested_page)
        .max(requested_page)
        .max(1);
    let mut next = params.clone();
    next.insert("page".into(), Value::from(current.saturating_add(1)));
    Some(Value::Object(next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{CardCreateParams, SandboxAuthorizeParams, TransactionListParams};
    use serde_json::json;

    #[test]
    fn envelope_embeds_the_body_as_sent() {
        let out = Output {
            body: " {\"id\":\"card_1\",\"new_field\":[1]}\n".into(),
            meta: ResponseMeta {
                status: 201,
                headers: vec![("x-request-id".into(), "req_1".into())],
                ..ResponseMeta::default()
            },
            next_page: Some(json!({"page": 2})),
        };
        let v: Value = serde_json::from_str(&out.envelope().unwrap()).unwrap();
        assert_eq!(v["data"], json!({"id": "card_1", "new_field": [1]}));
        assert_eq!(v["meta"]["status"], 201);
        assert_eq!(v["meta"]["headers"], json!([["x-request-id", "req_1"]]));
        assert_eq!(v["next"], json!({"page": 2}));
        let empty = Output {
            body: String::new(),
            meta: ResponseMeta::default(),
            next_page: None,
        };
        let v: Value = serde_json::from_str(&empty.envelope().unwrap()).unwrap();
        assert_eq!(
            (v["data"].clone(), v["next"].clone()),
            (Value::Null, Value::Null)
        );
    }

    #[test]
    fn parse_errors_name_the_field() {
        let e = parse_params::<CardCreateParams>(json!({"amount": 5})).unwrap_err();
        assert_eq!(e.field(), Some("bin_id"));
        let e = parse_params::<CardCreateParams>(json!({"bin_id": "491653", "amount": "5"}))
            .unwrap_err();
        assert_eq!(e.field(), Some("amount"));
        let e =
            parse_params::<CardCreateParams>(json!({"bin_id": "491653", "amount": 5, "colour": 1}))
                .unwrap_err();
        assert_eq!(e.field(), Some("colour"));
        let e = parse_params::<CardCreateParams>(
            json!({"bin_id": "491653", "amount": 5, "metadata": {"k": [1]}}),
        )
        .unwrap_err();
        assert_eq!(e.field(), Some("metadata.k"));
        let e = parse_params::<SandboxAuthorizeParams>(
            json!({"card_id": "card_1", "amount": 5, "merchant": {"nam": "x"}}),
        )
        .unwrap_err();
        assert!(e.field().unwrap().starts_with("merchant"), "{e:?}");
        let p =
            parse_params::<TransactionListParams>(json!({"type": "refund", "from": "2026-01-01"}))
                .unwrap();
        assert_eq!(
            p.transaction_type,
            Some(crate::models::TransactionType::Refund)
        );
    }

    #[test]
    fn unknown_op_and_bad_params_send_nothing() {
        let client = Client::builder()
            .api_key("sk_test_x")
            .base_url("http://127.0.0.1:9/v1")
            .max_retries(0)
            .build()
            .unwrap();
        let rt = crate::runtime::runtime();
        let e = rt
            .block_on(call(
                &client,
                "cards.explode",
                json!({}),
                RequestOptions::default(),
            ))
            .unwrap_err();
        assert_eq!(e.field(), Some("op"));
        let e = rt
            .block_on(call(
                &client,
                "cards.retrieve",
                json!({}),
                RequestOptions::default(),
            ))
            .unwrap_err();
        assert_eq!(e.field(), Some("card_id"));
        let e = rt
            .block_on(call(
                &client,
                "cards.retrieve",
                json!({"card_id": "c", "x": 1}),
                RequestOptions::default(),
            ))
            .unwrap_err();
        assert_eq!(e.field(), Some("x"));
        let e = rt
            .block_on(call(
                &client,
                "cards.fund",
                json!({"card_id": "c", "amount": 0.5}),
                RequestOptions::default(),
            ))
            .unwrap_err();
        assert_eq!(e.field(), Some("amount"));
        let e = rt
            .block_on(call(
                &client,
                "cards.list",
                json!([1]),
                RequestOptions::default(),
            ))
            .unwrap_err();
        assert_eq!(e.field(), Some("params"));
        // Inline enums of the spec are strings checked before sending.
        for (op, params, field) in [
            ("cards.list", json!({"sort": "colour"}), "sort"),
            ("cards.list", json!({"order": "up"}), "order"),
            (
                "sandbox.deposit",
                json!({"currency": "btc", "amount_usd": 5, "status": "expired"}),
                "status",
            ),
            (
                "webhooks.create",
                json!({"url": "https://x.test/h", "events": ["card.exploded"]}),
                "events[0]",
            ),
        ] {
            let e = rt
                .block_on(call(&client, op, params, RequestOptions::default()))
                .unwrap_err();
            assert_eq!(e.field(), Some(field), "{op}: {e:?}");
        }
    }

    #[test]
    fn the_generated_operation_table_is_consistent() {
        assert_eq!(Operation::ALL.len(), OPERATIONS.len());
        for (op, name) in Operation::ALL.iter().zip(OPERATIONS) {
            assert_eq!(op.name(), *name);
            assert_eq!(Operation::from_name(name), Some(*op));
            assert_eq!(op.is_mutating(), op.http_method() != "GET", "{name}");
            assert_eq!(
                op.is_mutating(),
                MUTATING_OPERATIONS.contains(name),
                "{name}"
            );
            assert_eq!(
                op.is_paginated(),
                PAGINATED_OPERATIONS.contains(name),
                "{name}"
            );
            for id in op.path_params() {
                assert!(op.path().contains(&format!("{{{id}}}")), "{name}");
            }
        }
        assert_eq!(Operation::from_name("cards.explode"), None);
        assert_eq!(Operation::CardsFund.params_type(), Some("CardFundParams"));
        assert_eq!(Operation::CardsList.params_type(), Some("CardListParams"));
        assert_eq!(Operation::CardsRetrieve.params_type(), None);
        assert_eq!(Operation::CardsTerminate.http_method(), "DELETE");
        assert_eq!(Operation::CardsFund.path(), "/cards/{card_id}/fund");
    }

    #[test]
    fn next_page_logic() {
        let page = |n: usize, p: Value| {
            json!({"data": vec![json!({"id": "x"}); n], "pagination": p}).to_string()
        };
        let params = json!({"per_page": 2, "status": "active"});
        let next = next_page_params(
            "cards.list",
            &params,
            &page(
                2,
                json!({"page": 1, "per_page": 2, "total": 5, "total_pages": 3}),
            ),
        )
        .unwrap();
        assert_eq!(next, json!({"per_page": 2, "status": "active", "page": 2}));
        assert!(next_page_params(
            "cards.list",
            &json!({"page": 3, "per_page": 2}),
            &page(
                1,
                json!({"page": 3, "per_page": 2, "total": 5, "total_pages": 3})
            )
        )
        .is_none());
        // No total_pages: continue on a full page, stop on a short one.
        assert!(next_page_params(
            "transactions.list",
            &json!({}),
            &page(50, json!({"page": 1, "per_page": 50, "total": 328}))
        )
        .is_some());
        assert!(next_page_params(
            "transactions.list",
            &json!({}),
            &page(3, json!({"page": 1, "per_page": 50}))
        )
        .is_none());
        assert!(next_page_params("bins.list", &json!({}), &page(2, json!({}))).is_none());
    }
}
