# Where the PDF goes and which sheets are read: binary PDF is never
# written to a terminal; standard input without -o is refused before any
# work; bare sheet names (-s print.css, `style: print.css`) fall back to
# the shipped sheets; a front-matter sheet that cannot be read is reported
# at its front-matter line.
. tests/tools/lib.sh
DOSSIER=$(cd "$(dirname "$DOSSIER")" && pwd)/$(basename "$DOSSIER")

printf -- '---\ntitle: T\ncover: false\n---\n\nHello.\n' > "$T/a.md"

# -o - on a terminal: refused, nothing written (script(1) gives a terminal)
if command -v script > /dev/null 2>&1; then
    script -qec "$DOSSIER -o - $T/a.md; echo exit=\$?" /dev/null > "$T/tty.log" 2>&1
    grep -q "exit=2" "$T/tty.log" || { cat "$T/tty.log"; fail "-o - on a terminal did not exit 2"; }
    grep -q "terminal" "$T/tty.log" || fail "-o - on a terminal does not say why"
    grep -q "%PDF" "$T/tty.log" && fail "PDF bytes were written to the terminal"
else
    echo "note: script(1) is missing; the terminal case was not tried"
fi
# -o - into a pipe still works
"$DOSSIER" -o - "$T/a.md" 2> "$T/err" | head -c 5 | grep -q "%PDF-" || fail "-o - into a pipe wrote no PDF"

# standard input without -o: a usage error before parsing, so the bad
# byte in the input is never reported
printf 'bad \377 byte\n' | "$DOSSIER" - > "$T/out" 2> "$T/err"
[ $? -eq 2 ] || fail "standard input without -o did not exit 2"
grep -q "needs -o" "$T/err" || fail "no hint about -o"
grep -q "UTF-8\|<stdin>:" "$T/err" && { cat "$T/err"; fail "the input was parsed before the usage error"; }
# with --dump and no -o nothing is written, so standard input is fine
printf '# Title\n' | "$DOSSIER" --dump=tree - > "$T/out" 2> "$T/err" || fail "--dump=tree from standard input failed"
grep -q "heading" "$T/out" || fail "--dump=tree printed no tree"

# the shipped sheets by bare name, from a folder that has none
mkdir "$T/work"
cp "$T/a.md" "$T/work/a.md"
(cd "$T/work" && "$DOSSIER" -s letter.css -M a.d -o a.pdf a.md) 2> "$T/err" || { cat "$T/err"; fail "-s letter.css failed"; }
pdfinfo "$T/work/a.pdf" | grep -q "612 x 792" || fail "-s letter.css did not make US Letter pages"
grep -q "styles/letter.css" "$T/work/a.d" || fail "-M does not list the shipped letter.css"
printf -- '---\ntitle: T\ncover: false\nstyle: letter.css\n---\n\nHello.\n' > "$T/work/fm.md"
expect_status 0 "$DOSSIER" -o "$T/work/fm.pdf" "$T/work/fm.md"
pdfinfo "$T/work/fm.pdf" | grep -q "612 x 792" || fail "style: letter.css did not make US Letter pages"
# a sheet beside the source wins over the shipped one of the same name
printf '@page { size: A5; }\n' > "$T/work/letter.css"
expect_status 0 "$DOSSIER" -o "$T/work/fm.pdf" "$T/work/fm.md"
pdfinfo "$T/work/fm.pdf" | grep -q "419.5[0-9]* x 595" || fail "the local letter.css was not preferred"

# a front-matter sheet that is nowhere: reported at its front-matter line
printf -- '---\ntitle: T\ncover: false\nstyle: nosuch.css\n---\n\nHello.\n' > "$T/work/bad.md"
expect_status 3 "$DOSSIER" -o "$T/work/bad.pdf" "$T/work/bad.md"
expect_err "bad.md:4:[0-9]+: error: cannot read style sheet 'nosuch.css'"
expect_no_file "$T/work/bad.pdf"
expect_status 3 "$DOSSIER" -s nosuch.css -o "$T/work/bad.pdf" "$T/work/a.md"
expect_err "nosuch.css: error: cannot read style sheet"
exit 0
