//! One object per API resource, mirroring `cryptotopcard::resources`. Each API method is declared
//! once, in an [`operations!`] table: the core operation it runs, its arguments (named as the
//! contract names the parameters) and its result. The macro writes the method and its
//! `*WithResponse` twin; both only build the operation's parameters and hand them to the core
//! (`crate::http::Call`), which validates, sends, retries and checks the answer.

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
///   Kotlin/Swift); `adjust = path` names a `fn(&mut Map)` that reshapes the parameters where
///   the contract's shape differs from the flat argument list (`type`, nested `merchant`).
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
                ( $( $arg:ident : $ty:ty $(= $default:tt)? ),* $(,)? )
                -> $out:ty, $resp:ty
                $(, adjust = $adjust:path)?;
        )+
    ) => {
        $(
            operations!(@method $kind $client [$(#[$doc])*] $op $name $with_response
                ( $( $arg : $ty $(= $default)? ),* ) -> $out, $resp $(, $adjust)?);
        )+

        impl $client {
            /// `(operation, is declared post)` for every method of this resource.
            #[cfg(test)]
            pub(crate) const OPERATIONS: &'static [(&'static str, bool)] =
                &[ $( ($op, operations!(@is_post $kind)), )+ ];
        }
    };

    (@is_post post) => { true };
    (@is_post get) => { false };

    (@params $( $arg:ident ),* ; $( $adjust:path )?) => {{
        #[allow(unused_mut)]
        let mut params = ::serde_json::Map::new();
        $( crate::http::put(&mut params, stringify!($arg), &$arg)?; )*
        $( $adjust(&mut params); )?
        params
    }};

    (@method post $client:ident [$(#[$doc:meta])*] $op:literal $name:ident $with_response:ident
        ( $( $arg:ident : $ty:ty $(= $default:tt)? ),* ) -> $out:ty, $resp:ty $(, $adjust:path)?
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
                let params = operations!(@params $( $arg ),* ; $( $adjust )?);
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
                let params = operations!(@params $( $arg ),* ; $( $adjust )?);
                crate::http::Call::new($op, params, idempotency_key, options)?
                    .send_with_response::<$out, $resp>(&self.core)
                    .await
            }
        }
    };

    (@method get $client:ident [$(#[$doc:meta])*] $op:literal $name:ident $with_response:ident
        ( $( $arg:ident : $ty:ty $(= $default:tt)? ),* ) -> $out:ty, $resp:ty $(, $adjust:path)?
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
                let params = operations!(@params $( $arg ),* ; $( $adjust )?);
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
                let params = operations!(@params $( $arg ),* ; $( $adjust )?);
                crate::http::Call::new($op, params, None, options)?
                    .send_with_response::<$out, $resp>(&self.core)
                    .await
            }
        }
    };
}

pub mod bins;
pub mod cards;
pub mod sandbox;
pub mod threeds;
pub mod transactions;
pub mod wallet;
pub mod webhooks;

#[cfg(test)]
mod tests {
    use super::*;

    /// The methods cover the core's operation table exactly, once each, and `post` marks
    /// exactly the operations the core sends with an idempotency key.
    #[test]
    fn every_core_operation_has_one_method_pair() {
        let declared: Vec<(&str, bool)> = [
            cards::CardsClient::OPERATIONS,
            transactions::TransactionsClient::OPERATIONS,
            wallet::WalletClient::OPERATIONS,
            bins::BinsClient::OPERATIONS,
            threeds::ThreeDsClient::OPERATIONS,
            webhooks::WebhooksClient::OPERATIONS,
            sandbox::SandboxClient::OPERATIONS,
        ]
        .concat();
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
}
