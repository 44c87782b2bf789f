//! The uniffi-bindgen CLI, pinned to the uniffi version of `cryptotopcard-mobile`.
//!
//! `cargo run -p uniffi-bindgen -- generate --library target/debug/libcryptotopcard_mobile.so --language kotlin --out-dir ...`
fn main() {
    uniffi::uniffi_bindgen_main()
}
