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
for how in untagged-paint unbalanced orphan-mcid no-lang figure-alt bad-nesting parent-tree; do
    $PY tests/tools/tagmutate.py "$seed" "$T/bad-$how.pdf" "$how" || fail "mutation $how failed"
    if $PY tests/tools/tagcheck.py "$T/bad-$how.pdf" 2> "$T/why"; then
        fail "the checker passed a PDF broken by $how"
    fi
done

# --no-tags: no structure tree, no marked content
expect_status 0 "$DOSSIER" --no-tags -o "$T/plain.pdf" sources/kazakhstan.md
$PY tests/tools/tagcheck.py "$T/plain.pdf" --untagged || fail "--no-tags left structure behind"

# a screen reader's order: the seed's structure reads its words as its
# source has them (pdfinfo prints the structure tree with each element's text)
pdfinfo -struct-text "$seed" > "$T/seed.struct" || fail "pdfinfo -struct-text failed"
python3 tests/tools/read_order.py sources/kazakhstan.md "$T/seed.struct" || fail "the structure does not read the source's words in order"
