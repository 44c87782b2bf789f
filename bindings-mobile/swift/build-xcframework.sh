#!/usr/bin/env bash
# Builds CryptoTopCardFFI.xcframework for the Swift package. Needs a Mac with Xcode and rustup.
#   iOS device       aarch64-apple-ios
#   iOS simulator    aarch64-apple-ios-sim + x86_64-apple-ios   (lipo'd into one fat library)
#   macOS            aarch64-apple-darwin
# Then regenerates Sources/ and Headers/ from the macOS build (must match the checked-in ones,
# which `make test-swift-generated` keeps in step on Linux) and runs `swift build`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[[ $(uname -s) == Darwin ]] || { echo "build-xcframework.sh needs macOS (xcodebuild, lipo)" >&2; exit 1; }
profile=${PROFILE:-release}   # release keeps symbols (strip = "debuginfo"): bindgen reads them
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin)
lib=libcryptotopcard_mobile.a

cd "$root"
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
  cargo build --profile "$profile" -p cryptotopcard-mobile --target "$t"
done
cargo build -p uniffi-bindgen   # host tools (debug is enough)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/ios-sim"
lipo -create \
  "target/aarch64-apple-ios-sim/$profile/$lib" \
  "target/x86_64-apple-ios/$profile/$lib" \
  -output "$out/ios-sim/$lib"

# Headers + modulemap from the macOS dylib (same metadata as every target's library).
CTC_MOBILE_LIB="target/aarch64-apple-darwin/$profile/libcryptotopcard_mobile.dylib" \
  bash "$here/generate.sh" "$here/Sources"

rm -rf "$here/CryptoTopCardFFI.xcframework"
xcodebuild -create-xcframework \
  -library "target/aarch64-apple-ios/$profile/$lib" -headers "$here/Headers" \
  -library "$out/ios-sim/$lib" -headers "$here/Headers" \
  -library "target/aarch64-apple-darwin/$profile/$lib" -headers "$here/Headers" \
  -output "$here/CryptoTopCardFFI.xcframework"

cd "$here" && swift build
echo "built $here/CryptoTopCardFFI.xcframework; git diff bindings-mobile/swift should be empty"
