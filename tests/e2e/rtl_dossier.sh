# A right-to-left dossier (lang: ar) mirrors: lines end flush at the right
# margin, list numbers stand right of their items, the first table column
# is the rightmost, the running head's title sits top right and reads
# right to left, and a
# left-to-right block inside (code) stays flush left, an Arabic phrase
# in it in its own order. Checked from word
# boxes (pdftotext -bbox; poppler prints right-to-left words reversed, so
# positions are compared, not text).
. tests/tools/lib.sh
[ -n "$(fc-list 'Noto Naskh Arabic' 2>/dev/null)" ] || skip "no Noto Naskh Arabic under the test fonts (fonts-noto-core)"
cat > "$T/ar.md" <<'EOF'
---
title: تقرير قطري
lang: ar
---

# مقدمة

هذا تقرير عن حقوق الإنسان في البلاد. يتناول التقرير الانتخابات والحريات العامة وحرية التعبير، مع توصيات للحكومة والمجتمع الدولي في عام 2024.

1. البند الأول من القائمة
2. البند الثاني من القائمة

| المنطقة | الحالات | الحالة |
|---|---|---|
| ألماتي | 3 | مفتوحة |

```
code stays left
say مرحبا بالعالم
```
EOF
expect_status 0 "$DOSSIER" -o "$T/ar.pdf" "$T/ar.md"
last=$(pdfinfo "$T/ar.pdf" | awk '/^Pages/ {print $2}')
pdftotext -f "$last" -l "$last" -bbox "$T/ar.pdf" "$T/words.html"
python3 - "$T/words.html" <<'EOF' || fail "the Arabic dossier is not mirrored"
import re, sys
words = [(float(a), float(b), float(c), w) for a, b, c, w in
         re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', open(sys.argv[1]).read())]
def line(y):
    return sorted((w for w in words if abs(w[1] - y) < 2), key=lambda w: w[0])
right = max(w[2] for w in words)
# the running head's title (top of the page) ends at the right margin
top = min(w[1] for w in words)
assert abs(max(w[2] for w in line(top)) - right) < 1, "running head title not at the right"
# and reads right to left: its first word (تقرير, reversed by poppler) is
# the rightmost, not drawn in logical order from the left
head = [w[3] for w in line(top)]
assert "ريرقت" in head and "يرطق" in head, f"running head words: {head}"
assert head.index("ريرقت") > head.index("يرطق"), f"running head words in logical order: {head}"
# an Arabic phrase in a code line keeps its own order: first word right
say = [w for w in words if w[3] == "say"]
assert say, "no code line with Arabic"
phrase = [w[3] for w in line(say[0][1])]
assert phrase[0] == "say" and phrase.index("ابحرم") > phrase.index("ملاعلاب"), f"code line: {phrase}"
# list numbers are the rightmost words of their lines, read right to
# left: the full stop left of the figure (poppler reverses them to "1.")
for num in ("1.", "2."):
    n = [w for w in words if w[3] == num]
    assert n, f"no list number {num}"
    ln = line(n[0][1])
    assert ln[-1][3] == num and len(ln) > 1, f"list number {num} is not right of its item: {[w[3] for w in ln]}"
# the first column's header (reversed by poppler: ةقطنملا) is the rightmost cell
hdr = [w for w in words if w[3] == "ةقطنملا"]
assert hdr, "no table header"
assert line(hdr[0][1])[-1][3] == "ةقطنملا", "the first column is not the rightmost"
# the first line of the justified paragraph ends flush at the right margin
# and so does every list item; the code block starts at the left margin
code = [w for w in words if w[3] == "code"]
assert code and code[0][0] < min(w[0] for w in words if w[3] not in ("code", "say")) + 20, "the code block is not flush left"
print("mirrored")
EOF

# a chart in a right-to-left dossier is mirrored: the first category's bar
# at the right, the value axis right of the bars (figures stay figures);
# inline code is an isolate, so its semicolon stays after its bracket
cat > "$T/chart.md" <<'EOF'
---
title: مخطط
lang: ar
cover: false
toc: false
---

اكتب الأمر `f(x) = [a, b];` ثم اضغط.

```{chart}
:type: bar
:caption: الحالات حسب المنطقة
المنطقة,الحالات
ألماتي,117
أستانا,83
شيمكنت,45
```
EOF
expect_status 0 "$DOSSIER" -o "$T/chart.pdf" "$T/chart.md"
pdftotext -f 1 -l 1 -bbox "$T/chart.pdf" "$T/chart.html"
python3 - "$T/chart.html" <<'EOF' || fail "the right-to-left chart is not mirrored"
import re, sys
words = [(float(a), float(c), w) for a, c, w in
         re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', open(sys.argv[1]).read())]
def x(word):
    found = [w for w in words if w[2] == word]
    assert found, f"no {word} in the chart"
    return found[0][0]
assert x("117") > x("83") > x("45"), "the first category is not the rightmost"
assert x("0") > x("117"), "the value axis is not at the right"
assert x("b];") > x("f(x)"), "inline code in Arabic text is reordered"
print("chart mirrored")
EOF
# slanting category labels of several runs (words, digits) follow their
# slanting baseline: each run starts up and to the right of the one before
labels=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do labels="$labels
منطقة ألماتي الكبرى $i,$((i * 7))"; done
printf -- '---\nlang: ar\ncover: false\ntoc: false\n---\n\n```{chart}\n:type: bar\nالمنطقة,الحالات%s\n```\n' "$labels" > "$T/slant.md"
"$DOSSIER" --dump=layout "$T/slant.md" > "$T/slant.layout" 2> "$T/err" || fail "the chart of slanting labels does not compile"
python3 - "$T/slant.layout" <<'EOF' || fail "a slanting label's runs are not on its baseline"
import re, sys
runs = [(float(x), float(y)) for x, y in re.findall(r'^\s*text ([\d.]+) ([\d.]+) .* angle=45 ', open(sys.argv[1]).read(), re.M)]
assert len(runs) > 16, f"too few slanting runs: {len(runs)}"
steps = 0
for (x0, y0), (x1, y1) in zip(runs, runs[1:]):
    dx, dy = x1 - x0, y0 - y1
    if 0 < dx < 40:  # the next run of the same label
        assert abs(dx - dy) < 0.05, f"run at {x1},{y1} is off the baseline of {x0},{y0}"
        steps += 1
assert steps > 16, f"labels of one run only: {steps}"
print("slanting labels on their baselines")
EOF
echo "right-to-left dossier checked"
