//! uniffi-bindgen-swift: Swift sources, C headers and one modulemap for all namespaces of the
//! library (used by bindings-mobile/swift/generate.sh).
fn main() {
    uniffi::uniffi_bindgen_swift()
}
