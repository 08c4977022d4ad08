# Every example of the CommonMark 0.30 spec and of the GFM extensions
# compiles without a crash or hang, and its words reach the PDF, or it
# gives the diagnostic tests/spec/expected.txt lists for it.
# Each PDF is also checked for tagged-PDF structure (tests/tools/tagcheck.py).
. tests/tools/lib.sh
mkdir -p "$T/pdfs"
words=0
SPEC_PDF_DIR=$T/pdfs python3 tests/spec/spec_words.py "$DOSSIER" tests/spec/expected.txt tests/spec/spec.txt tests/spec/gfm-extensions.txt ||
    words=1
PY=python3
$PY -c 'import pikepdf' 2> /dev/null || PY=/usr/bin/python3
$PY tests/tools/tagcheck.py --each "$T"/pdfs/*.pdf || fail "spec examples: tagging checks failed"
[ "$words" -eq 0 ] || fail "spec examples failed (see above)"
