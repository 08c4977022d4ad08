# Code blocks keep their indentation (spaces and tabs to tab-size), are
# never justified or hyphenated, wrap a line too long for the measure under
# its indentation behind a continuation mark, and take {code-block}'s
# caption, line numbers and highlighted lines.
. tests/tools/lib.sh
cat > "$T/narrow.css" <<'CSS'
@page { size: 120mm 250mm; margin: 10mm; }
CSS
# the x of the text run holding TEXT in a layout dump
x_of() {
    awk -v t="$2" 'index($0, "text ") && index($0, "\"" t) { print $2; exit }' "$1"
}
near() { # near A B: |A - B| < 0.05
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 0.05) }'
}
printf '```\nzero\n    four\n        eight\n\ttab\n  \ttabafter2\n```\n' > "$T/indent.md"
expect_status 0 "$DOSSIER" -s "$T/narrow.css" --dump=layout "$T/indent.md"
mv "$T/out" "$T/indent.dump"
x0=$(x_of "$T/indent.dump" zero)
x4=$(x_of "$T/indent.dump" four)
x8=$(x_of "$T/indent.dump" eight)
xt=$(x_of "$T/indent.dump" tab\")
xt2=$(x_of "$T/indent.dump" tabafter2)
[ -n "$x0" ] && [ -n "$x4" ] && [ -n "$x8" ] || { cat "$T/indent.dump"; fail "code lines missing from the dump"; }
awk -v a="$x0" -v b="$x4" 'BEGIN { exit !(b > a + 10) }' || fail "four spaces of indentation lost ($x0 -> $x4)"
near "$(awk -v a="$x0" -v b="$x4" 'BEGIN { print 2 * b - a }')" "$x8" || fail "eight spaces are not twice four ($x0 $x4 $x8)"
near "$xt" "$x4" || fail "a tab at column 0 does not reach column 4 (tab-size 4): $xt vs $x4"
near "$xt2" "$x4" || fail "two spaces and a tab do not reach column 4: $xt2 vs $x4"
# tab-size from the style sheet
printf 'pre { tab-size: 8; }\n' > "$T/tab8.css"
expect_status 0 "$DOSSIER" -s "$T/narrow.css" -s "$T/tab8.css" --dump=layout "$T/indent.md"
near "$(x_of "$T/out" tab\")" "$x8" || fail "tab-size: 8 does not move a tab to column 8"

# a long line wraps under its indentation behind the mark; nothing is lost,
# nothing justified, hyphenated or past the margin
cat > "$T/long.md" <<'MD'
```python
def check(records):
    for record in records:
        assert record.identifier_of_the_detained_person is not None, "every record of a detention names the person held"
    return True
```
MD
expect_status 0 "$DOSSIER" -s "$T/narrow.css" --dump=layout "$T/long.md"
mv "$T/out" "$T/long.dump"
grep -q 'summary.* overfull=0 ' "$T/long.dump" || fail "overfull code lines: $(tail -1 "$T/long.dump")"
grep -q 'line-box.* hyphen' "$T/long.dump" && fail "a code line was hyphenated"
grep 'line-box' "$T/long.dump" | grep -v 'ratio=0.000' && fail "a code line was stretched or shrunk"
marks=$(grep -c '"↪"' "$T/long.dump")
[ "$marks" -ge 1 ] || fail "a wrapped line has no continuation mark"
xa=$(x_of "$T/long.dump" assert)
xm=$(awk 'index($0, "\"↪\"") { print $2; exit }' "$T/long.dump")
awk -v a="$xa" -v m="$xm" 'BEGIN { exit !(m > a) }' || fail "the continuation mark ($xm) is not under the line's indentation ($xa)"
"$DOSSIER" -s "$T/narrow.css" -o "$T/long.pdf" "$T/long.md" 2> /dev/null || fail "no PDF"
# the line read again without its breaks and marks is the source's line
pdftotext "$T/long.pdf" - | tr -d ' \n' | sed 's/↪//g' > "$T/long.txt"
grep -q 'assertrecord.identifier_of_the_detained_personisnotNone,"everyrecordofadetentionnamesthepersonheld"' "$T/long.txt" ||
    fail "the wrapped line lost or changed text: $(cat "$T/long.txt")"
pdftotext -bbox "$T/long.pdf" "$T/long.bbox"
python3 tests/tools/line_ends.py within 311.8 < "$T/long.bbox" || fail "code drawn past the right margin"

# {code-block}: language, caption, numbers from :lineno-start:, highlights
cat > "$T/directive.md" <<'MD'
```{code-block} yaml
:caption: The settings file
:lineno-start: 10
:emphasize-lines: 2

title: Kazakhstan
lang: en
```
MD
expect_status 0 "$DOSSIER" --dump=tree "$T/directive.md"
grep -q 'code_block info="yaml" numbers-from=10 emphasize=2 ' "$T/out" || { cat "$T/out"; fail "{code-block} options not read"; }
grep -q '"title: Kazakhstan\\nlang: en\\n"' "$T/out" || fail "{code-block} body not kept as written"
grep -q 'caption class="caption"' "$T/out" || fail "{code-block} caption missing"
expect_status 0 "$DOSSIER" --dump=layout "$T/directive.md"
grep -q '"10"' "$T/out" && grep -q '"11"' "$T/out" || fail "line numbers 10 and 11 are not drawn"
[ "$(grep -c 'rect.*fill=#fff1b8' "$T/out")" -eq 1 ] || fail "not exactly one highlighted line"
printf '```{code-block}\n:emphasize-lines: two\n\nx\n```\n' > "$T/bad.md"
expect_status 0 "$DOSSIER" -o "$T/bad.pdf" "$T/bad.md"
expect_err 'bad.md:2:1: warning: .:emphasize-lines:. takes line numbers'
echo "code blocks: indentation, tabs, wrapping and {code-block} options checked"
