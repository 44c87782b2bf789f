//! Webhooks: registered with the API, delivered by the sandbox to a local receiver, verified
//! with construct_event.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{body::Bytes, http::HeaderMap, routing::post, Router};
use common::{block, env};
use cryptotopcard::webhook::{construct_event, verify_webhook};
use cryptotopcard::CardCreateParams;
use cryptotopcard::WebhookCreateParams;
use cryptotopcard::{Category, CryptoCurrency, ErrorKind, Event, EventType, WebhookSecret};
use cryptotopcard::{
    MerchantParams, SandboxAuthorizeParams, SandboxChallengeParams, SandboxDepositParams,
};

type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// A local HTTP endpoint on a free port that records every delivery.
async fn receiver() -> (String, Received) {
    let got: Received = Arc::default();
    let store = got.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let store = store.clone();
            async move {
                store.lock().unwrap().push((headers, body));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, got)
}

#[test]
fn deliveries_verify_and_parse_into_typed_events() {
    let env = env();
    let c = &env.client;
    block(async {
        let (url, got) = receiver().await;
        let secret = "whsec_0123456789abcdefghijklmnopqrstuvwxyz";
        let wh = c
            .webhooks()
            .create(WebhookCreateParams {
                url: url.clone(),
                events: vec!["*".into()],
                secret: Some(WebhookSecret::new(secret)),
            })
            .await
            .unwrap();
        assert!(wh.id.starts_with("wh_"));
        assert_eq!(wh.secret.expose(), secret);
        assert!(!format!("{wh:?}").contains(secret));
        assert!(wh.active);

        let listed = c.webhooks().list().await.unwrap();
        assert!(listed.data.iter().any(|w| w.id == wh.id));

        let card = c
            .cards()
            .create(CardCreateParams {
                allowed_categories: Some(vec![Category::Software]),
                ..CardCreateParams::new("491653", 50.0)
            })
            .await
            .unwrap();
        c.cards()
            .fund(&card.id, cryptotopcard::CardFundParams::new(5.0))
            .await
            .unwrap();
        c.cards().freeze(&card.id).await.unwrap();
        c.cards().unfreeze(&card.id).await.unwrap();
        c.sandbox()
            .authorize(SandboxAuthorizeParams {
                card_id: card.id.clone(),
                amount: 3.0,
                merchant: MerchantParams::new("GITHUB", Category::Software),
                settle: Some(true),
            })
            .await
            .unwrap();
        c.sandbox()
            .challenge(SandboxChallengeParams {
                card_id: card.id.clone(),
                merchant: "SPOTIFY".into(),
                amount: 9.99,
            })
            .await
            .unwrap();
        c.sandbox()
            .deposit(SandboxDepositParams::new(CryptoCurrency::Eth, 100.0))
            .await
            .unwrap();
        c.cards().terminate(&card.id).await.unwrap();

        let want = [
            EventType::CardCreated,
            EventType::CardFunded,
            EventType::CardFrozen,
            EventType::CardUnfrozen,
            EventType::TransactionAuthorized,
            EventType::TransactionSettled,
            EventType::ThreeDsChallenge,
            EventType::DepositConfirmed,
            EventType::CardTerminated,
        ];
        // Deliveries are asynchronous: wait (bounded) until all arrived.
        for _ in 0..200 {
            if got.lock().unwrap().len() >= want.len() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let deliveries = got.lock().unwrap().clone();
        assert_eq!(deliveries.len(), want.len());
        let mut seen = Vec::new();
        for (headers, body) in &deliveries {
            let sig = headers["x-ctc-signature"].to_str().unwrap();
            assert!(verify_webhook(body, sig, secret));
            assert!(!verify_webhook(body, sig, "whsec_wrong"));
            let ev = construct_event(body, sig, secret, 300).unwrap();
            assert_eq!(
                headers["x-ctc-event"].to_str().unwrap(),
                ev.event_type().as_str()
            );
            assert_eq!(headers["x-ctc-delivery"].to_str().unwrap(), ev.id());
            match &ev {
                Event::CardCreated(e) | Event::CardTerminated(e) | Event::CardFunded(e) => {
                    assert_eq!(e.data.id, card.id)
                }
                Event::TransactionSettled(e) | Event::TransactionAuthorized(e) => {
                    assert_eq!(e.data.card_id, card.id);
                    assert_eq!(e.data.merchant.name, "GITHUB");
                }
                Event::ThreeDsChallenge(e) => {
                    assert_eq!(e.data.otp.len(), 6);
                }
                Event::DepositConfirmed(e) => {
                    assert_eq!(e.data.credited_usd, 98.0);
                }
                Event::CardFrozen(_) | Event::CardUnfrozen(_) => {}
                other => panic!("unexpected event {other:?}"),
            }
            // Tampered payloads are rejected.
            let mut tampered = body.to_vec();
            tampered.push(b' ');
            let e = construct_event(&tampered, sig, secret, 300).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::WebhookVerification);
            seen.push(ev.event_type());
        }
        for t in want {
            assert!(seen.contains(&t), "missing {t}");
        }

        c.webhooks().delete(&wh.id).await.unwrap();
        let listed = c.webhooks().list().await.unwrap();
        assert!(!listed.data.iter().any(|w| w.id == wh.id));
        let e = c.webhooks().delete(&wh.id).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
    });
}

#[test]
fn generated_secret_and_filtered_subscription() {
    let env = env();
    let c = &env.client;
    block(async {
        let (url, got) = receiver().await;
        let wh = c
            .webhooks()
            .create(WebhookCreateParams {
                url,
                events: vec!["deposit.pending".into()],
                secret: None,
            })
            .await
            .unwrap();
        let secret = wh.secret.clone();
        assert!(secret.expose().starts_with("whsec_"));
        c.cards()
            .create(CardCreateParams::new("491653", 5.0))
            .await
            .unwrap();
        let dep = c
            .sandbox()
            .deposit(SandboxDepositParams {
                status: Some("pending".into()),
                ..SandboxDepositParams::new(CryptoCurrency::Btc, 50.0)
            })
            .await
            .unwrap();
        for _ in 0..200 {
            if !got.lock().unwrap().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        // Give a wrongly subscribed event (card.created) time to show up if it were sent.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let deliveries = got.lock().unwrap().clone();
        assert_eq!(deliveries.len(), 1);
        let (h, body) = &deliveries[0];
        let ev = construct_event(
            body,
            h["x-ctc-signature"].to_str().unwrap(),
            secret.expose(),
            300,
        )
        .unwrap();
        match ev {
            Event::DepositPending(e) => assert_eq!(e.data.id, dep.id),
            other => panic!("unexpected {other:?}"),
        }
    });
}
