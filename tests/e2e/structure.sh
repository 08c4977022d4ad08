# The dossier's structure as standard tools read the PDF (qpdf --json,
# pdftotext): the cover's fields, the contents whose page numbers are the
# pages where each heading stands and whose entries jump there, bookmarks
# mirroring the headings, roman then arabic page labels, the document
# information in UTF-16, several inputs as chapters of one dossier.
. tests/tools/lib.sh
check() {
    python3 tests/tools/pdfcheck.py "$@" > "$T/check" 2>&1 || { cat "$T/check"; fail "pdfcheck $*"; }
}

# the first dossier: cover and one page of contents before the body
pdf=$T/kz.pdf
expect_status 0 "$DOSSIER" -o "$pdf" sources/kazakhstan.md
check "$pdf" labels=2 contents outline links \
    "info:Title=Kazakhstan: Country Report" \
    "info:Subject=Political system, state of democracy, human rights, and recommendations for the Foundation" \
    "info:Keywords=Kazakhstan, elections, freedom of expression, freedom of assembly, human rights" \
    "info:Author=Country briefing" \
    "text:1=Kazakhstan: Country Report" "text:1=FOR DONOR USE ONLY" "text:2=Contents"
grep -q "17 contents entries, 17 bookmarks" "$T/check" || { cat "$T/check"; fail "the dossier's 17 headings are not all in the contents and outline"; }

# every cover field, in the cover's order, and the metadata in UTF-16
cat > "$T/cover.md" <<'EOF'
---
title: "Қазақстан: доклад о правах человека"
subtitle: Political system and human rights
organization: Open Society Test Foundation
author: Research Team Ålesund
date: "March 2024"
version: "2.3"
classification: Confidential — for donor use only
keywords: [выборы, media]
---
# Первая глава

Text of the first chapter.

## A section

More text.

### A subsection

Deeper text.
EOF
expect_status 0 "$DOSSIER" -o "$T/cover.pdf" "$T/cover.md"
check "$T/cover.pdf" labels=2 contents outline \
    "info:Title=Қазақстан: доклад о правах человека" "info:Author=Research Team Ålesund" \
    "info:Subject=Political system and human rights" "info:Keywords=выборы, media" "info:Creator=dossier $("$DOSSIER" --version | cut -d' ' -f2)" \
    "text:1=OPEN SOCIETY TEST FOUNDATION Қазақстан: доклад о правах человека Political system and human rights" \
    "text:1=Research Team Ålesund March 2024 Version 2.3 CONFIDENTIAL — FOR DONOR USE ONLY"
qpdf --qdf --object-streams=disable "$T/cover.pdf" "$T/cover.qdf"
grep -aq "/Title <feff" "$T/cover.qdf" || fail "the title is not a UTF-16 string"
grep -aq "/Author <feff" "$T/cover.qdf" || fail "the author is not a UTF-16 string"
# toc-depth 2 leaves the subsection out of the contents, not of the outline
grep -q "2 contents entries, 3 bookmarks" "$T/check" || { cat "$T/check"; fail "toc-depth 2: wrong entry or bookmark count"; }
expect_status 0 "$DOSSIER" -D toc-depth=3 -o "$T/depth3.pdf" "$T/cover.md"
check "$T/depth3.pdf" contents
grep -q "3 contents entries" "$T/check" || { cat "$T/check"; fail "toc-depth 3 did not list the subsection"; }
expect_status 0 "$DOSSIER" -D toc-depth=9 -o "$T/depth9.pdf" "$T/cover.md"
expect_err "toc-depth must be a number from 1 to 6"

# cover: false and toc: false take their pages away; a title block stays
expect_status 0 "$DOSSIER" -D cover=false -o "$T/nocover.pdf" "$T/cover.md"
check "$T/nocover.pdf" labels=1 contents outline "text:1=Қазақстан: доклад о правах человека Political system and human rights" "text:1=Contents"
expect_status 0 "$DOSSIER" -D toc=false -o "$T/notoc.pdf" "$T/cover.md"
check "$T/notoc.pdf" labels=1 outline "text:2=Первая глава"
expect_status 0 "$DOSSIER" -D toc=false -D cover=false -o "$T/neither.pdf" "$T/cover.md"
check "$T/neither.pdf" labels=0 outline "text:1=Қазақстан: доклад о правах человека"

# a style that moves every heading to a page of its own: the contents
# follows the body's pages, whatever they are
printf 'h2, h3 { break-before: page; }\n' > "$T/breaks.css"
expect_status 0 "$DOSSIER" -s "$T/breaks.css" -o "$T/breaks.pdf" sources/kazakhstan.md
check "$T/breaks.pdf" labels=2 contents outline links pages\>=13

# several inputs are chapters of one dossier: in order, each from a new
# page, the first front matter wins, -D wins over all, footnote labels
# belong to their file
printf -- '---\ntitle: Two chapters\nauthor: First Author\n---\n# First chapter\n\nAlpha.[^1]\n\n[^1]: Alpha note.\n' > "$T/one.md"
printf -- '---\ntitle: Ignored\nsubtitle: From the second\nauthor: Second Author\n---\n# Second chapter\n\nBeta.[^1] See [the first](#first-chapter).\n\n[^1]: Beta note.\n' > "$T/two.md"
expect_status 0 "$DOSSIER" -D "version=9.9" -o "$T/two.pdf" "$T/one.md" "$T/two.md"
[ ! -s "$T/err" ] || { cat "$T/err"; fail "two chapters with their own [^1] gave diagnostics"; }
check "$T/two.pdf" labels=2 contents outline links footnotes "info:Title=Two chapters" "info:Author=First Author" \
    "info:Subject=From the second" "text:1=Version 9.9" "text:3=First chapter" "text:3=1 Alpha note." \
    "text:4=Second chapter" "text:4=2 Beta note." pages\>=4
# each input after the first starts a page: the second chapter is not on the first's page
if pdftotext -f 3 -l 3 "$T/two.pdf" - | grep -q "Second chapter"; then fail "the second input does not start a page"; fi
