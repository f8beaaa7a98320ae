#!/usr/bin/env bash
# Fuzzes the vm.cfg parser and the typed-config builder with libFuzzer.
#   fuzz/run.sh [RUNS]     default 1000000 executions; seeds from Fixtures/
#   FUZZ_SECONDS=N         stop after N seconds instead (for a CI smoke run)
# Prints libFuzzer's final stats; exits nonzero on a crash, a leak-free hang (timeout) or an
# invariant failure (see FuzzParser.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1000000}
OUT=.build-fuzz
mkdir -p "$OUT" "$OUT/corpus"
mapfile -t sources < <(find Sources/ConfigParser -name '*.swift' | sort)
# FUZZ_ASAN=1 adds AddressSanitizer (several times slower; Swift code traps on its own errors).
SANITIZE=fuzzer
[ "${FUZZ_ASAN:-0}" = 1 ] && SANITIZE=fuzzer,address
swiftc -sanitize=$SANITIZE -parse-as-library -O -module-name ConfigParser -package-name xm \
  "${sources[@]}" fuzz/FuzzParser.swift -o "$OUT/fuzz-parser"
cp Fixtures/*/*.cfg "$OUT/corpus/" 2>/dev/null || true
# The dictionary steers mutations toward the language's tokens.
set +e
# Swift's own backtracer would take the crash signal before libFuzzer saves the input.
SWIFT_BACKTRACE=enable=no "$OUT/fuzz-parser" -runs="$RUNS" -max_total_time="${FUZZ_SECONDS:-0}" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -dict=fuzz/vmcfg.dict -print_final_stats=1 -artifact_prefix="$OUT/" "$OUT/corpus" > "$OUT/last-run.log" 2>&1
status=$?
set -e
grep -E '^(stat::|#[0-9]+ *DONE|Done)' "$OUT/last-run.log" || true
if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (exit $status); the input is saved as $OUT/crash-* or timeout-*:"
  grep -E -A3 'Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer' "$OUT/last-run.log" | head -20
fi
exit "$status"
