#!/bin/sh
# Runs every benchmark program of a Release build folder (make bench).
# Usage: benchmarks/run.sh BUILD_DIR [extra Google Benchmark flags]
set -eu
build=${1:-build-release}
shift || true
for program in "$build"/benchmarks/*_benchmark; do
    [ -x "$program" ] || continue
    echo "== $(basename "$program")"
    "$program" --benchmark_counters_tabular=true "$@"
done
