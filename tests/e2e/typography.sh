# Typography of the dossier and of a long document made from it (its body
# repeated to more than 100 pages): no overfull line, no widow, no orphan,
# no heading at a page's foot, no more than two hyphenated lines in a row,
# nothing drawn past the right margin. The engine's own counts (the
# summary of --dump=layout) are checked against the dump's lines and the
# PDF's words, read independently.
. tests/tools/lib.sh
check() { # check NAME SOURCE MIN_PAGES
    expect_status 0 "$DOSSIER" --dump=layout "$2"
    mv "$T/out" "$T/$1.dump"
    [ ! -s "$T/err" ] || { cat "$T/err"; fail "$1: the layout printed diagnostics"; }
    s() { python3 tests/tools/layout_check.py summary "$T/$1.dump" "$2"; }
    for key in overfull widows orphans headings-at-foot; do
        [ "$(s "$1" $key)" = 0 ] || fail "$1: $key=$(s "$1" $key) in '$(tail -1 "$T/$1.dump")'"
    done
    [ "$(s "$1" consecutive-hyphens)" -le 2 ] || fail "$1: $(s "$1" consecutive-hyphens) hyphenated lines in a row"
    [ "$(s "$1" pages)" -ge "$3" ] || fail "$1: only $(s "$1" pages) pages"
    [ "$(s "$1" hyphenated)" -gt 0 ] || fail "$1: no line is hyphenated: is hyphenation working?"
    # the same facts from the dump's lines
    [ "$(grep -c 'line-box.* overfull' "$T/$1.dump")" = 0 ] || fail "$1: a line box is marked overfull"
    python3 tests/tools/layout_check.py splits "$T/$1.dump" || fail "$1: a paragraph leaves a single line on a page"
    # a line box marked hyphen ends in a drawn hyphen
    awk '/line-box/ { if (h == "y" && last != "y") bad = 1; h = / hyphen/ ? "y" : "n"; last = "" }
         /^  text/ { last = ($0 ~ /-"( \[[^]]*\])?$/) ? "y" : "n" }
         END { if (h == "y" && last != "y") bad = 1; exit bad }' "$T/$1.dump" ||
        fail "$1: a line marked hyphenated does not end in a hyphen"
    # and from the PDF: A4 less 22 mm margins leaves the column at 62.36-532.91 pt
    expect_status 0 "$DOSSIER" -o "$T/$1.pdf" "$2"
    pdftotext -bbox "$T/$1.pdf" - | python3 tests/tools/right_edge.py 533.0 || fail "$1: text past the right margin"
}
check kazakhstan sources/kazakhstan.md 5
# the long document: the body 18 times, data files beside it
mkdir -p "$T/long"
cp -r sources/data "$T/long/" 2>/dev/null
python3 tests/tools/repeat_body.py sources/kazakhstan.md 18 > "$T/long/long.md"
check long "$T/long/long.md" 100
# total fit against first fit on the same text: fewer lines looser than the
# tolerance and fewer hyphens
expect_status 0 "$DOSSIER" --first-fit --dump=layout "$T/long/long.md"
mv "$T/out" "$T/first-fit.dump"
s() { python3 tests/tools/layout_check.py summary "$T/$1.dump" "$2"; }
[ "$(s long loose)" -lt "$(s first-fit loose)" ] || fail "total fit: $(s long loose) loose lines, first fit $(s first-fit loose)"
[ "$(s long hyphenated)" -lt "$(s first-fit hyphenated)" ] ||
    fail "total fit: $(s long hyphenated) hyphens, first fit $(s first-fit hyphenated)"
