#!/usr/bin/env bash
# Fuzzes the vm.cfg parser and the typed-config builder with libFuzzer.
#   fuzz/run.sh [RUNS]     default 1000000 executions; seeds from Fixtures/
# Prints libFuzzer's final stats; exits nonzero on a crash, a leak-free hang (timeout) or an
# invariant failure (see FuzzParser.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1000000}
OUT=.build-fuzz
mkdir -p "$OUT" "$OUT/corpus"
sources=$(find Sources/ConfigParser -name '*.swift' | sort)
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ConfigParser \
  $sources fuzz/FuzzParser.swift -o "$OUT/fuzz-parser"
cp Fixtures/*/*.cfg "$OUT/corpus/" 2>/dev/null || true
# The dictionary steers mutations toward the language's tokens.
"$OUT/fuzz-parser" -runs="$RUNS" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -dict=fuzz/vmcfg.dict -print_final_stats=1 -artifact_prefix="$OUT/" "$OUT/corpus" 2>&1 |
  tee "$OUT/last-run.log" | grep -E '^(stat::|#[0-9]+ *DONE|==|SUMMARY|Done|INFO: seed)' || true
status=${PIPESTATUS[0]}
grep -E 'stat::number_of_executed_units' "$OUT/last-run.log" || true
exit "$status"
