//! The `CryptoTopCard` client object: configuration in, resource objects out (their accessors,
//! one per resource, are generated: `crate::generated`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::error::{guard, CryptoTopCardError};
use crate::runtime::AsyncRuntimeDropped;

/// Shared by the client and every resource object it hands out: the core client (an `Arc`
/// inside), dropped inside the runtime whichever thread frees the last reference.
pub(crate) type Core = Arc<AsyncRuntimeDropped<cryptotopcard::Client>>;

/// A CryptoTopCard API client. Thread-safe; create one and share it.
///
/// Kotlin: `CryptoTopCard(apiKey = "sk_test_...")`, then `client.cards.create(...)` (suspend).
/// Cancelling the Kotlin coroutine that awaits a call cancels its request at once.
/// Every option left out takes the core's default (the core holds them all): the key from
/// `CRYPTOTOPCARD_API_KEY`, the base URL from `CRYPTOTOPCARD_BASE_URL` (else the production API),
/// 60 s per attempt, 2 retries, 10 MiB responses; `timeoutSeconds()` and `maxRetries()` read back
/// what the core resolved.
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
    /// Builds a client. Fails with `Configuration` (naming the option in `field`) when no API
    /// key is found (`api_key`), a default header is one the SDK sets itself
    /// (`default_headers`: Authorization, X-Idempotency-Key, Content-Type, X-CTC-*, ...), the
    /// proxy URL does not parse (`proxy`; the URL is never echoed: it may hold a password),
    /// `root_certificates_pem` holds no PEM certificate (`root_certificates`) or
    /// `max_response_bytes` is 0; with `Validation` (`timeout_seconds`) for a timeout that is not
    /// a positive number.
    ///
    /// - `default_headers`: sent with every request (e.g. `X-Sandbox-Fault` in tests).
    /// - `proxy`: `http://`, `https://` or `socks5://` URL, credentials as
    ///   `http://user:password@host:port`; replaces `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`, which
    ///   apply otherwise.
    /// - `max_response_bytes`: largest response body accepted (default 10 MiB); a larger one
    ///   fails with `InternalServer`, `error_code = "response_too_large"`.
    /// - `root_certificates_pem`: one or more PEM CA certificates trusted on top of the
    ///   platform's roots (e.g. a corporate TLS-inspection proxy's CA).
    /// - `runtime_version`: the host runtime for the telemetry header `X-CTC-Runtime-Version`
    ///   (`X-CTC-Runtime` is `kotlin` / `swift`); Kotlin passes `kotlinRuntimeVersion()`,
    ///   otherwise `uniffi` is sent.
    #[uniffi::constructor(default(
        api_key = None,
        base_url = None,
        timeout_seconds = None,
        max_retries = None,
        default_headers = None,
        proxy = None,
        max_response_bytes = None,
        root_certificates_pem = None,
        runtime_version = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        api_key: Option<String>,
        base_url: Option<String>,
        timeout_seconds: Option<f64>,
        max_retries: Option<u32>,
        default_headers: Option<HashMap<String, String>>,
        proxy: Option<String>,
        max_response_bytes: Option<u64>,
        root_certificates_pem: Option<String>,
        runtime_version: Option<String>,
    ) -> Result<Arc<Self>, CryptoTopCardError> {
        guard(|| {
            let options = options(
                timeout_seconds,
                max_retries,
                default_headers,
                max_response_bytes,
            );
            let builder = cryptotopcard::Client::builder()
                .api_key::<String>(api_key)
                .base_url::<String>(base_url)
                .proxy::<String>(proxy)
                .user_agent(LANG, env!("CARGO_PKG_VERSION"))
                .runtime(LANG, runtime_version.unwrap_or_else(|| "uniffi".into()))
                .options(options?);
            let builder = match root_certificates_pem {
                Some(pem) => builder.add_root_certificate_pem(pem.as_bytes())?,
                None => builder,
            };
            Ok(Self::wrap(builder.build()?))
        })
    }

    /// A copy of this client with the named settings changed, sharing its connection pool (no
    /// new connections, cheap): `client.withOptions(timeoutSeconds = 5.0, maxRetries = 0u)`.
    /// Unnamed settings keep this client's values; `default_headers` are added to this
    /// client's. Same errors as the constructor for the same options.
    #[uniffi::method(default(
        timeout_seconds = None,
        max_retries = None,
        default_headers = None,
        max_response_bytes = None
    ))]
    pub fn with_options(
        &self,
        timeout_seconds: Option<f64>,
        max_retries: Option<u32>,
        default_headers: Option<HashMap<String, String>>,
        max_response_bytes: Option<u64>,
    ) -> Result<Arc<Self>, CryptoTopCardError> {
        guard(|| {
            let options = options(
                timeout_seconds,
                max_retries,
                default_headers,
                max_response_bytes,
            );
            Ok(Self::wrap(self.core.with_options(options?)?))
        })
    }

    /// `true` when both clients send through the same connection pool (a client and its
    /// `withOptions` copies).
    pub fn shares_pool_with(&self, other: Arc<CryptoTopCard>) -> bool {
        self.core.shares_pool_with(&other.core)
    }

    /// The default timeout of each attempt, in seconds.
    pub fn timeout_seconds(&self) -> f64 {
        self.core.timeout().as_secs_f64()
    }

    /// The default number of retries after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.core.max_retries()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.core.base_url().to_string()
    }
}

