// A build script reports failure by panicking: expect() is its error path.
#![allow(clippy::expect_used)]

//! Generates the C header with cbindgen into OUT_DIR on every build. The checked-in copy
//! (include/cryptotopcard.h, used by cgo) is rewritten only when CTC_UPDATE_HEADER=1
//! (`make go-header`); the test `header_is_current` fails when the two differ.

use std::env;
use std::path::PathBuf;

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let sources = [
        "error.rs",
        "ffi.rs",
        "client.rs",
        "cancel.rs",
        "webhook.rs",
        "logging.rs",
    ];
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=CTC_UPDATE_HEADER");
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("bindings-go/cbindgen.toml is readable");
    let mut builder = cbindgen::Builder::new().with_config(config);
    for file in sources {
        let path = crate_dir.join("src").join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        builder = builder.with_src(path);
    }
    let bindings = builder
        .generate()
        .expect("cbindgen could not generate the header");
    bindings.write_to_file(out_dir.join("cryptotopcard.h"));
    if env::var_os("CTC_UPDATE_HEADER").is_some_and(|v| v == "1") {
        bindings.write_to_file(crate_dir.join("include").join("cryptotopcard.h"));
    }
}
