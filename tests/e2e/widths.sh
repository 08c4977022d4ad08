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
