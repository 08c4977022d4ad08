# Realistic documents written for GitHub, MyST and pandoc (tests/corpus):
# each compiles with exit status 0, keeps every word of its source, and
# draws no two words on top of each other.
. tests/tools/lib.sh
# the overlap check itself sees an overlap
cat > "$T/fake.bbox" <<'HTML'
<page width="100" height="100">
<word xMin="10" yMin="10" xMax="40" yMax="20">one</word>
<word xMin="20" yMin="12" xMax="50" yMax="22">two</word>
</page>
HTML
python3 tests/tools/overlap.py "$T/fake.bbox" > /dev/null && fail "overlap.py misses an overlap"
n=0
for md in tests/corpus/*.md; do
    name=$(basename "$md" .md)
    n=$((n + 1))
    expect_status 0 "$DOSSIER" -o "$T/$name.pdf" "$md"
    # the only diagnostics allowed: remote images (badges) are never fetched
    if grep -E ': (error|warning|note): ' "$T/err" | grep -v "is not a local file and is never downloaded" | grep -q .; then
        cat "$T/err"
        fail "$name: unexpected diagnostics"
    fi
    pdftotext "$T/$name.pdf" "$T/$name.txt"
    python3 tests/tools/words.py "$md" "$T/$name.txt" > "$T/$name.words" || { tail -5 "$T/$name.words"; fail "$name: words are missing"; }
    pdftotext -bbox "$T/$name.pdf" "$T/$name.bbox"
    python3 tests/tools/overlap.py "$T/$name.bbox" > "$T/$name.overlap" || { cat "$T/$name.overlap"; fail "$name: words overlap"; }
done
[ "$n" -ge 4 ] || fail "the corpus has $n documents, expected 4 at least"
echo "corpus: $n documents compile, keep their words, overlap nowhere"
