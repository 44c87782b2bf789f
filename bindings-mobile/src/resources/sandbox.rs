//! `client.sandbox`: mirrors `cryptotopcard::resources::sandbox` (sandbox keys only).

use cryptotopcard::{
    Category, CryptoCurrency, Deposit, DepositStatus, ThreeDSChallenge, Transaction,
};
use serde_json::{Map, Value};

use crate::client::Core;
use crate::models::{DepositResponse, ThreeDSChallengeResponse, TransactionResponse};

/// Sandbox simulators: deposits, card authorizations, settlements, refunds, 3DS challenges.
/// A live key gets `PermissionDenied`.
#[derive(uniffi::Object)]
pub struct SandboxClient {
    core: Core,
}

impl SandboxClient {
    pub(crate) fn new(core: Core) -> Self {
        Self { core }
    }
}

/// The flat merchant arguments of `authorize` are the contract's `merchant` object
/// (`{name, category, mcc, country}`).
fn merchant_object(params: &mut Map<String, Value>) {
    let mut merchant = Map::new();
    for (arg, field) in [
        ("merchant", "name"),
        ("category", "category"),
        ("mcc", "mcc"),
        ("country", "country"),
    ] {
        if let Some(v) = params.remove(arg) {
            merchant.insert(field.into(), v);
        }
    }
    params.insert("merchant".into(), Value::Object(merchant));
}

operations! {
    SandboxClient;

    /// `POST /sandbox/deposits`: a crypto deposit worth `amount_usd` (2% fee); `confirmed`
    /// (the default) credits the wallet at once.
    post "sandbox.deposit" fn deposit / deposit_with_response (
        currency: CryptoCurrency,
        amount_usd: f64,
        status: Option<DepositStatus> = None,
    ) -> Deposit, DepositResponse;

    /// `POST /sandbox/deposits/{deposit_id}/confirm`: pending to confirmed.
    post "sandbox.confirm_deposit" fn confirm_deposit / confirm_deposit_with_response (
        deposit_id: String,
    ) -> Deposit, DepositResponse;

    /// `POST /sandbox/transactions`: a purchase at `merchant`, run through the issuer's checks
    /// (declined with a `decline_reason`, or authorized and, with `settle`, settled).
    post "sandbox.authorize" fn authorize / authorize_with_response (
        card_id: String,
        amount: f64,
        merchant: String,
        category: Option<Category> = None,
        mcc: Option<String> = None,
        country: Option<String> = None,
        settle: bool = true,
    ) -> Transaction, TransactionResponse, adjust = merchant_object;

    /// `POST /sandbox/transactions/{transaction_id}/settle`
    post "sandbox.settle" fn settle / settle_with_response (transaction_id: String)
        -> Transaction, TransactionResponse;

    /// `POST /sandbox/transactions/{transaction_id}/refund`: all that is refundable, or `amount`.
    post "sandbox.refund" fn refund / refund_with_response (
        transaction_id: String,
        amount: Option<f64> = None,
    ) -> Transaction, TransactionResponse;

    /// `POST /sandbox/3ds`: a pending challenge with a 6-digit OTP, valid 5 minutes.
    post "sandbox.challenge" fn challenge / challenge_with_response (
        card_id: String,
        merchant: String,
        amount: f64,
    ) -> ThreeDSChallenge, ThreeDSChallengeResponse;
}
