#!/bin/sh
# --watch: how long a rebuild takes after a one-word change of the seed
# dossier (sources/kazakhstan.md), as the watch's own status lines report
# it (parse to PDF written), and the CPU time the process spent per
# rebuild, over BENCH_WATCH_CHANGES changes (default 10).
# Target: under 50 ms. Prints a Markdown section for bench/RESULTS.md.
# usage: bench/watch.sh BUILD_DIR
set -u
BUILD=${1:-build}
CHANGES=${BENCH_WATCH_CHANGES:-10}
W=$(mktemp -d "${TMPDIR:-/tmp}/dossier-watch.XXXXXX")
trap 'kill "$pid" 2> /dev/null; rm -rf "$W"' EXIT
cp sources/kazakhstan.md "$W/seed.md"
cp -r sources/data "$W/data"
"$BUILD/dossier" --watch -o "$W/seed.pdf" "$W/seed.md" 2> "$W/log" &
pid=$!
builds() { grep -cE '^\[[0-9:]+\] built' "$W/log"; }
wait_for() {
    n=0
    while [ "$(builds)" -lt "$1" ] && [ "$n" -lt 300 ]; do sleep 0.05; n=$((n + 1)); done
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
wait_for 1
sleep 0.2
ticks0=$(cpu_ticks)
i=1
while [ "$i" -le "$CHANGES" ]; do
    # one word of the first paragraph, saved by renaming as editors do
    sed "s/the largest landlocked country/the largest landlocked country$i/; s/country$((i - 1)) /country /" "$W/seed.md" > "$W/seed.md.new"
    mv "$W/seed.md.new" "$W/seed.md"
    i=$((i + 1))
    wait_for "$i"
    sleep 0.2 # idle between saves, as a person is
done
ticks1=$(cpu_ticks)
kill -TERM "$pid"
wait "$pid"
# the first build is the cold one; the rest are rebuilds
sed -n 's/^\[[0-9:]*\] built .* in \([0-9]*\) ms$/\1/p' "$W/log" | tail -n +2 | sort -n > "$W/times"
n=$(wc -l < "$W/times")
med=$(sed -n "$(((n + 1) / 2))p" "$W/times")
max=$(tail -n 1 "$W/times")
echo "## --watch rebuilds"
echo
echo "One-word change of the seed dossier (8 pages), saved by renaming; $n rebuilds,"
echo "as the status lines report them (parse to PDF written): median $med ms, slowest $max ms (target < 50 ms);"
# CPU time is what a loaded machine does not inflate: user + system of the
# watching process, in clock ticks, per rebuild
hz=$(getconf CLK_TCK)
python3 -c 'import sys; t, n, hz = map(int, sys.argv[1:]); print("CPU time (user + system) per rebuild: %.1f ms." % (t * 1000.0 / hz / n))' \
    "$((ticks1 - ticks0))" "$n" "$hz"
