//! `ctc-sandbox`: the stateful CryptoTopCard sandbox server.
//!
//! Prints `listening on http://HOST:PORT/v1` as its first stdout line, logs requests to stderr,
//! and stops cleanly on SIGINT or SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use cryptotopcard_sandbox::{Config, Faults};

const USAGE: &str = "\
usage: ctc-sandbox [options]
  --host ADDR                 interface to bind (default 127.0.0.1)
  --port N                    port; 0 picks a free one (default 0)
  --data FILE                 persist state in this SQLite file (default: in memory)
  --initial-balance USD       wallet of a new account (default 10000)
  --faults SPEC               random faults, e.g. drop_after_commit=0.05,error_500=0.05,
                              error_503=0.05,rate_limit=0.05,delay_ms=50@0.1
  --rate-limit N              requests per minute per key (default: off)
  --details-rate-limit N      GET /cards/{id}/details per minute per key (default 30; 0 = off)
  --webhook-retry-base-ms N   delay before the first webhook retry, doubled each time (default 1000)
  --webhook-max-retries N     retries of a failed webhook delivery (default 5)
  --webhook-timeout-ms N      time an endpoint has to answer (default 10000)
  -h, --help                  this text";

fn parse_args(args: Vec<String>) -> Result<Option<Config>, String> {
    let mut cfg = Config::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Ok(None);
        }
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        fn num<T: std::str::FromStr>(name: &str, v: &str) -> Result<T, String> {
            v.trim()
                .parse()
                .map_err(|_| format!("{name}: {v:?} is not a valid number"))
        }
        match name.as_str() {
            "--host" => cfg.host = value()?,
            "--port" => cfg.port = num(&name, &value()?)?,
            "--data" => cfg.data = Some(PathBuf::from(value()?)),
            "--initial-balance" => {
                let v: f64 = num(&name, &value()?)?;
                if !v.is_finite() || !(0.0..=1e12).contains(&v) {
                    return Err(format!("{name} must be between 0 and 1e12"));
                }
                cfg.initial_balance_cents = (v * 100.0).round() as i64;
            }
            "--faults" => cfg.faults = value()?.parse::<Faults>()?,
            "--rate-limit" => {
                let n: u32 = num(&name, &value()?)?;
                cfg.rate_limit = (n > 0).then_some(n);
            }
            "--details-rate-limit" => cfg.details_rate_limit = num(&name, &value()?)?,
            "--webhook-retry-base-ms" => {
                cfg.webhook_retry_base = Duration::from_millis(num(&name, &value()?)?)
            }
            "--webhook-max-retries" => cfg.webhook_max_retries = num(&name, &value()?)?,
            "--webhook-timeout-ms" => {
                cfg.webhook_timeout = Duration::from_millis(num(&name, &value()?)?)
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(Some(cfg))
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn main() -> ExitCode {
    let cfg = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(cfg)) => cfg,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("ctc-sandbox: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ctc-sandbox: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let handle = match cryptotopcard_sandbox::serve(cfg).await {
            Ok(h) => h,
            Err(e) => {
                eprintln!("ctc-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", handle.url());
        let _ = out.flush();
        drop(out);
        wait_for_signal().await;
        tracing::info!("shutting down");
        handle.shutdown_and_wait().await;
        ExitCode::SUCCESS
    })
}
