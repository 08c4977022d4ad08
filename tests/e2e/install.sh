# `make install` honours PREFIX and DESTDIR, and the installed binary finds
# its fonts without the source tree.
. tests/tools/lib.sh
make -s install BUILD="$BUILD" DESTDIR="$T/stage" PREFIX=/opt/dossier > "$T/make.log" 2>&1 ||
    { cat "$T/make.log"; fail "make install failed"; }
bin=$T/stage/opt/dossier/bin/dossier
[ -x "$bin" ] || fail "no binary at $bin"
[ -f "$T/stage/opt/dossier/share/dossier/fonts/PTF55F.ttf" ] || fail "fonts not installed"
[ -f "$T/stage/opt/dossier/share/dossier/fonts/LICENSE-ParaType.txt" ] || fail "font licence not installed"
[ -f "$T/stage/opt/dossier/share/dossier/styles/default.css" ] || fail "style sheets not installed"
# run it from elsewhere, with the source tree out of reach
cp sources/kazakhstan.md "$T/k.md"
cp -r sources/data "$T/data" # its tables' CSV files
(cd "$T" && env -u DOSSIER_DATADIR "$bin" -o "$T/k.pdf" "$T/k.md") 2> "$T/err" || { cat "$T/err"; fail "installed binary failed"; }
pdffonts "$T/k.pdf" | grep -q PTSerif || fail "installed binary did not embed the bundled fonts"
# the shipped sheets are found by their bare names, from -s and the front matter
(cd "$T" && env -u DOSSIER_DATADIR "$bin" -s letter.css -M "$T/k.d" -o "$T/letter.pdf" "$T/k.md") 2> "$T/err" ||
    { cat "$T/err"; fail "-s letter.css did not find the installed sheet"; }
grep -q "share/dossier/styles/letter.css" "$T/k.d" || fail "-M does not name the installed letter.css"
pdfinfo "$T/letter.pdf" | grep -q "612 x 792" || fail "letter.css was not applied (not US Letter)"
