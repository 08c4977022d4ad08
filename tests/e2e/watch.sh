# --watch: a build per change to the source (saved by renaming, as editors
# do), to a style sheet and to a CSV file; a broken source keeps the last
# PDF and prints its diagnostics; fixing it builds again; SIGTERM and
# SIGINT end the watch with status 0 and leave no temporary file.
. tests/tools/lib.sh
. tests/tools/watch_session.sh
W=$T/w
WATCH_CMD=$DOSSIER
write_sources
start_watch
wait_builds 1
pdftotext "$W/out.pdf" - | grep -q "The first word is alpha" || fail "first build: text missing"

change_source omega
wait_builds 2
pdftotext "$W/out.pdf" - | grep -q "The first word is omega" || fail "the changed source was not rebuilt"

change_sheet
wait_builds 3
pdfinfo "$W/out.pdf" | grep -q "419.5.* x 595" || fail "the changed style sheet was not applied"

change_csv
wait_builds 4
pdftotext "$W/out.pdf" - | grep -q "second" || fail "the changed CSV file was not read again"

cp "$W/out.pdf" "$T/good.pdf"
break_source
wait_builds 5
grep -q "src.md:[0-9]*:[0-9]*: error: " "$W/log" || { cat "$W/log"; fail "the broken build printed no diagnostic"; }
grep -qE '^\[[0-9:]+\] failed \(1 error\)' "$W/log" || { cat "$W/log"; fail "no status line for the failed build"; }
cmp -s "$W/out.pdf" "$T/good.pdf" || fail "a failed build replaced the PDF"

fix_source
wait_builds 6
grep -qE '^\[[0-9:]+\] built .*out.pdf: 1 page in [0-9]+ ms$' "$W/log" || { cat "$W/log"; fail "no status line for the fixed build"; }
[ "$(builds)" -eq 6 ] || { cat "$W/log"; fail "more builds than changes"; }

stop_watch TERM
[ "$watch_status" -eq 0 ] || fail "SIGTERM ended the watch with status $watch_status"
ls "$W" | grep -q '\.tmp\.' && fail "a temporary file was left behind"

# SIGINT too (a background job of a script ignores it unless the program
# takes it back)
start_watch
wait_builds 1
stop_watch INT
[ "$watch_status" -eq 0 ] || fail "SIGINT ended the watch with status $watch_status"

# --watch needs a file to write and files to watch
expect_status 2 "$DOSSIER" --watch -o - "$W/src.md"
expect_status 2 "$DOSSIER" --watch --dump=tree "$W/src.md"
exit 0
