//! Walks one card through its life against a sandbox:
//! create → fund → details (masked) → authorize → freeze → declined purchase → terminate.
//!
//! ```sh
//! CRYPTOTOPCARD_BASE_URL=http://127.0.0.1:PORT/v1 CRYPTOTOPCARD_API_KEY=sk_test_demo \
//!     cargo run -p cryptotopcard --example card_lifecycle
//! ```

use cryptotopcard::{
    CardCreateParams, CardFundParams, Category, Client, Error, MerchantParams,
    SandboxAuthorizeParams, TransactionListParams,
};

async fn run() -> Result<(), Error> {
    let client = Client::from_env()?;
    if !client.api_key().is_test() {
        return Err(Error::validation(
            "CRYPTOTOPCARD_API_KEY",
            "this example moves money: use an sk_test_ key",
        ));
    }
    println!("client: {client:?}");

    let bins = client.bins().list().await?;
    for b in &bins.data {
        println!(
            "BIN {} {} {} max/txn {:.2}",
            b.id, b.network, b.bin_type, b.max_transaction
        );
    }

    let created = client
        .cards()
        .create(CardCreateParams {
            label: Some("Ad Spend".into()),
            allowed_categories: Some(vec![Category::Advertising]),
            ..CardCreateParams::new("491653", 500.0)
        })
        .with_meta()
        .await?;
    let card = created.data;
    println!(
        "created {} (last4 {}) balance {:.2} [request {}, idempotency key {}]",
        card.id,
        card.last4,
        card.balance,
        created.meta.request_id.as_deref().unwrap_or("-"),
        created.meta.idempotency_key.as_deref().unwrap_or("-"),
    );

    let funding = client
        .cards()
        .fund(&card.id, CardFundParams::new(200.0))
        .await?;
    println!(
        "funded: {:.2} -> {:.2}, wallet now {:.2}",
        funding.previous_balance, funding.new_balance, funding.wallet_balance
    );

    let details = client.cards().details(&card.id).await?;
    println!("details (printing is always masked): {details}");

    let txn = client
        .sandbox()
        .authorize(SandboxAuthorizeParams {
            card_id: card.id.clone(),
            amount: 12.5,
            merchant: MerchantParams::new("FACEBK ADS", Category::Advertising),
            settle: Some(true),
        })
        .await?;
    println!(
        "purchase {}: {} {:.2}, balance after {:?}",
        txn.id, txn.transaction_type, txn.amount, txn.balance_after
    );

    let frozen = client.cards().freeze(&card.id).await?;
    println!("frozen at {}", frozen.frozen_at);

    let declined = client
        .sandbox()
        .authorize(SandboxAuthorizeParams {
            card_id: card.id.clone(),
            amount: 5.0,
            merchant: MerchantParams::new("GOOGLE ADS", Category::Advertising),
            settle: None,
        })
        .await?;
    println!(
        "purchase on a frozen card: {} ({:?})",
        declined.transaction_type,
        declined.decline_reason.as_ref().map(|r| r.to_string())
    );

    let txns = client
        .transactions()
        .list(TransactionListParams {
            card_id: Some(card.id.clone()),
            ..Default::default()
        })
        .await?;
    for t in &txns.data {
        println!(
            "  {} {:>8.2} {} {}",
            t.id, t.amount, t.transaction_type, t.merchant.name
        );
    }

    let terminated = client.cards().terminate(&card.id).await?;
    println!(
        "terminated; {:.2} returned to the wallet",
        terminated.refunded_amount
    );

    // A mistake is caught before any request is sent, naming the field.
    match client
        .cards()
        .fund(&card.id, CardFundParams::new(10.001))
        .await
    {
        Err(e) => println!("as expected: {e} (kind {})", e.kind()),
        Ok(_) => println!("unexpected: an invalid amount was accepted"),
    }

    let wallet = client.wallet().retrieve().await?;
    println!("wallet balance {:.2} {}", wallet.balance, wallet.currency);
    Ok(())
}

fn main() {
    // The SDK's one shared runtime.
    if let Err(e) = cryptotopcard::runtime::runtime().block_on(run()) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
