# The PDF draws the glyphs HarfBuzz shapes: for strings in each bundled
# face (Latin, Cyrillic, code, mathematical letters beyond the BMP), the
# glyphs and advances of the line's TJ equal what hb-shape gives for the
# same font and text. CIDs are glyph ids of the embedded subset: each is
# traced back to the face's own glyph by its outline and advance. Copy and
# paste (pdftotext) gives each string back, also where one glyph stands
# for two characters (PT Serif draws U+00B5 and U+03BC with one glyph).
. tests/tools/lib.sh

PY=""
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import pikepdf, fontTools' 2> /dev/null; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || fail "no python3 with pikepdf and fontTools (Debian python3-pikepdf, python3-fonttools)"
command -v hb-shape > /dev/null || fail "hb-shape missing (Debian libharfbuzz-bin)"

# class|font file|css|text: one paragraph each, on one line
cat > "$T/cases" << 'EOF'
f1|PTF55F.ttf|font-family: 'PT Serif'; font-kerning: none|Dossier of the steppe
f2|PTF55F.ttf|font-family: 'PT Serif'; font-kerning: none|Қазақстан және Беларусь
f3|PTS56F.ttf|font-family: 'PT Sans'; font-style: italic; font-kerning: none|Human rights defenders
f4|PTM55F.ttf|font-family: 'PT Mono'; font-kerning: none|printf(x, 42);
f5|DejaVuSans.ttf|font-family: 'DejaVu Sans'; font-kerning: none|Sets 𝖠 and 𝖡 then 𝟘
f6|PTF55F.ttf|font-family: 'PT Serif'|WAVY
EOF
# U+00B5 and U+03BC, U+03A9 and U+2126: one glyph each in PT Serif
printf "f7|PTF55F.ttf|font-family: 'PT Serif'; font-kerning: none|5 \302\265m, \316\274 and \316\251 \342\204\246\n" >> "$T/cases"
{
    printf -- '---\ntoc: false\ncover: false\n---\n\n'
    while IFS='|' read -r cls file css text; do
        printf '```{%s}\n%s\n```\n\n' "$cls" "$text"
    done < "$T/cases"
} > "$T/g.md"
while IFS='|' read -r cls file css text; do
    printf 'div.%s { %s; text-align: left; hyphens: none; font-size: 12pt }\n' "$cls" "$css"
done < "$T/cases" > "$T/g.css"
expect_status 0 "$DOSSIER" -s "$T/g.css" -o "$T/g.pdf" "$T/g.md"

# hb-shape's glyphs for each case; kerning off where the style turns it off
while IFS='|' read -r cls file css text; do
    features=""
    case "$css" in *"font-kerning: none"*) features="--features=-kern" ;; esac
    printf '%s|%s|' "$cls" "$file"
    hb-shape --font-file="fonts/$file" --no-glyph-names --output-format=json $features "$text" | tr -d '\n'
    printf '\n'
done < "$T/cases" > "$T/shaped"

"$PY" - "$T/g.pdf" "$T/shaped" "$T/cases" fonts << 'EOF' || fail "glyphs in the PDF differ from hb-shape's"
import io, json, re, sys, unicodedata
import pikepdf
from fontTools.ttLib import TTFont
from fontTools.pens.recordingPen import DecomposingRecordingPen

pdf = pikepdf.open(sys.argv[1])
shaped = [line.rstrip("\n").split("|", 2) for line in open(sys.argv[2], encoding="utf-8")]
texts = {line.split("|")[0]: line.rstrip("\n").split("|", 3)[3] for line in open(sys.argv[3], encoding="utf-8")}
fonts_dir = sys.argv[4]

