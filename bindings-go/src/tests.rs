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

#[test]
fn with_options_shares_the_pool_and_refuses_what_it_cannot_change() {
    let parent = client("http://127.0.0.1:1/v1");
    let other = client("http://127.0.0.1:1/v1");
    let mut err = ptr::null_mut();

    let opts =
        CString::new(r#"{"timeout_ms":1000,"max_retries":3,"headers":[["X-A","1"]]}"#).unwrap();
    let copy = unsafe { ctc_client_with_options(parent, opts.as_ptr(), &mut err) };
    assert!(!copy.is_null(), "copy: {:?}", take(err));
    let empty = unsafe { ctc_client_with_options(parent, ptr::null(), &mut err) };
    assert!(!empty.is_null(), "copy of {{}}: {:?}", take(err));
    unsafe {
        assert_eq!(ctc_client_shares_pool(copy, parent), 1);
        assert_eq!(ctc_client_shares_pool(empty, copy), 1);
        assert_eq!(ctc_client_shares_pool(parent, other), 0);
        assert_eq!(ctc_client_shares_pool(ptr::null(), parent), 0);
        assert_eq!(ctc_client_shares_pool(parent, ptr::null()), 0);
    }

    let c = unsafe { ctc_client_with_options(ptr::null(), opts.as_ptr(), &mut err) };
    assert!(c.is_null());
    assert_eq!(err_json(err)["field"], "client");
    for (json, field, class) in [
        (
            r#"{"base_url":"http://127.0.0.1:2/v1"}"#,
            "opts_json",
            "ValidationError",
        ),
        (
            r#"{"proxy":"http://u:pw@127.0.0.1:3"}"#,
            "opts_json",
            "ValidationError",
        ),
        (
            r#"{"max_response_bytes":0}"#,
            "max_response_bytes",
            "ConfigurationError",
        ),
        (
            r#"{"headers":[["Authorization","x"]]}"#,
            "default_headers",
            "ConfigurationError",
        ),
    ] {
        let opts = CString::new(json).unwrap();
        let c = unsafe { ctc_client_with_options(parent, opts.as_ptr(), &mut err) };
        assert!(c.is_null(), "{json} accepted");
        let e = err_json(err);
        assert_eq!(e["field"], field, "{json}: {e}");
        assert_eq!(e["class"], class, "{json}: {e}");
        assert!(!e.to_string().contains("pw@"), "{json}: echoes the URL");
    }
    unsafe {
        ctc_client_free(parent);
        // The copies outlive their parent.
        assert_eq!(ctc_client_shares_pool(copy, empty), 1);
        ctc_client_free(copy);
        ctc_client_free(empty);
        ctc_client_free(other);
    }
}

#[test]
fn client_config_takes_proxy_roots_and_runtime() {
    let mut err = ptr::null_mut();
    let cfg = CString::new(
        r#"{"api_key":"sk_test_capi_unit","base_url":"http://127.0.0.1:1/v1","runtime_name":"go","runtime_version":"go1.24.0","proxy":"http://user:pw-secret@127.0.0.1:3128"}"#,
    )
    .unwrap();
    let c = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
    assert!(!c.is_null(), "{:?}", take(err));
    unsafe { ctc_client_free(c) };

    for (json, field) in [
        (
            r#"{"api_key":"sk_test_capi_unit","proxy":"http://user:pw-secret@exa mple:1"}"#,
            "proxy",
        ),
        (
            r#"{"api_key":"sk_test_capi_unit","root_certificates_pem":["not a pem"]}"#,
            "root_certificates",
        ),
    ] {
        let cfg = CString::new(json).unwrap();
        let c = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
        assert!(c.is_null(), "{json} accepted");
        let e = err_json(err);
        assert_eq!(e["field"], field);
        assert_eq!(e["class"], "ConfigurationError");
        assert!(
            !e.to_string().contains("pw-secret"),
            "the proxy password is echoed: {e}"
        );
    }
}

#[test]
fn webhook_rotation_and_signing() {
    let body = br#"{"id":"evt_1"}"#;
    let old = CString::new("whsec_old").unwrap();
    let new = CString::new("whsec_new").unwrap();
    let sig = CString::new(cryptotopcard::webhook::sign(body, "whsec_old")).unwrap();
    let both = [new.as_ptr(), old.as_ptr()];
    let (mut valid, mut err) = (0, ptr::null_mut());
    let rc = unsafe {
        ctc_webhook_verify_any(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            both.as_ptr(),
            2,
            &mut valid,
            &mut err,
        )
    };
    assert_eq!((rc, valid), (CTC_OK, 1));
    let rc = unsafe {
        ctc_webhook_verify_any(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            both.as_ptr(),
            1,
            &mut valid,
            &mut err,
        )
    };
    assert_eq!((rc, valid), (CTC_OK, 0), "only the new secret");
    let rc = unsafe {
        ctc_webhook_verify_any(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            ptr::null(),
            0,
            &mut valid,
            &mut err,
        )
    };
    assert_eq!((rc, valid), (CTC_OK, 0), "no secret");
    let rc = unsafe {
        ctc_webhook_verify_any(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            ptr::null(),
            2,
            &mut valid,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(err_json(err)["field"], "secrets");
    let with_null = [new.as_ptr(), ptr::null()];
    let rc = unsafe {
        ctc_webhook_verify_any(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            with_null.as_ptr(),
            2,
            &mut valid,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(err_json(err)["field"], "secrets");

    let mut out = ptr::null_mut();
    let rc = unsafe {
        ctc_webhook_construct_event_any(
            body.as_ptr(),
            body.len(),
            sig.as_ptr(),
            ptr::null(),
            0,
            0,
            &mut out,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_WEBHOOK_VERIFICATION);
    assert!(out.is_null());
    take(err);

    let rc =
        unsafe { ctc_webhook_sign(body.as_ptr(), body.len(), old.as_ptr(), &mut out, &mut err) };
    assert_eq!(rc, CTC_OK);
    assert_eq!(take(out).unwrap(), sig.to_str().unwrap());
    let rc =
        unsafe { ctc_webhook_sign(body.as_ptr(), body.len(), ptr::null(), &mut out, &mut err) };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert!(out.is_null());
    assert_eq!(err_json(err)["field"], "secret");
}

#[test]
fn log_records_are_queued_for_clients_with_a_log_id() {
    let mut err = ptr::null_mut();
    assert_eq!(
        unsafe { ctc_log_set_level(42, &mut err) },
        CTC_ERR_INVALID_ARGUMENT
    );
    assert_eq!(err_json(err)["field"], "level");
    assert_eq!(
        unsafe { ctc_log_set_level(CTC_LOG_DEBUG, &mut err) },
        CTC_OK
    );
    assert!((CTC_LOG_DEBUG..=CTC_LOG_OFF).contains(&ctc_log_env_level()));

    // A call to a closed port: its "request" record (debug) is queued with the client's id; a
    // client without an id queues nothing.
    let op = CString::new("wallet.retrieve").unwrap();
    for (log_id, key) in [(0u64, "sk_test_capi_nolog"), (4242u64, "sk_test_capi_log")] {
        let cfg = CString::new(format!(
            r#"{{"api_key":"{key}","base_url":"http://127.0.0.1:1/v1","max_retries":0,"log_id":{log_id}}}"#
        ))
        .unwrap();
        let c = unsafe { ctc_client_new(cfg.as_ptr(), &mut err) };
        assert!(!c.is_null());
        let mut out = ptr::null_mut();
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
        take(err);
        unsafe { ctc_client_free(c) };
    }
    assert_eq!(ctc_log_wait(5_000), 1, "records are waiting");
    let mut out = ptr::null_mut();
    assert_eq!(unsafe { ctc_log_drain(&mut out, &mut err) }, CTC_OK);
    let drained: Value = serde_json::from_str(&take(out).unwrap()).unwrap();
    let records = drained["records"].as_array().unwrap();
    let ours: Vec<&Value> = records.iter().filter(|r| r["log_id"] == 4242).collect();
    // The attempt (debug) and the call's final failure (warn).
    assert_eq!(ours.len(), 2, "{drained}");
    assert_eq!(ours[1]["level"], "warn");
    assert_eq!(ours[1]["message"], "request failed");
    let r = ours[0];
    assert_eq!(r["level"], "debug");
    assert_eq!(r["message"], "request");
    assert!(r["time_ns"].as_u64().unwrap() > 0);
    let fields: Vec<(String, String)> = serde_json::from_value(r["fields"].clone()).unwrap();
    assert!(
        fields.contains(&("method".into(), "GET".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("path".into(), "/wallet".into())),
        "{fields:?}"
    );
    assert!(
        records.iter().all(|r| r["log_id"] != 0),
        "a client without log id was logged"
    );
    assert!(
        !drained.to_string().contains("sk_test_capi"),
        "a record holds the key"
    );
    assert_eq!(drained["dropped"], 0);
    // Drained: nothing is left.
    assert_eq!(unsafe { ctc_log_drain(&mut out, &mut err) }, CTC_OK);
    let again: Value = serde_json::from_str(&take(out).unwrap()).unwrap();
    assert!(again["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["log_id"] != 4242));
}

/// Waits for the completions of `tags` (ctc_call_wait hands out every queued completion: only
/// this test starts calls).
fn wait_for(tags: &[u64]) -> Vec<(u64, i32, Option<String>, Option<String>)> {
    let mut got = Vec::new();
    let mut buf: Vec<CtcCompletion> = Vec::with_capacity(4);
    while got.len() < tags.len() {
        let n = unsafe { ctc_call_wait(buf.as_mut_ptr(), 4, 10_000) };
        assert!(n > 0, "no completion within 10 s");
        unsafe { buf.set_len(n) };
        for c in buf.drain(..) {
            assert!(tags.contains(&c.tag), "unexpected tag {}", c.tag);
            got.push((c.tag, c.code, take(c.result), take(c.err)));
        }
    }
    got.sort_by_key(|c| c.0);
    got
}

#[test]
fn started_calls_complete_through_the_queue() {
    assert_eq!(unsafe { ctc_call_wait(ptr::null_mut(), 4, 0) }, 0);
    // A bad argument is reported at once, nothing queued.
    let mut err = ptr::null_mut();
    let op = CString::new("wallet.retrieve").unwrap();
    let rc = unsafe {
        ctc_call_start(
            ptr::null(),
            op.as_ptr(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            1,
            &mut err,
        )
    };
    assert_eq!(rc, CTC_ERR_INVALID_ARGUMENT);
    assert_eq!(err_json(err)["field"], "client");

    // Nothing listens on port 1: a connection error, and a cancelled create that names its key.
    let c = client("http://127.0.0.1:1/v1");
    let tok = ctc_cancel_token_new();
    unsafe { ctc_cancel_token_cancel(tok) };
    let create = CString::new("cards.create").unwrap();
    let params = CString::new(r#"{"bin_id":"491653","amount":5}"#).unwrap();
    let opts = CString::new(r#"{"idempotency_key":"k-async-1"}"#).unwrap();
    for (tag, op, params, opts, tok) in [
        (10, &op, ptr::null(), ptr::null(), ptr::null()),
        (
            11,
            &create,
            params.as_ptr(),
            opts.as_ptr(),
            tok.cast_const(),
        ),
    ] {
        let rc = unsafe { ctc_call_start(c, op.as_ptr(), params, opts, tok, tag, &mut err) };
        assert_eq!(rc, CTC_OK, "{:?}", take(err));
        assert!(err.is_null());
    }
    let done = wait_for(&[10, 11]);
    assert_eq!(done[0].1, CTC_ERR_CONNECTION);
    assert!(done[0].2.is_none());
    let e: Value = serde_json::from_str(done[0].3.as_deref().unwrap_or_default()).unwrap();
    assert_eq!(e["kind"], "connection");
    assert_eq!(done[1].1, CTC_ERR_CANCELLED);
    let e: Value = serde_json::from_str(done[1].3.as_deref().unwrap_or_default()).unwrap();
    assert_eq!(e["idempotency_key"], "k-async-1");
    assert_eq!(unsafe { ctc_call_wait(buf_of_one().as_mut_ptr(), 1, 0) }, 0);
    unsafe {
        ctc_cancel_token_free(tok);
        ctc_client_free(c);
    }
}

fn buf_of_one() -> Vec<CtcCompletion> {
    Vec::with_capacity(1)
}
