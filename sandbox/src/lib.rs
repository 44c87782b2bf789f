//! A stateful, local CryptoTopCard API server for tests and offline development.
//!
//! Every endpoint of the contract is served under `/v1`; any `sk_test_…` (or `sk_live_…`) key gets
//! its own account on first use. The library holds no global state: many sandboxes can run in one
//! process, each with its own accounts, clock, faults and webhook deliveries.
//!
//! ```no_run
//! let handle = cryptotopcard_sandbox::start(cryptotopcard_sandbox::Config::default()).unwrap();
//! println!("{}", handle.url()); // http://127.0.0.1:PORT/v1
//! handle.shutdown();
//! ```

mod api;
mod faults;
mod model;
mod server;
mod store;
mod validate;
mod webhooks;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use faults::Faults;

/// How a sandbox is started. `Config::default()` listens on 127.0.0.1 on a free port, in memory.
#[derive(Clone, Debug)]
pub struct Config {
    /// Interface to bind (default `127.0.0.1`).
    pub host: String,
    /// Port to bind; 0 picks a free port (default 0).
    pub port: u16,
    /// SQLite file that persists the state across restarts; `None` keeps everything in memory.
    pub data: Option<PathBuf>,
    /// Wallet balance of a new account, in cents (default 1,000,000 = 10,000.00 USD).
    pub initial_balance_cents: i64,
    /// Random fault injection (off by default).
    pub faults: Faults,
    /// Optional global limit per key, in requests per minute (off by default).
    pub rate_limit: Option<u32>,
    /// Limit of `GET /cards/{id}/details` per key and minute (default 30).
    pub details_rate_limit: u32,
    /// Delay before the first webhook retry; each further retry doubles it (default 1 s).
    pub webhook_retry_base: Duration,
    /// How many times a failed webhook delivery is retried (default 5).
    pub webhook_max_retries: u32,
    /// How long a webhook endpoint has to answer (default 10 s).
    pub webhook_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_string(),
            port: 0,
            data: None,
            initial_balance_cents: 1_000_000,
            faults: Faults::default(),
            rate_limit: None,
            details_rate_limit: 30,
            webhook_retry_base: Duration::from_secs(1),
            webhook_max_retries: 5,
            webhook_timeout: Duration::from_secs(10),
        }
    }
}

/// Why a sandbox could not start.
#[derive(Debug)]
pub enum Error {
    /// The address could not be bound.
    Bind(std::io::Error),
    /// The data file could not be opened or read.
    Storage(String),
    /// The configuration is invalid.
    Config(String),
    /// The background runtime or thread could not be created.
    Runtime(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Bind(e) => write!(f, "cannot bind the sandbox address: {e}"),
            Error::Storage(e) => write!(f, "sandbox storage error: {e}"),
            Error::Config(e) => write!(f, "invalid sandbox configuration: {e}"),
            Error::Runtime(e) => write!(f, "cannot start the sandbox runtime: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Bind(e) => Some(e),
            _ => None,
        }
    }
}

/// A running sandbox. Dropping it shuts the server down.
pub struct SandboxHandle {
    url: String,
    addr: SocketAddr,
    shutdown: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxHandle")
            .field("url", &self.url)
            .finish()
    }
}

impl SandboxHandle {
    /// Base URL an SDK takes: `http://HOST:PORT/v1`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the server. With [`start`], waits for its background thread to finish.
    pub fn shutdown(mut self) {
        self.stop();
    }

    /// Stops the server and waits until it has closed its connections (at most ~2 s).
    pub async fn shutdown_and_wait(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some(thread) = self.thread.take() {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }

    fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts a sandbox on the current tokio runtime and returns once it is listening.
pub async fn serve(config: Config) -> Result<SandboxHandle, Error> {
    let launched = server::launch(config).await?;
    Ok(SandboxHandle {
        url: launched.url,
        addr: launched.addr,
        shutdown: Some(launched.shutdown),
        thread: None,
        task: Some(launched.task),
    })
}

/// Starts a sandbox on its own background thread and runtime; returns once it is listening.
pub fn start(config: Config) -> Result<SandboxHandle, Error> {
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("ctc-sandbox".to_string())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("ctc-sandbox-worker")
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx.send(Err(Error::Runtime(e.to_string())));
                    return;
                }
            };
            rt.block_on(async move {
                match server::launch(config).await {
                    Ok(launched) => {
                        let server::Launched {
                            url,
                            addr,
                            shutdown,
                            task,
                        } = launched;
                        if tx.send(Ok((url, addr, shutdown))).is_err() {
                            return;
                        }
                        let _ = task.await;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                    }
                }
            });
            rt.shutdown_timeout(Duration::from_secs(1));
        })
        .map_err(|e| Error::Runtime(e.to_string()))?;
    match rx.recv() {
        Ok(Ok((url, addr, shutdown))) => Ok(SandboxHandle {
            url,
            addr,
            shutdown: Some(shutdown),
            thread: Some(thread),
            task: None,
        }),
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => {
            let _ = thread.join();
            Err(Error::Runtime("the sandbox thread stopped".to_string()))
        }
    }
}
