#!/bin/sh
# Long tables: compiles one generated {table} of 1,000 to 20,000 rows (names
# in Latin and Cyrillic, a quoted charge, a number) and prints, per size,
# the rows, the wall-clock seconds, the seconds per row and the peak
# memory (resident set size). Time per row should stay flat from 1,000 to
# 20,000 rows (linear scaling) and the peak stay under 200 MB.
#
# usage: bench/tables.sh BUILD_DIR [ROWS...]
#   default sizes: 1000 2000 5000 10000 20000
# Exits 1 when the time per row at the largest size is more than 1.5 times
# that at the smallest, or the peak memory passes 200 MB.
set -u
BUILD=${1:-build}
[ $# -gt 0 ] && shift
SIZES=${*:-1000 2000 5000 10000 20000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DOSSIER="$ROOT/$BUILD/dossier"
[ -x "$DOSSIER" ] || { echo "bench/tables.sh: no $DOSSIER (make BUILD=$BUILD build)"; exit 1; }
OUT=$(mktemp -d "${TMPDIR:-/tmp}/dossier-tables.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

# The peak memory of a command: GNU time when it is there, else
# getrusage of the children through Python.
measure() { # measure OUTFILE CMD... ; writes "seconds kilobytes"
    out=$1
    shift
    if [ -x /usr/bin/time ]; then
        # GNU time for the peak; the clock in nanoseconds (%e has 10 ms steps)
        t0=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$out.kb" "$@" > /dev/null 2>&1 || return 1
        t1=$(date +%s%N)
        echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') $(tail -1 "$out.kb")" > "$out"
    else
        python3 - "$out" "$@" <<'PY' || return 1
import resource, subprocess, sys, time
t0 = time.monotonic()
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
t = time.monotonic() - t0
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write("%.4f %d\n" % (t, kb))
sys.exit(r.returncode)
PY
    fi
}

generate() { # generate ROWS FILE
    awk -v n="$1" 'BEGIN {
        split("Aliya Marat Zhanbolat Dana Yerlan Gulnara Askar Saule Nurlan Aigerim", lat, " ")
        split("Алия Марат Жанболат Дана Ерлан Гульнара Аскар Сауле Нурлан Айгерим", cyr, " ")
        split("Abenova Serikov Mamay Kim Tokayeva Zhylanbaev", lsur, " ")
        split("Абенова Сериков Мамай Ким Токаева Жыланбаев", csur, " ")
        print "---\ntitle: Long table\ncover: false\ntoc: false\n---\n"
        print "```{table}\n:caption: Prosecuted persons\n:class: cases\n:align: r l l l r"
        print "No.,Full name,Date,Charge,Fine (KZT)"
        for (i = 1; i <= n; i++) {
            if (i % 2) name = lat[i % 10 + 1] " " lsur[i % 6 + 1]
            else name = cyr[i % 10 + 1] " " csur[i % 6 + 1]
            printf "%d,%s %d,%d March 2023,\"Participation in an \"\"unauthorized\"\" rally, article %d\",%d\n",
                i, name, i, i % 28 + 1, 400 + i % 90, (i * 7919) % 500000
        }
        print "```"
    }' > "$2"
}

printf '## Long tables\n\nOne generated `{table}` of each size, best of three runs, peak of all (bench/tables.sh).\n\n'
printf '| rows | seconds | s per row | peak MB |\n| ---: | ---: | ---: | ---: |\n'
first=""
last=""
peak_max=0
for n in $SIZES; do
    generate "$n" "$OUT/t$n.md"
    # the best of three runs, the peak of all
    best=""
    for run in 1 2 3; do
        measure "$OUT/m" "$DOSSIER" -q -o "$OUT/t$n.pdf" "$OUT/t$n.md" || { echo "dossier failed on $n rows"; exit 1; }
        read -r s kb < "$OUT/m"
        best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
        peak_max=$(awk -v a="$peak_max" -v b="$kb" 'BEGIN { print (b > a) ? b : a }')
        peak=$kb
    done
    per=$(awk -v s="$best" -v n="$n" 'BEGIN { printf "%.6f", s / n }')
    printf '| %d | %.3f | %s | %.1f |\n' "$n" "$best" "$per" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')"
    [ -z "$first" ] && first=$per
    last=$per
done
status=0
awk -v a="$first" -v b="$last" 'BEGIN { exit !(b <= 1.5 * a) }' ||
    { echo "time per row grows: $first s at the smallest size, $last s at the largest"; status=1; }
awk -v k="$peak_max" 'BEGIN { exit !(k <= 200 * 1024) }' ||
    { echo "peak memory $(awk -v k="$peak_max" 'BEGIN { printf "%.0f", k / 1024 }') MB is over 200 MB"; status=1; }
echo
[ "$status" -eq 0 ] && echo "linear: time per row within 1.5x from the smallest to the largest size; peak under 200 MB"
exit "$status"
