//! Every card operation against the real sandbox.

mod common;

use std::collections::HashMap;

use common::{block, cents, env};
use cryptotopcard::{
    CardCreateParams, CardFundParams, CardListParams, CardUpdateParams, CardWithdrawParams,
};
use cryptotopcard::{CardNetwork, CardStatus, Category, ErrorKind, MetadataValue};

#[test]
fn card_lifecycle_create_to_terminate() {
    let env = env();
    let c = &env.client;
    block(async {
        let bins = c.bins().list().await.unwrap();
        assert!(bins.data.iter().any(|b| b.id == "491653"));
        let visa = bins.data.iter().find(|b| b.id == "491653").unwrap();
        assert_eq!(visa.network, CardNetwork::Visa);
        assert!(visa.three_ds);

        let card = c
            .cards()
            .create(CardCreateParams {
                bin_id: "491653".into(),
                amount: 500.0,
                label: Some("Meta Ads Campaign #12".into()),
                spending_limit: Some(2000.0),
                allowed_categories: Some(vec![Category::Advertising]),
                metadata: Some(HashMap::from([(
                    "campaign".to_string(),
                    Some(MetadataValue::from("spring_2026")),
                )])),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(card.id.starts_with("card_"));
        assert_eq!(card.status, CardStatus::Active);
        assert_eq!(card.balance, 500.0);
        assert_eq!(card.spending_limit, 2000.0);
        assert_eq!(card.network, CardNetwork::Visa);
        assert_eq!(card.allowed_categories, Some(vec![Category::Advertising]));
        assert_eq!(
            card.metadata["campaign"],
            MetadataValue::from("spring_2026")
        );
        assert!(card.expires_at > card.created_at);

        let wallet = c.wallet().retrieve().await.unwrap();
        assert_eq!(cents(wallet.balance), 950_000);

        let got = c.cards().retrieve(&card.id).await.unwrap();
        assert_eq!(got.id, card.id);
        assert_eq!(got.last4, card.last4);
        assert_eq!(got.transaction_count, Some(0));

        let details = c.cards().details(&card.id).await.unwrap();
        assert!(details.pan().starts_with("491653"));
        assert_eq!(details.pan().len(), 16);
        assert!(luhn(details.pan()));
        assert_eq!(&details.pan()[12..], card.last4);
        assert_eq!(details.cvv().len(), 3);
        let shown = format!("{details:?} {details}");
        assert!(!shown.contains(details.pan()), "{shown}");
        assert!(
            !shown.contains(&format!("\"{}\"", details.cvv())),
            "{shown}"
        );
        assert!(shown.contains(&format!("**** {}", &details.pan()[12..])));
        assert!(!details.billing_address.country.is_empty());

        let updated = c
            .cards()
            .update(
                &card.id,
                CardUpdateParams {
                    label: Some("renamed".into()),
                    metadata: Some(HashMap::from([
                        ("campaign".to_string(), None),
                        ("team".to_string(), Some(MetadataValue::from(7.0))),
                    ])),
                    auto_freeze_at: Some(10.0),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(updated.label.as_deref(), Some("renamed"));
        let md = updated.metadata;
        assert!(!md.contains_key("campaign"));
        assert_eq!(md["team"], MetadataValue::Number(7.0));
        assert_eq!(updated.auto_freeze_at, Some(10.0));

        let frozen = c.cards().freeze(&card.id).await.unwrap();
        assert_eq!(frozen.status, CardStatus::Frozen);
        assert!(frozen.frozen_at >= card.created_at);
        let again = c.cards().freeze(&card.id).await.unwrap_err();
        assert_eq!(again.kind(), ErrorKind::Conflict);
        assert_eq!(again.code(), Some("invalid_card_state"));
        let active = c.cards().unfreeze(&card.id).await.unwrap();
        assert_eq!(active.status, CardStatus::Active);

        let f = c
            .cards()
            .fund(&card.id, CardFundParams::new(200.0))
            .await
            .unwrap();
        assert_eq!(f.previous_balance, 500.0);
        assert_eq!(f.funded_amount, 200.0);
        assert_eq!(f.new_balance, 700.0);
        assert_eq!(cents(f.wallet_balance), 930_000);

        let w = c
            .cards()
            .withdraw(&card.id, CardWithdrawParams::new(100.25))
            .await
            .unwrap();
        assert_eq!(w.withdrawn_amount, 100.25);
        assert_eq!(cents(w.new_balance), 59_975);
        assert_eq!(cents(w.wallet_balance), 940_025);
        let too_much = c
            .cards()
            .withdraw(&card.id, CardWithdrawParams::new(600.0))
            .await
            .unwrap_err();
        assert_eq!(too_much.kind(), ErrorKind::BadRequest);
        assert_eq!(too_much.code(), Some("insufficient_card_balance"));

        let t = c.cards().terminate(&card.id).await.unwrap();
        assert_eq!(t.status, CardStatus::Terminated);
        assert_eq!(cents(t.refunded_amount), 59_975);
        assert!(t.terminated_at >= card.created_at);
        let wallet = c.wallet().retrieve().await.unwrap();
        assert_eq!(cents(wallet.balance), 1_000_000);

        let dead = c
            .cards()
            .fund(&card.id, CardFundParams::new(5.0))
            .await
            .unwrap_err();
        assert_eq!(dead.kind(), ErrorKind::Conflict);
        assert_eq!(dead.code(), Some("card_terminated"));

        let list = c
            .cards()
            .list(CardListParams {
                status: Some(CardStatus::Terminated),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(list.data.len(), 1);
        assert_eq!(list.data[0].id, card.id);
        assert_eq!(list.pagination.total, Some(1));
    });
}

#[test]
fn list_filters_and_sorting() {
    let env = env();
    let c = &env.client;
    block(async {
        for (bin, amount, label) in [
            ("491653", 10.0, "alpha ads"),
            ("531993", 30.0, "beta shop"),
            ("491653", 20.0, "gamma ads"),
        ] {
            c.cards()
                .create(CardCreateParams {
                    label: Some(label.into()),
                    ..CardCreateParams::new(bin, amount)
                })
                .await
                .unwrap();
        }
        let by_bin = c
            .cards()
            .list(CardListParams {
                bin_id: Some("531993".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(by_bin.data.len(), 1);
        assert_eq!(by_bin.data[0].network, CardNetwork::Mastercard);
        let by_label = c
            .cards()
            .list(CardListParams {
                label: Some("ads".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(by_label.data.len(), 2);
        let sorted = c
            .cards()
            .list(CardListParams {
                sort: Some("balance".into()),
                order: Some("asc".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        let balances: Vec<f64> = sorted.data.iter().map(|c| c.balance).collect();
        assert_eq!(balances, vec![10.0, 20.0, 30.0]);
    });
}

fn luhn(pan: &str) -> bool {
    let mut sum = 0;
    for (i, ch) in pan.chars().rev().enumerate() {
        let mut d = ch.to_digit(10).unwrap();
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}
