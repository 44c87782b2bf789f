#!/usr/bin/env bash
# Prism proxy harness (issue #8): every request and response of a client workload goes through
# `prism proxy <spec> <sandbox> --errors`, which validates both against the spec; a violation makes Prism
# answer an error, and the workload fails on it.
#
# Workload: tests/contract/workload.py (Python + requests, every operation of the spec, happy paths and the
# documented errors), then the Rust core's examples/rust/* (cargo examples of the core crate; RUST_EXAMPLE=0
# skips them).
# Env: SKIP_BUILD=1 (use the existing target/debug/ctc-sandbox).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source tests/contract/lib.sh
PY=${PY:-$ROOT/.venv/bin/python}
OUT=$ROOT/target/contract/prism
rm -rf "$OUT"
mkdir -p "$OUT"

# Prism 5.14 pinned in tests/contract/package.json (5.15+ needs Node 24).
if ! node -e 'process.exit(parseInt(process.versions.node) >= 18 ? 0 : 1)'; then
    echo "contract: Node >= 18 is needed for Prism ($(node --version))" >&2
    exit 1
fi
PRISM=tests/contract/node_modules/.bin/prism
if [ ! -x "$PRISM" ] || [ tests/contract/package-lock.json -nt tests/contract/node_modules/.package-lock.json ]; then
    (cd tests/contract && npm ci --no-audit --no-fund --loglevel=error)
fi
"$PRISM" --version | sed 's/^/contract: prism /'

if [ -z "${SKIP_BUILD:-}" ]; then
    ${CARGO:-cargo} build -q -p cryptotopcard-sandbox
fi

PRISM_PID=
cleanup() {
    if [ -n "$PRISM_PID" ]; then
        kill "$PRISM_PID" 2>/dev/null || true
        wait "$PRISM_PID" 2>/dev/null || true
    fi
    stop_sandbox
}
trap cleanup EXIT
start_sandbox "$OUT"

"$PY" tests/contract/prism_spec.py spec/openapi.yaml "$OUT/openapi.prism.json"
PORT=$(free_port)
"$PRISM" proxy "$OUT/openapi.prism.json" "$SANDBOX_URL" --errors --host 127.0.0.1 --port "$PORT" \
    >"$OUT/prism.log" 2>&1 &
PRISM_PID=$!
PRISM_URL="http://127.0.0.1:$PORT"
for i in $(seq 1 300); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then break; fi
    if ! kill -0 "$PRISM_PID" 2>/dev/null; then
        echo "contract: prism exited:" >&2; cat "$OUT/prism.log" >&2; exit 1
    fi
    sleep 0.2
done
echo "contract: prism proxy pid $PRISM_PID at $PRISM_URL -> $SANDBOX_URL"

# Prism ignores the servers' base path (/v1): clients call it without /v1 and it forwards to <sandbox>/v1/...
export CRYPTOTOPCARD_BASE_URL=$PRISM_URL
rc=0
CRYPTOTOPCARD_API_KEY="sk_test_prism_$(python3 -c 'import secrets; print(secrets.token_hex(8))')" \
    "$PY" tests/contract/workload.py 2>&1 | tee "$OUT/workload.txt" || rc=$?
# The Rust core's examples (examples/rust/*.rs, declared as [[example]] of the core crate) through Prism too.
RUST_EXAMPLES=$(python3 -c '
import re, sys
text = open("core/Cargo.toml", encoding="utf-8").read()
for block in text.split("[[example]]")[1:]:
    name = re.search(r"name\s*=\s*\"([^\"]+)\"", block)
    path = re.search(r"path\s*=\s*\"([^\"]+)\"", block)
    if name and path and "examples/rust/" in path.group(1):
        print(name.group(1))
' 2>/dev/null || true)
if [ "$rc" -eq 0 ] && [ "${RUST_EXAMPLE:-1}" != "0" ]; then
    for ex in $RUST_EXAMPLES; do
        echo "contract: running the Rust core example '$ex' through Prism"
        CRYPTOTOPCARD_API_KEY="sk_test_prism_rust_$(python3 -c 'import secrets; print(secrets.token_hex(8))')" \
            ${CARGO:-cargo} run -q -p cryptotopcard --example "$ex" 2>&1 | tee "$OUT/rust-example-$ex.txt" || rc=$?
        [ "$rc" -eq 0 ] || break
    done
fi
violations=$(grep -c "Violation:" "$OUT/prism.log" || true)
echo "contract: prism logged $violations violation(s); log in $OUT/prism.log"
if [ "$violations" -ne 0 ]; then
    grep "Violation:" "$OUT/prism.log" | sort | uniq -c | head -50 >&2
    rc=1
fi
exit "$rc"
