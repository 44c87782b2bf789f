//! One object per API resource, mirroring `cryptotopcard::resources`. The objects, their methods
//! and auto-pagers are generated from the spec (`crate::generated`, by `ctc-codegen`: see
//! `codegen/src/lang/mobile.rs`) as rows of the macros below, which are all that is written by
//! hand: each method only builds the operation's parameters and hands them to the core
//! (`crate::http::Call`), which validates, sends, retries and checks the answer.

use serde_json::{Map, Value};

use crate::error::CryptoTopCardError;
use crate::http::Param;

pub use crate::generated::*;

/// Writes, for each row, an exported `async fn` and its `*_with_response` twin on `$client`:
///
/// ```text
/// /// doc
/// post "cards.fund" fn fund / fund_with_response (card_id: String, amount: f64)
///     -> FundResult, FundResultResponse;
/// ```
///
/// - `post` (POST/PATCH/DELETE: adds an `idempotency_key: Option<String> = None` argument) or
///   `get`; every method also ends with `options: Option<RequestOptions> = None`.
/// - Each argument becomes the JSON parameter of the same name (`= value` gives its default in
///   Kotlin/Swift), or the one `=> "wire"` names where the contract's name or shape differs:
///   `transaction_type => "type"`, `category => "merchant.category"` (a field of a nested
///   object); see [`put`].
/// - The result (`-> T, R`): `T: FromWire` (the core model the body decodes as) for the plain
///   method, `R: WithResponse<T>` (`data` + `meta` + `raw_json`) for the twin.
///
/// It also lists the rows (`OPERATIONS`) so a unit test checks them against the core's
/// operation table: every operation present once, `post` exactly for the mutating ones.
macro_rules! operations {
    (
        $client:ident;
        $(
            $(#[$doc:meta])*
            $kind:ident $op:literal fn $name:ident / $with_response:ident
                ( $( $arg:ident : $ty:ty $(= $default:tt)? $(=> $wire:literal)? ),* $(,)? )
                -> $out:ty, $resp:ty;
        )+
    ) => {
        $(
            $crate::resources::operations!(@method $kind $client [$(#[$doc])*] $op $name
                $with_response ( $( $arg : $ty $(= $default)? $(=> $wire)? ),* ) -> $out, $resp);
        )+

        impl $client {
            /// `(operation, is declared post)` for every method of this resource.
            #[cfg(test)]
            pub(crate) const OPERATIONS: &'static [(&'static str, bool)] =
                &[ $( ($op, $crate::resources::operations!(@is_post $kind)), )+ ];
        }
    };

    (@is_post post) => { true };
    (@is_post get) => { false };

    (@wire $arg:ident) => { stringify!($arg) };
    (@wire $arg:ident $wire:literal) => { $wire };

    (@params $( $arg:ident $(=> $wire:literal)? ),*) => {{
        #[allow(unused_mut)]
        let mut params = ::serde_json::Map::new();
        $(
            $crate::resources::put(
                &mut params,
                stringify!($arg),
                $crate::resources::operations!(@wire $arg $($wire)?),
                &$arg,
            )?;
        )*
        params
    }};

    (@method post $client:ident [$(#[$doc:meta])*] $op:literal $name:ident $with_response:ident
        ( $( $arg:ident : $ty:ty $(= $default:tt)? $(=> $wire:literal)? ),* ) -> $out:ty, $resp:ty
    ) => {
        #[uniffi::export]
        impl $client {
            $(#[$doc])*
            #[uniffi::method(default($( $( $arg = $default, )? )* idempotency_key = None, options = None))]
            #[allow(clippy::too_many_arguments)]
            pub async fn $name(
                &self,
                $( $arg: $ty, )*
                idempotency_key: Option<String>,
                options: Option<crate::http::RequestOptions>,
            ) -> Result<$out, crate::error::CryptoTopCardError> {
                let params = $crate::resources::operations!(@params $( $arg $(=> $wire)? ),*);
                crate::http::Call::new($op, params, idempotency_key, options)?
                    .send(&self.core)
                    .await
            }

            /// The same call, returning the result (`data`), the response metadata (`meta`:
            /// status, headers, request id, idempotency key, replayed, retries) and the body as
            /// sent (`raw_json`, with any field this SDK version does not know yet).
            #[uniffi::method(default($( $( $arg = $default, )? )* idempotency_key = None, options = None))]
            #[allow(clippy::too_many_arguments)]
            pub async fn $with_response(
                &self,
                $( $arg: $ty, )*
                idempotency_key: Option<String>,
                options: Option<crate::http::RequestOptions>,
            ) -> Result<$resp, crate::error::CryptoTopCardError> {
                let params = $crate::resources::operations!(@params $( $arg $(=> $wire)? ),*);
                crate::http::Call::new($op, params, idempotency_key, options)?
                    .send_with_response::<$out, $resp>(&self.core)
                    .await
            }
        }
    };

    (@method get $client:ident [$(#[$doc:meta])*] $op:literal $name:ident $with_response:ident
        ( $( $arg:ident : $ty:ty $(= $default:tt)? $(=> $wire:literal)? ),* ) -> $out:ty, $resp:ty
    ) => {
        #[uniffi::export]
        impl $client {
            $(#[$doc])*
            #[uniffi::method(default($( $( $arg = $default, )? )* options = None))]
            #[allow(clippy::too_many_arguments)]
            pub async fn $name(
                &self,
                $( $arg: $ty, )*
                options: Option<crate::http::RequestOptions>,
            ) -> Result<$out, crate::error::CryptoTopCardError> {
                let params = $crate::resources::operations!(@params $( $arg $(=> $wire)? ),*);
                crate::http::Call::new($op, params, None, options)?
                    .send(&self.core)
                    .await
            }

            /// The same call, returning the result (`data`), the response metadata (`meta`:
            /// status, headers, request id, idempotency key, replayed, retries) and the body as
            /// sent (`raw_json`, with any field this SDK version does not know yet).
            #[uniffi::method(default($( $( $arg = $default, )? )* options = None))]
            #[allow(clippy::too_many_arguments)]
            pub async fn $with_response(
                &self,
                $( $arg: $ty, )*
                options: Option<crate::http::RequestOptions>,
            ) -> Result<$resp, crate::error::CryptoTopCardError> {
                let params = $crate::resources::operations!(@params $( $arg $(=> $wire)? ),*);
                crate::http::Call::new($op, params, None, options)?
                    .send_with_response::<$out, $resp>(&self.core)
                    .await
            }
        }
    };
}
pub(crate) use operations;

/// Writes, for each row, an exported method returning a pager over every item of a paginated
/// operation: its arguments are the core's list parameters (`$params`, fields named as the
/// arguments), handed to the core resource's `*_auto_paging` stream.
///
/// ```text
/// /// doc
/// fn list_auto_paging (status: Option<CardStatus> = None, ...)
///     -> CardPager = cards().list_auto_paging(CardListParams);
/// ```
macro_rules! auto_paging {
    (
        $client:ident;
        $(
            $(#[$doc:meta])*
            fn $name:ident ( $( $arg:ident : $ty:ty $(= $default:tt)? ),* $(,)? )
                -> $pager:ident = $resource:ident () . $method:ident ( $($params:ident)::+ );
        )+
    ) => {
        $(
            #[uniffi::export]
            impl $client {
                $(#[$doc])*
                #[uniffi::method(default($( $( $arg = $default, )? )*))]
                #[allow(clippy::too_many_arguments)]
                pub fn $name(&self, $( $arg: $ty, )*) -> ::std::sync::Arc<$pager> {
                    let params = $($params)::+ { $( $arg, )* };
                    ::std::sync::Arc::new($pager::new(self.core.$resource().$method(params)))
                }
            }
        )+
    };
}
pub(crate) use auto_paging;

/// Adds argument `arg` to `params` under `wire`, its name in the contract (`outer.field`: a
/// field of the nested object `outer`); an absent optional argument is left out.
pub(crate) fn put<P: Param>(
    params: &mut Map<String, Value>,
    arg: &str,
    wire: &str,
    value: &P,
) -> Result<(), CryptoTopCardError> {
    if wire == arg {
        return crate::http::put(params, arg, value);
    }
    let value = match value.to_param(arg)? {
        Value::Null => return Ok(()),
        v => v,
    };
    match wire.split_once('.') {
        None => {
            params.insert(wire.to_string(), value);
        }
        Some((outer, field)) => {
            let nested = params
                .entry(outer)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(nested) = nested {
                nested.insert(field.to_string(), value);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The methods cover the core's operation table exactly, once each, and `post` marks
    /// exactly the operations the core sends with an idempotency key.
    #[test]
    fn every_core_operation_has_one_method_pair() {
        let declared: Vec<(&str, bool)> = crate::generated::OPERATIONS.concat();
        for op in cryptotopcard::ops::OPERATIONS {
            let rows: Vec<_> = declared.iter().filter(|(o, _)| o == op).collect();
            assert_eq!(rows.len(), 1, "{op}: {rows:?}");
            assert_eq!(
                rows[0].1,
                cryptotopcard::ops::is_mutating(op),
                "{op}: post/get"
            );
        }
        assert_eq!(declared.len(), cryptotopcard::ops::OPERATIONS.len());
    }

    #[test]
    fn arguments_go_where_the_contract_puts_them() {
        let mut params = Map::new();
        put(&mut params, "card_id", "card_id", &"card_1".to_string()).expect("put");
        put(&mut params, "transaction_type", "type", &Some(true)).expect("put");
        put(&mut params, "merchant", "merchant.name", &"M".to_string()).expect("put");
        put(&mut params, "mcc", "merchant.mcc", &None::<String>).expect("put");
        put(
            &mut params,
            "country",
            "merchant.country",
            &Some("FR".to_string()),
        )
        .expect("put");
        assert_eq!(
            Value::Object(params),
            serde_json::json!({
                "card_id": "card_1",
                "type": true,
                "merchant": {"name": "M", "country": "FR"},
            })
        );
        let err = put(&mut Map::new(), "amount", "amount", &f64::NAN);
        assert!(
            matches!(err, Err(CryptoTopCardError::Validation { .. })),
            "{err:?}"
        );
    }
}
