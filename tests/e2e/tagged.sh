# Tagged PDF (the default): every dossier in sources/ and the long
# generated one pass tests/tools/tagcheck.py (marked content, structure
# tree, ParentTree, nesting, Alt, links, Lang, MarkInfo, fonts); the
# checker notices each way of breaking a PDF it is shown; --no-tags
# writes no structure at all; and the seed's structure reads its words
# in the order of its source.
. tests/tools/lib.sh
PY=python3
$PY -c 'import pikepdf' 2> /dev/null || PY=/usr/bin/python3
$PY -c 'import pikepdf' 2> /dev/null || fail "python3-pikepdf is needed (tools/deps.sh installs it)"

for md in sources/*.md; do
    name=$(basename "$md" .md)
    expect_status 0 "$DOSSIER" -o "$T/$name.pdf" "$md"
    $PY tests/tools/tagcheck.py "$T/$name.pdf" || fail "$name: tagging checks failed"
done

python3 tests/tools/long_dossier.py "$T/long" || fail "the generator failed"
expect_status 0 "$DOSSIER" -o "$T/long.pdf" "$T/long/long.md"
$PY tests/tools/tagcheck.py "$T/long.pdf" || fail "long dossier: tagging checks failed"

# the checker is not blind: each mutation of the seed's PDF is reported
seed=$T/kazakhstan.pdf
for how in untagged-paint unbalanced orphan-mcid no-lang figure-alt bad-nesting parent-tree bad-lang bullet-artifact; do
    $PY tests/tools/tagmutate.py "$seed" "$T/bad-$how.pdf" "$how" || fail "mutation $how failed"
    if $PY tests/tools/tagcheck.py "$T/bad-$how.pdf" 2> "$T/why"; then
        fail "the checker passed a PDF broken by $how"
    fi
done

# an element's /Lang too (the seed has none: its bad-lang is the catalog's)
expect_status 0 "$DOSSIER" -o "$T/languages.pdf" tests/tags/languages.md
$PY tests/tools/tagmutate.py "$T/languages.pdf" "$T/bad-elem-lang.pdf" bad-lang || fail "mutation bad-lang failed"
$PY tests/tools/tagcheck.py "$T/bad-elem-lang.pdf" 2> "$T/why" && fail "the checker passed an element's /Lang that is no language tag"
grep -q "Span: /Lang 'not a language'" "$T/why" || { cat "$T/why"; fail "the element's bad /Lang was not the problem found"; }

# letter-spaced text reads as words, not letter by letter
printf -- '---\ntitle: Spaced\nlang: en\ncover: false\ntoc: false\n---\n\n# A spaced out heading\n\nBody text.\n' > "$T/spaced.md"
printf 'h1 { letter-spacing: 4pt; }\n' > "$T/spaced.css"
expect_status 0 "$DOSSIER" -s "$T/spaced.css" -o "$T/spaced.pdf" "$T/spaced.md"
pdfinfo -struct-text "$T/spaced.pdf" > "$T/spaced.struct" || fail "pdfinfo -struct-text failed"
grep -q '"A spaced out heading"' "$T/spaced.struct" || { cat "$T/spaced.struct"; fail "the letter-spaced heading does not read as words"; }
pdftotext "$T/spaced.pdf" - | grep -q '^A spaced out heading$' || fail "pdftotext does not read the letter-spaced heading as words"

# --no-tags: no structure tree, no marked content
expect_status 0 "$DOSSIER" --no-tags -o "$T/plain.pdf" sources/kazakhstan.md
$PY tests/tools/tagcheck.py "$T/plain.pdf" --untagged || fail "--no-tags left structure behind"

# a screen reader's order: the seed's structure reads its words as its
# source has them (pdfinfo prints the structure tree with each element's text)
pdfinfo -struct-text "$seed" > "$T/seed.struct" || fail "pdfinfo -struct-text failed"
# pdftotext shows the line-end hyphens, which read as soft hyphens: each
# such word must be read whole
pdftotext -enc UTF-8 "$seed" "$T/seed.txt" || fail "pdftotext failed"
python3 tests/tools/read_order.py sources/kazakhstan.md "$T/seed.struct" "$T/seed.txt" || fail "the structure does not read the source's words in order"

# --pdfua, alone and with PDF/A-2u: pdfuaid and dc:title in the XMP, the
# same structure; --pdfa=2b keeps object streams, --pdfa stays PDF/A-1b
expect_status 0 "$DOSSIER" --pdfua -o "$T/ua.pdf" sources/kazakhstan.md
$PY tests/tools/tagcheck.py "$T/ua.pdf" --pdfua || fail "--pdfua: checks failed"
expect_status 0 "$DOSSIER" --pdfua --pdfa=2u -o "$T/ua2u.pdf" sources/kazakhstan.md
$PY tests/tools/tagcheck.py "$T/ua2u.pdf" --pdfua --pdfa=2 || fail "--pdfua --pdfa=2u: checks failed"
grep -aq '<pdfaid:conformance>U</pdfaid:conformance>' "$T/ua2u.pdf" || fail "--pdfa=2u: conformance U is not in the XMP"
grep -aq '/Type /ObjStm' "$T/ua2u.pdf" || fail "--pdfa=2u: no object streams"
expect_status 0 "$DOSSIER" --pdfa=2b -o "$T/a2b.pdf" sources/kazakhstan.md
$PY tests/tools/tagcheck.py "$T/a2b.pdf" --pdfa=2 || fail "--pdfa=2b: checks failed"
expect_status 0 "$DOSSIER" --pdfa -o "$T/a1b.pdf" sources/kazakhstan.md
$PY tests/tools/tagcheck.py "$T/a1b.pdf" --pdfa=1 || fail "--pdfa: checks failed"
head -c 8 "$T/a1b.pdf" | grep -q '%PDF-1.4' || fail "--pdfa is no longer PDF 1.4"
! grep -aq '/Type /ObjStm' "$T/a1b.pdf" || fail "--pdfa (1b) has object streams"
for p in "$T/ua.pdf" "$T/ua2u.pdf" "$T/a2b.pdf" "$T/a1b.pdf"; do
    qpdf --check "$p" > /dev/null || fail "qpdf finds $p broken"
done
# the checker notices a missing pdfuaid
$PY tests/tools/tagcheck.py "$T/a2b.pdf" --pdfua 2> /dev/null && fail "the checker passed a PDF/UA claim without pdfuaid"

# what only the author can fix is an error at its place with --pdfua
cp tests/tags/box.png "$T/"
cat > "$T/ua-bad.md" <<'MD'
---
lang: en
---
## Starts at two

![](box.png)

#### Skips

```{table}
:header-rows: 0
a,b
MD
printf '```\n' >> "$T/ua-bad.md"
expect_status 1 "$DOSSIER" --pdfua -o "$T/ua-bad.pdf" "$T/ua-bad.md"
expect_err 'ua-bad.md:1:1: error: PDF/UA needs a document title'
expect_err 'ua-bad.md:4:1: error: the first heading is at level 2'
expect_err 'ua-bad.md:6:1: error: image .box.png. has no description'
expect_err 'ua-bad.md:8:1: error: a level-4 heading follows a level-2 one'
expect_err 'ua-bad.md:10:1: error: the table has no header row'
expect_no_file "$T/ua-bad.pdf"
# without --pdfua the same source compiles, tagged
expect_status 0 "$DOSSIER" -o "$T/ua-bad.pdf" "$T/ua-bad.md"
expect_status 2 "$DOSSIER" --pdfua --no-tags -o "$T/x.pdf" "$T/ua-bad.md"
expect_status 2 "$DOSSIER" --pdfa=3b -o "$T/x.pdf" "$T/ua-bad.md"
