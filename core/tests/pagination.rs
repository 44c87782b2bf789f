//! Pages, auto-paging streams and `ops::next_page_params` against the sandbox.

mod common;

use std::collections::HashSet;

use common::{block, env};
use cryptotopcard::TransactionListParams;
use cryptotopcard::{ops, Category, ErrorKind, RequestOptions};
use cryptotopcard::{CardCreateParams, CardListParams};
use cryptotopcard::{MerchantParams, SandboxAuthorizeParams};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;

#[test]
fn pages_and_auto_paging() {
    let env = env();
    let c = &env.client;
    block(async {
        let mut ids = HashSet::new();
        for i in 0..7 {
            let card = c
                .cards()
                .create(CardCreateParams::new("491653", 1.0 + i as f64))
                .await
                .unwrap();
            ids.insert(card.id);
        }
        let p1 = c
            .cards()
            .list(CardListParams {
                per_page: Some(3),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(p1.data.len(), 3);
        assert_eq!(p1.pagination.page, Some(1));
        assert_eq!(p1.pagination.total, Some(7));
        assert_eq!(p1.pagination.total_pages, Some(3));
        let p3 = c
            .cards()
            .list(CardListParams {
                per_page: Some(3),
                page: Some(3),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(p3.data.len(), 1);

        let all: Vec<_> = c
            .cards()
            .list_auto_paging(CardListParams {
                per_page: Some(3),
                ..Default::default()
            })
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 7);
        let got: HashSet<_> = all.into_iter().map(|c| c.id).collect();
        assert_eq!(got, ids);

        // Starting from page 2 yields the rest only.
        let rest: Vec<_> = c
            .cards()
            .list_auto_paging(CardListParams {
                per_page: Some(3),
                page: Some(2),
                ..Default::default()
            })
            .try_collect()
            .await
            .unwrap();
        assert_eq!(rest.len(), 4);

        // An error ends the stream with that error.
        let mut s = Box::pin(c.cards().list_auto_paging(CardListParams {
            per_page: Some(1000),
            ..Default::default()
        }));
        let first = s.next().await.unwrap().unwrap_err();
        assert_eq!(first.kind(), ErrorKind::Validation);
        assert!(s.next().await.is_none());
    });

    // A page shorter than per_page (here: all 7 of 10) ends the stream without asking for more.
    let before = env.requests();
    let n = block(
        c.cards()
            .list_auto_paging(CardListParams {
                per_page: Some(10),
                ..Default::default()
            })
            .count(),
    );
    assert_eq!(n, 7);
    assert_eq!(
        env.requests() - before,
        2,
        "one list request + the stats read"
    );
}

#[test]
fn transactions_auto_paging_and_ops_next_page() {
    let env = env();
    let c = &env.client;
    block(async {
        let card = c
            .cards()
            .create(CardCreateParams::new("491653", 100.0))
            .await
            .unwrap();
        for i in 0..5 {
            c.sandbox()
                .authorize(SandboxAuthorizeParams {
                    card_id: card.id.clone(),
                    amount: 1.0 + i as f64,
                    merchant: MerchantParams::new(format!("SHOP {i}"), Category::Shopping),
                    settle: Some(false),
                })
                .await
                .unwrap();
        }
        let txns: Vec<_> = c
            .transactions()
            .list_auto_paging(TransactionListParams {
                card_id: Some(card.id.clone()),
                per_page: Some(2),
                ..Default::default()
            })
            .try_collect()
            .await
            .unwrap();
        assert_eq!(txns.len(), 5);

        // The binding-side loop: ops::call + ops::next_page_params.
        let mut params = json!({"card_id": card.id, "per_page": 2});
        let mut seen = 0;
        let mut pages = 0;
        loop {
            let out = ops::call(
                c,
                "transactions.list",
                params.clone(),
                RequestOptions::default(),
            )
            .await
            .unwrap();
            pages += 1;
            seen += out.data()["data"].as_array().unwrap().len();
            match ops::next_page_params("transactions.list", &params, &out.body) {
                Some(next) => params = next,
                None => break,
            }
        }
        assert_eq!((seen, pages), (5, 3));
    });
}
