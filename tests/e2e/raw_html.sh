# Raw HTML that carries meaning is rendered (sup, sub, br, kbd, mark, abbr
# with its title, u, ins, del, s, small, span with class and lang, img with
# src, alt and width; div, aside, details/summary, p, center, headings);
# every other tag is dropped with a warning at its position and its text
# kept; script and style are dropped whole; nothing is fetched.
. tests/tools/lib.sh
cat > "$T/doc.md" <<'MD'
<h1 align="center">Project <i>Dossier</i></h1>

2<sup>7</sup> = 128 and H<sub>2</sub>O; press <kbd>Ctrl</kbd>+<kbd>C</kbd>; <mark>marked</mark>;
<abbr title="Organization for Security and Co-operation in Europe">OSCE</abbr>; <u>under</u> <ins>ins</ins>
<del>gone</del> <s>struck</s> <small>fine print</small> <span class="name" lang="kk">Қазақстан</span>.

| Cell | Other |
|---|---|
| line one<br>line two | x |

<details>
<summary>Show the list</summary>

Hidden **detail** words.

</details>

<aside class="note">
Aside words &amp; an entity &mdash; kept.
</aside>

<div class="warning">

Warning *div* words.

</div>

<script>alert("never shown")</script>

<center>Centred words</center>

<table><tr><td>Alpha</td><td>Beta</td></tr></table>

<p onclick="steal()">Paragraph words</p>
MD
expect_status 0 "$DOSSIER" --dump=tree "$T/doc.md"
tree=$T/out
cp "$T/err" "$T/tree.err"
for want in 'heading level=1 id=project-dossier <h1> class="align-center"' 'html_inline <sup>' 'html_inline <sub>' \
    'html_inline <kbd>' 'html_inline <mark>' 'html_inline <abbr>' 'html_inline <span> class="title"' \
    'html_inline <u>' 'html_inline <ins>' 'strikethrough <del>' 'html_inline <s>' 'html_inline <small>' \
    'html_inline <span> class="name" lang=kk' 'linebreak <br>' 'container name=details <details>' \
    'paragraph <summary>' 'container name=aside <div> class="aside note"' 'container name=div <div> class="warning"' \
    'container name=center <center>' 'text @[0-9:]+ "Aside words & an entity — kept. ?"'; do
    grep -Eq -- "$want" "$tree" || { cat "$tree"; fail "tree lacks: $want"; }
done
grep -q 'never shown' "$tree" && fail "a script's text reached the tree"
# the hidden Markdown is inside <details>, after its summary
awk '/container name=details/ { d = 1 } d && /strong/ { found = 1 } END { exit !found }' "$tree" ||
    fail "the Markdown inside <details> is not its child"
for w in "doc.md:28:1: warning: raw HTML '<script>' is dropped with everything inside it" \
    "doc.md:32:1: warning: raw HTML '<table>' is not rendered; the text inside it is kept" \
    "doc.md:34:1: warning: HTML event attribute 'onclick' on <p> is dropped"; do
    grep -qF -- "$w" "$T/tree.err" || { cat "$T/tree.err"; fail "no warning: $w"; }
done
[ "$(grep -c "'<td>'" "$T/tree.err")" -eq 1 ] || fail "<td> warned about more than once in one block"

# the PDF: every word, the superscript raised, the line break kept
expect_status 0 "$DOSSIER" -o "$T/doc.pdf" "$T/doc.md"
pdftotext -layout "$T/doc.pdf" "$T/doc.txt"
for w in Dossier 128 Ctrl marked OSCE "Organization for Security" under ins gone struck "fine print" Қазақстан \
    "Show the list" "Hidden detail words" "Aside words & an entity — kept" "Warning div words" "Centred words" \
    Alpha Beta "Paragraph words"; do
    grep -qF -- "$w" "$T/doc.txt" || { cat "$T/doc.txt"; fail "'$w' is not in the PDF"; }
done
grep -q 'never shown' "$T/doc.txt" && fail "a script's text reached the PDF"
grep -q 'line one.*line two' "$T/doc.txt" && fail "<br> in a table cell did not break the line"
grep -q 'line one' "$T/doc.txt" && grep -q 'line two' "$T/doc.txt" || fail "a cell's lines are lost"
grep -q 'Alpha Beta' "$T/doc.txt" || fail "HTML table cells are not kept apart by a space"
expect_status 0 "$DOSSIER" --dump=layout "$T/doc.md"
# the 7 of 2<sup>7</sup> is drawn smaller and higher than the 2
awk '/"2"( \[[^]]*\])?$/ && !two { two = $3; size2 = $5 } /"7"( \[[^]]*\])?$/ && !seven { seven = $3; size7 = $5 }
     END { exit !(two && seven && seven < two && size7 < size2) }' "$T/out" ||
    fail "the superscript is not raised and smaller"
# an <img> width attribute sizes the image; a remote src is never fetched
printf '<p align="center"><img src="https://example.org/x.png" alt="Remote logo" width="120"></p>\n' > "$T/img.md"
expect_status 0 "$DOSSIER" --dump=tree "$T/img.md"
grep -q 'image url="https://example.org/x.png" width=90pt <img>' "$T/out" || { cat "$T/out"; fail "<img> attributes not read"; }
expect_status 0 "$DOSSIER" -o "$T/img.pdf" "$T/img.md"
expect_err "img.md:1:[0-9]+: warning: image 'https://example.org/x.png' is not a local file and is never downloaded"
# --strict: dropped HTML is an error
expect_status 1 "$DOSSIER" --strict -o "$T/strict.pdf" "$T/doc.md"
expect_no_file "$T/strict.pdf"
echo "raw HTML: elements, blocks, dropped tags and warnings checked"