def to_unicode(font):
    m = {}
    data = font.ToUnicode.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for cid, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[int(cid, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    return m

def widths(cidfont):
    w, arr, i = {}, list(cidfont.W), 0
    while i < len(arr):
        first = int(arr[i])
        if isinstance(arr[i + 1], pikepdf.Array):
            for k, v in enumerate(arr[i + 1]):
                w[first + k] = float(v)
            i += 2
        else:
            for c in range(first, int(arr[i + 1]) + 1):
                w[c] = float(arr[i + 2])
            i += 3
    return w

def outline(font, gid):
    gs = font.getGlyphSet()
    pen = DecomposingRecordingPen(gs)
    gs[font.getGlyphOrder()[gid]].draw(pen)
    return pen.value, font["hmtx"][font.getGlyphOrder()[gid]][0]

# every TJ of every page: font, the text its CIDs stand for, and each
# glyph's CID and position (1/1000 em from the TJ's start)
runs = []
for page in pdf.pages:
    res = page.Resources.Font
    info = {}
    for name in res.keys():
        f = res[name]
        cf = f.DescendantFonts[0]
        program = TTFont(io.BytesIO(cf.FontDescriptor.FontFile2.read_bytes()))
        info[name] = (str(f.BaseFont).split("+", 1)[1], to_unicode(f), widths(cf), program)
    font = None
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "Tf":
            font = info[str(operands[0])]
        elif str(op) == "TJ":
            pos, glyphs = 0.0, []
            for part in operands[0]:
                if isinstance(part, pikepdf.String):
                    b = bytes(part)
                    for k in range(0, len(b), 2):
                        cid = b[k] << 8 | b[k + 1]
                        glyphs.append((cid, pos))
                        pos += font[2].get(cid, 0)
                else:
                    pos -= float(part)
            text = "".join(font[1].get(c, "\ufffd") for c, _ in glyphs)
            runs.append((font, text, glyphs))

originals = {}
bad = 0
for cls, file, js in shaped:
    want = texts[cls]
    # the run whose glyphs stand for the case's text in ToUnicode; where
    # one glyph stands for two characters it tells the first one seen, a
    # compatibility equivalent of the other
    match = [r for r in runs if r[1] == want] or \
            [r for r in runs if unicodedata.normalize("NFKC", r[1]) == unicodedata.normalize("NFKC", want)]
    if not match:
        print("%s: no TJ draws %r (runs: %r)" % (cls, want, [r[1] for r in runs]))
        bad += 1
        continue
    font, text, glyphs = match[0]
    if file not in originals:
        originals[file] = TTFont("%s/%s" % (fonts_dir, file))
    orig = originals[file]
    upem = orig["head"].unitsPerEm
    hb = json.loads(js)
    if len(hb) != len(glyphs):
        print("%s: %d glyphs in the PDF, hb-shape gives %d" % (cls, len(glyphs), len(hb)))
        bad += 1
        continue
    for k, (g, (cid, pos)) in enumerate(zip(hb, glyphs)):
        if outline(font[3], cid) != outline(orig, g["g"]):
            print("%s: glyph %d is CID %d, not the outline of hb-shape's glyph %d" % (cls, k, cid, g["g"]))
            bad += 1
        adv = (glyphs[k + 1][1] if k + 1 < len(glyphs) else pos + font[2][cid]) - pos
        if abs(adv - g["ax"] * 1000.0 / upem) > 1.5:
            print("%s: glyph %d advances %.1f/1000 em, hb-shape %.1f" % (cls, k, adv, g["ax"] * 1000.0 / upem))
            bad += 1
    print("%s: %d glyphs as hb-shape shapes %r" % (cls, len(glyphs), want))
sys.exit(1 if bad else 0)
EOF

# copy and paste gives every string back
pdftotext "$T/g.pdf" "$T/g.txt"
while IFS='|' read -r cls file css text; do
    grep -qF "$text" "$T/g.txt" || { cat "$T/g.txt" >&2; fail "pdftotext does not give back '$text'"; }
done < "$T/cases"

# beyond the BMP in the document information and the bookmarks too
printf -- '---\ntitle: "Report \360\237\230\200 on \360\235\226\240"\n---\n\n# Chapter \360\237\230\200 one\n\nText.\n' > "$T/o.md"
expect_status 0 "$DOSSIER" -o "$T/o.pdf" "$T/o.md"
"$PY" - "$T/o.pdf" << 'EOF' || fail "characters beyond the BMP lost in the title or the bookmarks"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
title = str(pdf.docinfo.Title)
with pdf.open_outline() as o:
    marks = [str(i.title) for i in o.root]
print(title, marks)
sys.exit(0 if title == "Report \U0001F600 on \U0001D5A0" and "Chapter \U0001F600 one" in marks else 1)
EOF
exit 0
