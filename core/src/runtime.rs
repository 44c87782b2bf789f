//! The one tokio runtime shared by every binding in the process.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The shared multi-thread tokio runtime, created on first use. Bindings drive every request on
/// it (`runtime().block_on(..)` or `runtime().spawn(..)`); never create a runtime per call.
///
/// # Panics
/// Only if the operating system refuses to start the runtime's threads at first use.
pub fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("cryptotopcard-rt")
            .build()
            .expect("cryptotopcard: cannot start the tokio runtime")
    })
}
