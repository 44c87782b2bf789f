#!/usr/bin/env bash
# Starts ctc-sandbox on a free port, runs examples/go against it, stops the sandbox.
# Usage: demo.sh <path to ctc-sandbox> <examples/go dir>
set -euo pipefail
sandbox=$1
example_dir=$2
log=$(mktemp)
fifo=$(mktemp -u)
mkfifo "$fifo"
"$sandbox" --port 0 >"$fifo" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$fifo" "$log"' EXIT
exec 3<"$fifo"
if ! IFS= read -r -t 30 line <&3; then
  echo "demo-go: ctc-sandbox did not start" >&2
  cat "$log" >&2
  exit 1
fi
# Keep draining the sandbox's stdout so it never blocks on a full pipe.
cat <&3 >/dev/null &
url=${line##* }
echo "demo-go: sandbox at $url"
cd "$example_dir"
CRYPTOTOPCARD_BASE_URL="$url" CRYPTOTOPCARD_API_KEY="sk_test_demo_go_$$" go run .
