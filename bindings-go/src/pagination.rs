//! Auto-paging support: the core decides whether there is a next page and what its parameters are.

use std::ffi::c_char;

use crate::ffi::{clear_out, guard, parse_json, required_str, write_out};

/// Given a list operation, the parameters of the page just fetched and that page's `data` JSON
/// (`{"data": [...], "pagination": {...}}`), writes the parameters of the next page to
/// `*out_params`, or leaves it NULL when there is none.
///
/// # Safety
/// Strings must be NUL-terminated; out pointers NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn ctc_next_page_params(
    op: *const c_char,
    params_json: *const c_char,
    page_json: *const c_char,
    out_params: *mut *mut c_char,
    out_err: *mut *mut c_char,
) -> i32 {
    clear_out(out_params);
    guard(out_err, || {
        let op = required_str(op, "op")?;
        let params = parse_json(required_str(params_json, "params_json")?, "params_json")?;
        let page = parse_json(required_str(page_json, "page_json")?, "page_json")?;
        if let Some(next) = cryptotopcard::ops::next_page_params(op, &params, &page) {
            write_out(out_params, &next.to_string());
        }
        Ok(())
    })
}
