//! The client: configuration (key, base URL, timeouts, retries, headers) and resource access.

use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Url;

use crate::error::{Error, Result};
use crate::redact::ApiKey;
use crate::resources::{
    bins::Bins, cards::Cards, sandbox::Sandbox, threeds::ThreeDs, transactions::Transactions,
    wallet::WalletResource, webhooks::Webhooks,
};

/// Production (and sandbox-key) base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.cryptotopcard.com/v1";
/// Version of this core crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Environment variable read when no API key is given.
pub const ENV_API_KEY: &str = "CRYPTOTOPCARD_API_KEY";
/// Environment variable read when no base URL is given.
pub const ENV_BASE_URL: &str = "CRYPTOTOPCARD_BASE_URL";
/// Default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// Headers the SDK sets itself; a default header may not replace or duplicate them.
const RESERVED_HEADERS: &[&str] = &[
    "authorization",
    "x-idempotency-key",
    "content-type",
    "content-length",
    "host",
    "user-agent",
    "transfer-encoding",
];

/// Which certificate authorities the client trusts for HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TlsRoots {
    /// The operating system's verifier and trust store, except on Android, where that verifier
    /// needs a JNI initialisation an embedded library cannot perform: there the compiled-in
    /// Mozilla roots are used.
    #[default]
    Auto,
    /// The operating system's verifier and trust store (rustls-platform-verifier).
    Platform,
    /// Mozilla's root certificates compiled into the SDK (webpki-root-certs); no OS store.
    WebPki,
}

impl TlsRoots {
    /// `Auto` resolved for the platform being built.
    fn resolve(self) -> TlsRoots {
        match self {
            TlsRoots::Auto if cfg!(target_os = "android") => TlsRoots::WebPki,
            TlsRoots::Auto => TlsRoots::Platform,
            other => other,
        }
    }
}

/// A CryptoTopCard API client. Cheap to clone (an `Arc` inside), `Send + Sync`.
/// Its `Debug` output never shows the API key.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
}

pub(crate) struct ClientInner {
    /// The connection pool, shared by clients derived with [`Client::with_options`].
    pool: Arc<Pool>,
    pub(crate) max_response_bytes: usize,
    /// `X-CTC-*` telemetry headers (language, versions, OS, architecture, runtime).
    pub(crate) telemetry: HeaderMap,
    pub(crate) base_url: Url,
    pub(crate) api_key: ApiKey,
    pub(crate) auth_header: HeaderValue,
    pub(crate) user_agent: HeaderValue,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) default_headers: HeaderMap,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .finish()
    }
}

/// The connection pool and the pid of the process it was built in (see [`Client::http`]).
struct Pool {
    state: RwLock<(u32, reqwest::Client)>,
    /// Rebuilds the pool in a forked child; `None` for a caller-supplied `reqwest::Client`.
    config: Option<HttpConfig>,
}

/// What the SDK's own `reqwest::Client` is built from (kept to rebuild it after a fork).
#[derive(Clone)]
struct HttpConfig {
    tls_roots: TlsRoots,
    extra_roots: Vec<reqwest::Certificate>,
    proxy: Option<reqwest::Proxy>,
}

impl HttpConfig {
    fn build(&self) -> Result<reqwest::Client> {
        install_crypto_provider();
        let mut b = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(90));
        if let Some(p) = &self.proxy {
            // An explicit proxy replaces the environment's (HTTPS_PROXY / NO_PROXY).
            b = b.no_proxy().proxy(p.clone());
        }
        b = match self.tls_roots.resolve() {
            TlsRoots::WebPki => b.tls_certs_only(
                webpki_root_certs::TLS_SERVER_ROOT_CERTS
                    .iter()
                    .filter_map(|der| reqwest::Certificate::from_der(der.as_ref()).ok())
                    .chain(self.extra_roots.iter().cloned()),
            ),
            _ if !self.extra_roots.is_empty() => b.tls_certs_merge(self.extra_roots.clone()),
            _ => b,
        };
        b.build()
            .map_err(|e| Error::configuration(format!("cannot build HTTP client: {e}")))
    }
}

/// Makes ring the process's rustls crypto provider unless the host program installed one first
/// (then that one is used: an application's own choice, e.g. a FIPS provider, wins). reqwest is
/// built without a provider (`rustls-no-provider`), so this must run before any client is built.
pub(crate) fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err means another thread installed one in between: that one is used, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

