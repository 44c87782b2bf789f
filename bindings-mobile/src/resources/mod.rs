//! One object per API resource, mirroring `cryptotopcard::resources`. The objects, their methods
//! and auto-pagers are generated from the spec (`crate::generated`, by `ctc-codegen`: see
//! `codegen/src/lang/mobile.rs`): each method only builds the operation's parameters ([`put_at`]
//! where the argument's name or shape differs from the contract's) and hands them to the core
//! (`crate::http::Call`), which validates, sends, retries and checks the answer.

use serde_json::{Map, Value};

use crate::error::CryptoTopCardError;
use crate::http::Param;

pub use crate::generated::*;

/// Adds argument `arg` to `params` under `wire`, its name in the contract (`outer.field`: a
/// field of the nested object `outer`); an absent optional argument is left out.
pub(crate) fn put_at<P: Param>(
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
        put_at(&mut params, "card_id", "card_id", &"card_1".to_string()).expect("put");
        put_at(&mut params, "transaction_type", "type", &Some(true)).expect("put");
        put_at(&mut params, "merchant", "merchant.name", &"M".to_string()).expect("put");
        put_at(&mut params, "mcc", "merchant.mcc", &None::<String>).expect("put");
        put_at(
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
        let err = put_at(&mut Map::new(), "amount", "amount", &f64::NAN);
        assert!(
            matches!(err, Err(CryptoTopCardError::Validation { .. })),
            "{err:?}"
        );
    }
}
