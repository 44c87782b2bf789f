# Shared helpers for the contract harnesses (sourced, not run).
# start_sandbox LOGDIR: starts target/debug/ctc-sandbox on a free port (--port 0) and sets SANDBOX_PID and
# SANDBOX_URL (http://127.0.0.1:PORT/v1, read from the first stdout line). stop_sandbox: stops it by its pid.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SANDBOX_BIN=${SANDBOX_BIN:-$ROOT/target/debug/ctc-sandbox}
SANDBOX_PID=
SANDBOX_URL=

start_sandbox() {
    local dir=$1
    mkdir -p "$dir"
    if [ ! -x "$SANDBOX_BIN" ]; then
        echo "contract: $SANDBOX_BIN not built (run: cargo build -p cryptotopcard-sandbox)" >&2
        return 1
    fi
    "$SANDBOX_BIN" --port 0 >"$dir/sandbox.out" 2>"$dir/sandbox.err" &
    SANDBOX_PID=$!
    local i
    for i in $(seq 1 300); do
        SANDBOX_URL=$(head -n 1 "$dir/sandbox.out" 2>/dev/null | grep -o 'http://127\.0\.0\.1:[0-9]*/v1' || true)
        if [ -n "$SANDBOX_URL" ]; then
            echo "contract: sandbox pid $SANDBOX_PID at $SANDBOX_URL"
            return 0
        fi
        if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then
            echo "contract: the sandbox exited before listening:" >&2
            cat "$dir/sandbox.err" >&2
            SANDBOX_PID=
            return 1
        fi
        sleep 0.1
    done
    echo "contract: the sandbox did not print its URL within 30 s" >&2
    stop_sandbox
    return 1
}

stop_sandbox() {
    if [ -n "${SANDBOX_PID:-}" ]; then
        kill "$SANDBOX_PID" 2>/dev/null || true
        wait "$SANDBOX_PID" 2>/dev/null || true
        SANDBOX_PID=
    fi
}

# A free TCP port on 127.0.0.1 (bound then released; the caller binds it right after).
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
