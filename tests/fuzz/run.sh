#!/bin/sh
# Runs the libFuzzer target for SECONDS (default 600) with the seed corpus
# and the dictionary, one job. New inputs collect in BUILD/fuzz/corpus;
# crashes land in BUILD/fuzz/crashes: copy each into tests/fuzz/regressions/
# once fixed. Appends a line with the time spent to BUILD/fuzz/log.
# FUZZ_FLAGS adds libFuzzer options (e.g. -fork=1 -ignore_crashes=1 to
# go on after a crash).
# usage: tests/fuzz/run.sh BUILD [SECONDS]
set -eu
build=$1
secs=${2:-600}
fz=$build/fuzz
mkdir -p "$fz/corpus" "$fz/crashes" "$fz/seeds"
sh tests/fuzz/seeds.sh "$fz/seeds" > /dev/null
# stack-use-after-return catches pointers into a returned frame (chart
# labels once pointed into a reused stack buffer)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_stack_use_after_return=1:detect_leaks=1}
start=$(date +%s)
status=0
"$fz/fuzz_pipeline" -max_total_time="$secs" -timeout=20 -rss_limit_mb=3072 -max_len=65536 \
    -dict=tests/fuzz/fuzz.dict -artifact_prefix="$fz/crashes/" -print_final_stats=1 ${FUZZ_FLAGS:-} \
    "$fz/corpus" "$fz/seeds" || status=$?
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) ran $(($(date +%s) - start)) s, exit $status" >> "$fz/log"
exit $status
