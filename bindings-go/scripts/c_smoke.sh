#!/usr/bin/env bash
# Compiles testdata/smoke.c against include/cryptotopcard.h and the static library, starts
# ctc-sandbox on a free port and runs the program against it.
# Usage: c_smoke.sh <path to ctc-sandbox> <path to libcryptotopcard_capi.a>
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sandbox=$1
lib=$2
work=$(mktemp -d)
fifo="$work/out"
mkfifo "$fifo"
"${CC:-cc}" -std=c99 -Wall -Wextra -Werror -I "$here/include" "$here/testdata/smoke.c" "$lib" \
  -lpthread -ldl -lm -o "$work/smoke"
"$sandbox" --port 0 >"$fifo" 2>"$work/sandbox.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
exec 3<"$fifo"
IFS= read -r -t 30 line <&3 || { echo "c-smoke: ctc-sandbox did not start" >&2; cat "$work/sandbox.log" >&2; exit 1; }
cat <&3 >/dev/null &
"$work/smoke" "${line##* }"
