#!/usr/bin/env bash
# Cargo wrapper for `napi build` (set as CARGO by bindings-node/rules.mk).
#
# `napi build` always passes `--target <triple>`. For the host triple that only moves the build
# into target/<triple>/, where every dependency (core, sandbox, tokio, reqwest, axum...) would be
# compiled a second time next to the workspace's own target/debug and target/release. This drops
# `--target <host>` so the addon shares the workspace cache, then puts the library where napi
# looks for it (target/<triple>/<profile>/). Any other target passes through unchanged.
set -euo pipefail
host="$(rustc -vV | sed -n 's/^host: //p')"
args=()
profile=debug
dropped=0
while [ $# -gt 0 ]; do
  case "$1" in
    --target)
      if [ "${2:-}" = "$host" ]; then dropped=1; shift 2; continue; fi
      args+=("$1" "$2"); shift 2; continue ;;
    --release|-r) profile=release ;;
    --profile) profile="$2"; args+=("$1" "$2"); shift 2; continue ;;
  esac
  args+=("$1")
  shift
done
cargo "${args[@]}"
if [ "$dropped" = 1 ] && [ "${args[0]:-}" = build ]; then
  target_dir="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/target}"
  [ "$profile" = dev ] && profile=debug
  mkdir -p "$target_dir/$host/$profile"
  cp -f "$target_dir/$profile/libcryptotopcard_node.so" "$target_dir/$host/$profile/libcryptotopcard_node.so"
fi
