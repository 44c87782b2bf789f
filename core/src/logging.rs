//! Hands the SDK's log events to the host language's logging (Python `logging`, a Node logger,
//! Go `slog`, `java.util.logging`). The core emits `tracing` events with target `cryptotopcard`:
//! method, path, status, request id, attempt, retry delay and timings — never a header value or
//! a body, so never a key, PAN, CVV, OTP or webhook secret. Rust programs read them with their
//! own `tracing` subscriber; a binding calls [`install_sink`] once instead.
//!
//! The sink runs on the runtime's worker threads, which must never call into a foreign VM or
//! interpreter. A binding whose host delivers records from its own threads installs a
//! [`LogQueue`] instead (bounded, fork-safe, drained or waited on by the host), and tags each
//! call with [`scoped`] when records must reach the logger of the client that made the call.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::future::Future;
use std::sync::atomic::{AtomicPtr, AtomicU8, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// Environment variable naming the level: `debug`, `info`, `warn`, `error` or `off` (default).
pub const ENV_LOG: &str = "CRYPTOTOPCARD_LOG";

/// Severity of a [`LogRecord`], most verbose first. Also the mobile binding's `LogLevel` (behind
/// the `uniffi` feature), so Kotlin and Swift name the same five levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LogLevel {
    /// Every request attempt (`request method=POST path=/cards attempt=0`).
    Debug = 1,
    /// Responses and retries (`response ... status=200 request_id=... elapsed_ms=3`).
    Info = 2,
    /// Problems the SDK worked around.
    Warn = 3,
    /// Failures.
    Error = 4,
    /// Nothing (the default without `CRYPTOTOPCARD_LOG`).
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
    /// The tag of the call that logged it (see [`scoped`]); `None` outside a tagged call.
    pub tag: Option<u64>,
    /// When it was logged.
    pub time: SystemTime,
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
            tag: TAG.try_with(|t| *t).ok(),
            time: SystemTime::now(),
        });
    }
}

tokio::task_local! {
    /// The tag of the call the current task runs (see [`scoped`]).
    static TAG: u64;
}

/// Runs `fut` as a call tagged `tag`: the records the core logs while it runs carry
/// `Some(tag)` ([`LogRecord::tag`]), so a binding can hand them to the logger of the client that
/// made the call.
pub async fn scoped<F: Future>(tag: u64, fut: F) -> F::Output {
    TAG.scope(tag, fut).await
}

/// A bounded queue of [`LogRecord`]s between the core's sink, on runtime worker threads, and a
/// host that takes them from its own threads ([`drain`](Self::drain), [`wait`](Self::wait)).
///
/// - Pushing never calls the host and never waits beyond a short lock: once `capacity` records
///   wait, a new one is dropped (or, with [`drop_oldest`](Self::drop_oldest), the oldest is) and
///   counted in [`Drained::dropped`].
/// - Fork-safe: a forked child gets a fresh, empty queue on first use (the parent's lock may
///   have been held by one of its threads at the fork, which would never release it in the
///   child). The parent's is leaked, never freed.
/// - Records hold only what the core logs: never a key, PAN, CVV, OTP or webhook secret.
///
/// Meant for a `static`: `static QUEUE: LogQueue = LogQueue::new(1000);`, installed once with
/// [`install`](Self::install).
pub struct LogQueue {
    capacity: usize,
    drop_oldest: bool,
    tagged_only: bool,
    /// The current process's queue: a leaked `Box`, replaced (never freed) after a fork.
    current: AtomicPtr<Shared>,
}

/// What [`LogQueue::drain`] takes: the queued records, oldest first, and how many were dropped
/// since the last drain because the queue was full.
#[derive(Debug, Default)]
pub struct Drained {
    /// Oldest first.
    pub records: Vec<LogRecord>,
    /// Records lost since the last drain.
    pub dropped: u64,
}

struct Shared {
    /// The process this queue belongs to.
    pid: u32,
    state: Mutex<Queued>,
    ready: Condvar,
}

#[derive(Default)]
struct Queued {
    records: VecDeque<LogRecord>,
    dropped: u64,
}

impl Queued {
    /// Nothing for a host to take.
    fn idle(&self) -> bool {
        self.records.is_empty() && self.dropped == 0
    }
}

