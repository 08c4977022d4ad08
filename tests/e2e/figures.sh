# Figures: a standalone image is a figure captioned "Figure N: alt text",
# scaled to fit and never split from its caption; PNG of every kind and
# JPEG carry exactly their pixels into the PDF; image paths are relative
# to the source and may not leave its folder without --allow-path; a bad
# image is an error at its position and no PDF is written.
. tests/tools/lib.sh
CC=${CC:-cc}
mkdir -p "$T/doc/img" "$T/elsewhere"
$CC -std=c11 $(pkg-config --cflags libpng) -o "$T/mkimages" tests/tools/mkimages.c $(pkg-config --libs libpng) -ljpeg ||
    fail "cannot build the image generator"
"$T/mkimages" "$T/doc/img" || fail "the image generator failed"
names="rgb8.png rgb16.png rgba8.png rgba16.png grey1.png grey4.png grey8.png grey16.png greyalpha8.png palette4.png
palette8-trns.png interlaced-rgb8.png interlaced-rgba16.png rgb.jpg grey.jpg progressive.jpg"

# a wide and a tall image, far larger than the page at 96 dpi
python3 - "$T/doc/img" <<'EOF'
import struct, sys, zlib
def png(path, w, h):
    row = b"\0" + bytes((x * 7 % 256, 90, 160) [i] for x in range(w) for i in range(3))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                           chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))
png(sys.argv[1] + "/wide.png", 2400, 300)
png(sys.argv[1] + "/tall.png", 300, 2400)
EOF

{
    printf -- '---\ntitle: Figures\ntoc: false\ncover: false\n---\n# Every kind of image\n\n'
    for n in $names; do
        printf 'The next figure shows %s.\n\n![Image %s](img/%s)\n\n' "$n" "$n" "$n"
    done
    printf 'A wide one.\n\n![A wide image](img/wide.png)\n\nA tall one.\n\n![A tall image](img/tall.png)\n\n'
    printf 'An image inside text ![inline](img/rgb8.png) stays in its line.\n'
} > "$T/doc/figures.md"
# run from elsewhere: paths are relative to the source, not the directory
(cd "$T/elsewhere" && "$OLDPWD/$DOSSIER" -o "$T/figures.pdf" ../doc/figures.md) > "$T/out" 2> "$T/err" ||
    { cat "$T/err"; fail "the figures did not compile"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "the figures gave diagnostics"; }
python3 tests/tools/imagecheck.py "$T/figures.pdf" $names > "$T/images" || { cat "$T/images"; fail "an image's pixels changed"; }

# captions are numbered by the style sheet, each on its image's page
python3 - "$T/figures.pdf" $names <<'EOF' || fail "figure captions are wrong or apart from their images"
import subprocess, sys
pdf, names = sys.argv[1], sys.argv[2:] + ["A wide image", "A tall image"]
pages = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split("\f")
listing = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True).stdout.splitlines()[2:]
image_pages = [int(l.split()[0]) for l in listing if l.split()[2] == "image"]
for k, name in enumerate(names):
    caption = f"Figure {k + 1}: " + (name if name.startswith("A ") else f"Image {name}")
    found = [i + 1 for i, p in enumerate(pages) if caption in p]
    assert len(found) == 1, f"'{caption}' found on pages {found}"
    assert found[0] == image_pages[k], f"'{caption}' is on page {found[0]}, its image on page {image_pages[k]}"
EOF

# scaled to fit: the wide one to the column's width, the tall one to the
# page's height, both keeping their shape
"$DOSSIER" --dump=layout "$T/doc/figures.md" > "$T/layout" 2> /dev/null
python3 - "$T/layout" <<'EOF' || fail "large images are not scaled to fit the page"
import re, sys
images = [tuple(float(v) for v in m.groups()) + (m.string[m.end():].strip(),)
          for m in (re.match(r"\s*image ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ", l) for l in open(sys.argv[1])) if m]
byname = {i[4].rsplit("/", 2)[-2] + "/" + i[4].rsplit("/", 1)[-1]: i for i in images}
x, y, w, h, _ = byname["img/wide.png"]
assert abs(w - 470.55) < 0.5 and abs(w / h - 8) < 0.05 and x >= 62, (x, w, h)
x, y, w, h, _ = byname["img/tall.png"]
assert h <= 0.86 * (841.89 - 2 * 68.03) and abs(h / w - 8) < 0.05 and y + h <= 841.89 - 68.03, (y, w, h)
EOF

