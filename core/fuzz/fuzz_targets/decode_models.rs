#![no_main]
//! Response decoders: every model from arbitrary bytes. Must never panic; what decodes must
//! re-encode and decode to an equal value.

use cryptotopcard::{
    Bin, Card, CardDetails, CardList, CardSummary, Deposit, Event, FreezeResult, FundResult,
    TerminateResult, ThreeDSChallenge, Transaction, TransactionList, Wallet, WalletAddresses,
    Webhook, WebhookWithSecret, WithdrawResult,
};
use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};

fn roundtrip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(data: &[u8]) {
    if let Ok(v) = serde_json::from_slice::<T>(data) {
        let bytes = serde_json::to_vec(&v).expect("models serialize");
        let back: T = serde_json::from_slice(&bytes).expect("re-encoded model decodes");
        assert_eq!(v, back);
        // Debug must not panic either.
        let _ = format!("{v:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    roundtrip::<Card>(data);
    roundtrip::<CardSummary>(data);
    roundtrip::<CardList>(data);
    roundtrip::<CardDetails>(data);
    roundtrip::<FreezeResult>(data);
    roundtrip::<TerminateResult>(data);
    roundtrip::<FundResult>(data);
    roundtrip::<WithdrawResult>(data);
    roundtrip::<Transaction>(data);
    roundtrip::<TransactionList>(data);
    roundtrip::<Wallet>(data);
    roundtrip::<WalletAddresses>(data);
    roundtrip::<Deposit>(data);
    roundtrip::<Bin>(data);
    roundtrip::<ThreeDSChallenge>(data);
    roundtrip::<Webhook>(data);
    roundtrip::<WebhookWithSecret>(data);
    roundtrip::<Event>(data);
});