impl CryptoTopCard {
    /// The core client, for the resource objects (their accessors are generated:
    /// `crate::generated`).
    pub(crate) fn core(&self) -> &Core {
        &self.core
    }

    fn wrap(client: cryptotopcard::Client) -> Arc<Self> {
        Arc::new(Self {
            core: Arc::new(AsyncRuntimeDropped::new(client)),
        })
    }
}

/// The options the constructor and `with_options` share, as the core's `ClientOptions`; headers
/// sorted, so they go out in the same order on every run.
fn options(
    timeout_seconds: Option<f64>,
    max_retries: Option<u32>,
    default_headers: Option<HashMap<String, String>>,
    max_response_bytes: Option<u64>,
) -> Result<cryptotopcard::ClientOptions, CryptoTopCardError> {
    let headers: BTreeMap<String, String> =
        default_headers.unwrap_or_default().into_iter().collect();
    Ok(cryptotopcard::ClientOptions {
        timeout: timeout_seconds
            .map(|secs| cryptotopcard::http::seconds("timeout_seconds", secs))
            .transpose()?,
        max_retries,
        default_headers: headers.into_iter().collect(),
        // Saturating on 32-bit targets.
        max_response_bytes: max_response_bytes.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    })
}

/// The language in `User-Agent: cryptotopcard-kotlin/0.1.0 (core 0.1.0)`, `X-CTC-Lang` and
/// `X-CTC-Runtime`: `kotlin` on Android/JVM, `swift` on Apple platforms.
#[cfg(any(target_os = "ios", target_os = "macos"))]
const LANG: &str = "swift";
#[cfg(not(any(target_os = "ios", target_os = "macos")))]
const LANG: &str = "kotlin";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_left_out_take_the_cores_defaults() {
        let key = || Some("sk_test_defaults".to_string());
        let core = cryptotopcard::Client::builder()
            .api_key::<String>(key())
            .build()
            .unwrap();
        let ours =
            CryptoTopCard::new(key(), None, None, None, None, None, None, None, None).unwrap();
        assert_eq!(ours.timeout_seconds(), core.timeout().as_secs_f64());
        assert_eq!(ours.max_retries(), core.max_retries());
        assert_eq!(ours.base_url(), core.base_url());
        let set = CryptoTopCard::new(
            key(),
            None,
            Some(5.0),
            Some(0),
            None,
            None,
            None,
            None,
            None,
        )
        .unwrap();
        assert_eq!((set.timeout_seconds(), set.max_retries()), (5.0, 0));
    }
}
