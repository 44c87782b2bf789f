#![no_main]
//! The bindings' JSON entry points: params decoding/validation for every operation's typed
//! params, and next-page computation from arbitrary page JSON. Must never panic; every error is
//! a validation error that names a field.

use cryptotopcard::ops::{next_page_params, parse_params, OPERATIONS};
use cryptotopcard::{
    CardCreateParams, CardFundParams, CardListParams, CardUpdateParams, ErrorKind, Result,
    SandboxAuthorizeParams, SandboxChallengeParams, SandboxDepositParams, ThreeDSListParams,
    TransactionListParams, WalletDepositsParams, WebhookCreateParams,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check<T: serde::de::DeserializeOwned>(v: &Value, validate: impl Fn(&T) -> Result<()>) {
    match parse_params::<T>(v.clone()) {
        Ok(p) => {
            if let Err(e) = validate(&p) {
                assert_eq!(e.kind(), ErrorKind::Validation);
                assert!(e.field().is_some());
            }
        }
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Validation);
            assert!(!e.field().unwrap_or("").is_empty());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    check::<CardCreateParams>(&v, |p| p.validate());
    check::<CardUpdateParams>(&v, |p| p.validate());
    check::<CardListParams>(&v, |p| p.validate());
    check::<CardFundParams>(&v, |p| p.validate());
    check::<TransactionListParams>(&v, |p| p.validate());
    check::<WalletDepositsParams>(&v, |_| Ok(()));
    check::<ThreeDSListParams>(&v, |_| Ok(()));
    check::<WebhookCreateParams>(&v, |p| p.validate());
    check::<SandboxAuthorizeParams>(&v, |p| p.validate());
    check::<SandboxDepositParams>(&v, |p| p.validate());
    check::<SandboxChallengeParams>(&v, |p| p.validate());
    for op in OPERATIONS {
        if let Some(next) = next_page_params(op, &v, &v.to_string()) {
            let page = next["page"].as_u64().expect("next page number");
            assert!(page >= 2);
        }
    }
});
