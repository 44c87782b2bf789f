#!/usr/bin/env bash
# `make test-swift-generated`: regenerates the Swift sources and headers into a temporary
# directory and fails if they differ from the checked-in ones (no Swift compiler on Linux, so
# this is what keeps the Swift package from rotting silently).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CTC_SWIFT_HEADERS="$tmp/Headers" bash "$here/generate.sh" "$tmp/Sources" >/dev/null
status=0
diff -ru "$here/Sources/CryptoTopCard" "$tmp/Sources/CryptoTopCard" || status=1
diff -ru "$here/Headers" "$tmp/Headers" || status=1
# The checked-in sources must declare what the package promises.
for sym in "class CryptoTopCard" "enum CryptoTopCardError" "func verifyWebhook" "func constructEvent" \
    "func newIdempotencyKey" "func verifyWebhookAny" "func constructEventAny" "func generateTestSignature" \
    "func errorClasses" "func errorIsA" "protocol LogSink" "func installLogSink" "func withOptions" \
    "case InsufficientFunds(" "case ApiUserAbort(" "func createWithResponse" "func listWithResponse"; do
  grep -q "$sym" "$here"/Sources/CryptoTopCard/*.swift || { echo "missing: $sym" >&2; status=1; }
done
if (( status == 0 )); then
  echo "swift-generated: 1 passed, 0 failed"
else
  echo "Swift sources are stale: run 'make swift-generate' and commit bindings-mobile/swift" >&2
  echo "swift-generated: 0 passed, 1 failed"
fi
exit $status
