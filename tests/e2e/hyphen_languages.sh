# Hyphenation in every language with patterns: the language of the
# document (front matter) or of a block (:lang:) picks the dictionary at
# run time, in its own charset (German's is ISO 8859-1, the others UTF-8).
# A paragraph in each language set in a narrow measure must end lines with
# hyphens; Kazakh and Kyrgyz use the program's own patterns, which must be
# what tools/hyphen_turkic.py writes. The packages for de, fr, es, uk and be
# are installed by tools/deps.sh.
. tests/tools/lib.sh
printf '@page { size: 80mm 250mm; margin: 10mm; }\n' > "$T/narrow.css"
hyphenated() { python3 tests/tools/layout_check.py summary "$T/$1.dump" hyphenated; }
for lang in de fr es uk be kk ky; do
    printf -- '---\nlang: %s\n---\n\n' "$lang" > "$T/$lang.md"
    cat "tests/hyphen/text/$lang.txt" >> "$T/$lang.md"
    expect_status 0 "$DOSSIER" -s "$T/narrow.css" --dump=layout "$T/$lang.md"
    mv "$T/out" "$T/$lang.dump"
    [ ! -s "$T/err" ] || fail "$lang: diagnostics: $(cat "$T/err")"
    n=$(hyphenated "$lang")
    echo "$lang: $n hyphenated lines"
    [ "$n" -ge 3 ] || fail "$lang: only $n hyphenated lines in a narrow measure"
    # the summary counts the line boxes marked hyphenated
    grep -c 'line-box.* hyphen' "$T/$lang.dump" | grep -qx "$n" || fail "$lang: line boxes and summary disagree"
done

# a block in another language than the document's: German patterns for the
# {note} only; the same note without :lang: is hyphenated as English, at
# other points
note() { # note NAME OPTION
    { printf -- '---\nlang: en\n---\n\n```{note}\n%s\n' "$2"; cat tests/hyphen/text/de.txt; printf '```\n'; } > "$T/$1.md"
    expect_status 0 "$DOSSIER" -s "$T/narrow.css" --dump=layout "$T/$1.md"
    mv "$T/out" "$T/$1.dump"
    [ ! -s "$T/err" ] || fail "$1: diagnostics: $(cat "$T/err")"
    # a text line's glyph run follows its text: [gid/cluster/advance ...]
    grep -oE '"[^"]*-"( \[[^]]*\])?$' "$T/$1.dump" | sed 's/ \[.*//' > "$T/$1.ends"
    [ -s "$T/$1.ends" ] || fail "$1: no line ends with a hyphen"
}
note block ':lang: de'
note english ''
[ "$(hyphenated block)" -ge 3 ] || fail "block: German in an English document is not hyphenated"
cmp -s "$T/block.ends" "$T/english.ends" && fail "block: hyphenated as English: $(cat "$T/block.ends")"
printf -- '---\nlang: en\n---\n\n```{note}\n:lang: d e\nText.\n```\n' > "$T/badlang.md"
expect_status 0 "$DOSSIER" -o "$T/badlang.pdf" "$T/badlang.md"
expect_err "badlang.md:[0-9]+:[0-9]+: warning: ':lang:' takes a language tag"

# a language whose patterns are not installed: a warning naming the
# package (the folder stands in for a machine without them)
mkdir "$T/nohyphen"
expect_status 0 env DOSSIER_HYPHEN_DIR="$T/nohyphen" "$DOSSIER" -s "$T/narrow.css" -o "$T/de.pdf" "$T/de.md"
expect_err "warning: no hyphenation patterns for language 'de' are installed \(Debian package hyphen-de\)"
[ "$(grep -c 'hyphenation' "$T/err")" = 1 ] || fail "de: said more than once"
# languages written without hyphens say nothing
printf -- '---\nlang: ar\n---\n\nمرحبا بالعالم.\n' > "$T/ar.md"
expect_status 0 "$DOSSIER" -v -o "$T/ar.pdf" "$T/ar.md"
grep -q "hyphenation" "$T/err" && fail "ar: a note about hyphenation"

# the committed Kazakh and Kyrgyz patterns are the generator's output
for lang in kk ky; do
    python3 tools/hyphen_turkic.py "$lang" > "$T/gen.dic" || fail "the generator failed for $lang"
    file=$(ls hyphen/hyph_"$lang"_*.dic)
    cmp -s "$T/gen.dic" "$file" || fail "$file differs from tools/hyphen_turkic.py $lang"
done
exit 0
