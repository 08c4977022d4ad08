#!/bin/sh
# Remakes the PNG previews of the examples that the README shows: a few
# pages of each example's PDF (built by `make examples`), each page its own
# image 420 pixels high, as examples/NAME/preview-N.png.
# usage: tools/previews.sh BUILD_DIR
set -eu
BUILD=${1:-build}
command -v pdftoppm > /dev/null || { echo "previews: pdftoppm (poppler-utils) is needed" >&2; exit 1; }

# The pages that show what each example is about (blank versos and the
# contents page left out).
pages_of() {
    case $1 in
    country-briefing) echo 1 3 4 6 ;;
    board-report) echo 5 6 7 8 ;;
    donor-summary) echo 1 ;;
    russian) echo 1 3 4 ;;
    *) echo 1 2 3 ;;
    esac
}

for pdf in "$BUILD"/examples/*.pdf; do
    name=$(basename "$pdf" .pdf)
    [ -d "examples/$name" ] || continue
    rm -f "examples/$name"/preview-*.png
    n=0
    for page in $(pages_of "$name"); do
        n=$((n + 1))
        pdftoppm -f "$page" -l "$page" -singlefile -scale-to-y 420 -scale-to-x -1 -png "$pdf" "examples/$name/preview-$n"
    done
    echo "previews: examples/$name: $n page(s)"
done
