# Every bad input in tests/bad/ is compiled or refused within the time
# limit, with the diagnostics and exit status its .expect file gives,
# every diagnostic in the one-line file:line:col form, and no output or
# temporary file left behind when it fails (see tests/bad/README.md).
. tests/tools/lib.sh
LIMIT=${BAD_TIME_LIMIT:-20}
work=$T/bad
mkdir -p "$work"
cp tests/bad/*.md tests/bad/*.css "$work/"
sh tests/bad/generate.sh "$work"
abs_dossier=$(cd "$(dirname "$DOSSIER")" && pwd)/$(basename "$DOSSIER")
# the cases run inside $work: a relative cache folder would land there
case ${XDG_CACHE_HOME:-} in
"" | /*) ;;
*) mkdir -p "$XDG_CACHE_HOME" && XDG_CACHE_HOME=$(cd "$XDG_CACHE_HOME" && pwd) && export XDG_CACHE_HOME ;;
esac
ls -A "$work" | sort > "$T/before"
mkdir -p "$T/pdfs"
failures=0
cases=0

bad() {
    echo "FAIL $name: $*"
    failures=$((failures + 1))
}

for expect in tests/bad/*.expect; do
    name=$(basename "$expect" .expect)
    cases=$((cases + 1))
    before_case=$failures
    args=$(sed -n 's/^args: //p' "$expect")
    [ -n "$args" ] || args="-o OUT $name.md"
    want=$(sed -n 's/^status: //p' "$expect")
    out=$name.pdf
    # shellcheck disable=SC2086 # args are words by design
    set -- $(printf '%s\n' "$args" | sed "s/OUT/$out/g")
    start=$(date +%s)
    (cd "$work" && timeout "$LIMIT" "$abs_dossier" "$@" > /dev/null 2> "$T/err")
    got=$?
    secs=$(($(date +%s) - start))
    echo "$name: exit $got in ${secs}s"
    if [ "$got" -eq 124 ]; then
        bad "no result within $LIMIT s"
        continue
    fi
    [ "$got" -eq "${want:-0}" ] || bad "exit status $got, expected ${want:-0}"
    grep '^err: ' "$expect" | sed 's/^err: //' > "$T/patterns"
    while IFS= read -r pat; do
        grep -Eq -- "$pat" "$T/err" || bad "no diagnostic matches '$pat'"
    done < "$T/patterns"
    # the diagnostics proper; the excerpts under them (" 12 | source",
    # "    |   ^~~") start with a space
    grep -v '^ ' "$T/err" > "$T/diags"
    lines=$(sed -n 's/^lines: //p' "$expect")
    if [ -n "$lines" ] && [ "$(wc -l < "$T/diags")" -ne "$lines" ]; then
        bad "$(wc -l < "$T/diags") diagnostic lines, expected $lines"
    fi
    # one line each, in the form editors and CI annotate
    if grep -Evq '^[^ :][^:]*(:[0-9]+(:[0-9]+)?)?: (error|warning|note): ' "$T/diags"; then
        bad "a diagnostic without the file:line:col: form: $(grep -Ev '^[^ :][^:]*(:[0-9]+(:[0-9]+)?)?: (error|warning|note): ' "$T/diags" | head -1)"
    fi
    # and excerpts only in their form: a gutter, then the line or the caret
    if grep '^ ' "$T/err" | grep -Evq '^ +([0-9]+)? \| '; then
        bad "an excerpt line out of form: $(grep '^ ' "$T/err" | grep -Ev '^ +([0-9]+)? \| ' | head -1)"
    fi
    if [ "$got" -eq 0 ]; then
        if [ ! -s "$work/$out" ]; then
            bad "no PDF"
        else
            # poppler reports a broken content stream on its standard error
            pdftotext -enc UTF-8 "$work/$out" "$T/text" 2> "$T/pdferr" || bad "pdftotext cannot read the PDF"
            [ -s "$T/pdferr" ] && bad "the PDF is damaged: $(head -1 "$T/pdferr")"
            for word in $(sed -n 's/^text: //p' "$expect"); do
                grep -Fq -- "$word" "$T/text" || bad "'$word' is not in the PDF's text"
            done
            mv "$work/$out" "$T/pdfs/$name.pdf" # for the tagging checks below
        fi
    elif [ -e "$work/$out" ]; then
        bad "it failed but left $out"
    fi
    ls -A "$work" | sort > "$T/after"
    if ! cmp -s "$T/before" "$T/after"; then
        bad "files left behind: $(comm -13 "$T/before" "$T/after" | tr '\n' ' ')"
        comm -13 "$T/before" "$T/after" | while IFS= read -r f; do rm -rf "${work:?}/$f"; done
    fi
    if [ "$failures" -gt "$before_case" ] && [ -s "$T/err" ]; then
        head -5 "$T/err" | sed 's/^/    /'
    fi
done
echo "bad inputs: $cases cases, $failures failures"
[ "$cases" -gt 0 ] || fail "no cases in tests/bad"
[ "$failures" -eq 0 ] || fail "$failures failures in the bad-input corpus"
# what compiled is tagged as the default asks (tests/tools/tagcheck.py)
PY=python3
$PY -c 'import pikepdf' 2> /dev/null || PY=/usr/bin/python3
set -- "$T"/pdfs/*.pdf
[ -e "$1" ] || fail "no bad-input case compiled"
$PY tests/tools/tagcheck.py --each "$@" || fail "bad inputs: tagging checks failed"
