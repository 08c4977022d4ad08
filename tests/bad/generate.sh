#!/bin/sh
# Writes the bad inputs that are large or binary into DIR, so the
# repository keeps only what a reader can review. Each has a .expect file
# in tests/bad/ like the committed inputs.
# usage: tests/bad/generate.sh DIR
set -eu
d=$1
mkdir -p "$d"

# input handling
printf '# Title\n\nab\000cd\000\n' > "$d/nul-bytes.md"
printf '# Title\r\n\r\nline one\r\nline two\r\n\r\n- item a\r\n- item b\r\n' > "$d/crlf.md"
printf '# Title\r\rline one\rline two\r\r- item a\r- item b\r' > "$d/cr-only.md"
printf '\357\273\277---\ntitle: Marked\n---\n\n# Heading\n\nText after a byte order mark.\n' > "$d/bom.md"
printf '# Title\n\nGood text, then a bad byte: \377 here, \300\200 an overlong one, \355\240\200 a surrogate.\n' > "$d/invalid-utf8.md"
cp "$d/invalid-utf8.md" "$d/invalid-utf8-replaced.md"
printf ' \t\n\n   \n\t\t\n' > "$d/whitespace-only.md"

# sizes: one byte over the default limit of 16 MiB; 300 KB against --max-input-size
head -c 16777217 /dev/zero | tr '\000' 'a' > "$d/over-default-limit.md"
awk 'BEGIN { for (i = 0; i < 6000; i++) print "A line of ordinary prose, number " i ", to fill the file." }' > "$d/over-given-limit.md"
cp "$d/over-given-limit.md" "$d/limit-raised.md"

# shapes that stress the parser and the layout
awk 'BEGIN { printf "# Word\n\n"; for (i = 0; i < 200000; i++) printf "a"; printf "\n" }' > "$d/enormous-word.md"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "> "; print "deep" }' > "$d/nested-quotes.md"
awk 'BEGIN { for (i = 0; i < 2000; i++) { for (j = 0; j < i; j++) printf "  "; print "- item " i } }' > "$d/nested-lists.md"
awk 'BEGIN { for (i = 0; i < 1000; i++) { for (j = 0; j < i; j++) printf "   "; print "1. item " i } }' > "$d/nested-ordered-lists.md"
awk 'BEGIN { n = 300
    printf "|"; for (i = 0; i < n; i++) printf " c%d |", i; print ""
    printf "|"; for (i = 0; i < n; i++) printf "---|"; print ""
    for (r = 0; r < 3; r++) { printf "|"; for (i = 0; i < n; i++) printf " v%d |", i; print "" } }' > "$d/wide-table.md"
awk 'BEGIN { print "| Case | Region | Status |"; print "|---|---|---|"
    for (r = 0; r < 20000; r++) printf "| row%d | Almaty | open |\n", r }' > "$d/long-table.md"
awk 'BEGIN { print "```{table}"; print ":header-rows: 1"; print "Case,Region,Status"
    for (r = 0; r < 20000; r++) printf "row%d,Astana,\"closed, appealed\"\n", r; print "```" }' > "$d/long-csv-table.md"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "*a **b "; print "" }' > "$d/emphasis-storm.md"
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; printf "x"; for (i = 0; i < 50000; i++) printf "]"; print "" }' > "$d/brackets.md"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "[a]("; print "" }' > "$d/open-links.md"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "$a "; print ""; print ""; printf "$$"; for (i = 0; i < 20000; i++) printf "x $ "; print "" }' > "$d/dollar-storm.md"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "`"; printf "x"; for (i = 0; i < 9999; i++) printf "`"; print "" }' > "$d/backticks.md"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "Text[^n%d] ", i; print ""; print ""
    for (i = 0; i < 5000; i++) printf "[^n%d]: Note %d.\n\n", i, i }' > "$d/many-footnotes.md"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "## Heading %d\n\nText %d.\n\n", i, i }' > "$d/many-headings.md"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "```{note}\n"; print "core"; for (i = 0; i < 3000; i++) printf "```\n" }' > "$d/nested-directives.md"

# front matter
awk 'BEGIN { printf "---\nkey: "; for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print ""; print "---"; print ""; print "Text." }' > "$d/yaml-deep.md"

# images and style sheets that are not what they claim
printf '\211PNG\r\n\032\n' > "$d/corrupt.png"
awk 'BEGIN { for (i = 0; i < 400; i++) printf "%c", (i * 37 + 11) % 256 }' >> "$d/corrupt.png"
head -c 60 "$(dirname "$0")/../fuzz/files/small.png" > "$d/truncated.png"
awk 'BEGIN { for (i = 0; i < 4096; i++) printf "%c", (i * 131 + 7) % 256 }' > "$d/css-binary.css"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "div "; print "{ color: red }" }' > "$d/css-deep-selector.css"
awk 'BEGIN { printf "p::before { content: \""; for (i = 0; i < 100000; i++) printf "x"; print "\" }" }' > "$d/css-long-content.css"

# the same diagnostic thousands of times: fifty, then a count
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "![figure %d](missing.png)\n\n", i }' > "$d/many-missing-images.md"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "Text <font color=\"red\">in red</font> %d.\n\n", i }' > "$d/many-raw-html.md"

# table rows of many cells: cmark-gfm takes time quadratic in a row's cells
awk 'BEGIN { print "| a |"; print "|---|"; for (i = 0; i < 50000; i++) printf "|x"; print "" }' > "$d/table-row-too-wide.md"
awk 'BEGIN { print "| a | b |"; print "|---|---|"; for (r = 0; r < 300; r++) { for (i = 0; i < 499; i++) printf "|x%d", r; print "" } }' > "$d/table-rows-wide.md"
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "*a"; print "" }' > "$d/long-line-of-markers.md"
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "Text[^n] "; print ""; print ""; print "[^n]: The note." }' > "$d/footnote-refs-one-line.md"
