#!/usr/bin/env bash
# Runs schemathesis (default checks, see schemathesis.toml) against a real ctc-sandbox on a free port,
# with spec/openapi.yaml as the contract. Fails on any failure. Bounded for a 2-core machine.
#
# Env: MAX_EXAMPLES (default 20 per operation), SEED (default fixed, for reproducible runs; "random" for none),
#      WORKERS (default 2), SKIP_BUILD=1 (use the existing target/debug/ctc-sandbox),
#      ST_EXTRA (extra schemathesis arguments).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source tests/contract/lib.sh
ST=${ST:-$ROOT/.venv/bin/schemathesis}
OUT=$ROOT/target/contract/schemathesis
MAX_EXAMPLES=${MAX_EXAMPLES:-60}
SEED=${SEED:-20260415}
WORKERS=${WORKERS:-2}
rm -rf "$OUT"
mkdir -p "$OUT"

if [ -z "${SKIP_BUILD:-}" ]; then
    ${CARGO:-cargo} build -q -p cryptotopcard-sandbox
fi
trap stop_sandbox EXIT
start_sandbox "$OUT"

# Each run gets its own sandbox account (any sk_test_ key creates one with a 10,000.00 USD wallet).
KEY="sk_test_contract_$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
SEED_ARGS=()
if [ "$SEED" != "random" ]; then SEED_ARGS=(--seed "$SEED"); fi

start=$(date +%s)
set +e
"$ST" --config-file tests/contract/schemathesis.toml run spec/openapi.yaml \
    --url "$SANDBOX_URL" \
    -H "Authorization: Bearer $KEY" \
    --max-examples "$MAX_EXAMPLES" \
    --workers "$WORKERS" \
    "${SEED_ARGS[@]}" \
    --report junit,ndjson --report-dir "$OUT" \
    --output-truncate false \
    ${ST_EXTRA:-} 2>&1 | tee "$OUT/output.txt"
rc=${PIPESTATUS[0]}
set -e
end=$(date +%s)
echo "contract: schemathesis exit code $rc after $((end - start)) s (max-examples $MAX_EXAMPLES, seed $SEED); report in $OUT"
if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then
    echo "contract: the sandbox died during the run" >&2
    cat "$OUT/sandbox.err" >&2
    exit 1
fi
exit "$rc"
