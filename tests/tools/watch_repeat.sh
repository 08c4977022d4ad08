#!/bin/sh
# A --watch session of N builds under valgrind: each rebuild after a
# one-word change of the source; the process must report no error and no
# definite or indirect leak when SIGTERM ends it, so repeated compiles in
# one process leak nothing.
# usage: tests/tools/watch_repeat.sh BUILD_DIR N
. tests/tools/lib.sh
. tests/tools/watch_session.sh
BUILD=$1
N=${2:-20}
W=$T/w
WATCH_CMD="valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --suppressions=tests/valgrind.supp $BUILD/dossier"
write_sources
start_watch
wait_builds 1 120
i=1
while [ "$i" -lt "$N" ]; do
    i=$((i + 1))
    change_source "word$(printf '%s' "$i" | tr 0-9 a-j)"
    wait_builds "$i" 120
done
stop_watch TERM
cat "$W/log"
[ "$(builds)" -eq "$N" ] || fail "$(builds) builds, expected $N"
grep -q "failed" "$W/log" && fail "a build failed"
[ "$watch_status" -eq 0 ] || fail "valgrind reported errors or leaks (exit $watch_status)"
exit 0
