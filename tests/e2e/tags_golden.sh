# Golden text dumps of the structure tree (element types and attributes,
# which elements hold content or an annotation): each tests/tags/NAME.md
# is compiled, checked with tests/tools/tagcheck.py, and its tree compared
# with the reviewed NAME.expected. After an intended change:
#   UPDATE_GOLDEN=1 sh tests/e2e/tags_golden.sh   then review git diff tests/tags
. tests/tools/lib.sh
PY=python3
$PY -c 'import pikepdf' 2> /dev/null || PY=/usr/bin/python3
n=0
for md in tests/tags/*.md; do
    name=$(basename "$md" .md)
    [ "$name" = README ] && continue
    expect_status 0 "$DOSSIER" -o "$T/$name.pdf" "$md"
    [ ! -s "$T/err" ] || { cat "$T/err"; fail "$name: diagnostics (golden inputs must compile cleanly)"; }
    $PY tests/tools/tagcheck.py "$T/$name.pdf" --dump > "$T/$name.tree" || fail "$name: tagging checks failed"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$T/$name.tree" "tests/tags/$name.expected"
    elif ! diff -u "tests/tags/$name.expected" "$T/$name.tree"; then
        fail "$name: the structure tree differs from tests/tags/$name.expected"
    fi
    n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no golden structure tests"
echo "$n structure trees as expected"