impl Client {
    /// The connection pool for this process. After `fork()` the parent's pool is unusable in the
    /// child (its connections are the parent's sockets, driven by tasks on the parent's runtime,
    /// whose threads do not exist in the child), so a child builds its own on first use.
    pub(crate) fn http(&self) -> Result<reqwest::Client> {
        let pool = &self.inner.pool;
        let pid = std::process::id();
        {
            let guard = pool.state.read().unwrap_or_else(|p| p.into_inner());
            if guard.0 == pid || pool.config.is_none() {
                return Ok(guard.1.clone());
            }
        }
        let mut guard = pool.state.write().unwrap_or_else(|p| p.into_inner());
        if guard.0 != pid {
            if let Some(cfg) = &pool.config {
                // The parent's client is leaked, not dropped: dropping it would try to shut
                // down connection tasks that live on a runtime this process no longer runs.
                let old = std::mem::replace(&mut *guard, (pid, cfg.build()?));
                std::mem::forget(old);
            }
        }
        Ok(guard.1.clone())
    }

    /// A copy of this client with some settings changed, sharing its connection pool (cheap:
    /// no new connections, no new runtime). Unset fields keep this client's values; default
    /// headers are added to this client's.
    pub fn with_options(&self, opts: ClientOptions) -> Result<Client> {
        let inner = &self.inner;
        let mut default_headers = inner.default_headers.clone();
        for (name, value) in &opts.default_headers {
            let (n, v) = default_header(name, value)?;
            default_headers.append(n, v);
        }
        if opts.max_response_bytes == Some(0) {
            return Err(Error::configuration_field(
                "max_response_bytes",
                "must be greater than 0",
            ));
        }
        Ok(Client {
            inner: Arc::new(ClientInner {
                pool: inner.pool.clone(),
                max_response_bytes: opts.max_response_bytes.unwrap_or(inner.max_response_bytes),
                telemetry: inner.telemetry.clone(),
                base_url: inner.base_url.clone(),
                api_key: inner.api_key.clone(),
                auth_header: inner.auth_header.clone(),
                user_agent: inner.user_agent.clone(),
                timeout: opts.timeout.unwrap_or(inner.timeout),
                max_retries: opts.max_retries.unwrap_or(inner.max_retries),
                default_headers,
            }),
        })
    }

    /// `true` when both clients send through the same connection pool.
    pub fn shares_pool_with(&self, other: &Client) -> bool {
        Arc::ptr_eq(&self.inner.pool, &other.inner.pool)
    }

    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `CRYPTOTOPCARD_API_KEY` / `CRYPTOTOPCARD_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().build()
    }

    /// A client for `api_key` against the default (or environment) base URL.
    pub fn new(api_key: impl Into<String>) -> Result<Client> {
        ClientBuilder::default().api_key(api_key.into()).build()
    }

    /// The base URL requests go to (no trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str().trim_end_matches('/')
    }

    /// The API key (redacted when printed).
    pub fn api_key(&self) -> &ApiKey {
        &self.inner.api_key
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        self.inner.user_agent.to_str().unwrap_or("")
    }

    /// The default per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The default number of retries.
    pub fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    /// The largest response body accepted, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    /// Cards: create, list, retrieve, details, update, freeze, unfreeze, terminate, fund, withdraw.
    pub fn cards(&self) -> Cards<'_> {
        Cards::new(self)
    }

    /// Transactions across cards.
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions::new(self)
    }

    /// The account wallet and its deposits.
    pub fn wallet(&self) -> WalletResource<'_> {
        WalletResource::new(self)
    }

    /// BIN ranges.
    pub fn bins(&self) -> Bins<'_> {
        Bins::new(self)
    }

    /// 3DS challenges.
    pub fn threeds(&self) -> ThreeDs<'_> {
        ThreeDs::new(self)
    }

    /// Webhook endpoints.
    pub fn webhooks(&self) -> Webhooks<'_> {
        Webhooks::new(self)
    }

    /// Sandbox-only simulators (`sk_test_` keys).
    pub fn sandbox(&self) -> Sandbox<'_> {
        Sandbox::new(self)
    }
}

/// Settings a derived client ([`Client::with_options`]) may change; `None` keeps the value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientOptions {
    /// Timeout of each attempt.
    pub timeout: Option<Duration>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Headers added to every request (on top of the original client's).
    pub default_headers: Vec<(String, String)>,
    /// Largest response body accepted.
    pub max_response_bytes: Option<usize>,
}

/// Checks a default header: a valid name and value, and not one the SDK sets itself.
fn default_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue)> {
    let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        Error::configuration_field(
            "default_headers",
            format!("invalid default header name {name:?}"),
        )
    })?;
    if RESERVED_HEADERS.contains(&n.as_str()) || n.as_str().starts_with("x-ctc-") {
        return Err(Error::configuration_field(
            "default_headers",
            format!(
                "{name:?} is set by the SDK and cannot be a default header (use the \
                 client's api_key / per-request idempotency_key options instead)"
            ),
        ));
    }
    let v = HeaderValue::from_str(value).map_err(|_| {
        Error::configuration_field(
            "default_headers",
            format!("invalid value for default header {name:?}"),
        )
    })?;
    Ok((n, v))
}

/// Builder for [`Client`]. Its `Debug` output never shows the API key.
#[derive(Clone, Default)]
pub struct ClientBuilder {
    api_key: Option<ApiKey>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    user_agent: Option<(String, String)>,
    default_headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    tls_roots: TlsRoots,
    extra_roots: Vec<reqwest::Certificate>,
    max_response_bytes: Option<usize>,
    proxy: Option<String>,
    runtime: Option<(String, String)>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl ClientBuilder {
    /// The API key; `None` reads `CRYPTOTOPCARD_API_KEY`.
    pub fn api_key<S: Into<String>>(mut self, key: impl Into<Option<S>>) -> Self {
        self.api_key = key.into().map(|k| ApiKey::new(k.into()));
        self
    }

    /// The base URL; `None` reads `CRYPTOTOPCARD_BASE_URL`, else [`DEFAULT_BASE_URL`].
    /// Must be `https://`, except for loopback hosts.
    pub fn base_url<S: Into<String>>(mut self, url: impl Into<Option<S>>) -> Self {
        self.base_url = url.into().map(Into::into);
        self
    }

