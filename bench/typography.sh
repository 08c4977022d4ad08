#!/bin/sh
# Line breaking cost: Knuth-Plass (total fit, with its passes and
# hyphenation) against greedy first fit, timed in the same run on the same
# long document (the Kazakhstan dossier's body repeated to over 100 pages).
# The engine reports with -v the time it spends breaking lines (building the
# items of every paragraph, hyphenating, choosing breaks) and, of that, the
# time in the breaking algorithm alone.
#
# usage: bench/typography.sh BUILD_DIR [RUNS]
# Prints the medians per page of each and their ratios as a Markdown
# section (bench/run.sh adds it to RESULTS.md); exits 1 when total fit's
# line breaking costs more than 3 times first fit's.
set -eu
BUILD=${1:?usage: bench/typography.sh BUILD_DIR [RUNS]}
RUNS=${2:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
cd "$ROOT"
DOSSIER=$BUILD/dossier
[ -x "$DOSSIER" ] || { echo "no $DOSSIER: build first" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
cp -r sources/data "$T/" 2> /dev/null || true
python3 tests/tools/repeat_body.py sources/kazakhstan.md 18 > "$T/long.md"

# one run: prints pages, line breaking and breaker milliseconds
run() {
    "$DOSSIER" -v "$@" -o "$T/out.pdf" "$T/long.md" 2>&1 |
        sed -n 's/.*: \([0-9]*\) pages,.*(line breaking \([0-9.]*\) ms, breaker \([0-9.]*\) ms).*/\1 \2 \3/p'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run > /dev/null # warm the caches (fonts, hyphenation machines)
: > "$T/kp"
: > "$T/ff"
i=0
while [ $i -lt "$RUNS" ]; do # alternate, so drift hits both alike
    run >> "$T/kp"
    run --first-fit >> "$T/ff"
    i=$((i + 1))
done
pages=$(head -1 "$T/kp" | cut -d' ' -f1)
kp=$(cut -d' ' -f2 "$T/kp" | median)
ff=$(cut -d' ' -f2 "$T/ff" | median)
kpb=$(cut -d' ' -f3 "$T/kp" | median)
ffb=$(cut -d' ' -f3 "$T/ff" | median)
awk -v p="$pages" -v kp="$kp" -v ff="$ff" -v kpb="$kpb" -v ffb="$ffb" -v n="$RUNS" 'BEGIN {
    printf "## Line breaking\n\n"
    printf "Knuth-Plass against first fit on the Kazakhstan dossier repeated to %d pages, median of %d runs each. ", p, n
    printf "Line breaking is finding break opportunities, building items, hyphenating and breaking; "
    printf "the algorithm alone is the breaking passes.\n\n"
    printf "| | line breaking | per page | algorithm alone | per page |\n| --- | --- | --- | --- | --- |\n"
    printf "| Knuth-Plass (passes, hyphenation) | %.2f ms | %.3f ms | %.2f ms | %.3f ms |\n", kp, kp / p, kpb, kpb / p
    printf "| first fit | %.2f ms | %.3f ms | %.2f ms | %.3f ms |\n", ff, ff / p, ffb, ffb / p
    printf "| ratio | %.2f | | %.2f | |\n\n", kp / ff, kpb / ffb
    if (kp > 3 * ff) { print "FAIL: Knuth-Plass line breaking costs more than 3 times first fit."; exit 1 }
    print "Knuth-Plass line breaking costs at most 3 times first fit (the target)."
}'
