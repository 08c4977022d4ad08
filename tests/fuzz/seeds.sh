#!/bin/sh
# Builds the fuzzer's seed corpus in OUTDIR from what the repository
# already holds: the dossiers, the style sheets (each after a small
# document), the handwritten seeds, the bad inputs and the regression
# inputs, and each CommonMark/GFM spec example. Nothing is duplicated in git.
# usage: tests/fuzz/seeds.sh OUTDIR
set -eu
out=$1
mkdir -p "$out"
n=0
add() { # add NAME < content
    cat > "$out/$1"
    n=$((n + 1))
}
for f in sources/*.md tests/fuzz/seeds/*.md; do
    [ -f "$f" ] && add "md-$(basename "$f")" < "$f"
done
for f in styles/*.css; do
    [ -f "$f" ] || continue
    { printf '# A heading\n\nA paragraph with *emphasis* and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- item\n\n@@css@@\n'; cat "$f"; } |
        add "css-$(basename "$f")"
done
for f in tests/bad/*.md tests/bad/*.css; do
    [ -f "$f" ] || continue
    case $f in
    *.css) { printf '# Bad sheet\n\nText.\n@@css@@\n'; cat "$f"; } | add "bad-$(basename "$f")" ;;
    *) add "bad-$(basename "$f")" < "$f" ;;
    esac
done
for f in tests/fuzz/regressions/*; do
    [ -f "$f" ] && add "regression-$(basename "$f")" < "$f"
done
# spec examples: the Markdown between the example fences, → as a tab
for spec in tests/spec/spec.txt tests/spec/extensions.txt; do
    [ -f "$spec" ] || continue
    awk -v dir="$out" -v base="$(basename "$spec" .txt)" '
        /^`{32} example/ { inex = 1; part = 1; k++; file = sprintf("%s/%s-%04d", dir, base, k); printf "" > file; next }
        inex && /^`{32}$/ { inex = 0; close(file); next }
        inex && /^\.$/ { part = 2; next }
        inex && part == 1 { gsub(/\xe2\x86\x92/, "\t"); print >> file }
    ' "$spec"
    n=$((n + $(grep -c '^```````````````````````````````` example' "$spec")))
done
echo "seeds.sh: $n seeds in $out"
