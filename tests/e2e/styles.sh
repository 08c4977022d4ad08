# The shipped style sheets: each builds the Kazakhstan dossier cleanly
# (even under --strict); print.css draws in greys only (greyscale-safe:
# nothing it draws depends on hue) and mirrors its margins; letter.css
# sets US Letter pages.
. tests/tools/lib.sh

# a sample with what the dossier lacks: a chart, boxes, code, a footnote
cat > "$T/sample.md" <<'MD'
---
title: Style sample
classification: Internal
---

# Chart and boxes

Text with a [link](https://example.org) and a note.[^1]

```{chart}
:type: bar
:caption: Four series
Year,A,B,C,D
2022,1,2,3,4
2023,4,3,2,1
```

```{note}
A note.
```

```{warning}
A warning.
```

    code block

> A quotation.

| a | b |
| - | - |
| 1 | 2 |
| 3 | 4 |

[^1]: The footnote.
MD

for sheet in print letter; do
    for src in sources/kazakhstan.md "$T/sample.md"; do
        expect_status 0 "$DOSSIER" --strict -s "styles/$sheet.css" -o "$T/$sheet.pdf" "$src"
        [ -s "$T/err" ] && { cat "$T/err" >&2; fail "$sheet.css: diagnostics for $src"; }
        qpdf --check "$T/$sheet.pdf" > /dev/null || fail "$sheet.css: qpdf rejects the PDF of $src"
    done
done

# numbers formatted into buffers of their own stay what they were when
# drawn (a footnote's number, a chart's axis once came out as garbage)
expect_status 0 "$DOSSIER" -s styles/print.css -o "$T/sample.pdf" "$T/sample.md"
pdftotext -layout "$T/sample.pdf" - | grep -Eq '^ *1 +The footnote\.' || fail "the footnote's number is missing"
expect_status 0 "$DOSSIER" -s styles/print.css --dump=layout "$T/sample.md"
for v in 0 1 2 3 4; do
    grep -Eq "^  text .* \"$v\"( \[[^]]*\])?$" "$T/out" || fail "the chart's axis lacks the label $v"
done

# every border style reaches the PDF (dotted borders once stopped the
# PDF library: it refuses dashes of length 0)
expect_status 0 "$DOSSIER" -s tests/golden/borders.css -o "$T/borders.pdf" tests/golden/borders.md
qpdf --check "$T/borders.pdf" > /dev/null || fail "qpdf rejects the PDF with every border style"

# print.css: every colour drawn is a grey (#rrggbb with r = g = b)
for src in sources/kazakhstan.md "$T/sample.md"; do
    expect_status 0 "$DOSSIER" -s styles/print.css --dump=layout "$src"
    grep -Eo '#[0-9a-f]{6}([0-9a-f]{2})?' "$T/out" | sort -u > "$T/colours"
    [ -s "$T/colours" ] || fail "no colours in the dump"
    while read -r c; do
        r=$(echo "$c" | cut -c2-3)
        g=$(echo "$c" | cut -c4-5)
        b=$(echo "$c" | cut -c6-7)
        [ "$r" = "$g" ] && [ "$g" = "$b" ] || fail "print.css draws $c in $src: not a grey"
    done < "$T/colours"
done
# the chart's series stay apart in grey: four different fills
grep -E '^  (rect|path)' "$T/out" > /dev/null || fail "the sample's chart draws nothing"

# print.css: the text block moves with the inner margin (28mm = 79.37pt on
# the left of right-hand pages, on the right of left-hand ones: the left
# margin is then 18mm = 51.02pt)
expect_status 0 "$DOSSIER" -s styles/print.css --dump=layout sources/kazakhstan.md
awk '/^page / { side = $NF; page = $2; next }
     $1 == "text" && $3 > 80 && $3 < 760 && (!(page in min) || $2 < min[page]) { min[page] = $2; s[page] = side }
     END { for (p in min) print p, s[p], min[p] }' "$T/out" | sort -n > "$T/left-edges"
cat "$T/left-edges"
[ "$(wc -l < "$T/left-edges")" -ge 6 ] || fail "too few pages measured"
while read -r page side x; do
    [ "$page" -eq 1 ] && continue # the cover
    case "$side" in
    right) want=79.37 ;;
    left) want=51.02 ;;
    esac
    awk -v x="$x" -v w="$want" 'BEGIN { exit !(x >= w - 0.01) }' || fail "page $page ($side): text at x=$x, left of its margin $want"
    awk -v x="$x" -v w="$want" 'BEGIN { exit !(x <= w + 30) }' || fail "page $page ($side): no text near its left margin $want (x=$x)"
done < "$T/left-edges"

expect_status 0 "$DOSSIER" -s styles/letter.css --dump=layout sources/kazakhstan.md
# letter.css sets ragged-right text with hyphenation: a line that ends
# without a hyphen ends with a whole word of the source (a break at the
# ragged-right glue inside a word once dropped the hyphen: "particu");
# headings are upper case there, and the contents' title is the style
# sheet's word
awk '/line-box/ { h = / hyphen/; want = 1; next }
     want && $1 == "text" { want = 0; if (!h) { s = $0; sub(/ \[[^]]*\]$/, "", s); sub(/"$/, "", s); sub(/^[^"]*"/, "", s); n = split(s, w, " "); print w[n] } }' \
    "$T/out" | sed 's/^[^[:alnum:]]*//; s/[^[:alnum:]]*$//' | awk 'length($0) > 1' | sort -u > "$T/ends"
[ "$(wc -l < "$T/ends")" -gt 50 ] || fail "too few line ends to check"
while read -r word; do
    grep -qiwF -- "$word" sources/kazakhstan.md styles/default.css || fail "letter.css: a line ends inside a word without a hyphen: '$word'"
done < "$T/ends"

# letter.css: US Letter, 8.5 x 11 in
grep '^page ' "$T/out" > "$T/pages"
[ -s "$T/pages" ] || fail "no pages"
grep -v 'size=612.0x792.0' "$T/pages" && fail "letter.css: a page is not US Letter"
# and the built-in sheet: A4
expect_status 0 "$DOSSIER" --dump=layout sources/kazakhstan.md
grep '^page ' "$T/out" | grep -v 'size=595.3x841.9' && fail "the built-in sheet: a page is not A4"
exit 0

# print.css: the contents and the body open on right-hand pages; the pages
# left over before them are blank (no running heads either)
"$DOSSIER" -s styles/print.css --dump=layout sources/kazakhstan.md > "$T/print-dump" || fail "print.css dump failed"
grep -q "^page 5 label=1 size=595.3x841.9 right" "$T/print-dump" || fail "the body does not open on a right-hand page"
grep -q "^page 3 label=iii size=595.3x841.9 right" "$T/print-dump" || fail "the contents do not open on a right-hand page"
for blank in 2 4; do
    awk -v p="$blank" '/^page /{cur=$2} cur==p && !/^page /' "$T/print-dump" | grep -q . &&
        fail "page $blank should be blank"
done
