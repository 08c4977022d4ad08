# The command line: help, version, standard input, several inputs, the
# default output name, dumps.
. tests/tools/lib.sh
expect_status 0 "$DOSSIER" --help
grep -q "usage: dossier" "$T/out" || fail "--help prints no usage"
expect_status 0 "$DOSSIER" --version
grep -Eq "^dossier [0-9]+\.[0-9]+\.[0-9]+$" "$T/out" || fail "--version prints '$(cat "$T/out")'"

printf '# From stdin\n\nПривет, мир.\n' | "$DOSSIER" -o "$T/stdin.pdf" - 2> "$T/err" || fail "standard input did not compile"
pdftotext "$T/stdin.pdf" - | grep -q "Привет, мир." || fail "standard input's text is not in the PDF"
printf 'x\n' | "$DOSSIER" - > /dev/null 2> "$T/err" && fail "standard input without -o should fail"
grep -q "needs -o" "$T/err" || fail "no hint about -o for standard input"

printf -- '---\ntitle: Two chapters\n---\n# First chapter\n\nAlpha text.\n' > "$T/one.md"
printf -- '---\ntitle: Ignored title\nauthor: Second Author\n---\n# Second chapter\n\nBeta text.\n' > "$T/two.md"
expect_status 0 "$DOSSIER" -o "$T/both.pdf" "$T/one.md" "$T/two.md"
pdftotext "$T/both.pdf" "$T/both.txt"
grep -q "Alpha text." "$T/both.txt" && grep -q "Beta text." "$T/both.txt" || fail "an input is missing from the dossier"
grep -q "Two chapters" "$T/both.txt" || fail "the first input's title does not win"
grep -q "Ignored title" "$T/both.txt" && fail "the second input's title overrode the first"
grep -q "Second Author" "$T/both.txt" || fail "keys only the second input has are not merged"
# -D overrides every front matter
expect_status 0 "$DOSSIER" -D "title=Defined title" -o "$T/d.pdf" "$T/one.md"
pdfinfo "$T/d.pdf" | grep -q "Title: *Defined title" || fail "-D did not override the title"

# without -o the PDF goes beside the first input
cp "$T/one.md" "$T/named.md"
expect_status 0 "$DOSSIER" "$T/named.md"
[ -s "$T/named.pdf" ] || fail "default output name not used"

expect_status 0 "$DOSSIER" --dump=tree "$T/one.md"
grep -q "heading level=1 id=first-chapter @4:1" "$T/out" || fail "--dump=tree lacks the heading"
expect_status 0 "$DOSSIER" --dump=layout "$T/one.md"
grep -q "^summary pages=" "$T/out" || fail "--dump=layout lacks its summary"
grep -q "\"Alpha text.\"" "$T/out" || fail "--dump=layout lacks the text"
expect_status 0 "$DOSSIER" --dump=style "$T/one.md"
grep -q "^body" "$T/out" || fail "--dump=style lacks the body"
