# The widths written in the PDF are the widths layout measured: every
# justified line ends exactly at the right margin when read back with
# pdftotext, also when its last character is the highest code point drawn
# (the PDF library writes no width for that one unless told to).
. tests/tools/lib.sh
{
    printf -- '---\ntoc: false\n---\n'
    for i in $(seq 1 60); do printf 'slovo%dҳ дерево%dҳ word%dҳ ' "$i" "$i" "$i"; done
    printf '\n'
} > "$T/w.md"
expect_status 0 "$DOSSIER" -o "$T/w.pdf" "$T/w.md"
pdftotext -bbox "$T/w.pdf" - | python3 -c '
import re, sys
lines = {}
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read()):
    y = round(float(m.group(2)), 1)
    lines.setdefault(y, []).append((float(m.group(1)), float(m.group(3)), m.group(4)))
# the text block (the page number below it is no line of the paragraph)
ends = [max(w[1] for w in ws) for y, ws in sorted(lines.items()) if y < 700]
body = ends[:-1]  # the last line of the paragraph is not justified
if len(body) < 5:
    sys.exit("too few lines: %d" % len(body))
right = max(body)
off = [e for e in body if abs(e - right) > 0.05]
if off:
    sys.exit("justified lines end at different x: %s (margin %.2f)" % (off[:5], right))
if abs(right - 532.91) > 0.2:
    sys.exit("lines end at %.2f, not at the right margin 532.91" % right)
print("%d justified lines all end at %.2f" % (len(body), right))
' || fail "widths in the PDF do not match the layout"

# Kerning: pairs are drawn as layout measured them, across the hyphenation
# points and URL breaks that split a word into several boxes too. English
# text full of kerned pairs ("AV", "To", "y.", "r,") hyphenated and
# justified still ends every line at the margin, and the hyphen is kerned
# with the letter before it.
{
    printf -- '---\ntoc: false\nlang: en\n---\n'
    for i in $(seq 1 40); do
        printf 'WAVY Tower, yearly. Avoid every Travelogue; Tawny oversaw privately. '
        printf 'AVAVAVAV%d ' "$i"
    done
    printf '\n'
} > "$T/k.md"
expect_status 0 "$DOSSIER" -o "$T/k.pdf" "$T/k.md"
check_margin='
import re, sys
lines = {}
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read()):
    y = round(float(m.group(2)), 1)
    lines.setdefault(y, []).append((float(m.group(1)), float(m.group(3)), m.group(4)))
rows = [ws for y, ws in sorted(lines.items()) if y < 700 and y > 70]
body = [max(w[1] for w in ws) for ws in rows[:-1]]
# the hyphen layout adds reads as U+00AD, a soft hyphen
hyphens = sum(1 for ws in rows[:-1] if max(ws, key=lambda w: w[1])[2].endswith(("-", "\u00ad")))
if len(body) < 10:
    sys.exit("too few lines: %d" % len(body))
off = [e for e in body if abs(e - 532.91) > 0.05]
if off:
    sys.exit("kerned lines end at %s, not at the margin 532.91" % off[:5])
print("%d kerned justified lines (%d hyphenated) end at the margin" % (len(body), hyphens))
if hyphens == 0:
    sys.exit("no line ends with a hyphen: the test does not cover hyphenation")
'
pdftotext -bbox "$T/k.pdf" - | python3 -c "$check_margin" || fail "kerned widths in the PDF do not match the layout"

# The pairs tighten the words, and font-kerning: none turns them off.
word_width='
import re, sys
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"[\d.]+\" xMax=\"([\d.]+)\" yMax=\"[\d.]+\">AVAVAVAV1</word>", sys.stdin.read()):
    print("%.2f" % (float(m.group(2)) - float(m.group(1))))
    break
'
kerned=$(pdftotext -bbox "$T/k.pdf" - | python3 -c "$word_width")
printf 'p { font-kerning: none }\n' > "$T/nokern.css"
expect_status 0 "$DOSSIER" -s "$T/nokern.css" -o "$T/n.pdf" "$T/k.md"
plain=$(pdftotext -bbox "$T/n.pdf" - | python3 -c "$word_width")
[ -n "$kerned" ] && [ -n "$plain" ] || fail "word AVAVAVAV1 not found in the PDF"
python3 -c "import sys; k, p = float('$kerned'), float('$plain'); sys.exit(0 if p - k > 5 else 1)" ||
    fail "kerning does not tighten AVAVAVAV1 ($kerned pt kerned, $plain pt with font-kerning: none)"
pdftotext -bbox "$T/n.pdf" - | python3 -c "$check_margin" || fail "unkerned widths in the PDF do not match the layout"

# Figures are not kerned: PT Serif pulls "7," and "7." together by a tenth
# of an em, which would shift numbers in a right-aligned column against
# each other; with tabular figures they line up exactly.
printf -- '---\ntoc: false\n---\n| Region | Votes | Share |\n| --- | ---: | ---: |\n| North | 17,500 | 17.5 |\n| South | 12,500 | 12.5 |\n| East | 7,000 | 7.0 |\n| West | 2,000 | 2.0 |\n' > "$T/fig.md"
expect_status 0 "$DOSSIER" -o "$T/fig.pdf" "$T/fig.md"
pdftotext -bbox "$T/fig.pdf" - | python3 -c '
import re, sys
x = {m.group(3): (float(m.group(1)), float(m.group(2)))
     for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"[\d.]+\" xMax=\"([\d.]+)\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read())}
pairs = [("17,500", "12,500"), ("7,000", "2,000"), ("17.5", "12.5"), ("7.0", "2.0")]
for a, b in pairs:
    if a not in x or b not in x:
        sys.exit("%s or %s not found" % (a, b))
    if abs(x[a][0] - x[b][0]) > 0.01 or abs(x[a][1] - x[b][1]) > 0.01:
        sys.exit("%s at %.2f-%.2f, %s at %.2f-%.2f: figures do not line up" % (a, x[a][0], x[a][1], b, x[b][0], x[b][1]))
print("figures line up in a right-aligned column")
' || fail "figures in a table column do not line up"