# bad images: each an error at its position, exit status 1, no PDF
bad() { # bad NAME MARKDOWN PATTERN
    printf '# Bad image\n\nSome text.\n\n%s\n' "$2" > "$T/doc/$1.md"
    expect_status 1 "$DOSSIER" -o "$T/$1.pdf" "$T/doc/$1.md"
    expect_err "$1.md:5:[0-9]+: error: $3"
    expect_no_file "$T/$1.pdf"
}
printf 'not an image\n' > "$T/doc/img/text.png"
head -c 120 "$T/doc/img/rgba16.png" > "$T/doc/img/truncated.png"
printf '\377\330\377\340 broken jpeg' > "$T/doc/img/broken.jpg"
cp "$T/doc/img/rgb8.png" "$T/elsewhere/outside.png"
ln -s "$T/elsewhere/outside.png" "$T/doc/img/link.png"
# images that cannot be drawn: a warning at the position, a placeholder
# with the path in the PDF, the document's words kept; --strict refuses
placeholder() { # placeholder NAME MARKDOWN PATTERN PATH
    printf '# Bad image\n\nSome text.\n\n%s\n' "$2" > "$T/doc/$1.md"
    expect_status 0 "$DOSSIER" -o "$T/$1.pdf" "$T/doc/$1.md"
    expect_err "$1.md:5:[0-9]+: warning: $3"
    pdftotext "$T/$1.pdf" "$T/$1.txt"
    grep -q 'Some text' "$T/$1.txt" || fail "$1: the text around the image is lost"
    [ -z "$4" ] || grep -qF "$4" "$T/$1.txt" || fail "$1: the placeholder does not show the path $4"
    [ "$(pdfimages -list "$T/$1.pdf" | tail -n +3 | wc -l)" -eq 0 ] || fail "$1: an image was drawn"
    expect_status 1 "$DOSSIER" --strict -o "$T/$1-strict.pdf" "$T/doc/$1.md"
    expect_err "$1.md:5:[0-9]+: error: $3"
    expect_no_file "$T/$1-strict.pdf"
}
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$T/doc/img/logo.svg"
placeholder missing '![Gone](img/no-such.png)' "image 'img/no-such.png' not found" img/no-such.png
placeholder text '![Text](img/text.png)' "cannot use image '.*img/text.png': not a PNG or JPEG file" img/text.png
placeholder truncated '![Cut](img/truncated.png)' "cannot use image '.*img/truncated.png': .*truncated" img/truncated.png
placeholder brokenjpeg '![Cut](img/broken.jpg)' "cannot use image '.*img/broken.jpg'" img/broken.jpg
placeholder svg '![Logo](img/logo.svg)' "image 'img/logo.svg' is SVG" img/logo.svg
placeholder remote '![Chart](https://example.org/chart.png)' "image 'https://example.org/chart.png' is not a local file and is never downloaded" example.org/chart.png
bad escape '![Out](../elsewhere/outside.png)' "image '../elsewhere/outside.png' is outside the source's folder; allow its folder with --allow-path"
bad absolute "![Abs]($T/elsewhere/outside.png)" "image '.*outside.png' is outside the source's folder"
bad symlink '![Link](img/link.png)' "image 'img/link.png' is outside the source's folder"
mkdir "$T/doc/img/folder.png"
placeholder unreadable '![Folder](img/folder.png)' "cannot (read|use) image '.*folder.png'" img/folder.png
placeholder inline 'Text with ![an image](img/no-such.png) inside.' "image 'img/no-such.png' not found" "(img/no-such.png)"
grep -qF 'Text with an image (img/no-such.png) inside' "$T/inline.txt" || fail "inline: the description and path of a missing inline image are not in its place"
# --allow-path lets a folder in
expect_status 0 "$DOSSIER" --allow-path "$T/elsewhere" -o "$T/allowed.pdf" "$T/doc/escape.md"
expect_status 0 "$DOSSIER" --allow-path "$T/elsewhere" -o "$T/allowed.pdf" "$T/doc/symlink.md"
[ "$(pdfimages -list "$T/allowed.pdf" | tail -n +3 | wc -l)" -eq 1 ] || fail "the allowed image is not in the PDF"

# an image in a table cell is measured as the image (200 x 100 px at 96 dpi:
# 150 x 75 pt) when the columns are sized, not as its alt text
python3 - "$T/doc/img" <<'PY'
import struct, sys, zlib
w, h = 200, 100
row = b"\0" + bytes(90 for _ in range(3 * w))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
open(sys.argv[1] + "/cell.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                                        chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))
PY
printf '| Photo | Name |\n|---|---|\n| ![p](img/cell.png) | Someone held since 2021 in the Almaty pre-trial detention centre, whose case the foundation follows |\n' > "$T/doc/cell.md"
expect_status 0 "$DOSSIER" --dump=layout "$T/doc/cell.md"
grep -Eq '^  image [0-9.]+ [0-9.]+ 150\.00 75\.00 .*cell\.png$' "$T/out" || { grep image "$T/out"; fail "an image in a table cell is not drawn 150 x 75 pt"; }
