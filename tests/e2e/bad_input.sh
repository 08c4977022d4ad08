# Bad input: a clear file:line:col diagnostic, the documented exit status,
# and no PDF left behind.
. tests/tools/lib.sh
out=$T/out.pdf

expect_status 3 "$DOSSIER" -o "$out" "$T/no-such-file.md"
expect_err "no-such-file.md: error: cannot read: No such file or directory"
expect_no_file "$out"

printf '# Title\n\nGood text, then a bad byte: \377 here.\n' > "$T/bad-utf8.md"
expect_status 1 "$DOSSIER" -o "$out" "$T/bad-utf8.md"
expect_err "bad-utf8.md:3:29: error: invalid UTF-8 byte 0xFF"
expect_no_file "$out"

# --replace-invalid turns the error into a warning and compiles
expect_status 0 "$DOSSIER" --replace-invalid -o "$out" "$T/bad-utf8.md"
expect_err "bad-utf8.md:3:29: warning: invalid UTF-8 replaced by U\+FFFD"
[ -s "$out" ] || fail "no PDF with --replace-invalid"
rm -f "$out"

expect_status 2 "$DOSSIER" --no-such-option "$T/bad-utf8.md"
expect_err "unknown option '--no-such-option'"
expect_status 2 "$DOSSIER"
expect_err "no input files"
expect_status 2 "$DOSSIER" --dump=nonsense sources/kazakhstan.md
expect_err "--dump takes tree, style or layout"

printf '# Fine\n\nText.\n' > "$T/fine.md"
expect_status 3 "$DOSSIER" -o "$T/missing-dir/out.pdf" "$T/fine.md"
expect_err "missing-dir/out.pdf: error: cannot write"
expect_no_file "$T/missing-dir/out.pdf"

# --strict turns a warning into an error and writes nothing
printf '# Fine\n\nA link to [nowhere](#no-such-heading).\n' > "$T/warn.md"
expect_status 0 "$DOSSIER" -o "$out" "$T/warn.md"
expect_err "warn.md:3:11: warning: link to '#no-such-heading'"
rm -f "$out"
expect_status 1 "$DOSSIER" --strict -o "$out" "$T/warn.md"
expect_err "warn.md:3:11: error: link to '#no-such-heading'"
expect_no_file "$out"
