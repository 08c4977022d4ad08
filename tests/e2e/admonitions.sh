# Admonitions: GitHub alerts ("> [!NOTE]" ...), MyST's {note} ... {seealso}
# and {admonition} Title, in backtick or colon fences, and pandoc's fenced
# divs ("::: {.warning}", "::: name"), nested: each a box of its kind with
# its title, the title's words coming from the style sheet.
. tests/tools/lib.sh
cat > "$T/doc.md" <<'MD'
> [!NOTE]
> Alert note body.

> [!CAUTION]
> Alert caution body.

> [!tip]
> lower case works too.

> [!NOTE] text on the marker's line: a quote, as on GitHub.

> A plain quote stays a quote.

```{tip}
MyST tip body.
```

```{admonition} Sources and method
:class: important

Admonition body.
```

:::{danger} First line of the danger.
Danger body.
:::

::::{seealso}
:::{hint}
Nested hint body.
:::
Outer see-also body.
::::

::: {.warning lang=kk}
Pandoc div body.
:::

::: attention
Bare-name div body.
:::

```python
::: not a fence inside code
```
MD
expect_status 0 "$DOSSIER" --dump=tree "$T/doc.md"
cp "$T/out" "$T/tree"
[ ! -s "$T/err" ] || { cat "$T/err"; fail "diagnostics for valid admonitions"; }
for want in 'container name=note class="admonition note"' 'container name=caution class="admonition caution"' \
    'container name=tip class="tip admonition"' 'container name=admonition class="admonition important"' \
    'caption class="title"' 'container name=danger class="danger admonition"' \
    'container name=seealso class="seealso admonition"' '    container name=hint class="hint admonition"' \
    'container name=warning class="warning admonition" lang=kk' 'container name=attention class="attention admonition"' \
    'blockquote' 'text on the marker.s line: a quote, as on GitHub' 'code_block info="python" @[0-9:]+ "::: not a fence inside code\\n"'; do
    grep -Eq -- "$want" "$T/tree" || { cat "$T/tree"; fail "tree lacks: $want"; }
done
[ "$(grep -c 'caption class="admonition-title"' "$T/tree")" -eq 9 ] || fail "not every admonition without a title has a styled title"
grep -E 'text @[0-9:]+ "(:::|\[!(NOTE|CAUTION|tip)\]")' "$T/tree" && fail "a fence or alert marker is left as text"
# the PDF: titles from the sheet (the Kazakh warning's in Kazakh), bodies kept
expect_status 0 "$DOSSIER" -o "$T/doc.pdf" "$T/doc.md"
pdftotext "$T/doc.pdf" "$T/doc.txt"
grep -qF WARNING "$T/doc.txt" && fail "the Kazakh warning is titled in English"
for w in NOTE CAUTION TIP "SOURCES AND METHOD" DANGER "SEE ALSO" HINT ЕСКЕРТУ ATTENTION "Alert note body" \
    "lower case works too" "A plain quote stays a quote" "MyST tip body" "Admonition body" "First line of the danger" \
    "Danger body" "Nested hint body" "Outer see-also body" "Pandoc div body" "Bare-name div body"; do
    grep -qF -- "$w" "$T/doc.txt" || { cat "$T/doc.txt"; fail "'$w' is not in the PDF"; }
done
# the words are the style sheet's: another sheet changes them
printf 'div.note > header.admonition-title::before { content: "Zur Beachtung"; }\n' > "$T/de.css"
expect_status 0 "$DOSSIER" -s "$T/de.css" -o "$T/de.pdf" "$T/doc.md"
pdftotext "$T/de.pdf" - | grep -q 'ZUR BEACHTUNG' || fail "the title's words do not come from the style sheet"
# {admonition} without a title is a warning
printf '```{admonition}\nNo title.\n```\n' > "$T/notitle.md"
expect_status 0 "$DOSSIER" -o "$T/notitle.pdf" "$T/notitle.md"
expect_err 'notitle.md:1:1: warning: \{admonition\} takes its title'
echo "admonitions: alerts, MyST and pandoc forms, nesting and titles checked"
