//! Boundary tests of the C ABI (the API behaviour itself is tested through Go against the sandbox).

use std::ffi::{c_char, CStr, CString};
use std::ptr;

use serde_json::Value;

use crate::*;

fn take(p: *mut c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    let s = unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    unsafe { ctc_string_free(p) };
    Some(s)
}

fn err_json(p: *mut c_char) -> Value {
    serde_json::from_str(&take(p).expect("an error JSON")).expect("error JSON parses")
}

fn client(base_url: &str) -> *mut CtcClient {
    let cfg = CString::new(format!(
        r#"{{"api_key":"sk_test_capi_unit","base_url":"{base_url}","max_retries":0}}"#
    ))
    .unwrap();
    let mut err = ptr::null_mut();
    let c = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
    assert!(!c.is_null(), "client: {:?}", take(err));
    c
}

#[test]
fn header_is_current() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/cryptotopcard.h"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/include/cryptotopcard.h");
    let checked_in = std::fs::read_to_string(path).expect("include/cryptotopcard.h exists");
    assert!(
        generated == checked_in,
        "include/cryptotopcard.h is out of date: run `make go-header` (CTC_UPDATE_HEADER=1 cargo build -p cryptotopcard-capi)"
    );
}

#[test]
fn null_and_invalid_arguments_are_errors() {
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    let op = CString::new("wallet.retrieve").unwrap();
    let rc = unsafe {
        ctc_call(
            ptr::null(),
            op.as_ptr(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert!(out.is_null());
    let e = err_json(err);
    assert_eq!(e["kind"], "invalid_argument");
    assert_eq!(e["field"], "client");

    let c = client("http://127.0.0.1:1/v1");
    let rc = unsafe {
        ctc_call(
            c,
            ptr::null(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(err_json(err)["field"], "op");

    let bad_utf8 = CString::new(vec![b'{', 0xff, b'}']).unwrap();
    let rc = unsafe {
        ctc_call(
            c,
            op.as_ptr(),
            bad_utf8.as_ptr(),
            ptr::null(),
            ptr::null(),
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(err_json(err)["field"], "params_json");

    // A NULL out_err is allowed: the code alone reports the failure.
    let rc = unsafe {
        ctc_call(
            c,
            ptr::null(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);

    let cfg = CString::new(vec![b'{', 0xfe, b'}']).unwrap();
    let h = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
    assert!(h.is_null());
    assert_eq!(err_json(err)["field"], "config_json");

    // The message about a malformed config never echoes it (it may hold the key).
    let cfg =
        CString::new(r#"{"api_key":"sk_test_SECRET","max_retries":"sk_test_SECRET"}"#).unwrap();
    let h = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
    assert!(h.is_null());
    assert!(!take(err).unwrap().contains("SECRET"));

    unsafe {
        ctc_string_free(ptr::null_mut());
        ctc_client_free(ptr::null_mut());
        ctc_cancel_token_cancel(ptr::null());
        ctc_cancel_token_free(ptr::null_mut());
        ctc_client_free(c);
    }
}

#[test]
fn a_cancelled_token_aborts_the_call() {
    // Nothing listens on port 1: without the token this would be a connection error.
    let c = client("http://127.0.0.1:1/v1");
    let tok = ctc_cancel_token_new();
    assert_eq!(unsafe { ctc_cancel_token_is_cancelled(tok) }, 0);
    unsafe { ctc_cancel_token_cancel(tok) };
    assert_eq!(unsafe { ctc_cancel_token_is_cancelled(tok) }, 1);
    let op = CString::new("wallet.retrieve").unwrap();
    let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
    let rc = unsafe {
        ctc_call(
            c,
            op.as_ptr(),
            ptr::null(),
            ptr::null(),
            tok,
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_CANCELLED);
    assert_eq!(err_json(err)["kind"], "cancelled");

    // The same call without the token reaches the network layer and fails there.
    let rc = unsafe {
        ctc_call(
            c,
            op.as_ptr(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_CONNECTION);
    assert_eq!(err_json(err)["kind"], "connection");
    unsafe {
        ctc_cancel_token_free(tok);
        ctc_client_free(c);
    }
}

#[test]
fn webhook_helpers_check_their_arguments() {
    let sig = CString::new("00").unwrap();
    let secret = CString::new("whsec_x").unwrap();
    let (mut valid, mut err) = (7, ptr::null_mut());
    let rc = unsafe {
        ctc_webhook_verify(
            ptr::null(),
            3,
            sig.as_ptr(),
            secret.as_ptr(),
            &mut valid,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(valid, 0);
    assert_eq!(err_json(err)["field"], "payload");
    let rc = unsafe {
        ctc_webhook_verify(
            ptr::null(),
            0,
            sig.as_ptr(),
            secret.as_ptr(),
            &mut valid,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_OK);
    assert_eq!(valid, 0);
    let body = b"{}";
    let mut out = ptr::null_mut();
    let rc = unsafe {
        ctc_webhook_construct_event(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            secret.as_ptr(),
            0,
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_WEBHOOK_VERIFICATION);
    assert!(out.is_null());
    assert!(!take(err).unwrap().contains("whsec_x"));
}

#[test]
fn version_and_operations() {
    let v = unsafe { CStr::from_ptr(ctc_version()) }.to_str().unwrap();
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
    let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
    assert_eq!(unsafe { ctc_operations(&mut out, &mut err) }, CTC_OK);
    let ops: Vec<String> = serde_json::from_str(&take(out).unwrap()).unwrap();
    assert!(ops.iter().any(|o| o == "cards.create"));
    assert_eq!(ops.len(), cryptotopcard::ops::OPERATIONS.len());
}

/// Runs `op` against `c` and returns (status code, error JSON).
fn call_err(
    c: *mut CtcClient,
    op: &str,
    params: &str,
    opts: &str,
    tok: *const CtcCancelToken,
) -> (i32, Value) {
    let op = CString::new(op).unwrap();
    let params = CString::new(params).unwrap();
    let opts = CString::new(opts).unwrap();
    let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
    let rc = unsafe {
        ctc_call(
            c,
            op.as_ptr(),
            params.as_ptr(),
            opts.as_ptr(),
            tok,
            &mut out,
            &mut err,
        )
    };
    assert!(out.is_null());
    (rc, err_json(err))
}

#[test]
fn errors_of_mutating_calls_carry_the_idempotency_key() {
    let c = client("http://127.0.0.1:1/v1");
    let create = r#"{"bin_id":"491653","amount":5}"#;
    let tok = ctc_cancel_token_new();
    unsafe { ctc_cancel_token_cancel(tok) };

    // Cancelled (before anything was sent): the key it would have been sent with is reported.
    let (rc, e) = call_err(c, "cards.create", create, "{}", tok);
    assert_eq!(rc, CTC_ERR_CANCELLED);
    assert_eq!(e["kind"], "cancelled");
    let generated = e["idempotency_key"].as_str().expect("a generated key");
    assert_eq!(generated.len(), 36, "a UUID: {generated}");

    // A key given by the caller is the one reported.
    let (rc, e) = call_err(
        c,
        "cards.fund",
        r#"{"card_id":"card_x","amount":5}"#,
        r#"{"idempotency_key":"capi-test-key"}"#,
        tok,
    );
    assert_eq!(rc, CTC_ERR_CANCELLED);
    assert_eq!(e["idempotency_key"], "capi-test-key");

    // Each call gets its own key.
    let (_, again) = call_err(c, "cards.create", create, "{}", tok);
    assert_ne!(again["idempotency_key"].as_str(), Some(generated));

    // A GET has no key.
    let (rc, e) = call_err(c, "wallet.retrieve", "{}", "{}", tok);
    assert_eq!(rc, CTC_ERR_CANCELLED);
    assert!(e["idempotency_key"].is_null());

    // A connection error of a write carries the key too (nothing listens on port 1).
    let (rc, e) = call_err(
        c,
        "cards.create",
        create,
        r#"{"idempotency_key":"capi-conn-key"}"#,
        ptr::null(),
    );
    assert_eq!(rc, CTC_ERR_CONNECTION);
    assert_eq!(e["idempotency_key"], "capi-conn-key");

    // Errors raised by this layer have the same shape.
    let (rc, e) = call_err(c, "cards.create", "[", "{}", ptr::null());
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert!(e.as_object().unwrap().contains_key("idempotency_key"));
    unsafe {
        ctc_cancel_token_free(tok);
        ctc_client_free(c);
    }
}

#[test]
fn error_classes_are_the_cores_table() {
    let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
    assert_eq!(unsafe { ctc_error_classes(&mut out, &mut err) }, CTC_OK);
    assert!(err.is_null());
    let classes: Vec<Value> = serde_json::from_str(&take(out).unwrap()).unwrap();
    assert_eq!(classes.len(), cryptotopcard::ERROR_CLASSES.len());
    for (got, want) in classes.iter().zip(cryptotopcard::ERROR_CLASSES) {
        assert_eq!(got["name"], want.name);
        assert_eq!(got["parent"].as_str(), want.parent);
        assert_eq!(got["doc"], want.doc);
    }
}

#[test]
fn a_panic_is_an_internal_error() {
    // A panic inside a task on the shared runtime (as a bug in the core would be).
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { ctc_debug_panic(&mut err) }, CTC_ERR_INTERNAL);
    let e = err_json(err);
    assert_eq!(e["class"], "InternalError");
    assert_eq!(e["kind"], "internal");
    assert!(e["idempotency_key"].is_null());
    // A panic in the boundary code itself.
    let rc = crate::ffi::guard(&mut err, || panic!("boundary bug"));
    assert_eq!(rc, CTC_ERR_INTERNAL);
    let e = err_json(err);
    assert_eq!(e["class"], "InternalError");
    assert!(!e["message"].as_str().unwrap().contains("boundary bug"));
    // The library keeps working: the next call reaches the network layer.
    let c = client("http://127.0.0.1:1/v1");
    let (rc, e) = call_err(c, "wallet.retrieve", "{}", "{}", ptr::null());
    assert_eq!(rc, CTC_ERR_CONNECTION);
    assert_eq!(e["class"], "APIConnectionError");
    unsafe { ctc_client_free(c) };
}

#[test]
fn every_error_names_its_class() {
    let c = client("http://127.0.0.1:1/v1");
    // Raised by this layer: a bad C argument is a ValidationError naming the argument.
    let (rc, e) = call_err(c, "cards.create", "[", "{}", ptr::null());
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(e["class"], "ValidationError");
    assert_eq!(e["kind"], "invalid_argument");
    assert_eq!(e["field"], "params_json");
    // Raised by the core.
    let (rc, e) = call_err(c, "cards.create", r#"{"amount":5}"#, "{}", ptr::null());
    assert_eq!(rc, CTC_ERR_VALIDATION);
    assert_eq!(e["class"], "ValidationError");
    let tok = ctc_cancel_token_new();
    unsafe { ctc_cancel_token_cancel(tok) };
    let (rc, e) = call_err(c, "wallet.retrieve", "{}", "{}", tok);
    assert_eq!(rc, CTC_ERR_CANCELLED);
    assert_eq!(e["class"], "APIUserAbortError");
    // The response cap is the core builder's option; its check is the core's too.
    let cfg = CString::new(r#"{"api_key":"sk_test_capi_unit","max_response_bytes":0}"#).unwrap();
    let mut err = ptr::null_mut();
    let h = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
    assert!(h.is_null());
    let e = err_json(err);
    assert_eq!(e["class"], "ConfigurationError");
    assert_eq!(e["field"], "max_response_bytes");
    unsafe {
        ctc_cancel_token_free(tok);
        ctc_client_free(c);
    }
}