    /// Default timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Default number of retries after the first attempt (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Names the SDK in the `User-Agent`: `cryptotopcard-<lang>/<version> (core <core version>)`.
    pub fn user_agent(mut self, lang: impl Into<String>, version: impl Into<String>) -> Self {
        self.user_agent = Some((lang.into(), version.into()));
        self
    }

    /// Adds a header sent with every request (e.g. `X-Sandbox-Fault` in tests).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Uses a preconfigured `reqwest::Client` (proxies, TLS roots...). Redirects should stay off.
    /// Such a client is used as given: the SDK cannot rebuild it in a forked child process.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Which certificate authorities to trust (default [`TlsRoots::Auto`]: the OS store, or the
    /// compiled-in Mozilla roots on Android).
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.tls_roots = roots;
        self
    }

    /// Also trusts this PEM-encoded CA certificate (or bundle), e.g. a corporate TLS proxy's.
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> Result<Self> {
        let certs = reqwest::Certificate::from_pem_bundle(pem).map_err(|_| {
            Error::configuration_field("root_certificates", "not a PEM certificate bundle")
        })?;
        if certs.is_empty() {
            return Err(Error::configuration_field(
                "root_certificates",
                "no certificate found in the PEM data",
            ));
        }
        self.extra_roots.extend(certs);
        Ok(self)
    }

    /// Sends every request through this proxy (`http://`, `https://` or `socks5://` URL;
    /// credentials as `http://user:password@host:port`), instead of the environment's
    /// `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`, which apply otherwise. The URL is never
    /// printed (it may hold a password).
    /// `None` leaves the environment's proxies in place.
    pub fn proxy<S: Into<String>>(mut self, url: impl Into<Option<S>>) -> Self {
        self.proxy = url.into().map(Into::into);
        self
    }

    /// Applies the settings a derived client may change, as [`Client::with_options`] does
    /// (`None` keeps the builder's value; headers are added): a binding converts one
    /// [`ClientOptions`] for its constructor and its `with_options`.
    pub fn options(mut self, opts: ClientOptions) -> Self {
        self.timeout = opts.timeout.or(self.timeout);
        self.max_retries = opts.max_retries.or(self.max_retries);
        self.default_headers.extend(opts.default_headers);
        self.max_response_bytes = opts.max_response_bytes.or(self.max_response_bytes);
        self
    }

    /// Names the language runtime for the telemetry headers (`X-CTC-Runtime: CPython`,
    /// `X-CTC-Runtime-Version: 3.11.7`); bindings set it, the Rust SDK reports `rust`.
    pub fn runtime(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.runtime = Some((name.into(), version.into()));
        self
    }

    /// Largest response body accepted (default 10 MiB); a larger one fails with an
    /// `internal_server` error whose code is `response_too_large`, before it is buffered.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Validates the configuration and builds the client. Fails with a `configuration` error
    /// when no key is available or the base URL is unusable.
    pub fn build(self) -> Result<Client> {
        let api_key = match self.api_key {
            Some(k) => k,
            None => match std::env::var(ENV_API_KEY) {
                Ok(k) => ApiKey::new(k),
                Err(_) => {
                    return Err(Error::configuration_field(
                        "api_key",
                        format!("no API key: pass one to the client or set {ENV_API_KEY}"),
                    ))
                }
            },
        };
        if api_key.expose().trim().is_empty() {
            return Err(Error::configuration_field(
                "api_key",
                format!("the API key is empty: pass one to the client or set {ENV_API_KEY}"),
            ));
        }
        // Keys are `sk_live_…` / `sk_test_…` (a future secret-key kind still starts with `sk_`);
        // a publishable-looking key or one with spaces (a copy-paste slip) is refused here,
        // before any request, rather than answered by a 401.
        if !api_key.expose().chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::configuration_field(
                "api_key",
                "the API key must be printable ASCII without spaces",
            ));
        }
        if !api_key.expose().starts_with("sk_") {
            return Err(Error::configuration_field(
                "api_key",
                "not a secret API key: keys start with sk_live_ or sk_test_",
            ));
        }
        let mut auth_header = HeaderValue::from_str(&format!("Bearer {}", api_key.expose()))
            .map_err(|_| {
                Error::configuration_field(
                    "api_key",
                    "the API key contains characters not allowed in a header",
                )
            })?;
        auth_header.set_sensitive(true);

        let base = match self.base_url {
            Some(u) => u,
            None => std::env::var(ENV_BASE_URL)
                .ok()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
        };
        let base_url = parse_base_url(&base)?;

        let (lang, version) = self
            .user_agent
            .unwrap_or_else(|| ("rust".to_string(), VERSION.to_string()));
        let ua = format!("cryptotopcard-{lang}/{version} (core {VERSION})");
        let user_agent = HeaderValue::from_str(&ua)
            .map_err(|_| Error::configuration("the user agent contains invalid characters"))?;

        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let (n, v) = default_header(name, value)?;
            default_headers.append(n, v);
        }
        let (runtime, runtime_version) = self
            .runtime
            .unwrap_or_else(|| ("rust".to_string(), String::new()));
        let mut telemetry = HeaderMap::new();
        for (name, value) in [
            ("x-ctc-lang", lang.as_str()),
            ("x-ctc-package-version", version.as_str()),
            ("x-ctc-core-version", VERSION),
            ("x-ctc-os", std::env::consts::OS),
            ("x-ctc-arch", std::env::consts::ARCH),
            ("x-ctc-runtime", runtime.as_str()),
            ("x-ctc-runtime-version", runtime_version.as_str()),
        ] {
            if let Ok(v) = HeaderValue::from_str(value) {
                if !value.is_empty() {
                    telemetry.insert(HeaderName::from_static(name), v);
                }
            }
        }
        let proxy = match &self.proxy {
            None => None,
            Some(url) => Some(reqwest::Proxy::all(url.as_str()).map_err(|_| {
                // Never echo the URL: it may carry a password.
                Error::configuration_field("proxy", "not a valid proxy URL")
            })?),
        };

        let (http, http_config) = match self.http_client {
            Some(c) => (c, None),
            None => {
                let cfg = HttpConfig {
                    tls_roots: self.tls_roots,
                    extra_roots: self.extra_roots,
                    proxy,
                };
                (cfg.build()?, Some(cfg))
            }
        };
        let max_response_bytes = match self.max_response_bytes {
            Some(0) => {
                return Err(Error::configuration_field(
                    "max_response_bytes",
                    "must be greater than 0",
                ))
            }
            Some(n) => n,
            None => crate::http::DEFAULT_MAX_RESPONSE_BYTES,
        };

        Ok(Client {
            inner: Arc::new(ClientInner {
                pool: Arc::new(Pool {
                    state: RwLock::new((std::process::id(), http)),
                    config: http_config,
                }),
                max_response_bytes,
                telemetry,
                base_url,
                api_key,
                auth_header,
                user_agent,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
                default_headers,
            }),
        })
    }
}

