#!/usr/bin/env bash
# Generates the Swift package's sources from the compiled library with uniffi-bindgen-swift:
#   OUT/CryptoTopCard/*.swift              the Swift API (both uniffi namespaces, one Swift module)
#   OUT/../Headers/*.h + module.modulemap  the C module CryptoTopCardFFI (xcframework headers)
# usage: generate.sh [SOURCES_DIR]   (default: bindings-mobile/swift/Sources)
# env:   CTC_MOBILE_LIB  library to read (default target/debug/libcryptotopcard_mobile.so; on a Mac
#                        build-xcframework.sh passes the release .dylib)
#        CTC_SWIFT_HEADERS  where headers go (default: SOURCES_DIR/../Headers)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sources=${1:-$here/Sources}
headers=${CTC_SWIFT_HEADERS:-$sources/../Headers}
lib=${CTC_MOBILE_LIB:-$root/target/debug/libcryptotopcard_mobile.so}
bindgen=${CTC_BINDGEN_SWIFT:-$root/target/debug/uniffi-bindgen-swift}
[[ -f $lib ]] || { echo "generate.sh: no library at $lib (cargo build -p cryptotopcard-mobile)" >&2; exit 1; }
[[ -x $bindgen ]] || { echo "generate.sh: no $bindgen (cargo build -p uniffi-bindgen)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# uniffi-bindgen runs `cargo metadata`: run it inside the workspace.
cd "$root"
"$bindgen" --swift-sources --headers --modulemap \
  --module-name CryptoTopCardFFI --modulemap-filename module.modulemap \
  --config "$root/bindings-mobile/uniffi-bindgen.toml" \
  "$lib" "$tmp"

mkdir -p "$sources/CryptoTopCard" "$headers"
rm -f "$sources"/CryptoTopCard/*.swift "$headers"/*.h "$headers"/module.modulemap
mv "$tmp"/*.swift "$sources/CryptoTopCard/"
mv "$tmp"/*.h "$tmp"/module.modulemap "$headers/"
echo "generate.sh: $(ls "$sources/CryptoTopCard" | wc -l) Swift files, $(ls "$headers" | wc -l) header/modulemap files"
