# The manual page documents every option --help lists (and each of their
# keyword values), the exit statuses and the environment variables, and
# renders without a warning.
. tests/tools/lib.sh
page=man/dossier.1
[ -f "$page" ] || fail "no $page"
"$DOSSIER" --help > "$T/help" || fail "--help failed"
# the manual's text with roff's escapes taken out: \- is -, \fB etc. go
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(en/-/g' -e 's/\\&//g' "$page" |
    sed -e 's/^\.[A-Z][A-Z]* *//' | tr -s ' ' > "$T/man.txt"
# options: the words starting with - at the head of each help line
grep -oE '^ +-[-a-zA-Z]+(, --?[-a-zA-Z]+)?' "$T/help" | tr ',' '\n' | tr -d ' ' | sort -u > "$T/options"
[ "$(wc -l < "$T/options")" -ge 15 ] || { cat "$T/options"; fail "too few options found in --help"; }
while read -r opt; do
    grep -qF -- "$opt" "$T/man.txt" || fail "option $opt is not in the manual page"
done < "$T/options"
# keyword values: --dump=tree|style|layout, --diagnostics=text|short|json|github
grep -oE -- '--[a-z-]+=[a-z0-9]+(\|[a-z0-9]+)+' "$T/help" | while IFS= read -r spec; do
    for value in $(echo "${spec#*=}" | tr '|' ' '); do
        grep -qE -- "(^| |\||=)$value( |\||$)" "$T/man.txt" || fail "value '$value' of ${spec%%=*} is not in the manual page"
    done
done || exit 1
for word in SOURCE_DATE_EPOCH DOSSIER_DATADIR XDG_CACHE_HOME NO_COLOR "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
    grep -qF "$word" "$T/man.txt" || fail "'$word' is not in the manual page"
done
for status in 0 1 2 3; do
    grep -qE "^\.TP" "$page" && grep -A1 '^\.TP' "$page" | grep -qx "\.B $status" || fail "exit status $status is not listed"
done
# it renders, and roff has nothing to say about it
if command -v groff > /dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$page" 2> "$T/groff" || fail "groff failed on the manual page"
    [ ! -s "$T/groff" ] || { cat "$T/groff"; fail "groff warns about the manual page"; }
fi
exit 0
