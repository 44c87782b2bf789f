//! `cryptotopcard-capi`: a stable C ABI over the `cryptotopcard` core, used by the Go module in this
//! folder (and usable from any language with a C FFI).
//!
//! This crate owns no API behaviour. Every call goes through the core's JSON dispatch
//! (`cryptotopcard::ops::call`, which also gives the next page's params) and its webhook
//! functions; the code here only converts C strings and JSON, maps the core's errors to status
//! codes, blocks on the core's shared runtime and keeps panics from crossing the boundary. Every
//! default and environment fallback is the core's: options left out are left to its builder.
//!
//! Conventions (see `include/cryptotopcard.h`):
//! - Functions return a status code: `CTC_OK` (0) or one of the `CTC_ERR_*` codes. On error, when
//!   `out_err` is not NULL, `*out_err` receives the core's error JSON
//!   (`{"class","kind","message","status","error","request_id","param","field","retry_after",
//!   "body","idempotency_key"}`). `class` names the error class every binding exposes (one of
//!   `ctc_error_classes`); `idempotency_key` is the key a mutating call was sent with, for a retry.
//! - Every `char *` written to an `out_*` pointer is owned by the caller and must be released with
//!   `ctc_string_free`. Handles are released with their own `*_free` function.
//! - The core's log events never call into the host: they are queued (bounded) for clients created
//!   with a non-zero `log_id`, and the host takes them with `ctc_log_wait` / `ctc_log_drain` from
//!   its own threads (see `logging.rs`).
//! - Strings passed in must be NUL-terminated UTF-8; a NULL where a value is required or invalid UTF-8
//!   is reported as `CTC_ERR_INVALID_ARGUMENT` naming the argument, never as a crash.

mod cancel;
mod client;
mod error;
mod ffi;
mod logging;
mod webhook;

pub use cancel::*;
pub use client::*;
pub use error::*;
pub use ffi::ctc_string_free;
pub use logging::*;
pub use webhook::*;

#[cfg(test)]
mod tests;