/// Parses and checks a base URL: http(s), a host, HTTPS unless the host is loopback.
fn parse_base_url(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim())
        .map_err(|e| Error::configuration_field("base_url", format!("invalid base URL: {e}")))?;
    if url.cannot_be_a_base() || url.host_str().is_none() {
        return Err(Error::configuration_field(
            "base_url",
            "invalid base URL: no host",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::configuration_field(
            "base_url",
            "invalid base URL: must not have a query or fragment",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::configuration_field(
            "base_url",
            "invalid base URL: credentials in the URL are not allowed",
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::configuration_field(
                "base_url",
                "refusing a non-HTTPS base URL: plain HTTP is only allowed to loopback addresses",
            ))
        }
        other => {
            return Err(Error::configuration_field(
                "base_url",
                format!("invalid base URL: unsupported scheme {other:?}"),
            ))
        }
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert!(parse_base_url("https://api.cryptotopcard.com/v1").is_ok());
        assert!(parse_base_url("http://127.0.0.1:8080/v1").is_ok());
        assert!(parse_base_url("http://localhost:8080/v1").is_ok());
        assert!(parse_base_url("http://[::1]:8080/v1").is_ok());
        for bad in [
            "http://api.cryptotopcard.com/v1",
            "http://10.0.0.1/v1",
            "ftp://127.0.0.1/v1",
            "not a url",
            "https://user:pw@host/v1",
        ] {
            let e = parse_base_url(bad).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Configuration, "{bad}");
            assert_eq!(e.field(), Some("base_url"), "{bad}");
            // The rejected value is never echoed: a key passed by mistake must not be printed.
            assert!(!e.to_string().contains(bad), "{e}");
        }
    }

    #[test]
    fn builder_options_set_what_they_name_and_keep_the_rest() {
        let b = || {
            Client::builder()
                .api_key("sk_test_abc")
                .base_url("http://127.0.0.1:1/v1")
                .max_retries(5)
        };
        let c = b().options(ClientOptions::default()).build().unwrap();
        assert_eq!((c.timeout(), c.max_retries()), (DEFAULT_TIMEOUT, 5));
        let c = b()
            .options(ClientOptions {
                timeout: Some(Duration::from_secs(3)),
                max_response_bytes: Some(1024),
                default_headers: vec![("X-Sandbox-Fault".into(), "none".into())],
                ..ClientOptions::default()
            })
            .build()
            .unwrap();
        assert_eq!(c.timeout(), Duration::from_secs(3));
        assert_eq!((c.max_retries(), c.max_response_bytes()), (5, 1024));
        // Headers go through the same checks as `default_header`.
        let reserved = b()
            .options(ClientOptions {
                default_headers: vec![("Authorization".into(), "x".into())],
                ..ClientOptions::default()
            })
            .build();
        assert_eq!(
            reserved.err().and_then(|e| e.field().map(str::to_string)),
            Some("default_headers".to_string())
        );
    }

    #[test]
    fn user_agent_and_defaults() {
        let c = Client::builder()
            .api_key("sk_test_abc")
            .base_url("http://127.0.0.1:1/v1")
            .build()
            .unwrap();
        assert_eq!(
            c.user_agent(),
            format!("cryptotopcard-rust/{VERSION} (core {VERSION})")
        );
        assert_eq!(c.timeout(), DEFAULT_TIMEOUT);
        assert_eq!(c.max_retries(), 2);
        assert_eq!(c.base_url(), "http://127.0.0.1:1/v1");
        let c = Client::builder()
            .api_key("sk_test_abc")
            .base_url("http://127.0.0.1:1/v1/")
            .user_agent("python", "9.9.9")
            .build()
            .unwrap();
        assert_eq!(
            c.user_agent(),
            format!("cryptotopcard-python/9.9.9 (core {VERSION})")
        );
    }

    #[test]
    fn debug_never_shows_key() {
        let key = "sk_test_SuperSecretValue123";
        let b = Client::builder()
            .api_key(key)
            .base_url("http://127.0.0.1:1/v1");
        assert!(!format!("{b:?}").contains("SuperSecret"));
        let c = b.build().unwrap();
        let dbg = format!("{c:?} {:?} {}", c.api_key(), c.api_key());
        assert!(!dbg.contains("SuperSecret"), "{dbg}");
        assert!(dbg.contains("sk_test_****"));
    }

    #[test]
    fn bad_key_error_does_not_echo_it() {
        let e = Client::builder()
            .api_key("sk_test_bad\nvalue")
            .base_url("http://127.0.0.1:1/v1")
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Configuration);
        assert!(!e.to_string().contains("bad"));
        let e = Client::builder()
            .api_key("")
            .base_url("http://127.0.0.1:1/v1")
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Configuration);
    }
}
