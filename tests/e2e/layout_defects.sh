# Regression tests for layout defects found with real Markdown: a list item
# that begins with a table, table numbers, chart value labels crossed by
# gridlines, chart column headers printed nowhere, the contents page of a
# file without front matter.
. tests/tools/lib.sh

# a list item beginning with a table: its bullet stands beside the first
# row's text, left of the table, not inside the first cell
printf -- '- | Name | Held since |\n  |---|---|\n  | A. Person | 2021 |\n\n- a plain item\n' > "$T/list.md"
expect_status 0 "$DOSSIER" --dump=layout "$T/list.md"
awk '/"•"/ && !b { bx = $2; by = $3; b = 1 } /"Name"/ && !n { nx = $2; ny = $3; n = 1 }
     END { d = by - ny; if (d < 0) d = -d; exit !(b && n && bx < nx - 4 && d < 2) }' "$T/out" ||
    { grep -E '"•"|"Name"' "$T/out"; fail "the bullet is not beside the table's first row"; }

# tables without a caption take no number: the first captioned one is Table 1
printf '| a | b |\n|---|---|\n| 1 | 2 |\n\n```{table}\n:caption: Cases\nx,y\n1,2\n```\n' > "$T/num.md"
expect_status 0 "$DOSSIER" -o "$T/num.pdf" "$T/num.md"
pdftotext "$T/num.pdf" - | grep -q '^Table 1\. Cases' || fail "the first captioned table is not Table 1"

# chart: every value label stands on a patch of paper (no gridline through
# it); the label column's header and a single series' name are printed
printf '```{chart}\n:type: bar\nRegion,Share assessed negatively\nAlmaty,41.5\nAstana,38.5\n```\n' > "$T/chart.md"
expect_status 0 "$DOSSIER" --dump=layout "$T/chart.md"
python3 - "$T/out" <<'PY' || fail "a chart value label is not on a patch of paper"
import re, sys
rects, texts = [], []
for l in open(sys.argv[1]):
    m = re.match(r"\s*rect ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) fill=#ffffff", l)
    if m:
        rects.append(tuple(map(float, m.groups())))
    m = re.match(r'\s*text ([\d.]+) ([\d.]+) \S+ [\d.]+ \S+ "([\d.]+)"(?: \[[^]]*\])?$', l)
    if m and m.group(3) in ("41.5", "38.5"):
        texts.append((float(m.group(1)), float(m.group(2))))
assert len(texts) >= 2, texts
for x, y in texts:
    assert any(rx <= x and x <= rx + rw and ry <= y <= ry + rh for rx, ry, rw, rh in rects), (x, y)
PY
expect_status 0 "$DOSSIER" -o "$T/chart.pdf" "$T/chart.md"
pdftotext "$T/chart.pdf" "$T/chart.txt"
grep -q 'Region' "$T/chart.txt" || fail "the label column's header is printed nowhere"
grep -q 'Share assessed negatively' "$T/chart.txt" || fail "the series' name is printed nowhere"

# contents: a file without front matter has none (as the README says);
# with a title it has one
printf '# One\n\ntext\n\n# Two\n\ntext\n' > "$T/plain.md"
expect_status 0 "$DOSSIER" -o "$T/plain.pdf" "$T/plain.md"
pdftotext "$T/plain.pdf" - | grep -q 'Contents' && fail "a plain Markdown file got a contents page"
printf -- '---\ntitle: Report\n---\n# One\n\ntext\n\n# Two\n\ntext\n' > "$T/titled.md"
expect_status 0 "$DOSSIER" -o "$T/titled.pdf" "$T/titled.md"
pdftotext "$T/titled.pdf" - | grep -q 'Contents' || fail "a dossier with a title has no contents page"
grep -q 'toc: true .*default: true when the front matter has a title' README.md || fail "the README does not say when toc defaults to true"
echo "layout defects: list-item tables, table numbers, chart labels, contents checked"
