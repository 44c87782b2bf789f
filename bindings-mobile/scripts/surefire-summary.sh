#!/usr/bin/env bash
# Prints one closing line "LABEL: N passed, N failed[, N skipped]" from Surefire XML reports,
# because `mvn -q` hides Surefire's own summary. Exits 1 when no test ran at all.
set -euo pipefail
dir=${1:?surefire reports dir}
label=${2:-tests}
tests=0 failures=0 errors=0 skipped=0
shopt -s nullglob
for f in "$dir"/TEST-*.xml; do
  # The <testsuite ...> opening tag carries the counts.
  line=$(grep -m1 -o '<testsuite [^>]*>' "$f")
  for key in tests failures errors skipped; do
    v=$(sed -n "s/.* $key=\"\([0-9]*\)\".*/\1/p" <<<"$line")
    printf -v "$key" '%d' $(( ${!key} + ${v:-0} ))
  done
done
failed=$((failures + errors))
passed=$((tests - failed - skipped))
if (( skipped > 0 )); then
  echo "$label: $passed passed, $failed failed, $skipped skipped"
else
  echo "$label: $passed passed, $failed failed"
fi
if (( tests == 0 )); then
  echo "$label: no test ran" >&2
  exit 1
fi
