# A character no font has is reported once, at its own line and column,
# and never silently: the private-use U+E000 (three times, in two
# paragraphs) and U+10FFFD, beyond the Basic Multilingual Plane the PDF
# writer can embed. The words around them stay; --strict fails the build.
. tests/tools/lib.sh

printf -- '---\ncover: false\ntoc: false\n---\n\nA private character \356\200\200 here and\nagain \356\200\200 there, and one beyond the plane: \364\217\277\275.\n\nA second paragraph with \356\200\200 once more.\n' > "$T/miss.md"
# the test is about characters no installed font has
if fc-list ':charset=e000' family | grep -q .; then
    skip "an installed font has U+E000"
fi
expect_status 0 "$DOSSIER" -o "$T/miss.pdf" "$T/miss.md"
cat "$T/err"
[ "$(grep -c "U+E000" "$T/err")" -eq 1 ] || fail "U+E000 is not reported exactly once"
expect_err "miss.md:6:21: warning: no font has character U\+E000"
[ "$(grep -c "U+10FFFD" "$T/err")" -eq 1 ] || fail "U+10FFFD is not reported exactly once"
expect_err "miss.md:7:42: warning: character U\+10FFFD .* outside the Basic Multilingual Plane"
[ "$(wc -l < "$T/err")" -eq 2 ] || fail "unexpected diagnostics"
pdftotext "$T/miss.pdf" - | tr -s ' \n' ' ' > "$T/text.txt"
for words in "A private character" "here and again" "there, and one beyond the plane:" "A second paragraph with" "once more."; do
    grep -qF "$words" "$T/text.txt" || fail "'$words' is missing from the PDF"
done
expect_status 1 "$DOSSIER" --strict -o "$T/strict.pdf" "$T/miss.md"
expect_err "miss.md:6:21: error: no font has character U\+E000"
expect_no_file "$T/strict.pdf"

# what display: none hides is not drawn, so it needs no font
printf -- '---\ncover: false\ntoc: false\n---\n\nShown.\n\n```{secret}\nHidden \356\200\200 text.\n```\n' > "$T/hidden.md"
printf 'div.secret { display: none; }\n' > "$T/hidden.css"
expect_status 0 "$DOSSIER" -s "$T/hidden.css" -o "$T/hidden.pdf" "$T/hidden.md"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "a hidden character was reported"; }
exit 0
