//! Environment fallbacks (CRYPTOTOPCARD_API_KEY / CRYPTOTOPCARD_BASE_URL). One test in its own
//! binary (process), since it changes the process environment.

mod common;

use common::{block, fresh_key};
use cryptotopcard::client::{ENV_API_KEY, ENV_BASE_URL};
use cryptotopcard::{Client, ErrorKind};

#[test]
fn env_fallbacks_and_explicit_values_win() {
    let sandbox = cryptotopcard_sandbox::start(Default::default()).unwrap();
    let key = fresh_key();
    // This binary runs no other test, so changing the environment races with nothing.
    std::env::remove_var(ENV_API_KEY);
    std::env::remove_var(ENV_BASE_URL);
    let e = Client::builder().build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Configuration);
    assert!(e.to_string().contains(ENV_API_KEY));
    // Default base URL when nothing is set.
    let c = Client::builder().api_key("sk_test_x").build().unwrap();
    assert_eq!(c.base_url(), "https://api.cryptotopcard.com/v1");

    std::env::set_var(ENV_API_KEY, &key);
    std::env::set_var(ENV_BASE_URL, sandbox.url());
    let c = Client::from_env().unwrap();
    assert_eq!(c.base_url(), sandbox.url());
    let w = block(c.wallet().retrieve()).unwrap();
    assert_eq!(w.balance, 10_000.0);

    // Explicit values beat the environment.
    let c = Client::builder()
        .api_key("sk_bogus_valid_shape")
        .base_url(sandbox.url().to_string())
        .build()
        .unwrap();
    assert_eq!(
        block(c.wallet().retrieve()).unwrap_err().kind(),
        ErrorKind::Authentication
    );
    // A non-HTTPS, non-loopback URL from the environment is refused too.
    std::env::set_var(ENV_BASE_URL, "http://example.com/v1");
    assert_eq!(
        Client::from_env().unwrap_err().kind(),
        ErrorKind::Configuration
    );
    std::env::remove_var(ENV_API_KEY);
    std::env::remove_var(ENV_BASE_URL);
}
