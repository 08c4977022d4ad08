# Every example of the CommonMark 0.30 spec and of the GFM extensions
# compiles without a crash or hang, and its words reach the PDF, or it
# gives the diagnostic tests/spec/expected.txt lists for it.
. tests/tools/lib.sh
python3 tests/spec/spec_words.py "$DOSSIER" tests/spec/expected.txt tests/spec/spec.txt tests/spec/gfm-extensions.txt ||
    fail "spec examples failed (see above)"
