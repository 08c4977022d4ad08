# Labels and cross-references: MyST's "(label)=" before a block, :name: on
# directives, {#id} on fenced divs and id="…" on raw HTML name blocks that
# links and {ref} reach; {ref} without text takes its target's title (a
# heading's text, a caption); an unknown label or a label used twice is a
# warning at its position, and no text is lost.
. tests/tools/lib.sh
mkdir -p "$T/doc"
cat > "$T/doc/x.md" <<'EOF'
---
title: References
---

# Introduction

(detentions)=
## Detentions in 2024

See {ref}`detentions`, {ref}`the figure <fig-map>`, {numref}`tbl-cases`, the [box](#box-1), and {ref}`missing`.

::: {#box-1 .note}
A note with an id.
:::

```{figure} img/nothing.png
:name: fig-map

Map of facilities
```

```{list-table} Cases by region
:name: tbl-cases
:header-rows: 1

* - Region
  - Cases
* - Almaty
  - 3
```

<div id="html-box">Raw HTML box.</div>

(box-1)=
Back to [html](#html-box).
EOF
printf 'h2, .note, table, div { break-before: page; }\n' > "$T/pages.css"
expect_status 0 "$DOSSIER" --dump=tree "$T/doc/x.md"
for want in 'heading level=2 id=detentions-in-2024 anchor=detentions' 'container name=note class="note admonition" anchor=box-1' \
    'figure anchor=fig-map' 'table cols=2 .*anchor=tbl-cases' 'anchor=html-box' \
    'link url="#detentions" class="xref"' 'link url="#fig-map" class="xref"' 'link url="#tbl-cases" class="xref"'; do
    grep -Eq -- "$want" "$T/out" || { cat "$T/out"; fail "tree lacks: $want"; }
done
grep -q '(detentions)=' "$T/out" && fail "a target line was printed as text"
expect_status 0 "$DOSSIER" -s "$T/pages.css" -o "$T/x.pdf" "$T/doc/x.md"
expect_err "x.md:10:103: warning: \{ref\} to 'missing', but nothing has that label; its text is kept without a link"
expect_err "x.md:34:1: warning: the label 'box-1' is already used at line 12; links with it go there"
pdftotext "$T/x.pdf" - | tr '\n' ' ' > "$T/text"
for w in "See Detentions in 2024, the figure, Cases by region, the box, and missing." "Back to html."; do
    grep -qF -- "$w" "$T/text" || { cat "$T/text"; fail "'$w' is not in the PDF"; }
done
cat > "$T/links.json" <<'EOF'
{"headings": [], "links": [{"text": "Detentions in 2024", "target_title": "Detentions in 2024"},
  {"text": "Cases by region", "target_title": "Cases by region"},
  {"text": "box", "target_title": "A note with an id."},
  {"text": "html", "target_title": "Raw HTML box."}]}
EOF
python3 tests/tools/pdfcheck.py "$T/x.pdf" links --manifest "$T/links.json" > "$T/check" 2>&1 || { cat "$T/check"; fail "links do not land on their targets"; }
# a reference that reaches nothing is not a link
python3 tests/tools/pdfcheck.py "$T/x.pdf" dump > "$T/dump" || true
grep -q '"text": "missing' "$T/dump" && fail "an unresolved {ref} was made a link"
# --strict refuses the unresolved reference
expect_status 1 "$DOSSIER" --strict -o "$T/strict.pdf" "$T/doc/x.md"
expect_no_file "$T/strict.pdf"
echo "labels and references checked"
