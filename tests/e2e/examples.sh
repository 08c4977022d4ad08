# The examples in examples/ compile under --strict (no warning at all),
# with the page count and the page size each one promises, and keep their
# words: every example is built by `make examples` the same way.
. tests/tools/lib.sh
build_example() {
    name=$1
    expect_status 0 "$DOSSIER" --strict -o "$T/$name.pdf" $(ls examples/"$name"/*.md | sort)
    [ ! -s "$T/err" ] || { cat "$T/err"; fail "$name: diagnostics under --strict"; }
    pdfinfo "$T/$name.pdf" > "$T/$name.info" 2>&1 || fail "$name: poppler cannot read the PDF"
    pdftotext -layout "$T/$name.pdf" - | tr -s ' \n' ' ' > "$T/$name.txt"
}
pages() { sed -n 's/^Pages: *//p' "$T/$1.info"; }
has_text() { grep -qF -- "$2" "$T/$1.txt" || fail "$1: '$2' is not in the PDF"; }

[ "$(ls -d examples/*/ | wc -l)" -ge 4 ] || fail "fewer than four examples"

build_example country-briefing
grep -q "595.276 x 841.89" "$T/country-briefing.info" || fail "country-briefing is not A4"
has_text country-briefing "Cases the Foundation follows"
has_text country-briefing "Mira Solvang"      # from data/cases.csv
has_text country-briefing "Veskarian Unity"   # from data/election-2025.csv
[ "$(pdfimages -list "$T/country-briefing.pdf" | tail -n +3 | wc -l)" -ge 1 ] || fail "country-briefing: the map is missing"

build_example board-report
grep -q "Pages: *8" "$T/board-report.info" || fail "board-report: expected 8 pages (chapters on right-hand pages)"
has_text board-report "Risk register"
has_text board-report "Budget for 2026"
# print.css: greys only (a pixel whose channels differ is coloured)
pdftoppm -r 20 "$T/board-report.pdf" "$T/board"
python3 - "$T"/board-*.ppm << 'PY' || fail "board-report: colour on a page of a greyscale report"
import sys
for name in sys.argv[1:]:
    data = open(name, "rb").read()
    # P6 header: magic, width, height, maxval, then RGB bytes
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pixels = data[pos + 1:]
    for i in range(0, len(pixels), 3):
        r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
        if max(r, g, b) - min(r, g, b) > 24:
            print(f"{name}: coloured pixel {r},{g},{b}")
            sys.exit(1)
PY

build_example donor-summary
grep -q "612 x 792" "$T/donor-summary.info" || fail "donor-summary is not US Letter"
[ "$(pages donor-summary)" -eq 1 ] || fail "donor-summary is not one page"
has_text donor-summary "Total spent"

build_example russian
has_text russian "Правовая помощь активистам"
has_text russian "Таблица 1."
has_text russian "стр. 1 из"
pdffonts "$T/russian.pdf" | grep -q PTSerif || fail "russian: the text face is not embedded"
exit 0