impl Shared {
    fn new() -> Shared {
        Shared {
            pid: std::process::id(),
            state: Mutex::default(),
            ready: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Queued> {
        // A poisoned lock only means a panic elsewhere while it was held; the queue stays valid.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl LogQueue {
    /// An empty queue keeping up to `capacity` records; a record pushed when it is full is
    /// dropped (and counted).
    pub const fn new(capacity: usize) -> LogQueue {
        LogQueue {
            capacity,
            drop_oldest: false,
            tagged_only: false,
            current: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// When full, drops the oldest record to make room for the new one (still counted).
    pub const fn drop_oldest(mut self) -> LogQueue {
        self.drop_oldest = true;
        self
    }

    /// Keeps only the records of tagged calls ([`scoped`]); others are not even queued.
    pub const fn tagged_only(mut self) -> LogQueue {
        self.tagged_only = true;
        self
    }

    /// Installs this queue as the process's sink ([`install_sink`]: the first call wins).
    pub fn install(&'static self, level: LogLevel) -> bool {
        install_sink(level, |record| self.push(record))
    }

    /// Queues a copy of `record` (what the sink does), waking a [`wait`](Self::wait)er.
    pub fn push(&self, record: &LogRecord) {
        if self.tagged_only && record.tag.is_none() {
            return;
        }
        let record = record.clone();
        let shared = self.shared();
        let woke = {
            let mut q = shared.lock();
            let was_idle = q.idle();
            if q.records.len() < self.capacity {
                q.records.push_back(record);
            } else {
                q.dropped = q.dropped.saturating_add(1);
                if self.drop_oldest && q.records.pop_front().is_some() {
                    q.records.push_back(record);
                }
            }
            was_idle
        };
        // A waiter sleeps only while the queue is idle: only the first push after that wakes.
        if woke {
            shared.ready.notify_all();
        }
    }

    /// Takes every queued record, oldest first, and the count of those dropped; never waits
    /// for records.
    pub fn drain(&self) -> Drained {
        let mut q = self.shared().lock();
        Drained {
            records: Vec::from(std::mem::take(&mut q.records)),
            dropped: std::mem::take(&mut q.dropped),
        }
    }

    /// Blocks the calling thread until there is something to [`drain`](Self::drain) (records,
    /// or a count of dropped ones: `true`) or `timeout` passes (`false`). For a host thread
    /// dedicated to logging, never a runtime worker.
    pub fn wait(&self, timeout: Duration) -> bool {
        let shared = self.shared();
        let q = shared.lock();
        let (q, _) = shared
            .ready
            .wait_timeout_while(q, timeout, |q| q.idle())
            .unwrap_or_else(PoisonError::into_inner);
        !q.idle()
    }

    /// Starts over with a fresh, empty queue now (a host's after-fork hook in the child; the
    /// first use in a child does it anyway). Records pushed meanwhile to the old one are lost,
    /// and a [`wait`](Self::wait)er on it returns only at its timeout.
    pub fn reset(&self) {
        let fresh = Box::into_raw(Box::new(Shared::new()));
        let old = self.current.swap(fresh, Ordering::AcqRel);
        Self::retire(old);
    }

    /// The queue of this process, created on first use (and again in a forked child).
    fn shared(&self) -> &Shared {
        let pid = std::process::id();
        loop {
            let ptr = self.current.load(Ordering::Acquire);
            if !ptr.is_null() {
                // SAFETY: every pointer stored is a leaked `Box`, freed only by `drop(self)`.
                let shared = unsafe { &*ptr };
                if shared.pid == pid {
                    return shared;
                }
            }
            let fresh = Box::into_raw(Box::new(Shared::new()));
            match self
                .current
                .compare_exchange(ptr, fresh, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => Self::retire(ptr),
                // SAFETY: `fresh` was never published: this thread still owns it.
                Err(_) => drop(unsafe { Box::from_raw(fresh) }),
            }
        }
    }

    /// Leaks a replaced queue (a thread of this process may still hold it), freeing its records
    /// when its lock is free (a forked parent's may be held forever).
    fn retire(old: *mut Shared) {
        if old.is_null() {
            return;
        }
        // SAFETY: a leaked `Box` that is never freed.
        let old = unsafe { &*old };
        if let Ok(mut q) = old.state.try_lock() {
            *q = Queued::default();
        }
    }
}

impl Drop for LogQueue {
    fn drop(&mut self) {
        let ptr = *self.current.get_mut();
        if !ptr.is_null() {
            // SAFETY: the current queue is a leaked `Box` nobody else can reach any more
            // (`&mut self`); queues it replaced stay leaked.
            drop(unsafe { Box::from_raw(ptr) });
        }
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
        let r = record("response", None);
        assert_eq!(r.line(), "response status=200");
    }

    fn record(message: &str, tag: Option<u64>) -> LogRecord {
        LogRecord {
            level: LogLevel::Info,
            message: message.into(),
            fields: vec![("status".into(), "200".into())],
            tag,
            time: SystemTime::now(),
        }
    }

    fn messages(d: &Drained) -> Vec<&str> {
        d.records.iter().map(|r| r.message.as_str()).collect()
    }

    #[test]
    fn queue_keeps_capacity_drops_and_counts_and_drains_in_order() {
        let q = LogQueue::new(3);
        for m in ["a", "b", "c", "d", "e"] {
            q.push(&record(m, None));
        }
        let d = q.drain();
        assert_eq!(messages(&d), ["a", "b", "c"], "newer records are dropped");
        assert_eq!(d.dropped, 2);
        let d = q.drain();
        assert!(d.records.is_empty() && d.dropped == 0, "a drain takes all");
        q.push(&record("f", None));
        assert_eq!(messages(&q.drain()), ["f"], "room again once drained");

        let q = LogQueue::new(3).drop_oldest();
        for m in ["a", "b", "c", "d", "e"] {
            q.push(&record(m, None));
        }
        let d = q.drain();
        assert_eq!(messages(&d), ["c", "d", "e"], "the oldest make room");
        assert_eq!(d.dropped, 2);

        let q = LogQueue::new(0).drop_oldest();
        q.push(&record("a", None));
        let d = q.drain();
        assert!(d.records.is_empty());
        assert_eq!(d.dropped, 1);
    }

    #[test]
    fn tagged_only_queue_skips_untagged_records() {
        let q = LogQueue::new(10).tagged_only();
        q.push(&record("untagged", None));
        q.push(&record("tagged", Some(7)));
        let d = q.drain();
        assert_eq!(messages(&d), ["tagged"]);
        assert_eq!(d.records[0].tag, Some(7));
        assert_eq!(d.dropped, 0, "skipped is not dropped");
    }

    #[test]
    fn wait_wakes_on_a_push_and_times_out_when_idle() {
        static Q: LogQueue = LogQueue::new(10);
        let start = std::time::Instant::now();
        assert!(!Q.wait(Duration::from_millis(50)), "nothing queued");
        assert!(start.elapsed() >= Duration::from_millis(50));

        let pusher = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(100));
            Q.push(&record("late", None));
        });
        let start = std::time::Instant::now();
        assert!(Q.wait(Duration::from_secs(30)), "woken by the push");
        assert!(start.elapsed() < Duration::from_secs(20));
        let _ = pusher.join();
        assert!(Q.wait(Duration::ZERO), "still queued: no wait");
        assert_eq!(messages(&Q.drain()), ["late"]);

        // A count of dropped records is something to drain too.
        let full = LogQueue::new(0);
        full.push(&record("lost", None));
        assert!(full.wait(Duration::ZERO));
        assert_eq!(full.drain().dropped, 1);
        assert!(!full.wait(Duration::ZERO));
    }

    #[test]
    fn reset_starts_over_even_with_the_old_lock_held() {
        let q = LogQueue::new(10);
        q.push(&record("parent", None));
        // What a forked child inherits: a lock a thread that no longer exists holds forever.
        let held = q.shared().lock();
        q.reset();
        q.push(&record("child", None));
        assert_eq!(messages(&q.drain()), ["child"]);
        drop(held);
    }

    #[cfg(unix)]
    #[test]
    fn a_forked_child_gets_a_fresh_queue_even_if_the_lock_was_held() {
        static Q: LogQueue = LogQueue::new(10);
        Q.push(&record("parent", None));
        // Held across the fork: in the child nothing will ever release it.
        let held = Q.shared().lock();
        // SAFETY: the child only touches the queue (std locks, no parking_lot) and `_exit`s.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            // SAFETY: plain libc calls; a deadlock ends the child with SIGALRM.
            unsafe { libc::alarm(20) };
            let ok = std::panic::catch_unwind(|| {
                Q.push(&record("child", None));
                let d = Q.drain();
                messages(&d) == ["child"] && d.dropped == 0 && !Q.wait(Duration::ZERO)
            });
            // SAFETY: ends the child without running the parent's destructors or test harness.
            unsafe { libc::_exit(if matches!(ok, Ok(true)) { 0 } else { 1 }) };
        }
        drop(held);
        let mut status = 0;
        // SAFETY: `pid` is our child; `status` is a valid out pointer.
        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "child status {status}"
        );
        assert_eq!(
            messages(&Q.drain()),
            ["parent"],
            "the parent's queue is intact"
        );
    }

    #[test]
    fn records_of_a_scoped_call_carry_its_tag() {
        static Q: LogQueue = LogQueue::new(100).tagged_only();
        assert!(Q.install(LogLevel::Debug), "this test binary's one sink");
        let rt = crate::runtime::runtime();
        rt.block_on(scoped(7, async {
            tracing::info!(target: "cryptotopcard", status = 200u64, "tagged");
            // Also across an await on the runtime.
            tokio::task::yield_now().await;
            tracing::debug!(target: "cryptotopcard", path = "/x", "tagged later");
        }));
        rt.block_on(async { tracing::info!(target: "cryptotopcard", "untagged") });
        set_level(LogLevel::Off);
        let d = Q.drain();
        let ours: Vec<&LogRecord> = d.records.iter().filter(|r| r.tag == Some(7)).collect();
        assert_eq!(ours.len(), 2, "{d:?}");
        assert_eq!(ours[0].line(), "tagged status=200");
        assert_eq!(ours[1].line(), "tagged later path=/x");
        assert!(ours[0].time <= ours[1].time);
        assert!(d.records.iter().all(|r| r.message != "untagged"));
    }
}
