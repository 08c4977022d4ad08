# Where the PDF goes: through a symbolic link the named file is replaced
# and the link kept; a pipe (or a device such as /dev/stdout) is written
# in place, never renamed over (as root that replaced /dev/full itself);
# a folder is refused.
. tests/tools/lib.sh
printf '# Title\n\nText.\n' > "$T/in.md"

echo old > "$T/real.pdf"
ln -s real.pdf "$T/link.pdf"
expect_status 0 "$DOSSIER" -o "$T/link.pdf" "$T/in.md"
[ -L "$T/link.pdf" ] || fail "the symbolic link was replaced by a file"
head -c 5 "$T/real.pdf" | grep -q '%PDF-' || fail "the link's target is not the PDF"

mkfifo "$T/pipe.pdf"
cat "$T/pipe.pdf" > "$T/from-pipe" &
reader=$!
expect_status 0 timeout 20 "$DOSSIER" -o "$T/pipe.pdf" "$T/in.md"
wait "$reader"
[ -p "$T/pipe.pdf" ] || fail "the pipe was replaced by a file"
head -c 5 "$T/from-pipe" | grep -q '%PDF-' || fail "nothing came through the pipe"

mkdir "$T/folder.pdf"
expect_status 3 "$DOSSIER" -o "$T/folder.pdf" "$T/in.md"
expect_err "folder.pdf: error: cannot write: it is a folder"
[ -d "$T/folder.pdf" ] || fail "the folder is gone"
ls "$T" | grep -q '\.tmp\.' && fail "a temporary file was left behind"
exit 0
