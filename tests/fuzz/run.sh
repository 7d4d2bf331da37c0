#!/bin/sh
# Runs every fuzz target of a fuzz build for a bounded time (make fuzz), or
# for a fixed number of inputs from a fixed seed (runs=N: make test's smoke
# run, the same inputs every time).
# Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_EACH | runs=N] [TARGET...]
#
# Each target keeps a growing corpus in BUILD_DIR/tests/fuzz/corpus/TARGET and
# reads its seeds from .../seeds/TARGET (made from the fixtures at build time);
# a crash is saved as .../artifacts/TARGET-crash-<sha1>, the log as
# .../logs/TARGET.log.  Prints one line per target (executions, final corpus
# as units/bytes, coverage, executions per second) and fails when any target
# found something.
set -u
build=$1
limit=${2:-60}
shift 2 2>/dev/null || shift $#
here=$(cd "$(dirname "$0")" && pwd)
out="$build/tests/fuzz"
mkdir -p "$out/corpus" "$out/artifacts" "$out/logs"

targets="$*"
if [ -z "$targets" ]; then
    for program in "$out"/fuzz_*; do
        [ -x "$program" ] && [ -f "$program" ] && targets="$targets $(basename "$program")"
    done
fi
[ -n "$targets" ] || { echo "run.sh: no fuzz targets in $out (build with make fuzz)" >&2; exit 1; }

failed=0
printf '%-26s %12s %14s %8s %8s  %s\n' target executions corpus coverage exec/s result
for name in $targets; do
    mkdir -p "$out/corpus/$name"
    set -- "$out/corpus/$name"
    [ -d "$out/seeds/$name" ] && set -- "$@" "$out/seeds/$name"
    # A dictionary applies to every target whose name it starts: fuzz_csv.dict.
    for dict in "$here"/*.dict; do
        [ -f "$dict" ] || continue
        case $name in "$(basename "$dict" .dict)"*) set -- "-dict=$dict" "$@" ;; esac
    done
    # -timeout: an input taking that long is reported as a hang.
    # A smoke run (runs=N) leaves out what serves long campaigns: the
    # entropic schedule's bookkeeping, replacing corpus inputs by smaller
    # ones, and naming each newly covered function (a symbolizer call):
    # 500 inputs then take 0.3-0.9 s instead of 3.5-4.5 s under
    # ASan+UBSan, reaching the same coverage (benchmarks/README.md).
    case $limit in
        runs=*) bound="-runs=${limit#runs=} -seed=1 -entropic=0 -reduce_inputs=0 -print_funcs=0" ;;
        *) bound="-max_total_time=$limit" ;;
    esac
    # shellcheck disable=SC2086  # $bound is several options
    "$out/$name" $bound -timeout=25 -rss_limit_mb=2560 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$name-" "$@" >"$out/logs/$name.log" 2>&1
    status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/logs/$name.log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/logs/$name.log" | tail -1)
    # The last status line: "#N DONE cov: C ft: F corp: UNITS/BYTES ...".
    last=$(grep 'corp: ' "$out/logs/$name.log" | tail -1)
    corpus=$(echo "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
    coverage=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $status, see $out/logs/$name.log)"
        failed=1
    fi
    printf '%-26s %12s %14s %8s %8s  %s\n' "$name" "${executions:-?}" "${corpus:-?}" "${coverage:-?}" \
        "${speed:-?}" "$result"
done
exit $failed
