# Same inputs and SOURCE_DATE_EPOCH give the same bytes, PDF/A included;
# the date and /ID follow from them; -M lists what the PDF depends on.
. tests/tools/lib.sh
export SOURCE_DATE_EPOCH=1700000000
expect_status 0 "$DOSSIER" -o "$T/a.pdf" sources/kazakhstan.md
expect_status 0 "$DOSSIER" -o "$T/b.pdf" sources/kazakhstan.md
cmp "$T/a.pdf" "$T/b.pdf" || fail "two builds with the same SOURCE_DATE_EPOCH differ"
pdfinfo "$T/a.pdf" | grep -q "CreationDate: *Tue Nov 14 22:13:20 2023 UTC" || fail "creation date is not SOURCE_DATE_EPOCH"
grep -aq "/ID \[ <" "$T/a.pdf" || fail "no /ID in the trailer"
SOURCE_DATE_EPOCH=1700000060 "$DOSSIER" -o "$T/c.pdf" sources/kazakhstan.md || fail "third build failed"
cmp -s "$T/a.pdf" "$T/c.pdf" && fail "a different SOURCE_DATE_EPOCH gave the same bytes"
id_a=$(grep -ao "/ID \[ <[0-9A-F]*>" "$T/a.pdf")
id_c=$(grep -ao "/ID \[ <[0-9A-F]*>" "$T/c.pdf")
[ "$id_a" != "$id_c" ] || fail "the /ID does not depend on the date"

# without SOURCE_DATE_EPOCH the date is now
unset SOURCE_DATE_EPOCH
expect_status 0 "$DOSSIER" -o "$T/now.pdf" sources/kazakhstan.md
year=$(date -u +%Y)
pdfinfo "$T/now.pdf" | grep -q "CreationDate:.*$year" || fail "without SOURCE_DATE_EPOCH the date is not the current year"

# PDF/A-1b: reproducible, version 1.4, metadata escaped, output intent, CIDSet
export SOURCE_DATE_EPOCH=1700000000
printf -- '---\ntitle: "Rights & <Wrongs>"\nauthor: A & B\n---\n# Heading\n\nText with a [link](https://example.org).\n' > "$T/pdfa.md"
expect_status 0 "$DOSSIER" --pdfa -o "$T/pa.pdf" "$T/pdfa.md"
expect_status 0 "$DOSSIER" --pdfa -o "$T/pb.pdf" "$T/pdfa.md"
cmp "$T/pa.pdf" "$T/pb.pdf" || fail "PDF/A builds differ"
head -c 8 "$T/pa.pdf" | grep -q "%PDF-1.4" || fail "PDF/A is not version 1.4"
qpdf --check "$T/pa.pdf" > /dev/null 2>&1 || fail "qpdf finds the PDF/A broken"
pdfinfo -meta "$T/pa.pdf" > "$T/xmp" || fail "no XMP metadata"
grep -q "<pdfaid:part>1</pdfaid:part>" "$T/xmp" || fail "XMP lacks the PDF/A part"
grep -q "Rights &amp; &lt;Wrongs&gt;" "$T/xmp" || fail "XMP title not escaped: $(grep title "$T/xmp")"
python3 - "$T/pa.pdf" <<'PY' || fail "PDF/A structures missing"
import re, sys, subprocess
out = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], "-"], capture_output=True).stdout
assert b"/OutputIntents" in out, "no output intent"
assert b"/GTS_PDFA1" in out, "output intent is not PDF/A"
assert out.count(b"/CIDSet") == out.count(b"/Subtype /CIDFontType2"), "a CID font lacks its CIDSet"
annots = out.count(b"/Subtype /Link")
assert annots >= 1 and out.count(b"/F 4") >= annots, "a link annotation lacks the print flag"
assert b"/SMask" not in out, "transparency in PDF/A"
PY

# -M: a make rule naming every file the PDF depends on
mkdir -p "$T/dep/data"
printf 'Name,Count\nAlpha,3\n' > "$T/dep/data/t.csv"
printf 'p { color: #333 }\n' > "$T/dep/extra.css"
printf -- '---\ntitle: Deps\n---\n# One\n\n```{table}\n:file: data/t.csv\n```\n' > "$T/dep/main.md"
expect_status 0 "$DOSSIER" -s "$T/dep/extra.css" -M "$T/dep/out.d" -o "$T/dep/out.pdf" "$T/dep/main.md"
head -1 "$T/dep/out.d" | grep -q "^$T/dep/out.pdf:" || fail "the rule's target is not the PDF: $(head -1 "$T/dep/out.d")"
for f in "$T/dep/main.md" "$T/dep/data/t.csv" "$T/dep/extra.css" fonts/PTS55F.ttf; do
    grep -q "$f" "$T/dep/out.d" || fail "-M output lacks $f"
done
grep -q "^$T/dep/data/t.csv:$" "$T/dep/out.d" || fail "-M output lacks phony targets"
# make itself accepts the file
printf 'include %s\nall: %s\n' "$T/dep/out.d" "$T/dep/out.pdf" > "$T/dep/Makefile"
make -s -q -f "$T/dep/Makefile" all 2>/dev/null
[ $? -ne 2 ] || fail "make cannot read the -M output"
