#![no_main]
//! construct_event on arbitrary payloads, correctly signed (to reach the parser) and with an
//! arbitrary signature (to exercise the signature checks). Must never panic; a correctly signed
//! payload that parses must re-serialize and parse again to the same event.

use cryptotopcard::webhook::{construct_event, sign, verify_webhook};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "whsec_fuzz_0123456789abcdefghijklmnopqrstuvwxyz";

fuzz_target!(|data: &[u8]| {
    let sig = sign(data, SECRET);
    assert!(verify_webhook(data, &sig, SECRET));
    if let Ok(ev) = construct_event(data, &sig, SECRET, 0) {
        let again = serde_json::to_vec(&ev).expect("events serialize");
        let ev2 = construct_event(&again, &sign(&again, SECRET), SECRET, 0)
            .expect("a re-serialized event parses");
        assert_eq!(ev.id(), ev2.id());
        assert_eq!(ev.event_type(), ev2.event_type());
    }
    // Arbitrary bytes as the signature: must be rejected (unless it is the right one).
    if let Ok(s) = std::str::from_utf8(data) {
        let ok = verify_webhook(b"{}", s, SECRET);
        assert_eq!(ok, s == sign(b"{}", SECRET));
        let _ = construct_event(data, s, SECRET, 300);
    }
});
