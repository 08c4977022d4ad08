# The Kazakhstan dossier's figures: its election chart draws 58 of 128
# observed counts in proportion, and every cell of its data files is in
# the PDF's text.
. tests/tools/lib.sh
expect_status 0 "$DOSSIER" --dump=layout sources/kazakhstan.md
cp "$T/out" "$T/layout"
# the bars of the chart are the only rectangles in the first series' colour
awk '$1 == "rect" && $6 == "fill=#1f4e79" { w[n++] = $4 }
     END { if (n != 2) { print "expected 2 bars, found " n; exit 1 }
           r = w[1] / w[0]
           if (r < 58 / 128 - 0.0005 || r > 58 / 128 + 0.0005) { print "58/128 drawn as " r; exit 1 } }' \
    "$T/layout" || fail "the chart's bars are not in proportion"
# the axis ends at 128 (:max:), where the longer bar ends
awk 'NR == FNR { if ($1 == "rect" && $6 == "fill=#1f4e79" && !x1) x1 = $2 + $4; next }
     $1 == "line" && $2 == $4 && ($2 - x1) ^ 2 < 0.0001 { found = 1 }
     END { exit !found }' "$T/layout" "$T/layout" || fail "no gridline at the end of the 128 bar"
expect_status 0 "$DOSSIER" -o "$T/k.pdf" sources/kazakhstan.md
pdftotext "$T/k.pdf" - | tr -s ' \n' '  ' > "$T/text"
for csv in sources/data/kazakhstan-cases.csv sources/data/kazakhstan-election-2023.csv; do
    # each cell's words, quotes and commas of CSV aside (headers are set in capitals)
    tr ',"' '\n\n' < "$csv" | tr -s ' ' '\n' | grep -v '^$' | sort -u | while read -r word; do
        grep -qiF -- "$word" "$T/text" || { echo "'$word' of $csv is not in the PDF"; exit 1; }
    done || fail "cells of $csv are missing"
done
