# Page breaking, scanned: paragraphs, lists and headings pushed down the
# page a line at a time (tests/tools/page_scan.py says what each checks):
# widows and orphans move lines, short list items stay whole, headings keep
# with two lines of what follows, and pages stay full otherwise.
. tests/tools/lib.sh
python3 tests/tools/page_scan.py "$DOSSIER" widows avoid keeps > "$T/scan" 2>&1 || { cat "$T/scan"; fail "page breaking scan"; }
