# Per-character fallback: Chinese and Kazakh text under a font that has
# only Latin letters. The Latin-only font is made here (printable ASCII of
# the bundled PT Sans under a family name of its own, tests/tools/latin_font.c)
# and made findable through a fontconfig configuration that adds its folder
# to the tests' own (tests/tools/testfonts.sh). The Kazakh letters must come from the bundled face most
# like it (PT Sans), the Chinese from a system CJK TrueType face (Debian's
# fonts-droid-fallback), each embedded, and the text must round-trip.
. tests/tools/lib.sh

${CC:-cc} -std=c11 -D_XOPEN_SOURCE=700 -O1 -Wall -Wextra -Werror -o "$T/latin_font" tests/tools/latin_font.c \
    $(pkg-config --cflags --libs harfbuzz-subset harfbuzz) || fail "cannot build the font helper"
mkdir -p "$T/fonts" "$T/fccache"
"$T/latin_font" fonts/PTS55F.ttf "$T/fonts/latin.ttf" "Dossier Latin Test" DossierLatinTest-Regular ||
    fail "cannot make the Latin-only font"
# our cache folder first: fontconfig writes to the first one it can
cat > "$T/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <cachedir>$T/fccache</cachedir>
  <include>$FONTCONFIG_FILE</include>
  <dir>$T/fonts</dir>
</fontconfig>
CONF
FONTCONFIG_FILE="$T/fonts.conf"
export FONTCONFIG_FILE
fc-list "Dossier Latin Test" family | grep -q "Dossier Latin Test" || fail "fontconfig does not see the test font"
# the test font really lacks what the test is about
fc-list ":family=Dossier Latin Test:charset=49a" family | grep -q . && fail "the test font has Cyrillic"
fc-list ":family=Dossier Latin Test:charset=4e2d" family | grep -q . && fail "the test font has CJK"

cat > "$T/fb.md" <<'MD'
---
cover: false
toc: false
---

Latin words first. Chinese: 中文测试. Kazakh: Қазақстан Республикасы, өңір.
MD
# no running heads: their PT Sans would hide where the Kazakh comes from
cat > "$T/fb.css" <<'CSS'
body { font-family: "Dossier Latin Test"; }
@page {
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
CSS
expect_status 0 "$DOSSIER" -s "$T/fb.css" -o "$T/fb.pdf" "$T/fb.md"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "diagnostics where every character has a font"; }

# which face draws what (the layout dump names each run's face)
expect_status 0 "$DOSSIER" -s "$T/fb.css" --dump=layout "$T/fb.md"
face_of() {
    grep -F "\"$1" "$T/out" | head -1 | awk '{print $4}'
}
latin=$(face_of "Latin")
kazakh=$(face_of "Қазақстан")
chinese=$(face_of "中文测试")
echo "faces: Latin=$latin Kazakh=$kazakh Chinese=$chinese"
[ "$latin" = "DossierLatinTest-Regular" ] || fail "Latin text is drawn with '$latin', not the test font"
[ "$kazakh" = "PTSans-Regular" ] || fail "Kazakh text is drawn with '$kazakh', not the bundled PT Sans"
[ -n "$chinese" ] || fail "the Chinese text is not in the layout"
case "$chinese" in
DossierLatinTest* | PT* | DejaVu*) fail "Chinese is drawn with '$chinese', which has no CJK" ;;
esac

# each face embedded (pdffonts: name type encoding emb sub uni ...)
pdffonts "$T/fb.pdf" > "$T/fonts.txt" || fail "pdffonts cannot read the PDF"
cat "$T/fonts.txt"
for face in "$latin" "$kazakh" "$chinese"; do
    grep -E "^[A-Z]{6}\+$face +CID TrueType +Identity-H +yes +yes +yes" "$T/fonts.txt" > /dev/null ||
        fail "$face is not embedded as a subset with a ToUnicode map"
done
[ "$(tail -n +3 "$T/fonts.txt" | wc -l)" -eq 3 ] || fail "expected exactly three fonts"

# and the text comes back whole
pdftotext "$T/fb.pdf" - | tr -s ' \n' ' ' > "$T/text.txt"
grep -qF "Latin words first. Chinese: 中文测试. Kazakh: Қазақстан Республикасы, өңір." "$T/text.txt" ||
    fail "the text does not round-trip: $(cat "$T/text.txt")"
exit 0
