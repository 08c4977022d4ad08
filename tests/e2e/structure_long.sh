# A long generated dossier (100+ pages, hundreds of footnotes, notes that
# continue over pages, notes in table cells, a contents of several pages,
# hundreds of internal links) passes the same structure checks as a short
# one, and keeps every word of its source.
. tests/tools/lib.sh
python3 tests/tools/long_dossier.py "$T/long" || fail "the generator failed"
expect_status 0 "$DOSSIER" -o "$T/long.pdf" "$T/long/long.md"
[ ! -s "$T/err" ] || { cat "$T/err"; fail "the long dossier gave diagnostics"; }
python3 tests/tools/pdfcheck.py "$T/long.pdf" pages\>=100 front\>=4 labels=auto contents outline links footnotes \
    --manifest "$T/long/manifest.json" > "$T/check" 2>&1 || { cat "$T/check"; fail "structure checks failed"; }
cat "$T/check"
pdftotext "$T/long.pdf" "$T/long.txt"
python3 tests/tools/words.py "$T/long/long.md" "$T/long.txt" > "$T/words" || { tail -5 "$T/words"; fail "words are missing"; }
"$DOSSIER" --dump=layout "$T/long/long.md" > "$T/layout" 2> /dev/null
python3 tests/tools/notearea.py "$T/layout" 10.50 8.50 > "$T/area" || { cat "$T/area"; fail "notes overlap the text"; }
# no body page is left nearly empty by a note that did not fit
python3 - "$T/long.pdf" <<'EOF' || fail "a page of the body is nearly empty"
import subprocess, sys
pages = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True).stdout.split("\f")[:-1]
body = [p for p in pages[6:-1] if p.strip()]
short = [i for i, p in enumerate(body) if len(p) < 1200]
assert not short, f"body pages with little on them: {short}"
EOF
