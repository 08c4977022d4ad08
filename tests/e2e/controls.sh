# The whole Unicode range as input: a paragraph of C0 and C1 controls,
# noncharacters, private use, bidi controls and overrides, zero-width
# characters, a letter carrying 200 combining marks, regional indicators
# and emoji sequences compiles without an abort or a hang, keeps its
# letters, and reports what no font draws at its own position. Also the
# four bytes the fuzzer reduced a libunibreak abort to: "-" and U+FFFF,
# its end-of-text sentinel.
. tests/tools/lib.sh

printf -- '-\357\277\277\n' > "$T/ffff.md"
expect_status 0 timeout 60 "$DOSSIER" -o "$T/ffff.pdf" "$T/ffff.md"
expect_err "ffff.md:1:2: warning: .*U\+FFFF"
[ -s "$T/ffff.pdf" ] || fail "no PDF for '-' U+FFFF"

expect_status 0 timeout 60 "$DOSSIER" -o "$T/ctrl.pdf" tests/fuzz/regressions/control-characters-paragraph.md
grep -q "Assertion" "$T/err" && fail "a library assertion fired"
qpdf --check "$T/ctrl.pdf" > /dev/null || fail "qpdf rejects the PDF"
pdftotext "$T/ctrl.pdf" - | tr -s ' \n' ' ' > "$T/text.txt"
for word in "Control paragraph" "nonchars:" "private:" "lone" "odd" "marks:"; do
    grep -qF "$word" "$T/text.txt" || fail "'$word' is missing from the PDF: $(cat "$T/text.txt")"
done
# a private-use character no font has is reported at its column
expect_err "control-characters-paragraph.md:1:[0-9]+: warning: .*U\+E000"

# many marks on one letter, many regional indicators and bidi controls in
# one paragraph: each stage stays linear enough to finish
python3 - > "$T/long.md" <<'PY'
import sys
sys.stdout.write("Marks a" + "\u0301" * 5000 + " and flags " + "\U0001F1FA\U0001F1E6" * 2000
                 + " and bidi " + "\u202b\u05d0 b \u202c" * 2000 + " end.\n")
PY
expect_status 0 timeout 120 "$DOSSIER" -o "$T/long.pdf" "$T/long.md"
grep -q "Assertion" "$T/err" && fail "a library assertion fired on the long paragraph"
exit 0
