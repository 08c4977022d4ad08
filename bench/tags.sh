#!/bin/sh
# What tagged PDF (the default) costs against --no-tags on the seed
# dossier (sources/kazakhstan.md): instructions executed (callgrind, so the
# figure does not depend on the machine's load) and bytes of the PDF.
# Target: under 10% of each. Exits 1 when a target is missed.
# usage: bench/tags.sh BUILD_DIR [SOURCE.md]
set -u
BUILD=${1:-build}
SRC=${2:-sources/kazakhstan.md}
command -v valgrind > /dev/null || { echo "bench: valgrind is missing (apt-get install valgrind)"; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/dossier-tags.XXXXXX")
trap 'rm -rf "$W"' EXIT
FONTCONFIG_FILE=$(sh tests/tools/testfonts.sh "$BUILD") || exit 1
export FONTCONFIG_FILE XDG_CACHE_HOME="$W/cache"
# the pattern cache is written on the first run: both measured runs read it
"$BUILD/dossier" -o "$W/warm.pdf" "$SRC" || exit 1
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$W/cg" "$BUILD/dossier" "$@" 2>&1 |
        sed -n 's/.*I *refs: *//p' | tr -d ,
}
tagged=$(instructions -o "$W/tagged.pdf" "$SRC")
plain=$(instructions --no-tags -o "$W/plain.pdf" "$SRC")
for pdf in tagged plain; do
    [ -s "$W/$pdf.pdf" ] || { echo "bench: the $pdf run wrote no PDF under valgrind"; exit 1; }
done
tagged_bytes=$(wc -c < "$W/tagged.pdf")
plain_bytes=$(wc -c < "$W/plain.pdf")
python3 - "$tagged" "$plain" "$tagged_bytes" "$plain_bytes" "$SRC" <<'PY'
import sys
ti, pi, tb, pb = map(int, sys.argv[1:5])
ci, cb = 100 * (ti - pi) / pi, 100 * (tb - pb) / pb
print(f"{sys.argv[5]}: tagged {ti:,} instructions, {tb:,} bytes; --no-tags {pi:,}, {pb:,}")
print(f"tagging costs {ci:+.1f}% instructions, {cb:+.1f}% bytes (target: under 10% each)")
sys.exit(0 if ci < 10 and cb < 10 else 1)
PY
