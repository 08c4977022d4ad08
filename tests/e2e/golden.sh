# Golden tests of paged media: each tests/golden/NAME.md is compiled with
# its NAME.css (after the built-in sheet) and --dump=layout; the lines the
# test is about are kept and compared with the reviewed NAME.expected.
#
# Which lines are kept: by default the page lines ("page 3 label=3
# size=... left") and every item drawn in #d00000, the colour the golden
# sheets give what they watch (margin boxes, a marker word in the body).
# A NAME.awk beside the test replaces that filter. Watching only these
# lines keeps typographic changes elsewhere from churning the files.
#
# To regenerate after an intended change, review the diff and commit:
#   UPDATE_GOLDEN=1 sh tests/e2e/golden.sh     (BUILD=... for another build)
. tests/tools/lib.sh

dir=tests/golden
n=0
bad=""
for md in "$dir"/*.md; do
    name=$(basename "$md" .md)
    [ "$name" = README ] && continue
    css="$dir/$name.css"
    set --
    [ -f "$css" ] && set -- -s "$css"
    if ! "$DOSSIER" "$@" --dump=layout "$md" > "$T/$name.dump" 2> "$T/$name.err"; then
        cat "$T/$name.err" >&2
        fail "$name: dossier failed"
    fi
    if [ -s "$T/$name.err" ]; then
        cat "$T/$name.err" >&2
        fail "$name: diagnostics (golden inputs must compile cleanly)"
    fi
    if [ -f "$dir/$name.awk" ]; then
        awk -f "$dir/$name.awk" "$T/$name.dump" > "$T/$name.got"
    else
        grep -E '^page |#d00000' "$T/$name.dump" > "$T/$name.got"
    fi
    # the dump must not depend on the run
    "$DOSSIER" "$@" --dump=layout "$md" 2> /dev/null | cmp -s - "$T/$name.dump" ||
        fail "$name: two runs give different dumps"
    n=$((n + 1))
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$T/$name.got" "$dir/$name.expected"
        echo "updated $dir/$name.expected"
    elif [ ! -f "$dir/$name.expected" ]; then
        bad="$bad $name"
        echo "$name: no $name.expected (generate with UPDATE_GOLDEN=1, then review it)"
    elif ! diff -u "$dir/$name.expected" "$T/$name.got"; then
        bad="$bad $name"
    fi
done
[ "$n" -gt 0 ] || fail "no golden tests found in $dir"
[ -z "$bad" ] || fail "golden output differs:$bad (if intended: UPDATE_GOLDEN=1 sh tests/e2e/golden.sh)"
echo "$n golden tests match"
