//! Boundary helpers: panic containment, C string conversion, out-pointer writes.

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;

use crate::error::{FfiError, CTC_OK};

/// Runs `f`, turning an error or a caught panic into a status code and (when `out_err` is not NULL)
/// an error JSON string for the caller to free.
pub(crate) fn guard<F>(out_err: *mut *mut c_char, f: F) -> i32
where
    F: FnOnce() -> Result<(), FfiError>,
{
    // SAFETY (for the callers): `out_err` is either NULL or valid for one pointer write.
    unsafe { clear_out(out_err) };
    let err = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => return CTC_OK,
        Ok(Err(e)) => e,
        Err(_) => FfiError::panic(),
    };
    // Serializing a `Value` cannot panic, but stay defensive: nothing may unwind past here.
    let code = err.code;
    let _ = catch_unwind(AssertUnwindSafe(|| unsafe {
        write_out(out_err, &err.json.to_string());
    }));
    code
}

/// Sets `*out` to NULL when `out` is not NULL.
///
/// # Safety
/// `out` must be NULL or valid for a pointer write.
pub(crate) unsafe fn clear_out(out: *mut *mut c_char) {
    unsafe {
        if !out.is_null() {
            *out = std::ptr::null_mut();
        }
    }
}

/// Hands a copy of `s` to the caller through `out` (ignored when `out` is NULL).
///
/// # Safety
/// `out` must be NULL or valid for a pointer write.
pub(crate) unsafe fn write_out(out: *mut *mut c_char, s: &str) {
    unsafe {
        if out.is_null() {
            return;
        }
        // JSON text never holds a raw NUL (serde_json escapes it), but do not trust that blindly.
        let c = CString::new(s)
            .unwrap_or_else(|_| CString::new(s.replace('\0', "")).unwrap_or_default());
        *out = c.into_raw();
    }
}

/// Hands `s` to the caller through `out` (ignored when `out` is NULL), without copying it.
///
/// # Safety
/// `out` must be NULL or valid for a pointer write.
pub(crate) unsafe fn write_out_string(out: *mut *mut c_char, s: String) {
    unsafe {
        if out.is_null() {
            return;
        }
        match CString::new(s) {
            Ok(c) => *out = c.into_raw(),
            Err(e) => write_out(out, &String::from_utf8_lossy(&e.into_vec())),
        }
    }
}

/// Reads a required C string argument.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for the duration of the call.
pub(crate) unsafe fn required_str<'a>(ptr: *const c_char, arg: &str) -> Result<&'a str, FfiError> {
    unsafe {
        if ptr.is_null() {
            return Err(FfiError::invalid_argument(
                arg,
                format!("{arg} must not be NULL"),
            ));
        }
        CStr::from_ptr(ptr)
            .to_str()
            .map_err(|_| FfiError::invalid_argument(arg, format!("{arg} is not valid UTF-8")))
    }
}

/// Reads an optional C string argument (NULL gives `None`).
///
/// # Safety
/// As for [`required_str`].
pub(crate) unsafe fn optional_str<'a>(
    ptr: *const c_char,
    arg: &str,
) -> Result<Option<&'a str>, FfiError> {
    unsafe {
        if ptr.is_null() {
            Ok(None)
        } else {
            required_str(ptr, arg).map(Some)
        }
    }
}

/// Parses a JSON argument. The message names the argument and the position but never echoes the
/// input (it may hold an API key or a card number).
pub(crate) fn parse_json(text: &str, arg: &str) -> Result<Value, FfiError> {
    serde_json::from_str(text).map_err(|e| json_error(arg, &e))
}

pub(crate) fn json_error(arg: &str, e: &serde_json::Error) -> FfiError {
    let what = match e.classify() {
        serde_json::error::Category::Io => "could not be read",
        serde_json::error::Category::Syntax => "is not valid JSON",
        serde_json::error::Category::Data => "does not have the expected shape",
        serde_json::error::Category::Eof => "is truncated JSON",
    };
    FfiError::invalid_argument(
        arg,
        format!("{arg} {what} (line {}, column {})", e.line(), e.column()),
    )
}

/// Runs `f` on `*p` with panics contained: `default` for NULL or a panic.
///
/// # Safety
/// `p` must be NULL or valid for reads for the duration of the call.
pub(crate) unsafe fn with_ref<T, R>(p: *const T, default: R, f: impl FnOnce(&T) -> R) -> R {
    match unsafe { p.as_ref() } {
        Some(r) => catch_unwind(AssertUnwindSafe(|| f(r))).unwrap_or(default),
        None => default,
    }
}

/// Drops the box `p` was made from (NULL is ignored), never unwinding.
///
/// # Safety
/// `p` must be NULL or come from `Box::into_raw`, not freed yet.
pub(crate) unsafe fn free_box<T>(p: *mut T) {
    if !p.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| drop(unsafe { Box::from_raw(p) })));
    }
}

/// Releases a string that this library returned through an `out_*` pointer. NULL is ignored.
///
/// # Safety
/// `s` must be NULL or a pointer returned by this library that has not been freed yet.
#[no_mangle]
pub unsafe extern "C" fn ctc_string_free(s: *mut c_char) {
    unsafe {
        if s.is_null() {
            return;
        }
        let _ = catch_unwind(AssertUnwindSafe(|| {
            drop(CString::from_raw(s));
        }));
    }
}
