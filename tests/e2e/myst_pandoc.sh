# MyST and pandoc syntax: {list-table}, {csv-table}, {figure}, {image},
# {math}; heading attributes, bracketed spans (their lang kept), ^sup^,
# ~sub~, roles through one table, unknown roles and directives warned and
# kept, math set as code with one warning, definition lists.
. tests/tools/lib.sh
mkdir -p "$T/doc"
cat > "$T/doc/doc.md" <<'MD'
# Chapter {#chap .special}

## Unnumbered {-}

```{list-table} Detained journalists
:header-rows: 1
:widths: 2 1
:align: l r

* - Name
  - Held since
* - A. Person
  - 2021
```

```{csv-table} Cases by region
:header: Region, Cases
Almaty, 12
```

```{figure} img/map.png
:width: 50%
:align: center
:name: fig-map

Map of the **facilities**.
```

Water is H~2~O and 2^10^ is 1024, ~~struck~~; {sub}`x` {sup}`y` {abbr}`OSCE (Organization for Security)`; an {unknown}`role text`.

A [bracketed span]{.name lang=kk} here.

Inline math $E = mc^2$ costs $5 and $6; spacing $a\,b \{x\}$ keeps its backslashes.

$$
\frac{1}{2} \, \alpha
$$

```{math}
a^2 + b^2 = c^2
```

```{frobnicate}
Body of a box of the author's own.
```

```{toctree}
Body of an unsupported directive.
```

Term
: Definition of the term.
MD
expect_status 0 "$DOSSIER" --dump=tree "$T/doc/doc.md"
cp "$T/out" "$T/tree"
for want in 'heading level=1 id=chap class="special"' 'heading level=2 id=unnumbered class="unnumbered"' \
    'table cols=2 header-rows=1 align=lr widths=2,1' 'text @[0-9:]+ "A. Person"' 'text @[0-9:]+ "Region"' \
    'caption @[0-9:]+$' 'figure class="align-center"' 'image url="img/map.png" width=50%' \
    'html_inline <sub>' 'html_inline <sup>' 'html_inline <abbr>' 'strikethrough' \
    'html_inline <span> class="name" lang=kk' 'code class="math" @[0-9:]+ "E = mc\^2"' \
    'code_block info="math" class="math"' 'container name=frobnicate' 'paragraph <dt>' 'paragraph <dd>' \
    'text @[0-9:]+ "role text"'; do
    grep -Eq -- "$want" "$T/tree" || { cat "$T/tree"; fail "tree lacks: $want"; }
done
grep -q '{#chap\|{-}\|\]{\.name\|\^10\^\|~2~\|{sub}' "$T/tree" && fail "syntax left as text"
grep -q 'costs \$5 and \$6' "$T/tree" || fail "prices with \$ were taken for math"
# backslash escapes inside math are the author's TeX, not Markdown escapes
grep -qF 'code class="math" @33:49 "a\\,b \\{x\\}"' "$T/tree" || { cat "$T/tree"; fail "inline math lost its backslashes or its column"; }
grep -qF '"\\frac{1}{2} \\, \\alpha\n"' "$T/tree" || { cat "$T/tree"; fail "display math lost its backslashes"; }
expect_status 0 "$DOSSIER" -o "$T/doc.pdf" "$T/doc/doc.md"
[ "$(grep -c 'math is not typeset yet' "$T/err")" -eq 1 ] || { cat "$T/err"; fail "not exactly one warning about math"; }
expect_err "doc.md:29:[0-9]+: warning: unknown role \{unknown\}; its text is kept as written"
expect_err "doc.md:[0-9]+:[0-9]+: warning: image 'img/map.png' not found"
expect_err "doc.md:47:1: warning: directive \{toctree\} is not supported; its body is kept"
grep -q 'frobnicate' "$T/err" && fail "a box of the author's own was warned about"
pdftotext "$T/doc.pdf" "$T/doc.txt"
for w in "Detained journalists" "A. Person" 2021 Almaty "Map of the facilities" 1024 "Organization for Security" \
    "bracketed span" "role text" "E = mc^2" 'a\,b \{x\}' '\frac{1}{2} \, \alpha' "a^2 + b^2" "Body of a box of the author" "Body of an unsupported directive" Term "Definition of the term"; do
    grep -qF -- "$w" "$T/doc.txt" || { cat "$T/doc.txt"; fail "'$w' is not in the PDF"; }
done
# {list-table} that is not a list of lists is an error at its position
printf '```{list-table}\nJust text.\n```\n' > "$T/doc/bad.md"
expect_status 1 "$DOSSIER" -o "$T/bad.pdf" "$T/doc/bad.md"
expect_err 'bad.md:1:1: error: a \{list-table\} holds a bullet list of rows'
echo "MyST and pandoc syntax checked"
