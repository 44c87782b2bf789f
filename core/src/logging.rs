//! Hands the SDK's log events to the host language's logging (Python `logging`, a Node logger,
//! Go `slog`, `java.util.logging`). The core emits `tracing` events with target `cryptotopcard`:
//! method, path, status, request id, attempt, retry delay and timings — never a header value or
//! a body, so never a key, PAN, CVV, OTP or webhook secret. Rust programs read them with their
//! own `tracing` subscriber; a binding calls [`install_sink`] once instead.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// Environment variable naming the level: `debug`, `info`, `warn`, `error` or `off` (default).
pub const ENV_LOG: &str = "CRYPTOTOPCARD_LOG";

/// Severity of a [`LogRecord`], most verbose first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Every request attempt.
    Debug = 1,
    /// Responses and retries.
    Info = 2,
    /// Problems the SDK worked around.
    Warn = 3,
    /// Failures.
    Error = 4,
    /// Nothing.
    Off = 5,
}

impl LogLevel {
    /// Parses `debug|info|warn|warning|error|off` (any case).
    pub fn parse(s: &str) -> Option<LogLevel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "debug" | "trace" => Some(LogLevel::Debug),
            "info" => Some(LogLevel::Info),
            "warn" | "warning" => Some(LogLevel::Warn),
            "error" => Some(LogLevel::Error),
            "off" | "none" | "" => Some(LogLevel::Off),
            _ => None,
        }
    }

    /// The level named by `CRYPTOTOPCARD_LOG`, `Off` when unset or unreadable.
    pub fn from_env() -> LogLevel {
        std::env::var(ENV_LOG)
            .ok()
            .and_then(|v| LogLevel::parse(&v))
            .unwrap_or(LogLevel::Off)
    }

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
            LogLevel::Off => "off",
        }
    }

    fn of(level: &Level) -> LogLevel {
        match *level {
            Level::TRACE | Level::DEBUG => LogLevel::Debug,
            Level::INFO => LogLevel::Info,
            Level::WARN => LogLevel::Warn,
            Level::ERROR => LogLevel::Error,
        }
    }
}

/// One log event: a short message (`response`, `retrying`, `request`) and its fields in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    /// Severity.
    pub level: LogLevel,
    /// What happened.
    pub message: String,
    /// `method`, `path`, `status`, `request_id`, `attempt`, `elapsed_ms`, `delay_ms`, `error`.
    pub fields: Vec<(String, String)>,
}

impl LogRecord {
    /// `message key=value key=value`, the form bindings print when their logging takes text.
    pub fn line(&self) -> String {
        let mut s = self.message.clone();
        for (k, v) in &self.fields {
            let _ = write!(s, " {k}={v}");
        }
        s
    }
}

type Sink = Box<dyn Fn(&LogRecord) + Send + Sync>;

static SINK: OnceLock<Sink> = OnceLock::new();
static LEVEL: AtomicU8 = AtomicU8::new(LogLevel::Off as u8);

/// The level events must reach to be handed to the sink.
pub fn level() -> LogLevel {
    match LEVEL.load(Ordering::Relaxed) {
        1 => LogLevel::Debug,
        2 => LogLevel::Info,
        3 => LogLevel::Warn,
        4 => LogLevel::Error,
        _ => LogLevel::Off,
    }
}

/// Changes the level at run time (e.g. when the host's logger is reconfigured).
pub fn set_level(level: LogLevel) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

/// Sends every SDK event at `level` or above to `sink`, for the life of the process. The first
/// call wins (`false` after that, or when the process already has a global `tracing`
/// subscriber of its own, which then receives the events instead). The sink runs on the thread
/// that logged, often a runtime worker: it must not block for long.
pub fn install_sink(level: LogLevel, sink: impl Fn(&LogRecord) + Send + Sync + 'static) -> bool {
    if SINK.set(Box::new(sink)).is_err() {
        return false;
    }
    set_level(level);
    let subscriber = tracing_subscriber::registry().with(SinkLayer);
    tracing::subscriber::set_global_default(subscriber).is_ok()
}

struct SinkLayer;

/// The SDK's own events (target `cryptotopcard` or a `cryptotopcard::` module), not the
/// sandbox's (`cryptotopcard_sandbox`) when a test embeds it.
fn ours(meta: &Metadata<'_>) -> bool {
    let t = meta.target();
    t == "cryptotopcard" || t.starts_with("cryptotopcard::")
}

impl<S: Subscriber> Layer<S> for SinkLayer {
    // Other crates' events (hyper, h2, rustls) are never even built: `never` is cached per
    // call site. Ours are `sometimes`, so a level changed with `set_level` applies at once.
    fn register_callsite(&self, meta: &'static Metadata<'static>) -> Interest {
        if ours(meta) {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, meta: &Metadata<'_>, _ctx: Context<'_, S>) -> bool {
        ours(meta) && LogLevel::of(meta.level()) >= self::level()
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        if !ours(meta) {
            return;
        }
        let level = LogLevel::of(meta.level());
        if level < self::level() {
            return;
        }
        let Some(sink) = SINK.get() else { return };
        let mut visitor = Fields::default();
        event.record(&mut visitor);
        sink(&LogRecord {
            level,
            message: visitor.message,
            fields: visitor.fields,
        });
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    fields: Vec<(String, String)>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.push(field, value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.push(field, format!("{value:?}"));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.push(field, value.to_string());
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.push(field, value.to_string());
    }
}

impl Fields {
    fn push(&mut self, field: &Field, value: String) {
        if field.name() == "message" {
            self.message = value;
        } else {
            self.fields.push((field.name().to_string(), value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse() {
        assert_eq!(LogLevel::parse("DEBUG"), Some(LogLevel::Debug));
        assert_eq!(LogLevel::parse("warning"), Some(LogLevel::Warn));
        assert_eq!(LogLevel::parse("off"), Some(LogLevel::Off));
        assert_eq!(LogLevel::parse("loud"), None);
        assert!(LogLevel::Debug < LogLevel::Info);
        let r = LogRecord {
            level: LogLevel::Info,
            message: "response".into(),
            fields: vec![("status".into(), "200".into())],
        };
        assert_eq!(r.line(), "response status=200");
    }
}
