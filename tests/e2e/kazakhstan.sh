# The first dossier compiles cleanly, is a valid PDF with every font
# embedded, and carries every word of its source.
. tests/tools/lib.sh
pdf=$T/kazakhstan.pdf
expect_status 0 "$DOSSIER" -o "$pdf" sources/kazakhstan.md
[ ! -s "$T/err" ] || { cat "$T/err"; fail "compiling the dossier printed diagnostics"; }
qpdf --check "$pdf" > "$T/qpdf" 2>&1 || { cat "$T/qpdf"; fail "qpdf --check found errors"; }
pdffonts "$pdf" > "$T/fonts" 2>&1 || fail "pdffonts failed"
[ "$(tail -n +3 "$T/fonts" | wc -l)" -ge 3 ] || fail "fewer than three fonts in the PDF"
tail -n +3 "$T/fonts" | awk '{ if ($(NF-4) != "yes") { print "not embedded: " $0; bad = 1 } } END { exit bad }' ||
    fail "a font is not embedded"
pdftotext "$pdf" "$T/text.txt" 2> "$T/pdftotext.err" || fail "pdftotext failed"
[ ! -s "$T/pdftotext.err" ] || { cat "$T/pdftotext.err"; fail "pdftotext complained about the PDF"; }
python3 tests/tools/words.py sources/kazakhstan.md "$T/text.txt" || fail "words of the source are missing"
# the figures the tables carry
for fact in "58" "128" "45.3 %" "Reinhold Lopatka" "Zhanbolat Mamay"; do
    grep -q -- "$fact" "$T/text.txt" || fail "'$fact' is not in the PDF text"
done
pdfinfo "$pdf" > "$T/info" || fail "pdfinfo failed"
grep -q "^Title: *Kazakhstan: Country Report" "$T/info" || fail "the document title is not in the PDF information"
grep -q "^Pages: *[5-9]" "$T/info" || fail "unexpected page count: $(grep Pages "$T/info")"
