//! Transactions, wallet, deposits, 3DS and the sandbox simulators.

mod common;

use common::{block, cents, env};
use cryptotopcard::{
    CardCreateParams, CardStatus, CardUpdateParams, CardWithdrawParams, Category, CryptoCurrency,
    Currency, DeclineReason, DepositStatus, ErrorKind, MerchantParams, SandboxAuthorizeParams,
    SandboxChallengeParams, SandboxDepositParams, SandboxRefundParams, ThreeDSListParams,
    ThreeDSStatus, TransactionListParams, TransactionType, WalletAddressesParams,
    WalletDepositsParams,
};

#[test]
fn transactions_refunds_and_declines() {
    let env = env();
    let c = &env.client;
    block(async {
        let card = c
            .cards()
            .create(CardCreateParams {
                allowed_categories: Some(vec![Category::Advertising]),
                ..CardCreateParams::new("491653", 100.0)
            })
            .await
            .unwrap();
        let auth = c
            .sandbox()
            .authorize(SandboxAuthorizeParams {
                card_id: card.id.clone(),
                amount: 12.5,
                merchant: MerchantParams {
                    name: "FACEBK ADS".into(),
                    category: Some(Category::Advertising),
                    mcc: Some("7311".into()),
                    country: Some("US".into()),
                },
                settle: Some(false),
            })
            .await
            .unwrap();
        assert_eq!(auth.transaction_type, TransactionType::Authorization);
        assert_eq!(auth.amount, -12.5);
        assert_eq!(auth.currency, Currency::Usd);
        assert_eq!(auth.balance_after, Some(87.5));

        let settled = c.sandbox().settle(&auth.id).await.unwrap();
        assert_eq!(settled.transaction_type, TransactionType::Settlement);

        let refund = c
            .sandbox()
            .refund(&auth.id, SandboxRefundParams { amount: Some(2.5) })
            .await
            .unwrap();
        assert_eq!(refund.transaction_type, TransactionType::Refund);
        assert_eq!(refund.amount, 2.5);
        assert_eq!(refund.refund_of.as_deref(), Some(auth.id.as_str()));

        let full = c.transactions().retrieve(&auth.id).await.unwrap();
        assert_eq!(full.refunded_amount, Some(2.5));
        let timeline: Vec<String> = full
            .timeline
            .unwrap()
            .into_iter()
            .map(|t| t.status)
            .collect();
        assert!(timeline.contains(&"authorized".to_string()), "{timeline:?}");
        assert!(timeline.contains(&"settled".to_string()), "{timeline:?}");
        assert_eq!(
            full.three_ds.as_ref().map(|t| t.status.as_str()),
            Some("not_required")
        );
        assert_eq!(full.merchant.category.as_deref(), Some("advertising"));

        let decline = c
            .sandbox()
            .authorize(SandboxAuthorizeParams {
                card_id: card.id.clone(),
                amount: 5.0,
                merchant: MerchantParams::new("STEAM", Category::Gaming),
                settle: None,
            })
            .await
            .unwrap();
        assert_eq!(decline.transaction_type, TransactionType::Decline);
        assert_eq!(
            decline.decline_reason,
            Some(DeclineReason::CategoryNotAllowed)
        );

        let list = c
            .transactions()
            .list(TransactionListParams {
                card_id: Some(card.id.clone()),
                transaction_type: Some(TransactionType::Decline),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(list.data.len(), 1);
        let list = c
            .transactions()
            .list(TransactionListParams {
                merchant: Some("FACEBK".into()),
                min_amount: Some(10.0),
                from: Some("2000-01-01".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(list.data.len(), 1);
        assert_eq!(list.data[0].id, auth.id);

        let card_now = c.cards().retrieve(&card.id).await.unwrap();
        assert_eq!(card_now.balance, 90.0);
        assert_eq!(card_now.total_spent, Some(10.0));
        assert!(card_now.last_used_at.is_some());

        // auto_freeze_at trips after a purchase.
        c.cards()
            .update(
                &card.id,
                CardUpdateParams {
                    auto_freeze_at: Some(80.0),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        c.sandbox()
            .authorize(SandboxAuthorizeParams {
                card_id: card.id.clone(),
                amount: 15.0,
                merchant: MerchantParams::new("GOOGLE ADS", Category::Advertising),
                settle: None,
            })
            .await
            .unwrap();
        let frozen = c.cards().retrieve(&card.id).await.unwrap();
        assert_eq!(frozen.status, CardStatus::Frozen);
    });
}

#[test]
fn wallet_deposits_and_threeds() {
    let env = env();
    let c = &env.client;
    block(async {
        let w = c.wallet().retrieve().await.unwrap();
        assert_eq!(cents(w.balance), 1_000_000);
        assert_eq!(w.currency, Currency::Usd);
        assert_eq!(w.cards_active, 0);

        let all = c
            .wallet()
            .addresses(WalletAddressesParams::default())
            .await
            .unwrap();
        for cur in ["btc", "eth", "sol", "usdt"] {
            assert!(all.addresses.contains_key(cur), "{cur}");
            assert!(all.networks.contains_key(cur));
            assert!(all.min_deposit.contains_key(cur));
        }
        let one = c
            .wallet()
            .addresses(WalletAddressesParams {
                currency: Some(CryptoCurrency::Sol),
            })
            .await
            .unwrap();
        assert_eq!(one.addresses.len(), 1);
        assert_eq!(one.networks["sol"], "solana");

        let pending = c
            .sandbox()
            .deposit(SandboxDepositParams {
                status: Some("pending".into()),
                ..SandboxDepositParams::new(CryptoCurrency::Btc, 500.0)
            })
            .await
            .unwrap();
        assert_eq!(pending.status, DepositStatus::Pending);
        assert_eq!(pending.fee_usd, 10.0);
        assert_eq!(pending.credited_usd, 490.0);
        let w = c.wallet().retrieve().await.unwrap();
        assert_eq!(w.pending_deposits, 490.0);
        let confirmed = c.sandbox().confirm_deposit(&pending.id).await.unwrap();
        assert_eq!(confirmed.status, DepositStatus::Confirmed);
        assert!(confirmed.confirmed_at.is_some());
        let w = c.wallet().retrieve().await.unwrap();
        assert_eq!(cents(w.balance), 1_049_000);
        // Confirming twice is refused (the sandbox answers 409; its README says 400).
        let e = c.sandbox().confirm_deposit(&pending.id).await.unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::BadRequest | ErrorKind::Conflict),
            "{e:?}"
        );

        let deps = c
            .wallet()
            .deposits(WalletDepositsParams {
                status: Some(DepositStatus::Confirmed),
                currency: Some(CryptoCurrency::Btc),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(deps.data.iter().any(|d| d.id == pending.id));

        let card = c
            .cards()
            .create(CardCreateParams::new("531993", 50.0))
            .await
            .unwrap();
        let ch = c
            .sandbox()
            .challenge(SandboxChallengeParams {
                card_id: card.id.clone(),
                merchant: "SPOTIFY".into(),
                amount: 9.99,
            })
            .await
            .unwrap();
        assert_eq!(ch.status, ThreeDSStatus::Pending);
        let otp = ch.otp.clone();
        assert_eq!(otp.len(), 6);
        let got = c.threeds().retrieve(&ch.id).await.unwrap();
        assert_eq!(got.otp, otp);
        let list = c
            .threeds()
            .list(ThreeDSListParams {
                card_id: Some(card.id.clone()),
                status: Some(ThreeDSStatus::Pending),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(list.data.len(), 1);

        // Paying the challenged amount at that merchant completes it.
        let t = c
            .sandbox()
            .authorize(SandboxAuthorizeParams {
                card_id: card.id.clone(),
                amount: 9.99,
                merchant: MerchantParams::new("SPOTIFY", Category::Subscriptions),
                settle: None,
            })
            .await
            .unwrap();
        let full = c.transactions().retrieve(&t.id).await.unwrap();
        assert_eq!(
            full.three_ds.map(|t| t.status).as_deref(),
            Some("authenticated")
        );
        let done = c.threeds().retrieve(&ch.id).await.unwrap();
        assert_eq!(done.status, ThreeDSStatus::Completed);
    });
}

#[test]
fn issuer_checks_decline_with_typed_reasons() {
    let env = env();
    let c = &env.client;
    block(async {
        let card = c
            .cards()
            .create(CardCreateParams {
                spending_limit: Some(100.0),
                ..CardCreateParams::new("531993", 2000.0)
            })
            .await
            .unwrap();
        let spend = |amount: f64| SandboxAuthorizeParams {
            card_id: card.id.clone(),
            amount,
            merchant: MerchantParams::new("SHOP", Category::Shopping),
            settle: None,
        };
        // BIN 531993: max_transaction 1,000.00
        let t = c.sandbox().authorize(spend(1500.0)).await.unwrap();
        assert_eq!(
            t.decline_reason,
            Some(DeclineReason::TransactionLimitExceeded)
        );
        // monthly spending limit 100.00
        let t = c.sandbox().authorize(spend(150.0)).await.unwrap();
        assert_eq!(t.decline_reason, Some(DeclineReason::SpendingLimitExceeded));
        c.cards().freeze(&card.id).await.unwrap();
        let t = c.sandbox().authorize(spend(5.0)).await.unwrap();
        assert_eq!(t.decline_reason, Some(DeclineReason::CardFrozen));
        c.cards().unfreeze(&card.id).await.unwrap();
        c.cards()
            .withdraw(&card.id, CardWithdrawParams::new(1999.0))
            .await
            .unwrap();
        let t = c.sandbox().authorize(spend(5.0)).await.unwrap();
        assert_eq!(t.decline_reason, Some(DeclineReason::InsufficientBalance));
        c.cards().terminate(&card.id).await.unwrap();
        let t = c.sandbox().authorize(spend(0.5)).await.unwrap();
        assert_eq!(t.decline_reason, Some(DeclineReason::CardTerminated));
        assert_eq!(t.transaction_type, TransactionType::Decline);
        // Declines never move money.
        let w = c.wallet().retrieve().await.unwrap();
        assert_eq!(cents(w.balance), 1_000_000);
    });
}
