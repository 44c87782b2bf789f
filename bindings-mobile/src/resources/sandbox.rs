//! `client.sandbox`: mirrors `cryptotopcard::resources::sandbox` (sandbox keys only).

use cryptotopcard::resources::sandbox::{
    AuthorizeParams, ChallengeParams, MerchantParams, RefundParams, SandboxDepositParams,
};
use cryptotopcard::{
    Category, CryptoCurrency, Deposit, DepositStatus, ThreeDsChallenge, Transaction,
};

use crate::client::Core;
use crate::error::CryptoTopCardError;
use crate::http::{prepare, send, RequestOptions};

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

#[uniffi::export]
impl SandboxClient {
    /// `POST /sandbox/deposits`: a crypto deposit worth `amount_usd` (2% fee); `confirmed`
    /// (the default) credits the wallet at once.
    #[uniffi::method(default(status = None, idempotency_key = None, options = None))]
    pub async fn deposit(
        &self,
        currency: CryptoCurrency,
        amount_usd: f64,
        status: Option<DepositStatus>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Deposit, CryptoTopCardError> {
        let params = SandboxDepositParams {
            currency,
            amount_usd,
            status,
        };
        send(prepare(
            self.core.sandbox().deposit(params),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /sandbox/deposits/{deposit_id}/confirm`: pending to confirmed.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn confirm_deposit(
        &self,
        deposit_id: String,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Deposit, CryptoTopCardError> {
        send(prepare(
            self.core.sandbox().confirm_deposit(&deposit_id),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /sandbox/transactions`: a purchase at `merchant`, run through the issuer's checks
    /// (declined with a `decline_reason`, or authorized and, with `settle`, settled).
    #[uniffi::method(default(
        category = None,
        mcc = None,
        country = None,
        settle = true,
        idempotency_key = None,
        options = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub async fn authorize(
        &self,
        card_id: String,
        amount: f64,
        merchant: String,
        category: Option<Category>,
        mcc: Option<String>,
        country: Option<String>,
        settle: bool,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Transaction, CryptoTopCardError> {
        let params = AuthorizeParams {
            card_id,
            amount,
            merchant: MerchantParams {
                name: merchant,
                category,
                mcc,
                country,
            },
            settle: Some(settle),
        };
        send(prepare(
            self.core.sandbox().authorize(params),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /sandbox/transactions/{transaction_id}/settle`
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn settle(
        &self,
        transaction_id: String,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Transaction, CryptoTopCardError> {
        send(prepare(
            self.core.sandbox().settle(&transaction_id),
            idempotency_key,
            options,
        )?)
        .await
    }

    /// `POST /sandbox/transactions/{transaction_id}/refund`: all that is refundable, or `amount`.
    #[uniffi::method(default(amount = None, idempotency_key = None, options = None))]
    pub async fn refund(
        &self,
        transaction_id: String,
        amount: Option<f64>,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<Transaction, CryptoTopCardError> {
        let req = self
            .core
            .sandbox()
            .refund(&transaction_id, RefundParams { amount });
        send(prepare(req, idempotency_key, options)?).await
    }

    /// `POST /sandbox/3ds`: a pending challenge with a 6-digit OTP, valid 5 minutes.
    #[uniffi::method(default(idempotency_key = None, options = None))]
    pub async fn challenge(
        &self,
        card_id: String,
        merchant: String,
        amount: f64,
        idempotency_key: Option<String>,
        options: Option<RequestOptions>,
    ) -> Result<ThreeDsChallenge, CryptoTopCardError> {
        let params = ChallengeParams {
            card_id,
            merchant,
            amount,
        };
        send(prepare(
            self.core.sandbox().challenge(params),
            idempotency_key,
            options,
        )?)
        .await
    }
}
