//! The `CryptoTopCard` client object: configuration in, resource objects out.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::error::CryptoTopCardError;
use crate::resources::{
    bins::BinsClient, cards::CardsClient, sandbox::SandboxClient, threeds::ThreeDsClient,
    transactions::TransactionsClient, wallet::WalletClient, webhooks::WebhooksClient,
};
use crate::runtime::AsyncRuntimeDropped;

/// Shared by the client and every resource object it hands out: the core client (an `Arc`
/// inside), dropped inside the runtime whichever thread frees the last reference.
pub(crate) type Core = Arc<AsyncRuntimeDropped<cryptotopcard::Client>>;

/// A CryptoTopCard API client. Thread-safe; create one and share it.
///
/// Kotlin: `CryptoTopCard(apiKey = "sk_test_...")`, then `client.cards.create(...)` (suspend).
/// Cancelling the Kotlin coroutine that awaits a call cancels its request at once.
/// Without `apiKey` the key comes from `CRYPTOTOPCARD_API_KEY`; without `baseUrl` from
/// `CRYPTOTOPCARD_BASE_URL`, else `https://api.cryptotopcard.com/v1`.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct CryptoTopCard {
    core: Core,
}

impl std::fmt::Debug for CryptoTopCard {
    // The core client's Debug shows only the key's environment prefix, never the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self.core, f)
    }
}

#[uniffi::export]
impl CryptoTopCard {
    /// Builds a client; fails with `Configuration` when no API key is found (field `api_key`)
    /// or a default header is one the SDK sets itself (field `default_headers`: Authorization,
    /// X-Idempotency-Key, Content-Type, ...), and with `Validation` (field `timeout_seconds`)
    /// for a timeout that is not a positive number. `default_headers` are sent with every
    /// request (e.g. `X-Sandbox-Fault` against the sandbox).
    #[uniffi::constructor(default(
        api_key = None,
        base_url = None,
        timeout_seconds = 60.0,
        max_retries = 2,
        default_headers = None
    ))]
    pub fn new(
        api_key: Option<String>,
        base_url: Option<String>,
        timeout_seconds: f64,
        max_retries: u32,
        default_headers: Option<HashMap<String, String>>,
    ) -> Result<Arc<Self>, CryptoTopCardError> {
        let timeout = crate::http::seconds("timeout_seconds", timeout_seconds)?;
        let mut builder = cryptotopcard::Client::builder()
            .api_key::<String>(api_key)
            .base_url::<String>(base_url)
            .timeout(timeout)
            .max_retries(max_retries)
            .user_agent(USER_AGENT_LANG, env!("CARGO_PKG_VERSION"));
        // Sorted, so the headers go out in the same order on every run.
        let headers: BTreeMap<String, String> =
            default_headers.unwrap_or_default().into_iter().collect();
        for (name, value) in headers {
            builder = builder.default_header(name, value);
        }
        let client = builder.build()?;
        Ok(Arc::new(Self {
            core: Arc::new(AsyncRuntimeDropped::new(client)),
        }))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.core.base_url().to_string()
    }

    /// `/cards`
    pub fn cards(&self) -> Arc<CardsClient> {
        Arc::new(CardsClient::new(self.core.clone()))
    }

    /// `/transactions`
    pub fn transactions(&self) -> Arc<TransactionsClient> {
        Arc::new(TransactionsClient::new(self.core.clone()))
    }

    /// `/wallet`
    pub fn wallet(&self) -> Arc<WalletClient> {
        Arc::new(WalletClient::new(self.core.clone()))
    }

    /// `/bins`
    pub fn bins(&self) -> Arc<BinsClient> {
        Arc::new(BinsClient::new(self.core.clone()))
    }

    /// `/3ds`
    pub fn threeds(&self) -> Arc<ThreeDsClient> {
        Arc::new(ThreeDsClient::new(self.core.clone()))
    }

    /// `/webhooks`
    pub fn webhooks(&self) -> Arc<WebhooksClient> {
        Arc::new(WebhooksClient::new(self.core.clone()))
    }

    /// `/sandbox` test helpers (sandbox keys only).
    pub fn sandbox(&self) -> Arc<SandboxClient> {
        Arc::new(SandboxClient::new(self.core.clone()))
    }
}

/// `User-Agent: cryptotopcard-kotlin/0.1.0 (core 0.1.0)` on Android/JVM, `-swift` on Apple.
#[cfg(any(target_os = "ios", target_os = "macos"))]
const USER_AGENT_LANG: &str = "swift";
#[cfg(not(any(target_os = "ios", target_os = "macos")))]
const USER_AGENT_LANG: &str = "kotlin";
