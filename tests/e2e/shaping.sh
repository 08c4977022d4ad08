# Shaping and bidi against the reference: strings in the scripts dossiers
# name people in, each set in a face of the packages tools/deps.sh
# installs (under the tests' own fontconfig configuration), give in the
# layout the glyph ids, clusters, advances and offsets hb-shape gives for
# the same face, text, direction and language, in visual order; and the
# words of a mixed line stand in the visual order UAX #9 gives them.
. tests/tools/lib.sh

# psname -> file, for the bundled faces and the tests' system faces
{
    fc-scan --format '%{postscriptname}\t%{file}\n' fonts/*.ttf
    fc-list --format '%{postscriptname}\t%{file}\n'
} > "$T/fonts.map" || fail "cannot list the fonts"

# one paragraph per string, each in the face named, nothing else on the page
case_file() { # NAME FAMILY TEXT
    cat > "$T/$1.md" <<MD
---
cover: false
toc: false
---

$3
MD
    cat > "$T/$1.css" <<CSS
body { font-family: "$2"; }
@page { @top-left { content: none; } @top-right { content: none; }
        @bottom-left { content: none; } @bottom-right { content: none; } }
CSS
}

check_case() { # NAME FAMILY TEXT
    case_file "$1" "$2" "$3"
    expect_status 0 "$DOSSIER" -s "$T/$1.css" --dump=layout "$T/$1.md"
    [ -s "$T/err" ] && { cat "$T/err" >&2; fail "$1: diagnostics"; }
    cp "$T/out" "$T/$1.dump"
    grep -q "^  text .*\"" "$T/$1.dump" || fail "$1: no text in the layout"
    python3 tests/tools/shape_check.py "$T/$1.dump" "$T/fonts.map" en || fail "$1: glyphs differ from hb-shape"
}

# copy and paste: the PDF's text (poppler's pdftotext, without the bidi
# embedding marks it adds around right-to-left runs) is the string as
# written, in logical order
text_back() { # NAME TEXT
    expect_status 0 "$DOSSIER" -s "$T/$1.css" -o "$T/$1.pdf" "$T/$1.md"
    got=$(pdftotext "$T/$1.pdf" - | python3 -c "import sys; print(' '.join(''.join(c for c in sys.stdin.read() if c not in '\u202a\u202b\u202c\u202d\u202e').split()))")
    [ "$got" = "$2" ] || fail "$1: the PDF gives back '$got', not '$2'"
}

check_case latin-ligatures "PT Serif" "office affluent fjord AVA 1747.7"
text_back latin-ligatures "office affluent fjord AVA 1747.7"
check_case arabic-lam-alef "Noto Sans Arabic" "لا سلام عليكم الإسلام"
check_case arabic-naskh "Noto Naskh Arabic" "لا سلام عليكم الإسلام"
check_case persian-zwnj "Noto Naskh Arabic" "می‌خواهم فارسی بنویسم"
check_case hebrew-numbers "Noto Sans Hebrew" "שלום 2024 עולם 15"
check_case devanagari-conjuncts "Noto Sans Devanagari" "क्षत्रिय हिन्दी द्वारा"
text_back devanagari-conjuncts "क्षत्रिय हिन्दी द्वारा"
check_case thai "Noto Sans Thai" "ภาษาไทย สวัสดี"
text_back thai "ภาษาไทย สวัสดี"
check_case mixed "Noto Sans" "Alaa علاء عبد الفتاح Abd El-Fattah"
check_case emoji "Noto Sans" "family 👨‍👩‍👧 flag 🇰🇿 thumbs 👍🏽"
text_back emoji "family 👨‍👩‍👧 flag 🇰🇿 thumbs 👍🏽"
# (poppler 22 reverses the two letters of a lam-alef ligature's text in
# right-to-left runs, and the characters of other multi-character glyphs
# in Noto Naskh, so the Arabic and Persian strings are compared in the
# layout only)

# the lam-alef ligature: one glyph for two characters in Noto Sans Arabic
# (Noto Naskh draws it as two rlig forms)
grep -F '"لا"' "$T/arabic-lam-alef.dump" | grep -Eq '\[rtl [0-9]+/0/[0-9.]+\]' ||
    fail "lam-alef is not one glyph: $(grep -F '"لا"' "$T/arabic-lam-alef.dump")"
# "office": PT Serif's fi ligature, one glyph over two characters
grep -F '"office' "$T/latin-ligatures.dump" | grep -Eq ' [0-9]+/2/[0-9.]+ [0-9]+/4/' ||
    fail "no fi ligature in 'office'"

# font-variant-ligatures: none and font-feature-settings turn the ligature off
case_file noliga "PT Serif" "office"
echo 'p { font-variant-ligatures: none; }' >> "$T/noliga.css"
expect_status 0 "$DOSSIER" -s "$T/noliga.css" --dump=layout "$T/noliga.md"
grep -F '"office"' "$T/out" | grep -Eq '\[[0-9]+/0/[0-9.]+ [0-9]+/1/[0-9.]+ [0-9]+/2/[0-9.]+ [0-9]+/3/[0-9.]+ [0-9]+/4/' ||
    fail "font-variant-ligatures: none still ligates: $(grep -F '"office"' "$T/out")"
echo 'p { font-variant-ligatures: normal; font-feature-settings: "liga" off; }' >> "$T/noliga.css"
expect_status 0 "$DOSSIER" -s "$T/noliga.css" --dump=layout "$T/noliga.md"
grep -F '"office"' "$T/out" | grep -Eq ' [0-9]+/3/[0-9.]+ ' || fail "font-feature-settings: \"liga\" off still ligates"
# running heads are set with their margin box's features too
printf -- '---\ntitle: office\n---\n\n# office\n\nText.\n' > "$T/head.md"
printf '@page { @top-left { font-variant-ligatures: none; } @top-right { font-variant-ligatures: none; } }\n' > "$T/head.css"
expect_status 0 "$DOSSIER" --dump=layout "$T/head.md"
[ "$(grep -F 'PTSans-Regular 8.00' "$T/out" | grep -F '"office"' | grep -Ec ' [0-9]+/3/[0-9.]+ ')" -eq 0 ] ||
    fail "the running head is not ligated by default: $(grep -F 'PTSans-Regular 8.00' "$T/out")"
expect_status 0 "$DOSSIER" -s "$T/head.css" --dump=layout "$T/head.md"
grep -F 'PTSans-Regular 8.00' "$T/out" | grep -F '"office"' | grep -Eq ' [0-9]+/3/[0-9.]+ ' ||
    fail "font-variant-ligatures: none in a margin box still ligates: $(grep -F 'PTSans-Regular 8.00' "$T/out")"

# visual order: in an English line the Arabic words stand right to left
# (the first in logical order rightmost), the Latin ones left to right
awk '/^  text/ { for (i = 1; i <= NF; i++) if ($i ~ /^"/) { print $2, $i; break } }' "$T/mixed.dump" > "$T/order"
x_of() { awk -v w="\"$1" 'index($2, w) == 1 { print $1; exit }' "$T/order"; }
alaa=$(x_of "Alaa")
a1=$(x_of "علاء")
a3=$(x_of "الفتاح")
abd=$(x_of "Abd")
[ -n "$alaa" ] && [ -n "$a1" ] && [ -n "$a3" ] && [ -n "$abd" ] || fail "words missing from the layout: $(cat "$T/order")"
awk -v a="$alaa" -v b="$a3" -v c="$a1" -v d="$abd" 'BEGIN { exit !(a < b && b < c && c < d) }' ||
    fail "mixed line not in visual order (Alaa $alaa, الفتاح $a3, علاء $a1, Abd $abd)"

# unicode-bidi: isolate keeps a number after an isolated Arabic name on the
# English side (without it, UAX #9 sets it left of the name)
case_file isolate "PT Serif" "User *علاء* 3 posts."
expect_status 0 "$DOSSIER" -s "$T/isolate.css" --dump=layout "$T/isolate.md"
name_x=$(grep -F '"علاء"' "$T/out" | awk '{print $2}')
three_x=$(grep -F '"3' "$T/out" | awk '{print $2}')
awk -v a="$three_x" -v b="$name_x" 'BEGIN { exit !(a < b) }' || fail "without isolate the 3 should precede the name visually"
echo 'em { unicode-bidi: isolate; }' >> "$T/isolate.css"
expect_status 0 "$DOSSIER" -s "$T/isolate.css" --dump=layout "$T/isolate.md"
name_x=$(grep -F '"علاء"' "$T/out" | awk '{print $2}')
three_x=$(grep -F '"3' "$T/out" | awk '{print $2}')
awk -v a="$three_x" -v b="$name_x" 'BEGIN { exit !(a > b) }' || fail "unicode-bidi: isolate: the 3 ($three_x) should follow the name ($name_x)"

# the number ending a right-to-left line stands left of the word before it,
# not at the far margin
olam=$(grep -F '"עולם"' "$T/hebrew-numbers.dump" | awk '{print $2}')
fifteen=$(grep -F '"15"' "$T/hebrew-numbers.dump" | awk '{print $2}')
awk -v a="$fifteen" -v b="$olam" 'BEGIN { exit !(a < b && a > b - 20) }' || fail "15 at $fifteen, עולם at $olam"

# a right-to-left paragraph starts at the right margin, its first word rightmost
case_file rtl-para "Noto Naskh Arabic" "قال المحامي إن الناشط محتجز"
expect_status 0 "$DOSSIER" -s "$T/rtl-para.css" --dump=layout "$T/rtl-para.md"
first=$(grep -F '"قال"' "$T/out" | awk '{print $2}')
last=$(grep -F '"محتجز"' "$T/out" | awk '{print $2}')
awk -v a="$first" -v b="$last" 'BEGIN { exit !(a > b) }' || fail "rtl paragraph: first word at $first, last at $last"

# what no font has (a CJK Extension B ideograph: none of the test fonts
# covers it) is reported at its column, not dropped silently
case_file extb "PT Serif" "Name 𠵱 here"
expect_status 0 "$DOSSIER" -s "$T/extb.css" -o "$T/extb.pdf" "$T/extb.md"
expect_err "extb.md:6:6: warning: .*U\+20D71"
exit 0
