#!/usr/bin/env bash
# `make demo-kotlin`: starts target/debug/ctc-sandbox on a free port, runs the Kotlin example
# against it with a fresh sk_test_ key, stops the sandbox. Needs the SDK jar in ~/.m2
# (`mvn install` in bindings-mobile/kotlin, done by the make target).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sandbox=${CTC_SANDBOX_BIN:-$root/target/debug/ctc-sandbox}
[[ -x $sandbox ]] || { echo "run-demo.sh: no $sandbox (cargo build -p cryptotopcard-sandbox)" >&2; exit 1; }

log=$(mktemp)
"$sandbox" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n '1s|^listening on \(http://127\.0\.0\.1:[0-9]*/v1\)$|\1|p' "$log")
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "run-demo.sh: sandbox exited" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "run-demo.sh: sandbox did not print its address" >&2; exit 1; }

export CRYPTOTOPCARD_BASE_URL=$url
export CRYPTOTOPCARD_API_KEY="sk_test_kotlin_demo_$(date +%s)_$$"
cd "$here"
mvn ${MVN_FLAGS:--B -q -Dstyle.color=never} compile exec:exec
